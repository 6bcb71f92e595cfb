"""The build: check the project, then render every SOP into build/.

Reads top to bottom like the pipeline it is: load and check, stop on errors,
lay out each SOP, render HTML and PDF, write outputs atomically."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import flowlayout
from .api import check
from .diagnostics import Report
from .project import Project, SopFile
from .render_html import SheetContext, environment
from .render_docx import render_docx
from .render_pdf import RenderedSheet, render_pdf
from .sheet import columns, landscape

FORMATS = ("pdf", "html", "docx")


@dataclass
class BuildResult:
    report: Report
    written: list[Path] = field(default_factory=list)
    sheets: dict[str, tuple[SheetContext, RenderedSheet]] = field(default_factory=dict)  # by SOP key


def build(root: Path, out_dir: Path | None = None, formats=FORMATS, only: list[str] | None = None) -> BuildResult:
    project, report = check(root)
    result = BuildResult(report)
    if report.errors:
        return result  # nothing is written from a project with errors
    out_dir = out_dir or root / "build"
    env = environment(root)
    for sop_file in project.sops:
        if only and sop_file.key not in only:
            continue
        ctx = sheet_context(project, sop_file)
        sheet = render_pdf(ctx, env)
        result.sheets[sop_file.key] = (ctx, sheet)
        target = out_dir / sop_file.key
        if "html" in formats:
            result.written.append(write_atomic(target.with_suffix(".html"), sheet.html.encode("utf-8")))
        if "pdf" in formats:
            result.written.append(write_atomic(target.with_suffix(".pdf"), sheet.document.write_pdf()))
        if "docx" in formats:
            result.written.append(write_atomic(target.with_suffix(".docx"), render_docx(ctx, sheet)))
    return result


def sheet_context(project: Project, sop_file: SopFile) -> SheetContext:
    sop = sop_file.sop
    kop = project.letterhead(sop)
    page = landscape(kop.kertas or project.config.kertas, project.config.margin_mm)
    cols = columns(sop, page)
    layout = flowlayout.build(sop, cols.lanes)
    return SheetContext(project, sop, kop, project.signatory(sop), page, cols, layout,
                        kop.huruf or project.config.huruf)


def write_atomic(target: Path, data: bytes, private: bool = False) -> Path:
    """Write via a temporary file in the same folder: never a half-written output.
    ``private`` outputs (case data) are readable by their owner only."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o600 if private else 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
