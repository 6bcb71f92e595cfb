"""The letter markup: a rendered template's text -> blocks.

Line by line (a template author's whole vocabulary):

    # SURAT PERINTAH TUGAS        title lines, centred bold; consecutive lines are one title
    | Nomor | 400.10/001/…        a label–colon–value row; consecutive rows align
      1. …                        lines indented under a row are its value (a list, rows …)
    1. text   a. text   - text    a list item; indented lines below it are its sub-list
    @kanan text / @tengah text    a right-aligned / centred line
    @ttd 0 @ttd 1                 signature blocks made by ttd() in the template, side by side
    @halaman-baru                 a page break
    (blank line)                  ends a paragraph; other lines join into one paragraph

Values printed from the letter context arrive encoded (``templates.encode``), so they
are only ever text; every text is decoded here and kept as ``Plain``.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from soppress.views.blocks import (Block, FieldRow, Fields, Heading, ListItem, NumberedList, PageBreak, Paragraph,
                                   Plain, Signature, Signatures)

_ITEM = re.compile(r"^(\d+[.)]|[a-z][.)]|-)\s+(.*)$")
_TTD = re.compile(r"@ttd (\d+)")


class MarkupError(Exception):
    def __init__(self, line: int, message: str, token: str = ""):
        super().__init__(message)
        self.line = line          # in the rendered text
        self.token = token        # the offending directive, to find it in the template source


@dataclass
class _Line:
    number: int
    indent: int
    text: str


def text(raw: str) -> Plain:
    """Markup text as printed: character references (encoded values) decoded."""
    return Plain(html.unescape(raw).strip())


def parse(rendered: str, signatures: list[Signature] = ()) -> list[Block]:
    lines = [_Line(i, len(raw) - len(raw.lstrip(" ")), raw.strip())
             for i, raw in enumerate(rendered.splitlines(), 1)]
    return _blocks(lines, list(signatures))


def _children(lines: list[_Line], i: int, indent: int) -> tuple[list[_Line], int]:
    """The lines after ``i`` indented deeper than ``indent`` (blank lines included)."""
    j = i + 1
    while j < len(lines) and (not lines[j].text or lines[j].indent > indent):
        j += 1
    while j > i + 1 and not lines[j - 1].text:        # trailing blanks belong to the outer level
        j -= 1
    return lines[i + 1:j], j


def _blocks(lines: list[_Line], signatures: list[Signature]) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    i = 0

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(text(" ".join(paragraph))))
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        t = line.text
        if not t:
            flush()
            i += 1
            continue
        if t.startswith("#"):
            flush()
            title = []
            while i < len(lines) and lines[i].text.startswith("#"):
                title.append(text(lines[i].text.lstrip("#")))
                i += 1
            blocks.append(Heading(tuple(title)))
            continue
        if t.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].text.startswith("|"):
                label, value = _row(lines[i])
                kids, i = _children(lines, i, lines[i].indent)
                inner = _blocks(kids, signatures) if kids else []
                if inner and value:
                    inner.insert(0, Paragraph(value, align="left", space_after=0))
                rows.append(FieldRow(label, _value(inner) if inner else value))
            blocks.append(Fields(tuple(rows), label_width=_label_width(rows)))
            continue
        if _ITEM.match(t):
            flush()
            items = []
            while i < len(lines) and lines[i].text and _ITEM.match(lines[i].text) and lines[i].indent == line.indent:
                marker, body = _ITEM.match(lines[i].text).groups()
                kids, i = _children(lines, i, lines[i].indent)
                sub = _blocks(kids, signatures) if kids else []
                if any(not isinstance(b, (NumberedList, Paragraph)) for b in sub) or \
                        sum(isinstance(b, NumberedList) for b in sub) > 1:
                    raise MarkupError(kids[0].number, "di bawah butir daftar hanya boleh teks atau satu daftar "
                                      "bertingkat; tulis baris isian (| …) di luar daftar")
                nested = next((b for b in sub if isinstance(b, NumberedList)), None)
                extra = " ".join(b.text for b in sub if isinstance(b, Paragraph))
                items.append(ListItem(Plain(marker), text(f"{body} {extra}" if extra else body), nested))
            blocks.append(NumberedList(tuple(items)))
            continue
        if t.startswith("@"):
            flush()
            block = _directive(line, signatures)
            if isinstance(block, (Signature, Signatures)) and blocks and isinstance(blocks[-1], Paragraph):
                blocks[-1] = replace(blocks[-1], keep_with_next=True)   # the closing stays with the signature
            blocks.append(block)
            i += 1
            continue
        paragraph.append(t)
        i += 1
    flush()
    return blocks


def _label_width(rows: list[FieldRow]) -> float:
    """Wide enough for the longest label on one or two lines (mm, at 12 pt)."""
    longest = max(len(r.label) for r in rows)
    return min(50.0, max(25.0, 2.3 * (longest if longest <= 16 else longest / 2 + 3)))


def _row(line: _Line) -> tuple[str, Plain]:
    label, _, value = line.text[1:].partition("|")
    if not label.strip():
        raise MarkupError(line.number, 'baris isian harus ditulis "| Label | isi"')
    return text(label), text(value)


def _value(inner: list[Block]):
    if len(inner) == 1 and isinstance(inner[0], NumberedList):
        return inner[0]
    return tuple(inner)


def _directive(line: _Line, signatures: list[Signature]) -> Block:
    t = line.text
    if t.startswith("@ttd"):
        picked = [signatures[int(n)] for n in _TTD.findall(t) if int(n) < len(signatures)]
        if not picked:
            raise MarkupError(line.number, "tanda tangan tidak dikenal; tulis {{ ttd(pejabat) }}")
        return picked[0] if len(picked) == 1 else Signatures(tuple(picked))
    if t == "@halaman-baru":
        return PageBreak()
    for word, align in (("@kanan", "right"), ("@tengah", "center"), ("@kiri", "left")):
        if t.startswith(word + " ") or t == word:
            return Paragraph(text(t[len(word):]), align=align)
    raise MarkupError(line.number, f'perintah "{t.split()[0]}" tidak dikenal; yang ada: @kanan, @tengah, @kiri, '
                      "@ttd, @halaman-baru", t.split()[0])
