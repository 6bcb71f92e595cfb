"""The complete SOP book of a unit as a view (Permenpan RB 35/2012): cover, the
Keputusan, daftar isi, penjelasan singkat, peta keterkaitan, then each SOP as its
LAMPIRAN on landscape pages.

Each SOP keeps the pagination settled for its own sheet (its page plan): the book
uses the same page size, margins and font for the lampiran, and every SOP starts on
a new page, so a lampiran paginates in the book exactly as on its own.

The PDF book is laid out in parts (``split``): the front matter (cover to peta) and each
lampiran, joined afterwards; a lampiran part has as many pages as its sheet's plan, so
every part's first page number is known before any layout (``first_pages``)."""
from __future__ import annotations

import dataclasses

from soppress.views import blocks as b
from soppress.views.keputusan import KeputusanView
from soppress.views.sop import PlannedSheet, SheetBlock
from soppress.views.text import balanced


def _spec(page) -> b.PageSpec:
    return b.PageSpec(page.width, page.height, page.margin.atas, page.margin.kanan, page.margin.bawah, page.margin.kiri)


def book_document(k: KeputusanView, sheets: dict[str, PlannedSheet], peta_svg: str, peta_png: bytes,
                  pages: dict[str, int] | None = None) -> b.Document:
    """``pages``: the page each part starts on, as the PDF book laid it out (for the
    DOCX's daftar isi fields; the HTML/PDF computes its own)."""
    doc, buku = k.doc, k.doc.buku
    portrait = k.page
    landscape = _spec(sheets[k.lampiran[0].sop_key].view.page)
    year = buku.tahun or (doc.tanggal.tahun if doc.tanggal else "")
    cover: list[b.Block] = [b.Paragraph("", space_before=30, space_after=0)]
    if k.kop.logo:
        cover.append(b.Image(path=f"letterheads/{k.kop.logo}", height=45, space_after=12))
    room = portrait.width - portrait.left - portrait.right
    cover += [b.Paragraph(balanced(buku.judul, 20, room, bold=True), align="center", bold=True, size=20,
                          space_after=4)]
    if buku.subjudul:
        cover.append(b.Paragraph(buku.subjudul, align="center", bold=True, size=13, space_after=30))
    cover += [b.Paragraph(k.kop.pemerintah, align="center", bold=True, size=13, space_after=0),
              b.Paragraph(k.kop.dinas, align="center", bold=True, size=13, space_after=10),
              b.Paragraph(f"TAHUN {year}", align="center", bold=True, size=14, space_after=3)]
    address = next((blk.address for blk in k.blocks if isinstance(blk, b.Kop)), "")
    if address:
        cover.append(b.Paragraph(balanced(address, 9, room), align="center", size=9))

    toc = [b.TocEntry("bab-keputusan", f"Keputusan Nomor {doc.nomor}"),
           b.TocEntry("penjelasan", "Penjelasan Singkat Penggunaan"), b.TocEntry("peta", "Peta Keterkaitan SOP")]
    toc += [b.TocEntry(info.anchor, f"Lampiran {info.roman}: {info.nama}") for info in k.lampiran]

    penjelasan: list[b.Block] = [b.Heading(("PENJELASAN SINGKAT PENGGUNAAN",), size=13, space_after=6)]
    for title, text in (("A. Ruang Lingkup", buku.ruang_lingkup), ("B. Ringkasan", buku.ringkasan)):
        penjelasan += [_subheading(title), b.Paragraph(text or "-")]
    penjelasan.append(_subheading("C. Definisi"))
    if buku.definisi:
        penjelasan.append(b.Fields(tuple(b.FieldRow(d.istilah, d.arti, bold_label=True) for d in buku.definisi),
                                   label_width=40, colon=False))
    else:
        penjelasan.append(b.Paragraph("-"))

    sections = [
        b.Section(portrait, tuple(cover), "sampul"),
        b.Section(portrait, k.blocks, "bab-keputusan"),
        b.Section(portrait, (b.Heading(("DAFTAR ISI",), size=13, space_after=6),
                             b.Toc(tuple(toc), tuple((pages or {}).items()))), "daftar-isi"),
        b.Section(portrait, tuple(penjelasan), "penjelasan"),
        # landscape, as the lampiran: the diagram runs left to right and fills the page's width
        b.Section(landscape, (b.Heading(("PETA KETERKAITAN SOP",), size=13, space_after=6),
                              b.Image(svg=peta_svg, png=peta_png)), "peta"),
    ]
    for info in k.lampiran:
        sheet = sheets[info.sop_key]
        sections.append(b.Section(_spec(sheet.view.page), (SheetBlock(sheet, f"{info.anchor}-"),), info.anchor))
    return b.Document(buku.judul, sections, author=k.kop.dinas, subject=f"KEPUTUSAN {doc.jabatan} TENTANG {doc.tentang}",
                      keywords=("SOP", doc.nomor), font=k.font, page_numbers=k.numbers)


def _subheading(title: str) -> b.Heading:
    return b.Heading((title,), level=2, align="left", space_after=2)


def first_pages(counts: list[tuple[str, int]], front: int) -> dict[str, int]:
    """The page each lampiran starts on, from the front matter's page count and each
    lampiran's (anchor, pages): a sheet has as many pages as its plan laid out,
    ``max(PagePlan.page_numbers)`` (the flowchart comes last)."""
    starts, page = {}, front + 1
    for anchor, pages in counts:
        starts[anchor], page = page, page + pages
    return starts


def split(document: b.Document, lampiran: list[str]) -> tuple[b.Document, dict[str, b.Document]]:
    """The book's front matter, and each lampiran (by anchor) as a document of its own,
    numbered from its first page (the number it starts on is set when it is laid out)."""
    numbered = dataclasses.replace(document.page_numbers, first=True)
    front = [s for s in document.sections if s.name not in lampiran]
    parts = {s.name: dataclasses.replace(document, sections=[s], page_numbers=numbered)
             for s in document.sections if s.name in lampiran}
    return dataclasses.replace(document, sections=front), parts
