"""The build: the pipeline from sources to files, top to bottom.

    fingerprint -> sources -> model -> checks -> views -> what changed -> page plans ->
    PDF, HTML, DOCX (in parallel) -> build/ -> manifest

Nothing is written from a project with errors. Each document is computed once as a
view (soppress.views.*), laid out once (its page plan), and every renderer draws that
view. Outputs are written to a staging folder and moved into place together under a
build lock (soppress.outputs): a kill leaves every output old or new, never torn. A document is made again only when the hash of
what it is made from changed (soppress.cache), so a build after no change only hashes
its inputs; the book reuses the cached page plans of unchanged SOPs. The documents to
make are work units (soppress.jobs) run over the machine's cores. The SOP book is made
of units too (``_book_parts``): its front matter and each lampiran are laid out as
separate PDF parts, numbered from pages known from the page plans, cached like outputs
(build/.bagian/), and joined; an edit lays out again only the parts it changed.

This module imports no renderer: a build with nothing to make never loads them."""
from __future__ import annotations

import json
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from soppress import cache
from soppress.checks.diagnostics import Report

FORMATS = ("pdf", "html", "docx", "arsip")  # arsip: PDF/A-3 with the YAML source attached
DEFAULT_FORMATS = ("pdf", "html", "docx")
SUFFIX = {"pdf": ".pdf", "html": ".html", "docx": ".docx", "arsip": ".arsip.pdf"}
Progress = Callable[[int, int, str, str], None]   # (finished, total, document, "dibuat" | "gagal")


@dataclass
class BuildResult:
    report: Report
    written: list[Path] = field(default_factory=list)
    sheets: dict = field(default_factory=dict)          # SOP key -> PlannedSheet (made or cached)
    built: list[str] = field(default_factory=list)      # documents made
    skipped: list[str] = field(default_factory=list)    # documents unchanged since the last build
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, Indonesian message)
    seconds: float = 0.0


@dataclass
class Unit:
    """One document to make: a soppress.jobs unit, the files it writes, their key."""
    kind: str                      # "sheet" | "keputusan" | "book" | "peta"
    name: str                      # the document, as the summary names it
    key: str                       # the hash of everything it is made from
    outputs: list[str]             # files relative to the build folder
    args: tuple = ()
    needs: tuple[str, ...] = ()    # SOPs whose page plans it draws (the book), or units it waits for
    rows: int = 0                  # flowchart rows to lay out (a book: of its sheets); biggest first
    doc: str = ""                  # the document it is (part of), as the summary names it; default: name
    with_plans: bool = False       # its needs' page plans are passed to it (the book)
    expand: Callable | None = None  # (plans, infos) -> the units it is made of, once its needs are met
    parts: tuple = ()              # a book: (anchor, SOP, the sheet's key) of each lampiran
    base: str = ""                 # a book: the key of its front matter, but for the lampiran's page numbers
    peta: str = ""                 # a book: the key of its peta keterkaitan
    keys: dict = field(default_factory=dict)  # outputs made from another key than ``key`` (the book's peta)

    def key_of(self, rel: str) -> str:
        return self.keys.get(rel, self.key)

    def __post_init__(self):
        self.doc = self.doc or self.name


