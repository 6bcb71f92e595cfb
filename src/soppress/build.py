"""The build: check the project, then render every SOP into build/.

Reads top to bottom like the pipeline it is: load and check, stop on errors,
lay out each SOP, render HTML and PDF, then move every output into place at
once (soppress.outputs: a failure or a kill leaves the previous outputs)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import weasyprint

from soppress.layout import flowchart as flowlayout
from soppress.api import check
from soppress.checks.diagnostics import Report
from soppress.sources.project import Project, SopFile
from soppress.render.html import SheetContext, environment
from soppress.render.docx.buku import render_book_docx, render_keputusan_docx
from soppress.outputs import Outputs, build_lock
from soppress.render.fetcher import fetcher
from soppress.render.peta import peta_png, peta_svg, require_dot
from soppress.render.book_pdf import part_pages, render_book
from soppress.render.docx.sop import render_docx
from soppress.render.keputusan_html import keputusan_context, render_keputusan_html
from soppress.render.pdf import RenderedSheet, render_pdf
from soppress.layout.page import columns, landscape
from soppress.views.text import roman

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
    require_dot()  # the peta keterkaitan needs it: say so before writing anything
    out_dir = out_dir or root / "build"
    env = environment(root)
    with build_lock(out_dir), Outputs(out_dir) as out:  # all outputs move into place together, or none
        for sop_file in project.sops:
            if only and sop_file.key not in only:
                continue
            ctx = sheet_context(project, sop_file)
            sheet = render_pdf(ctx, env)
            result.sheets[sop_file.key] = (ctx, sheet)
            if "html" in formats:
                result.written.append(out.write(f"{sop_file.key}.html", sheet.html.encode("utf-8")))
            if "pdf" in formats:
                result.written.append(out.write(f"{sop_file.key}.pdf", sheet.document.write_pdf()))
            if "docx" in formats:
                result.written.append(out.write(f"{sop_file.key}.docx", render_docx(ctx, sheet)))
        if only:  # the Keputusan and the book need every lampiran: only a full build makes them
            return result
        result.written.append(out.write("peta-keterkaitan.svg", peta_svg(project).encode("utf-8")))
        for kep in project.keputusan:
            result.written += _keputusan_and_book(project, kep, result, env, out, formats)
    return result


def _keputusan_and_book(project: Project, kep, result: BuildResult, env, out: Outputs, formats) -> list[Path]:
    written = []
    folder = kep.key
    ctx = keputusan_context(project, kep)
    html = render_keputusan_html(ctx, env)
    if "html" in formats:
        written.append(out.write(f"{folder}/keputusan.html", html.encode("utf-8")))
    if "pdf" in formats:
        document = weasyprint.HTML(string=html, base_url=str(project.root), url_fetcher=fetcher(project.root)).render()
        written.append(out.write(f"{folder}/keputusan.pdf", document.write_pdf()))
    keys = [item.sop for item in kep.keputusan.lampiran]
    written.append(out.write(f"{folder}/peta-keterkaitan.svg", peta_svg(project, keys).encode("utf-8")))
    _, book, toc = render_book(project, kep, result.sheets, env, out.staged(f"{folder}/peta-keterkaitan.svg"))
    if "pdf" in formats:
        written.append(out.write(f"{folder}/buku-sop.pdf", book.write_pdf()))
    if "docx" in formats:
        written.append(out.write(f"{folder}/keputusan.docx", render_keputusan_docx(ctx)))
        book_docx = render_book_docx(ctx, result.sheets, peta_png(project, keys), part_pages(book, toc))
        written.append(out.write(f"{folder}/buku-sop.docx", book_docx))
    return written


def sheet_context(project: Project, sop_file: SopFile) -> SheetContext:
    sop = sop_file.sop
    kop = project.letterhead(sop)
    page = landscape(kop.kertas or project.config.kertas, project.config.margin_mm)
    cols = columns(sop, page)
    layout = flowlayout.build(sop, cols.lanes)
    return SheetContext(project, sop, kop, project.signatory(sop), page, cols, layout,
                        kop.huruf or project.config.huruf, lampiran_of(project, sop_file))


def lampiran_of(project: Project, sop_file: SopFile) -> tuple[str, str] | None:
    """(roman, header) when a Keputusan of the project enacts this SOP."""
    for kep in project.keputusan:
        if kep.keputusan is None:
            continue
        for i, item in enumerate(kep.keputusan.lampiran):
            if item.sop == sop_file.key:
                return roman(i + 1), kep.keputusan.rujukan
    return None
