"""The monitoring sheet of one SOP (Permenpan RB 35/2012: monitoring every six months,
one table per SOP): No, Prosedur, Penilaian terhadap penerapan (berjalan dengan baik /
tidak berjalan dengan baik), Catatan hasil penilaian, Tindakan yang harus diambil,
Paraf penilai. Its rows are the SOP's steps (REFERENCE.md §1)."""
from __future__ import annotations

from soppress.model.sop import Langkah, Sop
from soppress.views.blocks import (Cell, Document, FieldRow, Fields, FormField, Heading, Kop, PageNumbers,
                                   PageSpec, Section, Table)
from soppress.views.form import Mode

A4_LANDSCAPE = PageSpec(297.0, 210.0, 20.0, 20.0, 20.0, 20.0)
PENILAIAN = ("Berjalan dengan baik", "Tidak berjalan dengan baik")
WIDTHS = (10.0, 85.0, 25.0, 25.0, 45.0, 45.0, 22.0)


def prosedur(step: Langkah) -> str:
    """The step as one line of the sheet: its uraian, else its sub-steps."""
    return step.uraian.strip() or "; ".join(s.uraian for s in step.sub)


def monev_view(sop: Sop, kop: Kop | None, mode: Mode = "kosong", page: PageSpec = A4_LANDSCAPE) -> Document:
    """The blank (kosong) or fillable (isian) sheet; it carries no case data."""
    identity = Fields((FieldRow("Nama SOP", sop.nama), FieldRow("Nomor SOP", sop.nomor),
                       FieldRow("Periode (semester)", (FormField("monev.periode", ""),)),
                       FieldRow("Penilai", (FormField("monev.penilai", ""),)),
                       FieldRow("Tanggal", (FormField("monev.tanggal", "", "tanggal"),))), label_width=40.0)
    head = ((Cell("No", bold=True, align="center", rowspan=2), Cell("Prosedur", bold=True, align="center", rowspan=2),
             Cell("Penilaian terhadap penerapan", bold=True, align="center", colspan=2),
             Cell("Catatan hasil penilaian", bold=True, align="center", rowspan=2),
             Cell("Tindakan yang harus diambil", bold=True, align="center", rowspan=2),
             Cell("Paraf penilai", bold=True, align="center", rowspan=2)),
            tuple(Cell(p, bold=True, align="center") for p in PENILAIAN))
    rows = []
    for step in sop.langkah:
        n = step.no
        rows.append((Cell(str(n), align="center"), Cell(prosedur(step)),
                     _box(f"monev.{n}.baik"), _box(f"monev.{n}.tidak_baik"),
                     _write(f"monev.{n}.catatan"), _write(f"monev.{n}.tindakan"),
                     _write(f"monev.{n}.paraf", "tanda_tangan")))
    blocks = ((kop,) if kop else ()) + (
        Heading(("MONITORING DAN EVALUASI PENERAPAN SOP",)), identity,
        Table(widths=WIDTHS, head=head, rows=tuple(rows), size=9.0))
    return Document(title=f"Monitoring dan Evaluasi: {sop.nama}", sections=[Section(page, blocks, name="monev")],
                    subject=sop.nomor, page_numbers=PageNumbers("bawah-tengah", first=True), mode=mode)


def _write(name: str, kind: str = "paragraf") -> Cell:
    """A write-in cell; the column head is its label."""
    return Cell(blocks=(FormField(name, "", kind, lines=2 if kind == "paragraf" else 1),))


def _box(name: str) -> Cell:
    """One tick box under a penilaian column (a one-option multiple choice: ``<name>.0``)."""
    return Cell(align="center", blocks=(FormField(name, "", "pilihan_ganda", options=("",)),))