def build(root: Path, out_dir: Path | None = None, formats=DEFAULT_FORMATS, only: list[str] | None = None, *,
          jobs: int | None = None, force: bool = False, progress: Progress | None = None) -> BuildResult:
    start, root = time.perf_counter(), root.resolve()
    out_dir = Path(out_dir or root / "build").resolve()
    manifest = cache.Manifest() if force else cache.load(out_dir)
    fingerprint = cache.fingerprint(root, json.dumps([sorted(formats), sorted(only or [])]))
    if manifest.fingerprint == fingerprint and manifest.intact(out_dir):  # nothing changed: hashes only
        skipped = sorted({e.get("doc", rel) for rel, e in manifest.outputs.items() if e.get("doc") != "_aset"})
        return BuildResult(Report(), skipped=skipped, seconds=time.perf_counter() - start)

    from soppress.api import check  # the model and the checks load only when something may change
    project, report = check(root)
    result = BuildResult(report)
    if report.errors:
        return result  # nothing is written from a project with errors
    from soppress import jobs as work  # the renderers load only when something is to be made
    from soppress.render.peta import require_dot
    require_dot()  # the peta keterkaitan needs it: say so before writing anything
    from soppress.outputs import Outputs, build_lock
    with build_lock(out_dir), Outputs(out_dir) as out:  # outputs move into place together, after rendering
        state = work.prepare(project, out_dir, formats, out.staging)
        units = _units(project, state, work, formats, only)
        plans = {u.name: _valid_plan(manifest.plan(u.name, u.key), u.rows) for u in units if u.kind == "sheet"}
        todo = [u for u in units if force or not all(manifest.fresh(out_dir, rel, u.key_of(rel)) for rel in u.outputs)
                or (u.kind == "sheet" and plans[u.name] is None)]
        made = {u.doc for u in todo}  # a document is skipped when none of its units is made
        result.skipped = list(dict.fromkeys(u.doc for u in units if u.doc not in made))
        for unit in todo:  # a sheet made again starts from its last page plan (render.pdf.sop.plan_sheet)
            if unit.kind == "sheet":
                unit.args = (unit.name, manifest.plans.get(unit.name, {}).get("plan"), *unit.args[2:])
        for unit in todo:  # the book in parts, each made again only when it changed (with PDF or DOCX)
            if unit.kind == "book" and unit.keys:
                unit.expand = _book_parts(unit, manifest, out_dir, formats, force)

        for unit, done in _run(todo, plans, jobs, progress, (root, out_dir, tuple(formats), out.staging)):
            if done.error:  # its staged files are not moved into place: its previous outputs stay
                if unit.doc not in dict(result.failed):
                    result.failed.append((unit.doc, done.error))
                continue
            if unit.doc not in result.built:
                result.built.append(unit.doc)
            note = {"base": unit.base, "pages": done.pages} if unit.kind == "book_front" else {}
            for rel, sha in done.written.items():
                out.staged(rel)  # written by the worker into staging; moved into place with the rest
                key = front_key(unit.base, unit.args[2], done.pages[""]) if note else unit.key_of(rel)
                manifest.record(rel, key, sha, unit.doc, **note)
                result.written.append(out_dir / rel)
            if done.plan is not None:
                plans[unit.name] = done.plan
                manifest.plans[unit.name] = {"key": unit.key, "plan": done.plan}
        result.built = [doc for doc in result.built if doc not in dict(result.failed)]
        if result.failed:  # all or nothing: the documents made are not moved into place either
            out.discard()
            result.written = []
            return _done(result, plans, work, start)
        if "html" in formats:
            result.written += _assets(project, out, manifest, force)

    manifest.fingerprint = fingerprint
    cache.save(out_dir, manifest)  # last: a build killed before this point is repaired by the next one
    return _done(result, plans, work, start)


def _done(result: BuildResult, plans: dict, work, start: float) -> BuildResult:
    result.sheets = {key: work.planned(key, plan) for key, plan in plans.items() if plan is not None}
    result.seconds = time.perf_counter() - start
    return result


