"""One-page SKM report: a table per unsur with its NRR and a bar, then the index,
its x25 conversion and the mutu (Permenpan RB 14/2017). Bars are nested two-cell
tables (a shaded, ruled cell as long as the NRR beside the rest of the 0-4 scale), so
every renderer draws them."""
from __future__ import annotations

from decimal import Decimal

from soppress.forms.skm import UNSUR, Hasil
from soppress.views.blocks import (Cell, Document, FieldRow, Fields, Heading, Kop, PageNumbers, PageSpec,
                                   Paragraph, Section, Table)
from soppress.views.form import A4

BAR = 60.0   # mm for an NRR of 4
WIDTHS = (10.0, 58.0, 16.0, 22.0, BAR + 4.0)


def _num(x: Decimal, places: int = 2) -> str:
    return f"{x:.{places}f}".replace(".", ",")


def bar(nrr: Decimal) -> Table:
    filled = float(nrr) / 4 * BAR
    return Table(widths=(max(filled, 0.5), max(BAR - filled, 0.5)), rows=((Cell(shade=True), Cell()),))


def skm_view(hasil: Hasil, kop: Kop | None, unit: str = "", periode: str = "", page: PageSpec = A4) -> Document:
    head = (tuple(Cell(t, bold=True, align="center") for t in
                  ("No", "Unsur pelayanan", "NRR", "NRR tertimbang", "Nilai rata-rata (skala 1-4)")),)
    places = 2 if hasil.cara == "baku" else 3
    rows = tuple((Cell(str(i), align="center"), Cell(name), Cell(_num(n), align="right"),
                  Cell(_num(t, places), align="right"), Cell(blocks=(bar(n),)))
                 for i, (name, n, t) in enumerate(zip(UNSUR, hasil.nrr, hasil.tertimbang), start=1))
    cara = ("bobot 0,111, NRR tertimbang dibulatkan dua desimal" if hasil.cara == "baku"
            else "bobot 1/9 tanpa pembulatan antara")
    summary = Fields((FieldRow("Jumlah responden", str(hasil.responden)),
                      FieldRow("IKM (skala 1-4)", _num(hasil.ikm, 3)),
                      FieldRow("IKM unit pelayanan (x 25)", _num(hasil.konversi)),
                      FieldRow("Mutu pelayanan", f"{hasil.mutu} ({hasil.kinerja})")), label_width=55.0)
    blocks = ((kop,) if kop else ()) + (
        Heading(("LAPORAN INDEKS KEPUASAN MASYARAKAT",) + tuple(x for x in (unit, periode) if x)),
        Table(widths=WIDTHS, head=head, rows=rows, size=9.5), summary,
        Paragraph(f"Dihitung menurut Permenpan RB Nomor 14 Tahun 2017 ({cara}); mutu: A 88,31-100; "
                  "B 76,61-88,30; C 65,00-76,60; D 25,00-64,99.", size=9, space_before=3.0))
    return Document(title="Laporan Indeks Kepuasan Masyarakat", sections=[Section(page, blocks, name="skm")],
                    page_numbers=PageNumbers("tanpa"))
