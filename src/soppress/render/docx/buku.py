"""The Keputusan and the SOP book as DOCX (the same parts as their PDFs).

The book is one document of sections: portrait for the cover, the Keputusan, the
daftar isi, the penjelasan singkat and the peta; one landscape section per
lampiran, written by the SOP renderer itself. The daftar isi holds PAGEREF fields
to bookmarks at the start of each part, so Word and LibreOffice fill in the page
numbers of their own layout."""
from __future__ import annotations

import io

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from soppress.render.docx import blocks as dx
from soppress.render.docx.sop import finish_document, page_setup, raster_logo, sop_into, start_document
from soppress.render.keputusan_html import KeputusanContext
from soppress.render.pdf import RenderedSheet
from soppress.render.html import SheetContext
from soppress.views.text import item_marker

BODY_PT, BODY_LINE = 11, 15


def render_keputusan_docx(k: KeputusanContext) -> bytes:
    doc = start_document(k.project.root, {"nomor": k.doc.nomor, "nama": k.doc.tentang})
    page_setup(doc.sections[-1], k.page, landscape=False)
    keputusan_into(doc, k)
    doc.core_properties.title = f"Keputusan {k.doc.nomor}"[:255]  # OOXML's limit
    doc.core_properties.author = k.kop.dinas[:255]  # OOXML's limit
    return finish_document(doc)


def render_book_docx(k: KeputusanContext, sheets: dict[str, tuple[SheetContext, RenderedSheet]],
                     peta_png: bytes, pages: dict[str, int]) -> bytes:
    """``pages``: the page of each part in the PDF book, by bookmark name."""
    doc = start_document(k.project.root, {"nomor": k.doc.nomor, "nama": k.doc.buku.judul})
    page_setup(doc.sections[-1], k.page, landscape=False)
    _cover(doc, k)
    # bookmark names are the PDF book's element ids, "-" as "_" (see render_book.part_pages)
    parts = [("bab_keputusan", f"Keputusan Nomor {k.doc.nomor}"), ("penjelasan", "Penjelasan Singkat Penggunaan"),
             ("peta", "Peta Keterkaitan SOP")]
    parts += [(f"lampiran_{info.roman.lower()}", f"Lampiran {info.roman}: {info.nama}") for info in k.lampiran]
    _page_break(doc)
    _bookmark(doc.add_paragraph(), parts[0][0])
    keputusan_into(doc, k)
    _page_break(doc)
    _toc(doc, parts, k.page.content_width, pages)
    _page_break(doc)
    _penjelasan(doc, k, parts[1][0])
    _page_break(doc)
    _heading(doc, "PETA KETERKAITAN SOP", parts[2][0])
    width = k.page.content_width
    picture = doc.add_paragraph()
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would clip the picture
    picture.add_run().add_picture(io.BytesIO(peta_png), width=Mm(width))
    for (bookmark, _), item in zip(parts[3:], k.doc.lampiran):
        ctx, sheet = sheets[item.sop]
        doc.add_section(WD_SECTION.NEW_PAGE)
        body = doc.element.body
        before = len(body)
        sop_into(doc, ctx, sheet, new_section=False)
        # the bookmark goes on the lampiran's first paragraph: an empty one of its own
        # would push the identity sheet down and change the pagination
        first = next(child for child in list(body)[before - 1:] if child.tag == qn("w:p"))
        _bookmark(Paragraph(first, doc._body), bookmark)
    doc.core_properties.title = k.doc.buku.judul[:255]  # OOXML's limit
    doc.core_properties.author = k.kop.dinas[:255]  # OOXML's limit
    return finish_document(doc)


# ---------------------------------------------------------------- the Keputusan

def _para(doc, text: str = "", bold: bool = False, center: bool = False, size: float = BODY_PT,
          after: float = 0.0):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(max(BODY_LINE, size * 1.3))  # large type gets a taller line
    paragraph.paragraph_format.space_after = Mm(after)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold or None, Pt(size)
    return paragraph


def _borderless(table) -> None:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for side in borders:
        side.set(qn("w:val"), "nil")