def _units(project, state, work, formats, only) -> list[Unit]:
    """Every document of the build with the key of its inputs: the global key (soppress,
    its fonts and templates, settings, template overrides), the source file, the letterhead
    and logo, and the view itself, which holds every registry entry and link it prints."""
    from soppress.render.peta import peta_source
    from soppress.views import keputusan as keputusan_views
    root, common = project.root, cache.global_key(project.root)

    def kop(unit: str) -> str:
        logo = project.kop[unit].logo if unit in project.kop else None
        return cache.digest(cache.file_digest(root / "letterheads" / f"{unit}.yaml"),
                            cache.file_digest(root / "letterheads" / logo) if logo else "-")

    sheets: dict[str, str] = {}
    units = []
    for f in project.sops:
        if only and f.key not in only:
            continue
        view = work.view_of(f.key)
        sheets[f.key] = cache.digest(common, "sheet", cache.file_digest(root / f.path), repr(view), kop(f.sop.unit))
        units += _sheet_units(f.key, sheets[f.key], len(view.layout.rows), formats)
    if only:  # the Keputusan and the book need every lampiran: only a full build makes them
        return units
    units.append(Unit("peta", "peta-keterkaitan", cache.digest(common, "peta", peta_source(project)),
                      ["peta-keterkaitan.svg"]))
    in_parts = bool({"pdf", "docx"} & set(formats))  # the book made in parts (_book_parts), its peta one of them
    for key, view in state.decrees.items():
        file, lampiran = project.root / view.file.path, [info.sop_key for info in view.lampiran]
        own = cache.digest(common, "keputusan", cache.file_digest(file), repr(keputusan_views.document(view)),
                           kop(view.doc.unit))
        units.append(Unit("keputusan", f"{key}/keputusan", own, [f"{key}/keputusan{SUFFIX[ext]}" for ext in formats],
                          (key,)))
        book = cache.digest(common, "book", cache.file_digest(file), repr(view), kop(view.doc.unit),
                            peta_source(project, lampiran), *(sheets[k] for k in lampiran))
        outputs = [f"{key}/peta-keterkaitan.svg"] + [f"{key}/buku-sop.{ext}" for ext in ("pdf", "docx")
                                                      if ext in formats]
        book_own = cache.digest(common, "book-own", cache.file_digest(file), repr(view), kop(view.doc.unit))
        peta = cache.digest(common, "book-peta", peta_source(project, lampiran))
        units.append(Unit("book", f"{key}/buku-sop", book, outputs, (key,), tuple(lampiran),
                          rows=sum(u.rows for u in units if u.name in lampiran), with_plans=True,
                          parts=tuple((i.anchor, i.sop_key, cache.digest(book_own, sheets[i.sop_key], i.anchor))
                                      for i in view.lampiran),
                          base=cache.digest(book_own, peta_source(project, lampiran)),
                          peta=peta, keys={f"{key}/peta-keterkaitan.svg": peta} if in_parts else {}))
    return units


def _sheet_units(key: str, unit_key: str, rows: int, formats) -> list[Unit]:
    """An SOP's sheet: laid out and written as PDF by one unit; its HTML and DOCX, drawn
    from the page plan, by a second one that runs beside the book's units."""
    laid = tuple(ext for ext in formats if ext in ("pdf", "arsip"))
    drawn = tuple(ext for ext in formats if ext not in laid)
    if not laid or not drawn:
        return [Unit("sheet", key, unit_key, [f"{key}{SUFFIX[ext]}" for ext in formats], (key, None, tuple(formats)),
                     rows=rows)]
    return [Unit("sheet", key, unit_key, [f"{key}{SUFFIX[ext]}" for ext in laid], (key, None, laid), rows=rows),
            Unit("sheet_drawn", f"{key} ({', '.join(drawn).upper()})", unit_key,
                 [f"{key}{SUFFIX[ext]}" for ext in drawn], (key, drawn), needs=(key,), doc=key, with_plans=True)]


def _valid_plan(plan: dict | None, rows: int) -> dict | None:
    """A cached page plan is used only if it reads as one and places each flowchart row once."""
    from soppress.layout.pagination import PagePlan
    read = PagePlan.read(plan)
    return plan if read is not None and read.places_each_row_once(rows) else None


