"""The work units of a build: one SOP sheet, one Keputusan, one peta, and the SOP book in
parts: its front matter, each lampiran, the DOCX, and the PDF joined from the parts.

They run in worker processes (or in the building process for a one-job build). A unit
gets names and plain data only (SOP keys, page plans as PagePlan.to_dict()) and returns
a ``Done``: the files it wrote with their hashes, and for a sheet its page plan. The
project, its views and the template environment are prepared once per process
(``prepare``; a forked worker inherits them, another one loads the project again).

This module imports the renderers (weasyprint, docx, graphviz): only a build that has
something to render imports it."""
from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from soppress.errors import UserError
from soppress.outputs import write_atomic
from soppress.layout.flowchart import LayoutError
from soppress.layout.pagination import PagePlan, paginate
from soppress.render.docx import diskcache as docx_cache
from soppress.render.docx.document import to_docx
from soppress.render.docx.sop import render_docx
from soppress.render.html.assets import file_assets, relative_assets
from soppress.render.html.document import to_html
from soppress.render.html.sop import environment, render
from soppress.render.pdf.document import layout as layout_document
from soppress.render.pdf.document import join, page_count, part_pages
from soppress.render.pdf.archive import archive_pdf
from soppress.render.pdf.sop import plan_sheet
from soppress.render.peta import peta_png, peta_svg
from soppress.sources.project import Project
from soppress.views import keputusan as keputusan_views
from soppress.views.book import book_document, first_pages, split
from soppress.views.sop import PlannedSheet, SheetView, sheet_view


@dataclass
class Done:
    name: str                                           # the document, as the summary names it
    written: dict[str, str] = field(default_factory=dict)  # path relative to the build folder -> sha256
    plan: dict | None = None                            # a sheet's PagePlan.to_dict()
    pages: dict[str, int] | None = None                 # a book part: its pages (""), where its sections start
    error: str | None = None                            # an Indonesian message when it failed


@dataclass
class State:
    project: Project
    out_dir: Path
    formats: tuple[str, ...]
    staging: Path | None = None                   # where units write; the build moves the files into place
    env: object = None
    decrees: dict = field(default_factory=dict)   # Keputusan key -> KeputusanView
    enacted: dict = field(default_factory=dict)   # SOP key -> how a Keputusan enacts it (views.keputusan.Enactment)
    views: dict = field(default_factory=dict)     # SOP key -> SheetView (made on first use)


_state: State | None = None


def prepare(project: Project, out_dir: Path, formats, staging: Path | None = None) -> State:
    """Compute what every unit reads (done in the building process before the workers fork)."""
    global _state
    decrees = {k.key: keputusan_views.keputusan_view(project, k) for k in project.keputusan}
    enacted = {info.sop_key: view.enactment(info) for view in decrees.values() for info in view.lampiran}
    _state = State(project, out_dir, tuple(formats), staging, environment(project.root), decrees, enacted)
    # DOCX bytes kept between a build's workers and the next build; only a build
    # (which stages its outputs) keeps them: the preview writes nothing
    docx_cache.use(Path(out_dir) / PARTS / "docx" if staging is not None else None)
    return _state


def end_with_parent() -> None:
    """Make this worker end when the process that started it dies (a build killed with
    SIGKILL cannot shut its pool down: its workers would otherwise wait on their queue
    forever). Linux's PR_SET_PDEATHSIG; elsewhere nothing."""
    import multiprocessing
    import os
    import signal
    import sys
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # it died before prctl took effect
        os._exit(1)


def init_worker(root: Path, out_dir: Path, formats, staging: Path | None = None) -> None:
    """A worker that did not inherit the prepared state (spawn, forkserver) loads the project."""
    end_with_parent()
    if _state is None or _state.project.root != root:
        from soppress.api import check
        prepare(check(root)[0], out_dir, formats, staging)


def view_of(key: str) -> SheetView:
    s = _state
    if key not in s.views:
        sop_file = next(f for f in s.project.sops if f.key == key)
        try:
            s.views[key] = sheet_view(s.project, sop_file, s.enacted.get(key))
        except LayoutError as exc:  # checks.limits finds these first; a safety net with the file named
            raise UserError(f"{sop_file.path}: galat: {exc} [alur.gambar]") from None
    return s.views[key]


def planned(key: str, plan: dict) -> PlannedSheet:
    """An SOP's sheet from its page plan, without laying it out again (in the identity
    type it was laid out with)."""
    page_plan = PagePlan.from_dict(plan)
    view = dataclasses.replace(view_of(key), identity_pt=page_plan.identity_pt)
    return PlannedSheet(view, page_plan, paginate(view.layout, page_plan.pages))


