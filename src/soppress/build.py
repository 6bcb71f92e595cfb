"""The build: the pipeline from sources to files, top to bottom.

    sources -> model -> checks -> views -> page plans -> PDF, HTML, DOCX -> build/

Nothing is written from a project with errors. Each document is computed once as a
view (soppress.views.*), laid out once (its page plan), and every renderer draws
that view; outputs are written atomically."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from soppress.api import check
from soppress.checks.diagnostics import Report
from soppress.errors import UserError
from soppress.layout.flowchart import LayoutError
from soppress.render.docx.document import to_docx
from soppress.render.docx.sop import render_docx
from soppress.render.html.assets import ASSET_DIR, FONT_FILES, file_assets, relative_assets
from soppress.render.html.document import to_html
from soppress.render.html.sop import environment, render
from soppress.render.pdf.document import layout as layout_document
from soppress.render.pdf.document import part_pages
from soppress.render.pdf.archive import archive_pdf
from soppress.render.pdf.sop import plan_sheet
from soppress.render.peta import peta_png, peta_svg, require_dot
from soppress.resources import FONT_DIR
from soppress.sources.project import Project
from soppress.views import keputusan as keputusan_views
from soppress.views.book import book_document
from soppress.views.sop import PlannedSheet, sheet_view

FORMATS = ("pdf", "html", "docx", "arsip")  # arsip: PDF/A-3 with the YAML source attached
DEFAULT_FORMATS = ("pdf", "html", "docx")


@dataclass
class BuildResult:
    report: Report
    written: list[Path] = field(default_factory=list)
    sheets: dict[str, PlannedSheet] = field(default_factory=dict)  # by SOP key


def build(root: Path, out_dir: Path | None = None, formats=DEFAULT_FORMATS, only: list[str] | None = None) -> BuildResult:
    project, report = check(root)
    result = BuildResult(report)
    if report.errors:
        return result  # nothing is written from a project with errors
    require_dot()  # the peta keterkaitan needs it: say so before writing anything
    root, out_dir = project.root, (out_dir or project.root / "build")
    env = environment(root)
    decrees = {k.key: keputusan_views.keputusan_view(project, k) for k in project.keputusan}
    enacted = {info.sop_key: view.enactment(info) for view in decrees.values() for info in view.lampiran}

    for sop_file in project.sops:
        if only and sop_file.key not in only:
            continue
        try:
            view = sheet_view(project, sop_file, enacted.get(sop_file.key))
        except LayoutError as exc:  # checks.limits finds these first; a safety net with the file named
            raise UserError(f"{sop_file.path}: galat: {exc} [alur.gambar]") from None
        laid = plan_sheet(view, env, file_assets(root), str(root))
        view = laid.view  # as laid out (its identity type may be smaller, to fit one page)
        sheet = result.sheets[sop_file.key] = PlannedSheet(view, laid.plan, laid.layout)
        target = out_dir / sop_file.key
        if "html" in formats:
            html = render(view, laid.layout, env, relative_assets(target.with_suffix(".html"), out_dir))
            result.written.append(write_atomic(target.with_suffix(".html"), html.encode("utf-8")))
        if "pdf" in formats:
            result.written.append(write_atomic(target.with_suffix(".pdf"), laid.document.write_pdf()))
        if "arsip" in formats:
            pdf = archive_pdf(laid.document, [(sop_file.path.name, (root / sop_file.path).read_bytes())])
            result.written.append(write_atomic(target.with_suffix(".arsip.pdf"), pdf))
        if "docx" in formats:
            result.written.append(write_atomic(target.with_suffix(".docx"), render_docx(sheet, root)))
    if only:  # the Keputusan and the book need every lampiran: only a full build makes them
        return _with_assets(result, project, out_dir, formats)
    result.written.append(write_atomic(out_dir / "peta-keterkaitan.svg", peta_svg(project).encode("utf-8")))
    for key, view in decrees.items():
        result.written += _keputusan_and_book(project, view, result.sheets, env, out_dir / key, formats)
    return _with_assets(result, project, out_dir, formats)


def _keputusan_and_book(project: Project, view, sheets, env, folder: Path, formats) -> list[Path]:
    root, written = project.root, []
    doc = keputusan_views.document(view)
    if "html" in formats:
        html = to_html(doc, relative_assets(folder / "keputusan.html", folder.parent), env)
        written.append(write_atomic(folder / "keputusan.html", html.encode("utf-8")))
    if "pdf" in formats or "arsip" in formats:
        laid = layout_document(doc, root, env)
        if "pdf" in formats:
            written.append(write_atomic(folder / "keputusan.pdf", laid.write_pdf()))
        if "arsip" in formats:
            pdf = archive_pdf(laid, [(view.file.path.name, (root / view.file.path).read_bytes())])
            written.append(write_atomic(folder / "keputusan.arsip.pdf", pdf))
    if "docx" in formats:
        written.append(write_atomic(folder / "keputusan.docx", to_docx(doc, root)))
    keys = [info.sop_key for info in view.lampiran]
    svg = peta_svg(project, keys)
    written.append(write_atomic(folder / "peta-keterkaitan.svg", svg.encode("utf-8")))
    png = peta_png(project, keys) if "docx" in formats else None
    book = book_document(view, sheets, svg, png)
    laid = layout_document(book, root, env)
    if "pdf" in formats:
        written.append(write_atomic(folder / "buku-sop.pdf", laid.write_pdf()))
    if "docx" in formats:  # its daftar isi shows the pages the PDF book laid out
        pages = part_pages(laid, [section.name for section in book.sections])
        written.append(write_atomic(folder / "buku-sop.docx", to_docx(book_document(view, sheets, svg, png, pages),
                                                                    root)))
    return written


def _with_assets(result: BuildResult, project: Project, out_dir: Path, formats) -> BuildResult:
    """Built HTML refers to the fonts and the lambang relatively, in build/_aset/."""
    if "html" not in formats:
        return result
    assets = out_dir / ASSET_DIR
    for name in FONT_FILES.values():
        file = f"LiberationSans-{name}.ttf"
        result.written.append(write_atomic(assets / "fonts" / file, (FONT_DIR / file).read_bytes()))
    for kop in project.kop.values():
        if kop.logo and (project.root / "letterheads" / kop.logo).is_file():
            data = (project.root / "letterheads" / kop.logo).read_bytes()
            result.written.append(write_atomic(assets / "letterheads" / kop.logo, data))
    return result


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

