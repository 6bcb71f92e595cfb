"""The renderer-neutral vocabulary of every document soppress prints.

A document's *view* is a ``Document``: its pages and a list of blocks, computed once
from the model (``soppress.views.<kind>``). The renderers (``soppress.render.html.sop``,
``soppress.render.docx``) draw each block kind exactly once, so a kop, a signature or
a numbered list looks the same in every document and in every format.

Text in blocks is inline Markdown (``**tebal**``, ``*miring*``) written by the dinas,
or ``Plain`` text, printed exactly as typed: values from a case file are always
``Plain``, never interpreted as Markdown, HTML or template code.

Lengths are millimetres, type sizes points.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

Align = Literal["left", "center", "right", "justify"]


class Plain(str):
    """Text printed exactly as typed (no Markdown): case values, names, numbers."""


# ---------------------------------------------------------------- text blocks

@dataclass(frozen=True)
class Paragraph:
    text: str
    align: Align = "justify"
    bold: bool = False
    size: float | None = None          # None: the document's body size
    indent: float = 0.0                # left indent
    space_before: float = 0.0
    space_after: float = 1.5
    keep_with_next: bool = False


@dataclass(frozen=True)
class Heading:
    """Centred bold lines: a document title (KEPUTUSAN …, NOMOR …) or a part's title."""
    lines: tuple[str, ...]
    size: float | None = None
    align: Align = "center"
    space_after: float = 4.0
    space_before: float = 0.0
    anchor: str | None = None          # a bookmark / element id (daftar isi targets)
    level: int = 1                     # 1: document or part title; 2: a section inside it


@dataclass(frozen=True)
class ListItem:
    marker: str                        # as printed: "1.", "a.", "-", or a written number kept from the source
    text: str
    children: "NumberedList | None" = None


@dataclass(frozen=True)
class NumberedList:
    items: tuple[ListItem, ...]
    indent: float = 7.0                # the marker's hanging width
    gap: float = 1.0                   # space after each item
    align: Align = "justify"


@dataclass(frozen=True)
class FieldRow:
    """``label : value`` — the value is text, a list, or further blocks."""
    label: str
    value: "str | NumberedList | tuple[Block, ...]"
    bold_label: bool = False


@dataclass(frozen=True)
class Fields:
    """Aligned label–colon–value rows, no borders: Menimbang/Mengingat/diktum of a
    Keputusan, Nomor/Sifat/Lampiran/Hal of a letter, the identity of a person."""
    rows: tuple[FieldRow, ...]
    label_width: float = 27.0
    colon: bool = True
    keep_last_with_next: bool = False  # the last row stays on the page of what follows (a signature)


# ---------------------------------------------------------------- page furniture

@dataclass(frozen=True)
class Kop:
    """The unit's letterhead: lambang on the left, the lines centred, a double rule below."""
    pemerintah: str
    dinas: str
    unit: str | None = None
    address: str = ""
    logo: str | None = None            # project-relative path of the lambang (letterheads/…)


@dataclass(frozen=True)
class Signature:
    """A signature block: place and date lines, jabatan, room to sign, nama (bold,
    underlined), pangkat/golongan, NIP."""
    jabatan: str
    nama: str
    nip: str | None = None
    pangkat: str | None = None
    before: tuple[str, ...] = ()       # e.g. ("Ditetapkan di\t: Barabai", "pada tanggal\t: 2 Januari 2026")
    room: float = 20.0                 # the space to sign in
    width: float = 85.0
    align: Align = "right"             # where the block sits on the line


@dataclass(frozen=True)
class Signatures:
    """Signature blocks side by side (the parties of a berita acara)."""
    signatures: tuple[Signature, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Image:
    """A picture: a project file (the lambang), or generated SVG with a PNG for Word."""
    path: str | None = None            # project-relative
    svg: str | None = None
    png: bytes | None = None
    height: float | None = None
    width: float | None = None         # None with no height: the content width
    align: Align = "center"
    space_after: float = 0.0


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str


@dataclass(frozen=True)
class Toc:
    """Daftar isi: titles with the page each anchor lands on (filled in by the
    renderer's own layout: CSS target-counter, Word PAGEREF fields)."""
    entries: tuple[TocEntry, ...]
    pages: tuple[tuple[str, int], ...] = ()   # anchor -> page, as the PDF laid it out (shown by Word until updated)


# ---------------------------------------------------------------- tables

@dataclass(frozen=True)
class Cell:
    text: str = ""
    bold: bool = False
    align: Align = "left"
    colspan: int = 1
    rowspan: int = 1
    shade: bool = False
    blocks: tuple["Block", ...] = ()   # richer content instead of text


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]
    head: tuple[tuple[Cell, ...], ...] = ()   # repeated on every page
    rows: tuple[tuple[Cell, ...], ...] = ()
    borders: bool = True
    size: float | None = None


# ---------------------------------------------------------------- forms

FieldKind = Literal["teks", "paragraf", "tanggal", "angka", "pilihan", "pilihan_ganda", "ya_tidak",
                    "tanda_tangan"]


@dataclass(frozen=True)
class FormField:
    """One field of a form. ``Document.mode`` decides how it is drawn: write-in lines
    and boxes (kosong), an AcroForm field named ``name`` (isian), or ``value`` (terisi)."""
    name: str                          # stable field name, e.g. "korban.0.nama"
    label: str
    kind: FieldKind = "teks"
    options: tuple[str, ...] = ()      # pilihan, pilihan_ganda
    value: "str | tuple[str, ...] | None" = None
    lines: int = 1                     # write-in lines for paragraf
    width: float | None = None         # expected answer width (None: the rest of the line)
    required: bool = False


# ---------------------------------------------------------------- documents

Block = Union[Paragraph, Heading, NumberedList, Fields, Kop, Signature, Signatures, PageBreak, Image, Toc, Table,
              FormField]  # plus document-specific blocks (views.sop.SheetBlock)


@dataclass(frozen=True)
class PageSpec:
    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True)
class PageNumbers:
    """Tata naskah practice: the first page (with the kop) unnumbered, then "- 2 -"
    centred at the top."""
    position: Literal["atas-tengah", "bawah-tengah", "bawah-kanan", "tanpa"] = "atas-tengah"
    first: bool = False                # number the first page too
    pattern: str = "- {} -"


@dataclass(frozen=True)
class Section:
    """A run of pages with one page size and orientation."""
    page: PageSpec
    blocks: tuple[Block, ...]
    name: str = ""                     # e.g. "lampiran-i": an anchor at its start


@dataclass
class Document:
    title: str
    sections: list[Section]
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    lang: str = "id-ID"
    font: str = "Liberation Sans"
    size: float = 11.0                 # body type size
    line: float = 1.35                 # line height, as a multiple of the size
    page_numbers: PageNumbers = field(default_factory=PageNumbers)
    marking: str | None = None         # e.g. "RAHASIA", printed at the top and bottom of every page
    mode: Literal["kosong", "isian", "terisi"] = "terisi"   # how FormFields are drawn
    private: bool = False              # carries case data: written 0600 to the private folder only