def run(unit: str, name: str, *args) -> Done:
    """Run one unit; a failure is reported, not raised (SOPPRESS_DEBUG=1 raises it)."""
    done = Done(name)
    try:
        UNITS[unit](done, *args)
    except UserError as exc:
        done.error, done.written = str(exc), {}
    except Exception as exc:  # noqa: BLE001 - one document failing does not stop the others
        if os.environ.get("SOPPRESS_DEBUG") == "1":
            raise
        done.error, done.written = f"galat internal ({type(exc).__name__})", {}
    return done


def _write(done: Done, rel: str, data: bytes) -> None:
    """Into the build's staging folder (the build moves it into place), or straight in
    place, atomically, for a unit run outside a build."""
    s = _state
    if s.staging is not None:
        target = Path(s.staging) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    else:
        write_atomic(s.out_dir / rel, data)
    done.written[rel] = hashlib.sha256(data).hexdigest()


def sheet(done: Done, key: str, guess: dict | None = None, formats: tuple[str, ...] | None = None) -> None:
    """An SOP's sheet laid out (its page plan), in ``formats`` (default: the build's);
    ``guess``: its page plan of the last build, the first one tried."""
    s, root = _state, _state.project.root
    formats = s.formats if formats is None else formats
    laid = plan_sheet(view_of(key), s.env, file_assets(root), str(root), PagePlan.read(guess))
    done.plan = laid.plan.to_dict()
    if "pdf" in formats:
        _write(done, f"{key}.pdf", laid.document.write_pdf())
    if "arsip" in formats:
        source = next(f for f in s.project.sops if f.key == key).path
        _write(done, f"{key}.arsip.pdf", archive_pdf(laid.document, [(source.name, (root / source).read_bytes())]))
    _drawn(done, key, PlannedSheet(laid.view, laid.plan, laid.layout), formats)


def sheet_drawn(done: Done, key: str, formats: tuple[str, ...], plans: dict[str, dict]) -> None:
    """An SOP's HTML and DOCX, drawn from its page plan (the sheet unit laid it out), so
    that the book's units need not wait for them."""
    _drawn(done, key, planned(key, plans[key]), formats)


def _drawn(done: Done, key: str, sheet: PlannedSheet, formats) -> None:
    s, root = _state, _state.project.root
    if "html" in formats:  # the view as laid out (its identity type may be smaller, to fit one page)
        html = render(sheet.view, sheet.layout, s.env, relative_assets(s.out_dir / f"{key}.html", s.out_dir))
        _write(done, f"{key}.html", html.encode("utf-8"))
    if "docx" in formats:
        _write(done, f"{key}.docx", render_docx(sheet, root))


def keputusan(done: Done, key: str) -> None:
    s, root = _state, _state.project.root
    doc = keputusan_views.document(s.decrees[key])
    if "html" in s.formats:
        html = to_html(doc, relative_assets(s.out_dir / key / "keputusan.html", s.out_dir), s.env)
        _write(done, f"{key}/keputusan.html", html.encode("utf-8"))
    if "pdf" in s.formats or "arsip" in s.formats:
        laid = layout_document(doc, root, s.env)
        if "pdf" in s.formats:
            _write(done, f"{key}/keputusan.pdf", laid.write_pdf())
        if "arsip" in s.formats:
            source = s.decrees[key].file.path
            _write(done, f"{key}/keputusan.arsip.pdf", archive_pdf(laid, [(source.name, (root / source).read_bytes())]))
    if "docx" in s.formats:
        _write(done, f"{key}/keputusan.docx", to_docx(doc, root))


PARTS = ".bagian"  # build/.bagian/<Keputusan>/<part>.pdf: the PDF book's parts, kept for the next build
FRONT = "depan"    # the front matter's part: cover, Keputusan, daftar isi, penjelasan, peta
MAX_FRONT_PASSES = 3


def part_path(key: str, part: str) -> str:
    return f"{PARTS}/{key}/{part}.pdf"


def peta_png_path(key: str) -> str:
    return f"{PARTS}/{key}/peta.png"