def _run(units: list[Unit], plans: dict, jobs: int | None, progress: Progress | None,
         init: tuple) -> Iterator[tuple[Unit, object]]:
    """Run the units over a process pool (in this process with one job): what others wait
    for first, biggest first; a unit as soon as what it needs is there (the page plans of
    its SOPs, the units it waits for); a unit that expands (the book) is replaced by its
    units then."""
    from soppress import jobs as work
    pending = list(units)
    workers = max(1, min(jobs or cpu_count(), len(units) if not any(u.expand for u in units) else cpu_count()))
    failed: set[str] = set()
    infos: dict[str, dict] = {}  # unit -> Done.pages, for the units expanded after it
    finished = 0
    with _Inline() if workers == 1 else _pool(workers, init) as executor:
        running: dict[Future, Unit] = {}
        while pending or running:
            while ready := [u for u in pending if all(plans.get(n) or n in infos or n in failed for n in u.needs)]:
                needed = {n for u in pending for n in u.needs}
                unit = min(ready, key=lambda u: (u.needs != () and not u.expand, u.name not in needed, -u.rows,
                                                 u.name))
                pending.remove(unit)
                lost = [n for n in unit.needs if n in failed]
                if lost:
                    running[_failed(unit, f"tidak dibuat karena {', '.join(lost)} gagal")] = unit
                elif unit.expand:
                    pending += unit.expand(plans, infos)
                else:
                    args = unit.args + (({n: plans[n] for n in unit.needs},) if unit.with_plans else ())
                    try:
                        running[executor.submit(work.run, unit.kind, unit.name, *args)] = unit
                    except Exception as exc:  # noqa: BLE001 - the pool broke: a worker was killed
                        running[_failed(unit, f"galat internal ({type(exc).__name__})")] = unit
            if not running:  # a unit waits for a plan no unit will make (cannot happen; never hang)
                running.update({_failed(u, "rencana halaman tidak ada"): u for u in pending})
                pending = []
            ready_futures, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(ready_futures, key=lambda f: running[f].name):
                unit = running.pop(future)
                try:
                    done = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory)
                    done = _failed(unit, f"galat internal ({type(exc).__name__})").result()
                if done.error:
                    failed.add(unit.name)
                else:
                    infos[unit.name] = done.pages or {}
                finished += 1
                if progress:
                    progress(finished, finished + len(running) + len(pending), unit.name,
                             "gagal" if done.error else "dibuat")
                yield unit, done


def _book_parts(book: Unit, manifest: cache.Manifest, out_dir: Path, formats, force: bool) -> Callable:
    """The book's units, once its lampiran's page plans are known: its front matter, each
    lampiran as a PDF part (numbered from the page it starts on), the DOCX, and the PDF
    joined from the parts and the peta. A part is made again only when its key changed;
    the front matter's page count (which every lampiran's first page follows from) is
    recorded with it, and the lampiran wait for it only when it must be laid out again
    to know it."""
    from soppress import jobs as work
    from soppress.views.book import first_pages
    key = book.args[0]
    front_name, front_rel = f"{book.name} ({work.FRONT})", work.part_path(key, work.FRONT)

    def fresh(rel: str, unit_key: str) -> bool:
        return not force and manifest.fresh(out_dir, rel, unit_key)

    peta_name = f"{book.name} (peta)"
    peta_rel = [f"{key}/peta-keterkaitan.svg"] + ([work.peta_png_path(key)] if "docx" in formats else [])
    peta = [] if all(fresh(rel, book.peta) for rel in peta_rel) else [
        Unit("book_peta", peta_name, book.peta, peta_rel, (key,), doc=book.doc)]

    def expand(plans: dict, infos: dict) -> list[Unit]:
        own = {n: plans[n] for n in book.needs}
        counts = [(anchor, max(own[sop]["page_numbers"])) for anchor, sop, _ in book.parts]
        front = infos.get(front_name) or _recorded_pages(manifest.outputs.get(front_rel), book.base)
        if front_name not in infos and (front is None or not fresh(front_rel, front_key(book.base, counts, front[""]))):
            # its page count is not known, or it must be laid out again (the lampiran's numbers changed):
            # the rest follows when it is laid out (with the last build's page count as the first guess)
            return peta + [Unit("book_front", front_name, "", [front_rel], (key, own, counts, front and front[""]),
                                rows=book.rows, doc=book.doc, base=book.base),
                           Unit("book", f"{book.name} (susun)", book.key, [], needs=(front_name,), doc=book.doc,
                                expand=expand)]
        starts = first_pages(counts, front[""])
        units = [] if front_name in infos else list(peta)
        if "pdf" in formats:
            for anchor, sop, part_key in book.parts:
                rel, part_key = work.part_path(key, anchor), cache.digest(part_key, str(starts[anchor]))
                if not fresh(rel, part_key):
                    units.append(Unit("book_part", f"{book.name} ({anchor})", part_key, [rel],
                                      (key, own, anchor, starts[anchor]), rows=sum(map(len, own[sop]["pages"])),
                                      doc=book.doc))
            units.append(Unit("book", book.name, book.key, [f"{key}/buku-sop.pdf"], (key, own, counts),
                              tuple(u.name for u in units if u.kind == "book_part"), doc=book.doc))
        if "docx" in formats:
            pages = {**{k: v for k, v in front.items() if k}, **starts}
            units.append(Unit("book_docx", f"{book.name} (docx)", book.key, [f"{key}/buku-sop.docx"],
                              (key, own, pages), (peta_name,) if peta else (),
                              rows=book.rows, doc=book.doc))
        return units
    return expand


