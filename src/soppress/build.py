"""The build: the pipeline from sources to files, top to bottom.

    sources -> model -> checks -> views -> page plans -> PDF, HTML, DOCX -> build/

Nothing is written from a project with errors. Each document is computed once as a
view (soppress.views.*), laid out once (its page plan), and every renderer draws
that view. Outputs are staged and moved into place together under a build lock
(soppress.outputs): a failure or a kill leaves the previous outputs as they were."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from soppress.api import check
from soppress.checks.diagnostics import Report
from soppress.errors import UserError
from soppress.outputs import Outputs, build_lock
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
    with build_lock(out_dir), Outputs(out_dir) as out:  # all outputs move into place together, or none
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
            key = sop_file.key
            if "html" in formats:
                html = render(view, laid.layout, env, relative_assets(out_dir / f"{key}.html", out_dir))
                result.written.append(out.write(f"{key}.html", html.encode("utf-8")))
            if "pdf" in formats:
                result.written.append(out.write(f"{key}.pdf", laid.document.write_pdf()))
            if "arsip" in formats:
                pdf = archive_pdf(laid.document, [(sop_file.path.name, (root / sop_file.path).read_bytes())])
                result.written.append(out.write(f"{key}.arsip.pdf", pdf))
            if "docx" in formats:
                result.written.append(out.write(f"{key}.docx", render_docx(sheet, root)))
        if not only:  # the Keputusan and the book need every lampiran: only a full build makes them
            result.written.append(out.write("peta-keterkaitan.svg", peta_svg(project).encode("utf-8")))
            for key, view in decrees.items():
                result.written += _keputusan_and_book(project, view, result.sheets, env, out, key, formats)
        if "html" in formats:
            result.written += _assets(project, out)
    return result


def _keputusan_and_book(project: Project, view, sheets, env, out: Outputs, folder: str, formats) -> list[Path]:
    root, written = project.root, []
    doc = keputusan_views.document(view)
    if "html" in formats:
        html = to_html(doc, relative_assets(out.out_dir / folder / "keputusan.html", out.out_dir), env)
        written.append(out.write(f"{folder}/keputusan.html", html.encode("utf-8")))
    if "pdf" in formats or "arsip" in formats:
        laid = layout_document(doc, root, env)
        if "pdf" in formats:
            written.append(out.write(f"{folder}/keputusan.pdf", laid.write_pdf()))
        if "arsip" in formats:
            pdf = archive_pdf(laid, [(view.file.path.name, (root / view.file.path).read_bytes())])
            written.append(out.write(f"{folder}/keputusan.arsip.pdf", pdf))
    if "docx" in formats:
        written.append(out.write(f"{folder}/keputusan.docx", to_docx(doc, root)))
    keys = [info.sop_key for info in view.lampiran]
    svg = peta_svg(project, keys)
    written.append(out.write(f"{folder}/peta-keterkaitan.svg", svg.encode("utf-8")))
    png = peta_png(project, keys) if "docx" in formats else None
    book = book_document(view, sheets, svg, png)
    laid = layout_document(book, root, env)
    if "pdf" in formats:
        written.append(out.write(f"{folder}/buku-sop.pdf", laid.write_pdf()))
    if "docx" in formats:  # its daftar isi shows the pages the PDF book laid out
        pages = part_pages(laid, [section.name for section in book.sections])
        written.append(out.write(f"{folder}/buku-sop.docx", to_docx(book_document(view, sheets, svg, png, pages),
                                                                    root)))
    return written


def _assets(project: Project, out: Outputs) -> list[Path]:
    """Built HTML refers to the fonts and the lambang relatively, in build/_aset/."""
    written = []
    for name in FONT_FILES.values():
        file = f"LiberationSans-{name}.ttf"
        written.append(out.write(f"{ASSET_DIR}/fonts/{file}", (FONT_DIR / file).read_bytes()))
    for kop in project.kop.values():
        if kop.logo and (project.root / "letterheads" / kop.logo).is_file():
            data = (project.root / "letterheads" / kop.logo).read_bytes()
            written.append(out.write(f"{ASSET_DIR}/letterheads/{kop.logo}", data))
    return written