def _book(key: str, plans: dict[str, dict], pages: dict[str, int] | None = None,
          peta: tuple[str, bytes | None] = ("", None)):
    """The book's view from its lampiran's page plans (drawn, not laid out again);
    ``peta``: its SVG and PNG (none for a part that does not show it)."""
    view = _state.decrees[key]
    sheets = {info.sop_key: planned(info.sop_key, plans[info.sop_key]) for info in view.lampiran}
    return book_document(view, sheets, *peta, pages), [info.anchor for info in view.lampiran]


def _peta_keys(key: str) -> list[str]:
    return [info.sop_key for info in _state.decrees[key].lampiran]


def book_front(done: Done, key: str, plans: dict[str, dict], counts: list, guess: int | None) -> None:
    """The front matter. Its daftar isi prints where each lampiran starts, which follows
    from its own page count: laid out with ``guess`` (the last build's count), and again
    if the count came out different."""
    document, anchors = _book(key, plans, peta=(peta_svg(_state.project, _peta_keys(key)), None))
    front, _ = split(document, anchors)
    pages = guess
    for _ in range(MAX_FRONT_PASSES):
        laid = layout_document(front, _state.project.root, _state.env, toc_pages=first_pages(counts, pages or 0))
        if len(laid.pages) == pages:
            break
        pages = len(laid.pages)
    else:
        raise UserError(f"{key}: galat: halaman buku SOP tidak dapat ditetapkan [buku.halaman]")
    done.pages = {"": pages, **part_pages(laid, [section.name for section in front.sections])}
    _write(done, part_path(key, FRONT), laid.write_pdf())


def book_part(done: Done, key: str, plans: dict[str, dict], anchor: str, first: int) -> None:
    """One lampiran of the PDF book, numbered from the page it starts on."""
    document, anchors = _book(key, plans)
    laid = layout_document(split(document, anchors)[1][anchor], _state.project.root, _state.env, first_page=first)
    done.pages = {"": len(laid.pages)}
    _write(done, part_path(key, anchor), laid.write_pdf())


def book_peta(done: Done, key: str) -> None:
    """The book's peta keterkaitan: the SVG, and for the DOCX book a PNG (graphviz takes about
    a second for it), kept for the next build."""
    _write(done, f"{key}/peta-keterkaitan.svg", peta_svg(_state.project, _peta_keys(key)).encode("utf-8"))
    if "docx" in _state.formats:
        _write(done, peta_png_path(key), peta_png(_state.project, _peta_keys(key)))


def book_docx(done: Done, key: str, plans: dict[str, dict], pages: dict[str, int]) -> None:
    """The DOCX book; its daftar isi shows the pages of the PDF book."""
    peta = (_read(f"{key}/peta-keterkaitan.svg").decode("utf-8"), _read(peta_png_path(key)))
    document, _ = _book(key, plans, pages, peta)
    _write(done, f"{key}/buku-sop.docx", to_docx(document, _state.project.root))


def book(done: Done, key: str, plans: dict[str, dict], counts: list | None = None) -> None:
    """The PDF book joined from its parts (``counts``: each lampiran's pages as planned);
    without them (no PDF, no DOCX: an HTML build), the peta alone. A part that came out
    with other pages than planned would shift every number after it: then the book is
    laid out whole, as one document."""
    s = _state
    if counts is None:
        _write(done, f"{key}/peta-keterkaitan.svg", peta_svg(s.project, _peta_keys(key)).encode("utf-8"))
        return
    anchors = [anchor for anchor, _ in counts]
    parts = [_read(part_path(key, part)) for part in [FRONT] + anchors]
    if [page_count(part) for part in parts[1:]] == [pages for _, pages in counts]:
        _write(done, f"{key}/buku-sop.pdf", join(parts))
    else:  # a lampiran paginates as its sheet (views.book): a safety net
        document, _ = _book(key, plans, peta=(peta_svg(s.project, _peta_keys(key)), None))
        _write(done, f"{key}/buku-sop.pdf", layout_document(document, s.project.root, s.env).write_pdf())


def _read(rel: str) -> bytes:
    """A file of this build (staging) or, unchanged, of the last one."""
    s = _state
    staged = Path(s.staging) / rel if s.staging is not None else None
    return (staged if staged is not None and staged.is_file() else s.out_dir / rel).read_bytes()


def peta(done: Done) -> None:
    _write(done, "peta-keterkaitan.svg", peta_svg(_state.project).encode("utf-8"))


UNITS = {"sheet": sheet, "sheet_drawn": sheet_drawn, "keputusan": keputusan, "book": book, "book_front": book_front, "book_part": book_part,
         "book_docx": book_docx, "book_peta": book_peta, "peta": peta}