def front_key(base: str, counts: list, pages: int) -> str:
    """The key of a book's front matter: its content, and the lampiran's first pages its daftar isi prints."""
    from soppress.views.book import first_pages
    return cache.digest(base, json.dumps(first_pages(counts, pages)))


def _recorded_pages(entry: dict | None, base: str) -> dict[str, int] | None:
    """The front matter's pages as the last build recorded them, if made from the same content."""
    pages = (entry or {}).get("pages")
    ok = (entry or {}).get("base") == base and isinstance(pages, dict) and isinstance(pages.get(""), int) \
        and all(isinstance(k, str) and isinstance(v, int) for k, v in pages.items())
    return pages if ok else None


def _failed(unit: Unit, message: str) -> Future:
    from soppress import jobs as work
    return _Inline.completed(work.Done(unit.name, error=message))


def cpu_count() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _pool(workers: int, init: tuple) -> ProcessPoolExecutor:
    """Forked workers inherit the loaded project and its views; elsewhere they load it once."""
    import multiprocessing
    from soppress import jobs as work
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                               initializer=work.init_worker, initargs=init)


class _Inline:
    """An executor that runs each unit at once, in this process (a one-job build)."""
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args) -> Future:
        return self.completed(fn(*args))

    @staticmethod
    def completed(value) -> Future:
        future: Future = Future()
        future.set_result(value)
        return future


def _assets(project, out, manifest: cache.Manifest, force: bool) -> list[Path]:
    """Built HTML refers to the fonts and the lambang relatively, in build/_aset/."""
    from soppress.render.html.assets import ASSET_DIR, FONT_FILES
    from soppress.resources import FONT_DIR
    files = {f"{ASSET_DIR}/fonts/LiberationSans-{name}.ttf": FONT_DIR / f"LiberationSans-{name}.ttf"
             for name in FONT_FILES.values()}
    files.update({f"{ASSET_DIR}/letterheads/{kop.logo}": project.root / "letterheads" / kop.logo
                  for kop in project.kop.values() if kop.logo and (project.root / "letterheads" / kop.logo).is_file()})
    written = []
    for rel, source in sorted(files.items()):
        key = cache.file_digest(source)
        if force or not manifest.fresh(out.out_dir, rel, key):
            written.append(out.write(rel, source.read_bytes()))
            manifest.record(rel, key, key, "_aset")
    return written
