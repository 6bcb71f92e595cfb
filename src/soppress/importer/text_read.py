"""Tab-separated text (a table copied out of Word or a PDF, the form the seeds take)
read into grid tables: every run of lines holding a tab is one table; the lines in
between are body paragraphs. There is no drawing, so no pelaksana is knowable."""
from __future__ import annotations

import html
import re
from pathlib import Path

from soppress.importer.grid import Cell, Document, Para, Row, Table
from soppress.importer.identity import MARKER, section_key
from soppress.importer.problems import ImporError

# HTML left by the extraction: a break, a paragraph or bold (a name set apart) starts a line;
# other tags are dropped
TAG = re.compile(r"<br\s*/?>|</?(?:p|b|strong|div|li)\b[^>]*>", re.I)
OTHER_TAG = re.compile(r"</?[a-z][^>]*>", re.I)


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
    block: list[str] = []  # the last group of lines between blank lines: a title above a table
    group: list[str] = []
    outside: list[str] = []  # the lines outside tables, blank ones kept ("")
    for n, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            if not current:
                before, block, group = " ".join(group or block), [], []
            current.append(Row([_cell(c) for c in line.split("\t")], line=n))
            continue
        if current:
            tables.append(_table(current, len(tables), before))
            current = []
        line = _plain(line)
        outside.append(line)
        if line:
            paragraphs.append(line)
            group.append(line)
        elif group:
            block, group = group, []
    if current:
        tables.append(_table(current, len(tables), before))
    tables.append(_sections(outside, len(tables)))
    return Document(tables, paragraphs, kind="teks")


def _plain(line: str) -> str:
    """A line of the extraction without its Markdown emphasis and line-break spaces."""
    return re.sub(r"\*\*|__", "", line).strip()


def _sections(lines: list[str], index: int) -> Table:
    """The six sections written as headings with their lines below, outside any
    table: one heading row and one content row each, as the DOCX sheet has them. A
    section ends at the blank line after its content, or at a line without a number
    after numbered items."""
    rows: list[Row] = []
    open_ = False
    for line in lines:
        content = rows[-1].cells[0].paras if rows else []
        if line and section_key(line) and len(line) < 60:
            rows += [Row([Cell([Para(line.rstrip(" :"))])]), Row([Cell()])]
            open_ = True
        elif not open_ or not line and not content:
            continue
        elif not line or content and MARKER.match(content[-1].text) and not MARKER.match(line):
            open_ = False
        else:
            content.append(Para(line))
    return Table(rows, index)


def _cell(text: str) -> Cell:
    text = html.unescape(OTHER_TAG.sub("", TAG.sub("\n", text)))
    parts = re.split(r"\n|(?<=\S)\s+(?=[a-z][.)]\s)", text)  # "… a. … b. …" written on one line
    return Cell([Para(p.strip()) for p in parts if p is not None and p.strip()])


def _table(rows: list[Row], index: int, before: str) -> Table:
    width = max(len(r.cells) for r in rows)
    for r in rows:
        r.cells += [Cell() for _ in range(width - len(r.cells))]
    return Table(rows, index, before)

