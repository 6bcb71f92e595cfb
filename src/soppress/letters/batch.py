"""Letters for case files: one case, or one kind for many cases with one combined PDF.

    cases = cases_from_folder(folder, report, jobs)  # or cases_from_csv(file, report)
    ctxs = numbered_letters(setup, "rujukan", "hst", cases, isian, samarkan=False)
    parts = render_letters(setup, ctxs, "hst", ["pdf"], jobs=None, progress=print_count)
    pdf, blanks = combine([p["pdf"] for p in parts])

Reading the case files (YAML with positions) and drawing the letters are the slow parts,
so both run in a pool of forked processes, in chunks; the drafts and the numbers are
taken in this process, under one register lock. A worker makes each letter's final view
from its numbered context and lays a chunk out in one weasyprint document
(``letters.pdf``); the per-letter PDFs are joined with pikepdf. Each letter starts on a
new sheet of a duplex print: a letter with an odd page count is followed by one blank
page of its own size.
Nothing here puts a case value in a message: problems name files, lines and fields.
"""
from __future__ import annotations

import io
import re
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, Callable, Sequence

from soppress.checks.diagnostics import Report
from soppress.collector import fewer_collections
from soppress.letters.build import bernomor
from soppress.letters.context import KonteksSurat
from soppress.letters.from_case import data_dari_kasus
from soppress.letters.setup import LetterSetup

CHUNK = 25  # most letters per task: laid out together (letters.pdf), and still an even spread


def cases_from_folder(folder: Path, report: Report, jobs: int | None = 1) -> list:
    """Every valid case of a folder of case files (``kasus/*.yaml``), in file order;
    problems in ``report``. ``jobs``: processes (None: the usable cores)."""
    import soppress.cases.load  # noqa: F401 - imported once, before the workers fork
    files = sorted(folder.glob("*.yaml"))
    found = []
    for kasus, diagnostics in _map(_read_cases, files, jobs):
        report.extend(diagnostics)
        if kasus is not None:
            found.append(kasus)
    return found


def _read_cases(files: list[Path]) -> list[tuple[Any, list]]:
    from soppress.cases.load import read_case_file
    out = []
    for file in files:
        report = Report()
        out.append((read_case_file(file, report).kasus, report.diagnostics))
    return out


def cases_from_csv(file: Path, report: Report) -> list:
    from soppress.cases.csvsrc import read_csv_cases
    return [c.kasus for c in read_csv_cases(file, report) if c.kasus is not None]


def numbered_letters(setup: LetterSetup, jenis: str, unit: str, cases: Sequence, isian: dict[str, Any] | None,
                     *, samarkan: bool = False) -> list[KonteksSurat]:
    """The context of one letter of ``jenis`` per case, numbered from the register in one
    lock. ``isian``: the letter data the case file does not hold ({"surat": {tujuan, …},
    "rincian": {mediator, pihak, …}}), the same for every letter."""
    isian = isian or {}
    data = [data_dari_kasus(k, surat=isian.get("surat"), rincian=isian.get("rincian")) for k in cases]
    return bernomor(setup, jenis, unit, data, setup.register(), samarkan=samarkan)


def safe_name(text: str) -> str:
    """A file-name part: ``400.10/007/UPTD.PPA/I/2026`` -> ``400.10-007-UPTD.PPA-I-2026``."""
    return re.sub(r"[^\w.-]+", "-", text.strip()).strip(".-") or "tanpa-nomor"


# ---------------------------------------------------------------- work in processes

_SETUP: LetterSetup | None = None          # set before the pool forks: the workers inherit it


