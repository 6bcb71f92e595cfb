"""Letters for case files: one case, or one kind for many cases with one combined PDF.

    cases = cases_from_folder(folder, report)       # or cases_from_csv(file, report)
    docs = letters_for_cases(setup, "rujukan", "hst", cases, isian, samarkan=False)
    parts = render_all(docs, root, ["pdf"], jobs=None, progress=print_count)
    pdf, blanks = combine([p["pdf"] for p in parts])

Rendering is the slow part (weasyprint lays out a two-page letter in about 0.1 s), so
letters are drawn in a pool of forked processes, in chunks laid out together
(``letters.pdf``), and the per-letter PDFs are joined with pypdf. Each letter starts on a new sheet of a duplex print: a letter with
an odd page count is followed by one blank page of its own size.
Nothing here puts a case value in a message: problems name files, lines and fields.
"""
from __future__ import annotations

import io
import re
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, Callable, Sequence

from soppress.checks.diagnostics import Report
from soppress.letters.build import buat_surat_banyak
from soppress.letters.from_case import data_dari_kasus
from soppress.letters.setup import LetterSetup
from soppress.views.blocks import Document

CHUNK = 25  # most letters per task: laid out together (letters.pdf), and still an even spread


def cases_from_folder(folder: Path, report: Report) -> list:
    """Every valid case of a folder of case files (``kasus/*.yaml``); problems in ``report``."""
    from soppress.cases.load import load_cases
    return [c.kasus for c in load_cases(folder, report) if c.kasus is not None]


def cases_from_csv(file: Path, report: Report) -> list:
    from soppress.cases.csvsrc import read_csv_cases
    return [c.kasus for c in read_csv_cases(file, report) if c.kasus is not None]


def letters_for_cases(setup: LetterSetup, jenis: str, unit: str, cases: Sequence, isian: dict[str, Any] | None,
                      *, samarkan: bool = False) -> list[Document]:
    """One letter of ``jenis`` per case, numbered from the register in one lock.
    ``isian``: the letter data the case file does not hold ({"surat": {tujuan, …},
    "rincian": {mediator, pihak, …}}), the same for every letter."""
    isian = isian or {}
    data = [data_dari_kasus(k, surat=isian.get("surat"), rincian=isian.get("rincian")) for k in cases]
    return buat_surat_banyak(setup, jenis, unit, data, setup.register(), samarkan=samarkan)


def safe_name(text: str) -> str:
    """A file-name part: ``400.10/007/UPTD.PPA/I/2026`` -> ``400.10-007-UPTD.PPA-I-2026``."""
    return re.sub(r"[^\w.-]+", "-", text.strip()).strip(".-") or "tanpa-nomor"


# ---------------------------------------------------------------- rendering in processes

_ROOT: Path | None = None


def _draw(docs: list[Document], formats: tuple[str, ...]) -> list[dict[str, bytes]]:
    """Runs in a worker: every format of every letter of a chunk; the chunk's PDFs come
    from one layout (``letters.pdf``)."""
    from soppress.forms.output import render
    from soppress.letters.pdf import letters_pdf
    pdfs = letters_pdf(docs, _ROOT) if "pdf" in formats else [None] * len(docs)
    return [{fmt: pdf if fmt == "pdf" else render(doc, fmt, _ROOT) for fmt in formats} for doc, pdf in zip(docs, pdfs)]


def _init(root: Path) -> None:
    global _ROOT
    _ROOT = root


def render_all(docs: Sequence[Document], root: Path, formats: Sequence[str], *, jobs: int | None = None,
               progress: Callable[[int], None] | None = None) -> list[dict[str, bytes]]:
    """``{format: bytes}`` for each document, in order; ``progress(n)`` after each chunk
    (n letters done). ``jobs``: processes (default: the usable cores)."""
    from soppress.build import cpu_count
    formats = tuple(dict.fromkeys(formats))
    workers = max(1, min(jobs or cpu_count(), len(docs)))
    size = max(1, min(CHUNK, -(-len(docs) // workers)))     # a small batch still spreads over the workers
    chunks = [list(docs[i:i + size]) for i in range(0, len(docs), size)]
    results: list[list[dict[str, bytes]] | None] = [None] * len(chunks)
    if workers == 1:
        _init(root)
        for i, chunk in enumerate(chunks):
            results[i] = _draw(chunk, formats)
            if progress:
                progress(len(chunk))
        return [part for chunk in results for part in chunk]
    import multiprocessing
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=_init,
                             initargs=(root,)) as pool:
        pending: dict[Future, int] = {pool.submit(_draw, chunk, formats): i for i, chunk in enumerate(chunks)}
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
