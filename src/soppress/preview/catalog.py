"""What the preview shows: every document of a checked project, each with the key of
what it is made from and a way to draw it.

The keys of the SOP sheets, the Keputusan and the SOP books are the incremental build's
own (``soppress.build._units``: the global key, the source file, the letterhead and the
view, which holds every registry entry and link the document prints), so the preview
redraws exactly what a build would make again. Forms and letter templates (drawn on the
synthetic ``letters.contoh`` data) are keyed by their view. Drawing is lazy: a document
is drawn when a page asks for it, and once per key."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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
    plan: dict | None = None     # an SOP sheet's PagePlan.to_dict()
    exact: bool = True           # False: a sketch, drawn on an earlier page plan (see Entry.sketch)
    pages: list[PageSpec] = field(default_factory=list)  # its paper, per section, for the sheets on screen

Plans = dict  # SOP key -> (the sheet's key, PagePlan.to_dict()): the plans the preview laid out


@dataclass
class Entry:
    id: str                      # its address below /dok/, e.g. "sop/hst/01-pengaduan-masyarakat"
    title: str
    group: str                   # the index heading it is listed under
    key: str                     # the hash of everything it is made from
    draw: Callable[[Plans], Drawn]
    sheet: bool = False          # an SOP sheet: its page breaks are the PDF's page plan
    # An SOP sheet drawn at once on the page plan of its previous version (no weasyprint
    # layout: milliseconds instead of seconds), while ``draw`` lays it out exactly; None
    # when there is no usable earlier plan.
    sketch: Callable[[Plans], Drawn | None] | None = None


def _spec(page) -> PageSpec:
    m = page.margin
    return PageSpec(page.width, page.height, m.atas, m.kanan, m.bawah, m.kiri)


def _document(entry_id: str, title: str, group: str, key: str, doc: Callable[[Plans], Document], root: Path,
              env) -> Entry:
    def draw(plans: Plans) -> Drawn:
        from soppress.render.docx.document import to_docx
        from soppress.render.html.document import to_html
        from soppress.render.pdf.document import to_pdf
        made = doc(plans)
        return Drawn(to_html(made, asset_url, env), lambda: to_pdf(made, root, env), lambda: to_docx(made, root),
                     pages=[section.page for section in made.sections])
    return Entry(entry_id, title, group, key, draw)


def entries(project, report: Report, memo: dict | None = None, cases: Path | None = None) -> list[Entry]:
    """Every document of a project without errors; problems met while listing the
    forms and letters go to ``report``. ``memo`` keeps the forms and letters between
    calls while the files they are made from are unchanged (an SOP edit does not redo them).
    ``cases``: a case folder, whose case forms are listed filled (only when asked)."""
    from soppress import build, jobs
    root, memo = project.root, {} if memo is None else memo
    state = jobs.prepare(project, root / "build", ("html",))
    units = {u.name: u for u in build._units(project, state, jobs, ("html",), None)}
    found = [_sheet(project, f.key, units[f.key].key, state) for f in project.sops]
    for key, view in state.decrees.items():
        found.append(_keputusan(project, key, view, units[f"{key}/keputusan"].key, state))
        found.append(_book(project, key, view, units[f"{key}/buku-sop"].key, state,
                           {f.key: units[f.key].key for f in project.sops}))
    common = cache.global_key(root)
    found += _monev(project, common, state.env)
    for name, make, folders in (("forms", _forms, ("forms", "letterheads")),
                                ("letters", _letters, ("letters", "letterheads", "registri"))):
        key = cache.digest(common, date.today().isoformat(),
                           *(cache.tree_digest(root / d, root) if (root / d).is_dir() else "-" for d in folders))
        if memo.get(name, ("",))[0] != key:
            made = Report()
            memo[name] = (key, make(project, made, common, state.env), made.diagnostics)
        report.extend(memo[name][2])
        found += memo[name][1]
    return found + (_cases(project, report, cases, common, state.env) if cases is not None else [])


def _lay_out(project, key: str, state, plans: Plans):
    """An SOP's sheet laid out with weasyprint: its page plan, layout and PDF (1-2 s;
    one pass when its last plan in ``plans`` still holds)."""
    from soppress import jobs
    from soppress.render.html.assets import file_assets
    from soppress.layout.pagination import PagePlan
    from soppress.render.pdf.sop import plan_sheet
    known = plans.get(key)
    return plan_sheet(jobs.view_of(key), state.env, file_assets(project.root), str(project.root),
                      PagePlan.read(known and known[1]))


def _planned(project, key: str, state, plans: Plans, unit_key: str):
    """An SOP's sheet on its page plan: the one in ``plans`` if laid out from the same
    key (the build's reuse of cached plans), else laid out now and recorded there."""
    from soppress import jobs
    from soppress.views.sop import PlannedSheet
    known = plans.get(key)
    if known is not None and known[0] == unit_key:
        return jobs.planned(key, known[1])
    laid = _lay_out(project, key, state, plans)
    plans[key] = (unit_key, laid.plan.to_dict())
    return PlannedSheet(laid.view, laid.plan, laid.layout)


def _sheet(project, key: str, unit_key: str, state) -> Entry:
    from soppress import jobs
    from soppress.render.html.sop import render
    view = jobs.view_of(key)

    def draw(plans: Plans) -> Drawn:
        from soppress.render.docx.sop import render_docx
        from soppress.views.sop import PlannedSheet
        laid = _lay_out(project, key, state, plans)
        plans[key] = (unit_key, laid.plan.to_dict())
        sheet = PlannedSheet(laid.view, laid.plan, laid.layout)
        return Drawn(render(sheet.view, sheet.layout, state.env, asset_url), laid.document.write_pdf,
                     lambda: render_docx(sheet, project.root), plans[key][1], pages=[_spec(view.page)])

    def sketch(plans: Plans) -> Drawn | None:
        from soppress.build import _valid_plan
        known = plans.get(key)
        plan = _valid_plan(known[1], len(view.layout.rows)) if known is not None else None
        if plan is None:
            return None
        sheet = jobs.planned(key, plan)

        def exact(fmt: str) -> bytes:
            made = draw(plans)
            return made.pdf() if fmt == "pdf" else made.docx()
        return Drawn(render(sheet.view, sheet.layout, state.env, asset_url), lambda: exact("pdf"),
                     lambda: exact("docx"), plan, exact=False, pages=[_spec(view.page)])
    return Entry(f"sop/{key}", f"{view.sop.nomor} {view.sop.nama}".strip(), "Lembar SOP", unit_key,
                 draw, sheet=True, sketch=sketch)


def _keputusan(project, key: str, view, unit_key: str, state) -> Entry:
    from soppress.views import keputusan as keputusan_views
    return _document(f"keputusan/{key}", f"Keputusan {view.doc.nomor} ({key})", "Keputusan Kepala Dinas", unit_key,
                     lambda plans: keputusan_views.document(view), project.root, state.env)


def _book(project, key: str, view, unit_key: str, state, sheet_keys: dict[str, str]) -> Entry:
    """The SOP book, its sheets drawn on their page plans (laid out once, as the build
    does); its DOCX as ``jobs.book`` makes it (the peta as PNG, the PDF's part pages)."""
    def draw(plans: Plans) -> Drawn:
        from soppress.render.docx.document import to_docx
        from soppress.render.html.document import to_html
        from soppress.render.pdf.document import layout, part_pages
        from soppress.render.peta import peta_png, peta_svg
        from soppress.views.book import book_document
        sheets = {info.sop_key: _planned(project, info.sop_key, state, plans, sheet_keys[info.sop_key])
                  for info in view.lampiran}
        keys = [info.sop_key for info in view.lampiran]
        svg = peta_svg(project, keys)
        document = book_document(view, sheets, svg, None)  # the HTML and the PDF draw the SVG

        def docx() -> bytes:
            pages = part_pages(layout(document, project.root, state.env), [s.name for s in document.sections])
            return to_docx(book_document(view, sheets, svg, peta_png(project, keys), pages), project.root)
        return Drawn(to_html(document, asset_url, state.env),
                     lambda: layout(document, project.root, state.env).write_pdf(), docx,
                     pages=[section.page for section in document.sections])
    return Entry(f"buku/{key}", f"Buku SOP {key}", "Buku SOP", unit_key, draw)


def _ready(entry_id: str, title: str, group: str, doc: Document, project, common: str, env) -> Entry:
    """A document whose view is already made (forms, letters): keyed by that view."""
    return _document(entry_id, title, group, cache.digest(common, entry_id, repr(doc)), lambda plans: doc,
                     project.root, env)


def _form_entries(project, docs, common: str, env) -> list[Entry]:
    return [_ready(f"formulir/{name}", f"{doc.title or name} ({name.rsplit('-', 1)[-1]})",
                   "Formulir (kosong dan isian)", doc, project, common, env) for name, doc in docs]


def _forms(project, report: Report, common: str, env) -> list[Entry]:
    """The forms of forms/, blank and fillable (they depend on forms/ and the kop only)."""
    from soppress.forms.api import forms, project_kop, project_page
    from soppress.forms.load import FOLDER
    from soppress.views.form import form_view
    if not (project.root / FOLDER).is_dir():
        return []
    kop, page = project_kop(project), project_page(project)  # as forms.api.blank_documents, without monev
    docs = [(f"{key}-{mode}", form_view(form, kop, mode, page=page))
            for key, form in forms(project.root, report).items() for mode in ("kosong", "isian")]
    return _form_entries(project, docs, common, env)


def _monev(project, common: str, env) -> list[Entry]:
    """The monitoring sheet of every SOP, blank and fillable."""
    from soppress.forms.api import blank_documents, project_kop
    return _form_entries(project, blank_documents(project, {}, project_kop(project)), common, env)


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
            found.append(_ready(f"surat/{unit}/{jenis}", f"{doc.title} ({unit})", "Templat surat (data contoh)",
                                doc, project, common, env))
    return found


def _cases(project, report: Report, folder: Path, common: str, env) -> list[Entry]:
    """Every case form filled from every case file of ``folder``: drawn in memory only.
    Problems in a case file are named by field, never by value (soppress.cases.load)."""
    from soppress.cases.load import load_cases
    from soppress.forms.api import filled_document, forms, project_kop
    kop, found = project_kop(project), []
    case_forms = {key: form for key, form in forms(project.root, Report()).items() if form.kasus}
    for case_file in load_cases(folder, report):
        if case_file.kasus is None:
            continue
        for key, form in case_forms.items():
            doc, _missing = filled_document(project, form, case_file.kasus, kop)
            found.append(_ready(f"kasus/{case_file.path.stem}/{key}", f"{form.nama}: {case_file.path.stem}",
                                "Formulir terisi (data kasus)", doc, project, common, env))
    return found