def _draw(ctxs: list[KonteksSurat], unit: str, formats: tuple[str, ...], options: dict) -> list[dict[str, bytes]]:
    """Runs in a worker: the final view of each letter of a chunk, then every format; the
    chunk's PDFs come from one layout (``letters.pdf``)."""
    from soppress.forms.output import render
    from soppress.letters.pdf import letters_pdf
    from soppress.letters.view import letter_document
    root = _SETUP.root
    with fewer_collections():  # soppress.collector
        docs = [letter_document(_SETUP, ctx, unit, **options) for ctx in ctxs]
        pdfs = letters_pdf(docs, root) if "pdf" in formats else [None] * len(docs)
        return [{fmt: pdf if fmt == "pdf" else render(doc, fmt, root) for fmt in formats}
                for doc, pdf in zip(docs, pdfs)]


def render_letters(setup: LetterSetup, ctxs: Sequence[KonteksSurat], unit: str, formats: Sequence[str], *,
                   jobs: int | None = None, progress: Callable[[int], None] | None = None,
                   **options) -> list[dict[str, bytes]]:
    """``{format: bytes}`` for each numbered letter, in order; ``progress(n)`` after each
    chunk (n letters done). ``jobs``: processes (None: the usable cores); ``options`` go
    to ``letter_document`` (samarkan, rahasia)."""
    import soppress.forms.output, soppress.letters.pdf, soppress.letters.view  # noqa: F401, E401 - before the fork
    if "docx" in formats:
        import soppress.render.docx.document  # noqa: F401
    global _SETUP
    _SETUP = setup
    formats = tuple(dict.fromkeys(formats))
    return _map(_draw, list(ctxs), jobs, progress, unit, formats, options)


def _init(root: Path | None) -> None:
    """A worker that did not inherit the setup (spawn: Windows, macOS) loads it once."""
    global _SETUP
    from soppress.jobs import end_with_parent
    end_with_parent()
    if _SETUP is None and root is not None:
        from soppress.sources.project import load_project
        _SETUP = LetterSetup.of_project(load_project(root, Report()))


def _map(func: Callable, items: list, jobs: int | None, progress: Callable[[int], None] | None = None,
         *args) -> list:
    """``func(chunk, *args)`` over chunks of ``items`` (a list per chunk) in a pool of
    processes (forked where the system can); the results joined in order."""
    import multiprocessing
    from soppress.build import cpu_count
    workers = max(1, min(jobs or cpu_count(), len(items)))
    size = max(1, min(CHUNK, -(-len(items) // workers)))     # a small batch still spreads over the workers
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    results: list[list | None] = [None] * len(chunks)
    if workers == 1:
        for i, chunk in enumerate(chunks):
            results[i] = func(chunk, *args)
            if progress:
                progress(len(chunk))
    else:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        root = _SETUP.root if _SETUP else None
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=_init,
                                 initargs=(root,)) as pool:
            pending: dict[Future, int] = {pool.submit(func, chunk, *args): i for i, chunk in enumerate(chunks)}
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    i = pending.pop(future)
                    results[i] = future.result()
                    if progress:
                        progress(len(chunks[i]))
    return [part for chunk in results for part in chunk]


# ---------------------------------------------------------------- one print file

def combine(pdfs: Sequence[bytes]) -> tuple[bytes, int]:
    """One PDF of all ``pdfs`` in order, each starting on a front side: a blank page
    (the size of the letter's last page) follows a letter with an odd page count.
    Returns the PDF and the number of blank pages added. pikepdf (qpdf) copies the
    pages: pypdf took about 20 s for 1,000 two-page letters, qpdf about 2 s."""
    import pikepdf
    out = pikepdf.Pdf.new()
    sources = []                  # qpdf copies foreign pages when saving: keep them open until then
    blanks = 0
    for data in pdfs:
        source = pikepdf.Pdf.open(io.BytesIO(data))
        sources.append(source)
        out.pages.extend(source.pages)
        if len(source.pages) % 2:
            x0, y0, x1, y1 = (float(v) for v in source.pages[-1].mediabox)
            out.add_blank_page(page_size=(x1 - x0, y1 - y0))
            blanks += 1
    buffer = io.BytesIO()
    out.save(buffer)
    for source in sources:
        source.close()
    return buffer.getvalue(), blanks


def page_count(pdf: bytes) -> int:
    import pikepdf
    with pikepdf.Pdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)
