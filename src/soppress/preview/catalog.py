"""What the preview shows: every document of a checked project, each with the key of
what it is made from and a way to draw it.

The keys of the SOP sheets, the Keputusan and the SOP books are the incremental build's
own (``soppress.build._units``: the global key, the source file, the letterhead and the
view, which holds every registry entry and link the document prints), so the preview
redraws exactly what a build would make again. Forms and letter templates (drawn on the
synthetic ``letters.contoh`` data) are keyed by their view. Drawing is lazy: a document
is drawn when a page asks for it, and once per key."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from soppress import cache
from soppress.checks.diagnostics import Report
from soppress.views.blocks import Document, PageSpec

ASSET_PREFIX = "/_aset/"


def asset_url(path: str) -> str:
    """Fonts and the project's lambang, served by the preview (see server.asset)."""
    return ASSET_PREFIX + path


@dataclass
class Drawn:
    """A document drawn: its HTML, and its PDF and DOCX made on demand (in memory)."""
    html: str
    pdf: Callable[[], bytes]
    docx: Callable[[], bytes]


@dataclass
class Entry:
    id: str                      # its address below /dok/, e.g. "sop/hst/01-pengaduan-masyarakat"
    title: str
    group: str                   # the index heading it is listed under
    key: str                     # the hash of everything it is made from
    page: PageSpec               # its (first) paper, for the on-screen sheet
    draw: Callable[[], Drawn]
    sheet: bool = False          # an SOP sheet: its page breaks are the PDF's page plan


def _spec(page) -> PageSpec:
    m = page.margin
    return PageSpec(page.width, page.height, m.atas, m.kanan, m.bawah, m.kiri)


def _document(entry_id: str, title: str, group: str, key: str, doc: Callable[[], Document], root: Path,
              env, page: PageSpec) -> Entry:
    def draw() -> Drawn:
        from soppress.render.docx.document import to_docx
        from soppress.render.html.document import to_html
        from soppress.render.pdf.document import to_pdf
        made = doc()
        return Drawn(to_html(made, asset_url, env), lambda: to_pdf(made, root, env), lambda: to_docx(made, root))
    return Entry(entry_id, title, group, key, page, draw)


def entries(project, report: Report) -> list[Entry]:
    """Every document of a project without errors; problems met while listing the
    forms and letters go to ``report``."""
    from soppress import build, jobs
    root = project.root
    state = jobs.prepare(project, root / "build", ("html",))
    units = {u.name: u for u in build._units(project, state, jobs, ("html",), None)}
    found = [_sheet(project, f.key, units[f.key].key, state) for f in project.sops]
    for key, view in state.decrees.items():
        found.append(_keputusan(project, key, view, units[f"{key}/keputusan"].key, state))
        found.append(_book(project, key, view, units[f"{key}/buku-sop"].key, state))
    common = cache.global_key(root)
    found += _forms(project, report, common, state.env)
    found += _letters(project, report, common, state.env)
    return found


def _sheet(project, key: str, unit_key: str, state) -> Entry:
    from soppress import jobs
    view = jobs.view_of(key)

    def draw() -> Drawn:
        from soppress.render.docx.sop import render_docx
        from soppress.render.html.assets import file_assets
        from soppress.render.html.sop import render
        from soppress.render.pdf.sop import plan_sheet
        from soppress.views.sop import PlannedSheet
        laid = plan_sheet(view, state.env, file_assets(project.root), str(project.root))
        html = render(laid.view, laid.layout, state.env, asset_url)
        return Drawn(html, laid.document.write_pdf,
                     lambda: render_docx(PlannedSheet(laid.view, laid.plan, laid.layout), project.root))
    return Entry(f"sop/{key}", f"{view.sop.nomor} {view.sop.nama}".strip(), "Lembar SOP", unit_key,
                 _spec(view.page), draw, sheet=True)


def _keputusan(project, key: str, view, unit_key: str, state) -> Entry:
    from soppress.views import keputusan as keputusan_views
    return _document(f"keputusan/{key}", f"Keputusan {key}", "Keputusan Kepala Dinas", unit_key,
                     lambda: keputusan_views.document(view), project.root, state.env, view.page)


def _book(project, key: str, view, unit_key: str, state) -> Entry:
    """The SOP book, its sheets laid out with their own page plans."""
    def doc() -> Document:
        from soppress import jobs
        from soppress.render.html.assets import file_assets
        from soppress.render.pdf.sop import plan_sheet
        from soppress.render.peta import peta_svg
        from soppress.views.book import book_document
        from soppress.views.sop import PlannedSheet
        sheets = {}
        for info in view.lampiran:
            laid = plan_sheet(jobs.view_of(info.sop_key), state.env, file_assets(project.root), str(project.root))
            sheets[info.sop_key] = PlannedSheet(laid.view, laid.plan, laid.layout)
        keys = [info.sop_key for info in view.lampiran]
        return book_document(view, sheets, peta_svg(project, keys), b"")
    return _document(f"buku/{key}", f"Buku SOP {key}", "Buku SOP", unit_key, doc, project.root, state.env,
                     view.page)


def _forms(project, report: Report, common: str, env) -> list[Entry]:
    from soppress.forms.api import blank_documents, forms, project_kop
    from soppress.forms.load import FOLDER
    if not (project.root / FOLDER).is_dir():
        return []
    docs = blank_documents(project, forms(project.root, report), project_kop(project))
    return [_document(f"formulir/{name}", doc.title or name, "Formulir (kosong dan isian)",
                      cache.digest(common, "formulir", repr(doc)), lambda doc=doc: doc, project.root, env,
                      doc.sections[0].page) for name, doc in docs]


def _letters(project, report: Report, common: str, env) -> list[Entry]:
    """Every letter kind of every unit on synthetic data (never a case)."""
    from soppress.letters.contoh import data_contoh
    from soppress.letters.setup import LetterError, LetterSetup
    from soppress.letters.templates import LetterTemplateError
    from soppress.letters.view import letter_document
    if not (project.root / "letters").is_dir():
        return []
    try:
        setup = LetterSetup.of_project(project)
    except LetterError as exc:
        report.extend(exc.report.diagnostics)
        return []
    found = []
    for unit in setup.settings.unit:
        for jenis in setup.settings.jenis:
            try:
                doc = letter_document(setup, setup.konteks(jenis, unit, data_contoh()), unit)
            except LetterTemplateError as exc:
                report.extend([exc.diagnostic])
                continue
            except LetterError as exc:
                report.extend(exc.report.diagnostics)
                continue
            found.append(_document(f"surat/{unit}/{jenis}", f"{doc.title} ({unit})", "Templat surat (data contoh)",
                                   cache.digest(common, "surat", repr(doc)), lambda doc=doc: doc, project.root, env,
                                   doc.sections[0].page))
    return found
