"""Views of a form: ``forms/<nama>.yaml`` (+ a case file) -> Document.

The same view serves the three renderings; ``Document.mode`` tells the renderer how
to draw every FormField: write-in lines and boxes (kosong), AcroForm fields named
by ``FormField.name`` (isian), or the values (terisi). Values from a case file are
``Plain``. Field names are stable: the field's ``kunci`` (or its ``sumber``), and
``<tabel>.<baris>.<kolom>`` inside a table, so a completed PDF reads back."""
from __future__ import annotations

from itertools import groupby
from typing import Literal

from soppress.cases.model import Kasus
from soppress.forms import fill
from soppress.forms.model import Formulir, Isian, Kolom
from soppress.model.fields import Pejabat
from soppress.views.blocks import (Block, Cell, Document, FormField, Heading, Kop, ListItem, NumberedList,
                                   PageNumbers, PageSpec, Paragraph, Plain, Section, Table)

Mode = Literal["kosong", "isian", "terisi"]
A4 = PageSpec(210.0, 297.0, 20.0, 20.0, 20.0, 25.0)
TABLE_ROWS = 5          # empty rows of a table without ``baris``


def form_view(form: Formulir, kop: Kop | None, mode: Mode, case: Kasus | None = None,
              page: PageSpec = A4, pejabat: dict[str, Pejabat] | None = None) -> Document:
    if mode == "terisi" and case is None and form.kasus:
        raise ValueError("a filled form needs a case")
    pejabat = pejabat or {}
    blocks: list[Block] = [kop] if kop else []
    blocks.append(Heading((form.judul,)))
    for bagian in form.bagian:
        if bagian.judul:
            blocks.append(Heading((bagian.judul,), level=2, align="left", space_after=2.0))
        if bagian.pengantar:
            blocks.append(Paragraph(bagian.pengantar))
        if bagian.butir:
            blocks.append(NumberedList(tuple(ListItem(f"{n}.", t) for n, t in enumerate(bagian.butir, 1))))
        blocks.extend(_fields(bagian.isian, bagian.wajib_bila_anak, mode, case, pejabat))
        if bagian.penutup:
            blocks.append(Paragraph(bagian.penutup))
    return Document(title=form.judul, sections=[Section(page, tuple(blocks), name=form.nama)],
                    subject=form.nama, page_numbers=PageNumbers("bawah-tengah", first=True),
                    marking="RAHASIA" if form.rahasia else None, mode=mode, private=case is not None)


def _fields(isian: list[Isian], section_child: bool, mode: Mode, case: Kasus | None,
            pejabat: dict[str, Pejabat]) -> list[Block]:
    """The section's fields in order; consecutive signatures side by side."""
    out: list[Block] = []
    for signing, run in groupby(isian, key=lambda i: i.jenis == "tanda_tangan"):
        if signing:
            out.append(_signatures(list(run), section_child, case))
        else:
            out.extend(block for item in run for block in _field(item, section_child, mode, case, pejabat))
    return out


def _field(item: Isian, section_child: bool, mode: Mode, case: Kasus | None,
           pejabat: dict[str, Pejabat]) -> list[Block]:
    if item.jenis == "tabel":
        return [Paragraph(item.label, bold=True, keep_with_next=True, space_before=2.0),
                _table(item, mode, case, pejabat)]
    value = fill.text(fill.get(case, item.sumber), pejabat) if case is not None and item.sumber else None
    return [FormField(item.nama, item.label, item.jenis, tuple(item.pilihan), _plain(value),
                      lines=item.baris or (3 if item.jenis == "paragraf" else 1), width=item.lebar,
                      required=fill.required(item, section_child, case))]


def _plain(value):
    if value is None:
        return None
    return tuple(Plain(v) for v in value) if isinstance(value, tuple) else Plain(value)


def _signatures(items: list[Isian], section_child: bool, case: Kasus | None) -> Table:
    width = 160.0 / len(items)
    cells = tuple(Cell(align="center", blocks=(FormField(i.nama, i.label, "tanda_tangan",
                                                         required=fill.required(i, section_child, case)),
                                               FormField(f"{i.nama}.nama", "Nama", "teks")))
                  for i in items)
    return Table(widths=(width,) * len(items), rows=(cells,), borders=False)


def _table(item: Isian, mode: Mode, case: Kasus | None, pejabat: dict[str, Pejabat]) -> Table:
    labels = item.baris_tetap
    data = (fill.get(case, item.sumber) or []) if case is not None and item.sumber else []
    count = len(labels) or (len(data) if mode == "terisi" else max(len(data), item.baris or TABLE_ROWS))
    fixed = sum(k.lebar or 0 for k in item.kolom)
    free = [k for k in item.kolom if not k.lebar]
    rest = max(160.0 - 10.0 - fixed - (40.0 if labels else 0.0), 20.0 * len(free)) / max(len(free), 1)
    widths = (10.0,) + ((40.0,) if labels else ()) + tuple(k.lebar or rest for k in item.kolom)
    head = ((Cell("No", bold=True, align="center"),) + ((Cell("", bold=True),) if labels else ())
            + tuple(Cell(k.label, bold=True, align="center") for k in item.kolom),)
    rows = []
    for r in range(count):
        row = [Cell(f"{r + 1}.", align="center")] + ([Cell(labels[r])] if labels else [])
        entry = data[r] if r < len(data) else None
        for k in item.kolom:
            row.append(_cell(item, k, r, mode, entry, pejabat))
        rows.append(tuple(row))
    return Table(widths=widths, head=head, rows=tuple(rows))


def _cell(item: Isian, kolom: Kolom, r: int, mode: Mode, entry, pejabat: dict[str, Pejabat]) -> Cell:
    value = None
    if entry is not None and kolom.sumber:
        raw = fill.get(entry, kolom.sumber)
        value = fill.petugas_text(raw, pejabat) if kolom.sumber == "petugas" else fill.text(raw, pejabat)
        if isinstance(value, tuple):
            value = ", ".join(value)
    if mode == "terisi":
        return Cell(Plain(value) if value else "")
    return Cell(blocks=(FormField(f"{item.nama}.{r}.{kolom.nama}", "", kolom.jenis,  # the head labels it
                                  tuple(kolom.pilihan), _plain(value), width=kolom.lebar),))
