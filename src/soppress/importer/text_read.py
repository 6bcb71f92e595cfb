"""Tab-separated text (a table copied out of Word or a PDF, the form the seeds take)
read into grid tables: every run of lines holding a tab is one table; the lines in
between are body paragraphs. There is no drawing, so no pelaksana is knowable."""
from __future__ import annotations

import html
import re
from pathlib import Path

from soppress.importer.grid import Cell, Document, Para, Row, Table
from soppress.importer.problems import ImporError

TAG = re.compile(r"<br\s*/?>", re.I)


def read_text(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImporError(f"{path}: berkas tidak dapat dibaca ({exc.strerror or type(exc).__name__})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Windows Notepad's "ANSI"
    if "\x00" in text:
        raise ImporError(f"{path}: bukan berkas teks (berisi data biner); simpan tabelnya sebagai teks "
                         "dengan tab di antara kolom")
    tables: list[Table] = []
    paragraphs: list[str] = []
    current: list[Row] = []
    last = ""
    for n, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            current.append(Row([_cell(c) for c in line.split("\t")], line=n))
            continue
        if current:
            tables.append(_table(current, len(tables), last))
            current, last = [], ""
        if line.strip():
            paragraphs.append(line.strip())
            last = line.strip()
    if current:
        tables.append(_table(current, len(tables), last))
    from soppress.importer.grid import Document as Doc
    return Doc(tables, paragraphs, kind="teks")


def _cell(text: str) -> Cell:
    text = html.unescape(re.sub(r"</?b>", "", TAG.sub("\n", text)))
    parts = re.split(r"\n|(?<=\S)\s+(?=[a-z][.)]\s)", text)  # "… a. … b. …" written on one line
    return Cell([Para(p.strip()) for p in parts if p is not None and p.strip()])


def _table(rows: list[Row], index: int, before: str) -> Table:
    width = max(len(r.cells) for r in rows)
    for r in rows:
        r.cells += [Cell() for _ in range(width - len(r.cells))]
    return Table(rows, index, before)


__all__ = ["read_text", "Document"]
