"""The reader-neutral form of an imported document: tables of cells, each cell its
paragraphs and the drawing anchored in it. The DOCX reader and the text reader both
produce it; the mapping to an SOP only ever sees this."""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Para:
    text: str
    indent: int = 0              # left indent, twips (nesting of list items)
    level: int | None = None     # Word's own list level (w:numPr), when the number is automatic


@dataclass
class Shape:
    """A drawing object anchored in a cell (or a picture)."""
    kind: str                    # kapsul | proses | keputusan | penghubung | garis | gambar | lain
    ident: str = ""              # docPr id (connectors name their ends by it)
    descr: str = ""              # alternative text
    text: str = ""               # text inside the shape (a branch label on a connector)
    y: int = 0                   # offset from the top of its paragraph/cell, EMU
    h: int = 0                   # height, EMU
    x: int = 0                   # offset from the left of its cell, EMU
    w: int = 0                   # width, EMU
    flip_v: bool = False
    start: str = ""              # connector: id of the shape it starts at
    end: str = ""                # connector: id of the shape it ends at
    parts: list["Shape"] = field(default_factory=list)   # a group or canvas: its shapes (x, y from its origin)


@dataclass
class Cell:
    paras: list[Para] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    merged_above: bool = False   # continues a vertically merged cell

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras).strip()

    @property
    def lines(self) -> list[str]:
        return [p.text.strip() for p in self.paras if p.text.strip()]


@dataclass
class Row:
    cells: list[Cell]            # one per grid column: a spanned cell repeats the same object
    height: int | None = None    # twips, when the row's height is fixed (exact)
    line: int = 0                # line of the source (text input), for messages

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row]
    index: int = 0               # position among the document's tables (for messages)
    before: str = ""             # the body paragraph just above the table (a sheet's title)

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass
class Document:
    tables: list[Table]
    paragraphs: list[str]        # body text outside the tables (title lines, lampiran)
    kind: str = "docx"           # docx | teks


def squash(text: str) -> str:
    """Lower case, one space, no punctuation at the ends: for comparing headings."""
    return re.sub(r"\s+", " ", text).strip(" .:;").lower()