def _kop(doc, k: KeputusanContext) -> None:
    width = k.page.content_width
    table = dx.table(doc, [28, width - 28])
    _borderless(table)
    row = table.add_row()
    logo = raster_logo(k.project.root, k.kop)
    if logo:
        cell = row.cells[0].paragraphs[0]
        cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        cell.add_run().add_picture(str(logo), height=Mm(24))
    text = row.cells[1]
    for i, (line, size, bold) in enumerate(((k.kop.pemerintah, 12, True), (k.kop.dinas, 13, True),
                                            (k.address, 8.5, False))):
        if not line:
            continue
        paragraph = text.paragraphs[0] if i == 0 else text.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # large type: not the 10 pt grid
        run = paragraph.add_run(line)
        run.bold, run.font.size = bold or None, Pt(size)
    rule = doc.add_paragraph()
    border = dx.el("w:pBdr")
    border.append(dx.el("w:bottom", w_val="double", w_sz=12, w_space=1, w_color="000000"))
    rule.paragraph_format.space_after = Mm(5)
    rule._p.get_or_add_pPr().append(border)


def keputusan_into(doc, k: KeputusanContext) -> None:
    _kop(doc, k)
    for text, after in ((f"KEPUTUSAN {k.doc.jabatan}", 1), (f"NOMOR {k.doc.nomor}", 3), ("TENTANG", 1),
                        (k.doc.tentang, 3)):
        _para(doc, text, bold=True, center=True, after=after)
    if k.doc.rahmat:
        _para(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", bold=True, center=True, after=3)
    _para(doc, f"{k.doc.jabatan},", bold=True, center=True, after=4)
    width = k.page.content_width
    table = dx.table(doc, [27, 5, width - 32])
    _borderless(table)
    for label, items, style in (("Menimbang", k.doc.menimbang, "a."), ("Mengingat", k.doc.mengingat, "1.")):
        row = table.add_row()
        _cell_text(row.cells[0], label)
        _cell_text(row.cells[1], ":")
        for i, item in enumerate(items):
            _numbered(row.cells[2], item_marker(style, i, item.nomor), k.cite(item), first=i == 0)
    _para(doc, "MEMUTUSKAN:", bold=True, center=True, after=2).paragraph_format.space_before = Mm(2)
    table = dx.table(doc, [27, 5, width - 32])
    _borderless(table)
    row = table.add_row()
    _cell_text(row.cells[0], "Menetapkan")
    _cell_text(row.cells[1], ":")
    _cell_text(row.cells[2], k.menetapkan)
    for ordinal, diktum in zip(k.ordinals, k.doc.diktum):
        row = table.add_row()
        _cell_text(row.cells[0], ordinal)
        _cell_text(row.cells[1], ":")
        _cell_text(row.cells[2], diktum.teks)
        if diktum.daftar_sop:
            for i, item in enumerate(k.lampiran):
                _numbered(row.cells[2], f"{i + 1}.", item.judul, first=False)
    for paragraph in (p for cell in table.rows[-1].cells for p in cell.paragraphs):
        paragraph.paragraph_format.keep_with_next = True  # the last diktum stays with the signature
    table.rows[-1]._tr.get_or_add_trPr().append(dx.el("w:cantSplit"))
    _signature(doc, k)


def _cell_text(cell, markdown: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = Pt(BODY_LINE)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    dx.runs(paragraph, markdown, size=BODY_PT)


def _numbered(cell, marker: str, markdown: str, first: bool) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing, fmt.space_after = Pt(BODY_LINE), Mm(1)
    fmt.left_indent, fmt.first_line_indent = Mm(7), Mm(-7)
    fmt.tab_stops.add_tab_stop(Mm(7))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.add_run(f"{marker}\t").font.size = Pt(BODY_PT)
    dx.runs(paragraph, markdown, size=BODY_PT)


def _signature(doc, k: KeputusanContext) -> None:
    indent = Mm(k.page.content_width - 85)
    person = k.penandatangan
    lines = [(f"Ditetapkan di\t: {k.doc.ditetapkan_di}", False, 0), (f"pada tanggal\t: {k.tanggal}", False, 2),
             (f"{person.jabatan.upper()},", False, 20), (person.nama_lengkap, True, 0)]
    if person.pangkat_golongan:
        lines.append((person.pangkat_golongan, False, 0))
    if person.nip:
        lines.append((f"NIP. {person.nip}", False, 0))
    for i, (text, bold, after) in enumerate(lines):
        paragraph = _para(doc, after=after)
        paragraph.paragraph_format.left_indent = indent
        paragraph.paragraph_format.keep_with_next = i < len(lines) - 1
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(27))
        if i == 0:
            paragraph.paragraph_format.space_before = Mm(6)
        run = paragraph.add_run(text)
        run.font.size = Pt(BODY_PT)
        if bold:
            run.bold = run.underline = True


# ---------------------------------------------------------------- book parts

def _page_break(doc) -> None:
    doc.add_paragraph().paragraph_format.page_break_before = True


def _bookmark(paragraph, name: str) -> None:
    ident = int.from_bytes(name.encode(), "big") % 99991  # deterministic: same source, same file
    start = dx.el("w:bookmarkStart", w_id=ident, w_name=name)
    end = dx.el("w:bookmarkEnd", w_id=ident)
    paragraph._p.append(start)
    paragraph._p.append(end)


def _heading(doc, text: str, bookmark: str | None = None):
    paragraph = _para(doc, text, bold=True, center=True, size=13, after=6)
    if bookmark:
        _bookmark(paragraph, bookmark)
    return paragraph


def _cover(doc, k: KeputusanContext) -> None:
    buku = k.doc.buku
    spacer = _para(doc)
    spacer.paragraph_format.space_before = Mm(30)
    logo = raster_logo(k.project.root, k.kop)
    if logo:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Mm(12)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.add_run().add_picture(str(logo), height=Mm(45))
    _para(doc, buku.judul, bold=True, center=True, size=20, after=4)
    if buku.subjudul:
        _para(doc, buku.subjudul, bold=True, center=True, size=13, after=30)
    _para(doc, k.kop.pemerintah, bold=True, center=True, size=13)
    _para(doc, k.kop.dinas, bold=True, center=True, size=13, after=10)
    year = buku.tahun or (k.doc.tanggal.tahun if k.doc.tanggal else "")
    _para(doc, f"TAHUN {year}", bold=True, center=True, size=14, after=3)
    if k.address:
        _para(doc, k.address, center=True, size=9)


def _toc(doc, parts: list[tuple[str, str]], width: float, pages: dict[str, int]) -> None:
    """Daftar isi: PAGEREF fields, their shown value the page in the PDF book, which
    the DOCX paginates like; Word and LibreOffice recompute them (Word on opening)."""
    _heading(doc, "DAFTAR ISI")
    for bookmark, title in parts:
        paragraph = _para(doc, after=1.5)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        paragraph.add_run(title + "\t").font.size = Pt(BODY_PT)
        for kind, text in (("begin", None), ("instr", f" PAGEREF {bookmark} \\h "), ("separate", None),
                           ("text", str(pages.get(bookmark, ""))), ("end", None)):
            run = paragraph.add_run()
            run.font.size = Pt(BODY_PT)
            if kind in ("begin", "separate", "end"):
                part = OxmlElement("w:fldChar")
                part.set(qn("w:fldCharType"), kind)
            else:
                part = OxmlElement("w:instrText" if kind == "instr" else "w:t")
                part.set(qn("xml:space"), "preserve")
                part.text = text
            run._r.append(part)
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(dx.el("w:updateFields", w_val="true"))


def _penjelasan(doc, k: KeputusanContext, bookmark: str) -> None:
    buku = k.doc.buku
    _heading(doc, "PENJELASAN SINGKAT PENGGUNAAN", bookmark)
    for title, text in (("A. Ruang Lingkup", buku.ruang_lingkup), ("B. Ringkasan", buku.ringkasan)):
        _para(doc, title, bold=True, after=1).paragraph_format.space_before = Mm(4)
        paragraph = _para(doc, after=1)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        dx.runs(paragraph, text or "-", size=BODY_PT)
    _para(doc, "C. Definisi", bold=True, after=1).paragraph_format.space_before = Mm(4)
    for item in buku.definisi or []:
        paragraph = _para(doc, after=1)
        paragraph.paragraph_format.left_indent, paragraph.paragraph_format.first_line_indent = Mm(40), Mm(-40)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(40))
        run = paragraph.add_run(f"{item.istilah}\t")
        run.bold, run.font.size = True, Pt(BODY_PT)
        dx.runs(paragraph, item.arti, size=BODY_PT)
    if not buku.definisi:
        _para(doc, "-")
