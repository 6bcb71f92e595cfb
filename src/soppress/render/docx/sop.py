"""SOP sheets as DOCX that staff can edit in Word, paginated like the PDF.

docxtpl renders the template (the package's templates/sop.docx, or the project's
own templates/sop.docx): its styles, its footer ({{ nomor }}, {{ nama }}) and the
``{{ isi }}`` paragraph, which python-docx then replaces with the sheet.

The flowchart is the layout module's geometry, as measured in the PDF pass: each
flowchart page of the PDF is one table here, its rows as tall as in the PDF, so
the same steps land on each page with the same off-page connectors. Each lane
cell holds its drawing as a picture anchored in the cell, behind the text; every
word (kegiatan, mutu baku, keterangan, identity) is real, editable text.
"""
from __future__ import annotations

import io
from pathlib import Path

import jinja2
import jinja2.sandbox
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate

from soppress.render.docx import blocks as dx
from soppress.render.docx import png_draw
from soppress.resources import TEMPLATE_DIR
from soppress.views import text
from soppress.model import Daftar, Langkah
from soppress.render.html import SheetContext, kop_address, identity_rows, section_pairs, citation_text, summary
from soppress.render.pdf import RenderedSheet

TEMPLATE = TEMPLATE_DIR / "sop.docx"
MARKER = "\u2063SOPPRESS-ISI\u2063"


def template_for(project_root: Path) -> Path:
    own = project_root / "templates" / "sop.docx"
    return own if own.is_file() else TEMPLATE


def render_docx(ctx: SheetContext, sheet: RenderedSheet) -> bytes:
    doc = start_document(ctx.project.root, {"nomor": ctx.sop.nomor, "nama": ctx.sop.nama})
    sop_into(doc, ctx, sheet, new_section=False)
    doc.core_properties.title = ctx.sop.nama[:255]  # OOXML's limit
    doc.core_properties.author = (ctx.kop.unit or ctx.kop.dinas)[:255]  # OOXML's limit
    return finish_document(doc)


def start_document(project_root: Path, context: dict):
    """The rendered template, its ``{{ isi }}`` paragraph removed: content goes after."""
    tpl = DocxTemplate(str(template_for(project_root)))
    env = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    tpl.render({"nama": "", **context, "isi": MARKER}, env, autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    doc = Document(io.BytesIO(buffer.getvalue()))
    marker = next((p for p in doc.paragraphs if MARKER in p.text), None)
    if marker is None:
        raise TemplateError("templat DOCX tidak memuat paragraf {{ isi }}; tambahkan sebagai paragraf terakhir")
    marker._p.getparent().remove(marker._p)
    return doc


def finish_document(doc) -> bytes:
    dx.pad_text(doc)
    dx.schema_order(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def sop_into(doc, ctx: SheetContext, sheet: RenderedSheet, new_section: bool = True) -> None:
    """One SOP sheet, in a landscape section of its own (the first section when
    ``new_section`` is false)."""
    if new_section:
        doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(doc.sections[-1], ctx.page, landscape=True)
    _identity(doc, ctx, sheet)
    _flowchart(doc, ctx, sheet)
    if ctx.sop.tampilan.ringkasan:
        _summary(doc, ctx)


class TemplateError(Exception):
    pass


# ---------------------------------------------------------------- page

def page_setup(section, page, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    m = page.margin
    section.top_margin, section.bottom_margin = Mm(m.atas), Mm(m.bawah)
    section.left_margin, section.right_margin = Mm(m.kiri), Mm(m.kanan)
    section.footer_distance = Mm(min(4.0, m.bawah / 3))  # low in the margin: LibreOffice takes room above it


# ---------------------------------------------------------------- identity sheet

IDENTITY_PT, IDENTITY_LINE = 9, 11.25  # as the PDF's identity sheet: 9 pt on a 1.25 line


def _identity(doc, ctx: SheetContext, sheet: RenderedSheet) -> None:
    """Kop and identity table, then the six sections two by two. Rows are at least
    as tall as in the PDF, and the sections table breaks where the PDF breaks it."""
    sop, kop = ctx.sop, ctx.kop
    boxes = sheet.identity or {}
    width = ctx.page.content_width
    if ctx.lampiran:  # as the PDF: in the right half, above the kop
        for line in (f"LAMPIRAN {ctx.lampiran[0]}", ctx.lampiran[1]):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Mm(width / 2)
            paragraph.paragraph_format.line_spacing = Pt(10.6)
            paragraph.add_run(line.upper()).font.size = Pt(8.5)
        paragraph.paragraph_format.space_after = Mm(3)
    rows = identity_rows(sop)
    table = dx.table(doc, [width * 0.40, width * 0.17, width * 0.43])
    for n, (label, value) in enumerate(rows):
        row = dx.row(table, boxes.get(f"k{n}", (0, None))[1])
        dx.write(row.cells[1], label, bold=True)
        cell = row.cells[2]
        if label == "Disahkan oleh":
            person = ctx.signatory
            dx.write(cell, person.jabatan)
            for _ in range(3):
                cell.add_paragraph()
            name = cell.add_paragraph().add_run(person.nama_lengkap)
            name.bold, name.underline = True, True
            if person.pangkat_golongan:
                cell.add_paragraph(person.pangkat_golongan)
            if person.nip:
                cell.add_paragraph(f"NIP. {person.nip}")
        else:
            dx.write(cell, value, bold=label == "Nama SOP")
    kop_cell = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
    dx.valign(kop_cell)
    logo = raster_logo(ctx.project.root, kop)
    paragraph = kop_cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if logo:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # exact spacing would clip it
        paragraph.add_run().add_picture(str(logo), height=Mm(24))
        paragraph = kop_cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, (line, size) in enumerate(((kop.pemerintah, 10), (kop.dinas, 10), (kop.unit, 9))):
        if not line:
            continue
        paragraph = paragraph if i == 0 else kop_cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold, run.font.size = True, Pt(size)
    address = kop_address(kop)
    if address:
        paragraph = kop_cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(address).font.size = Pt(7.5)
    _identity_type(table)

    sections, page = None, None
    for n, (left, right) in enumerate(section_pairs(sop)):
        head_page = boxes.get(f"s{2 * n}", (page, None))[0]
        if sections is None or head_page != page:  # a new page in the PDF: a new table here
            if sections is not None:
                _identity_type(sections)
                gap = doc.add_paragraph()
                gap.paragraph_format.page_break_before = True
                gap.paragraph_format.line_spacing = Pt(1)
            sections, page = dx.table(doc, [width / 2, width / 2]), head_page
        head = dx.row(sections, boxes.get(f"s{2 * n}", (0, None))[1])
        for cell, (title, _) in zip(head.cells, (left, right)):
            dx.write(cell, title.upper(), bold=True)
            dx.shade(cell)
        body = dx.row(sections, boxes.get(f"s{2 * n + 1}", (0, None))[1])
        for cell, (_, section) in zip(body.cells, (left, right)):
            _daftar(cell, section, ctx, cite=section is sop.dasar_hukum)
    _identity_type(sections)


def _identity_type(table) -> None:
    """The identity sheet's type: 9 pt (runs that set their own size keep it)."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                if paragraph.paragraph_format.line_spacing_rule != WD_LINE_SPACING.SINGLE:
                    paragraph.paragraph_format.line_spacing = Pt(IDENTITY_LINE)
                for run in paragraph.runs:
                    if run.font.size is None:
                        run.font.size = Pt(IDENTITY_PT)


def raster_logo(project_root: Path, kop) -> Path | None:
    """Word takes raster logos: an SVG logo is replaced by the PNG of the same name."""
    if not kop.logo:
        return None
    path = project_root / "letterheads" / kop.logo
    if path.suffix.lower() == ".svg":
        path = path.with_suffix(".png")
    return path if path.is_file() else None


def _daftar(cell, section: Daftar, ctx: SheetContext, cite: bool) -> None:
    if section.kosong:
        dx.write(cell, "-")
        return
    if section.pengantar:
        dx.write(cell, section.pengantar)
    _items(cell, section.butir, section.penomoran, ctx, cite, depth=0)


def _items(cell, items, style: str, ctx: SheetContext, cite: bool, depth: int) -> None:
    for i, item in enumerate(items):
        paragraph = cell.paragraphs[0] if not cell.paragraphs[0].text and not cell.paragraphs[0].runs \
            else cell.add_paragraph()
        indent = 5.5 * (depth + 1)
        paragraph.paragraph_format.left_indent = Mm(indent)
        paragraph.paragraph_format.first_line_indent = Mm(-5.5)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(indent))
        paragraph.paragraph_format.space_after = Mm(0.6)  # as the PDF's list items
        paragraph.add_run(text.item_marker(style, i, item.nomor) + "\t")
        dx.runs(paragraph, citation_text(ctx.project, item) if cite else item.teks)
        if item.butir:
            _items(cell, item.butir, item.penomoran, ctx, cite=False, depth=depth + 1)


# ---------------------------------------------------------------- flowchart

def _flowchart(doc, ctx: SheetContext, sheet: RenderedSheet) -> None:
    sop, layout, cols = ctx.sop, ctx.layout, ctx.cols
    heights = sheet.row_heights or [r.min_height for r in layout.rows]
    head_heights = sheet.header_heights or []
    for page_index, rows in enumerate(layout.pages):
        spacer = doc.add_paragraph()
        spacer.paragraph_format.line_spacing = Pt(1)
        if page_index:
            spacer.paragraph_format.page_break_before = True
        elif sop.judul:  # as the PDF: 10 pt on a 12.5 pt line, 2 mm below
            spacer.paragraph_format.page_break_before = True
            spacer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            spacer.paragraph_format.line_spacing = Pt(12.5)
            spacer.paragraph_format.space_after = Mm(2)
            run = spacer.add_run(sop.judul.upper())
            run.bold, run.font.size = True, Pt(10)
        if page_index == 0 and not sop.judul:
            spacer.paragraph_format.page_break_before = True
        table = dx.table(doc, cols.all)
        _header(table, ctx, head_heights)
        for index in rows:
            _body_row(table, ctx, index, heights[index])
    if sop.tampilan.legenda:
        _legend(doc)


def _header(table, ctx: SheetContext, heights: list[float]) -> None:
    sop, cols = ctx.sop, ctx.cols
    heads, n = sop.tampilan.judul_kolom, len(cols.lanes)
    first = dx.row(table, heights[0] if heights else None, exact=bool(heights), header=True)
    second = dx.row(table, heights[1] if len(heights) > 1 else None, exact=len(heights) > 1, header=True)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for cell in (*first.cells, *second.cells):
        dx.valign(cell)
        dx.margins(cell, 1.0, vertical=0)  # as the PDF's, centred in a row of the PDF's exact height
    spans = [(0, 1, heads.no), (1, 2, heads.kegiatan), (2, 2 + n, heads.pelaksana),
             (2 + n, 5 + n, heads.mutu_baku), (5 + n, 6 + n, heads.keterangan)]
    for start, end, title in spans:
        cell = first.cells[start].merge(first.cells[end - 1]) if end - start > 1 else first.cells[start]
        if start in (0, 1, 5 + n):  # spans both heading rows
            cell = cell.merge(second.cells[start])
        dx.write(cell, title.upper(), bold=True, align=center)
    for i, p in enumerate(sop.pelaksana):
        dx.write(second.cells[2 + i], p.nama.upper(), bold=True, align=center)
    for i, title in enumerate((heads.kelengkapan, heads.waktu, heads.output)):
        dx.write(second.cells[2 + n + i], title.upper(), bold=True, align=center)
    if sop.tampilan.baris_indeks:
        index = dx.row(table, heights[2] if len(heights) > 2 else None, exact=len(heights) > 2, header=True)
        for i, cell in enumerate(index.cells):
            dx.margins(cell, 0.3)
            dx.write(cell, str(i + 1), align=center, size=7)


def _body_row(table, ctx: SheetContext, index: int, height: float) -> None:
    layout, cols = ctx.layout, ctx.cols
    row = layout.rows[index]
    tr = dx.row(table, height, exact=False)
    cells = tr.cells
    n = len(cols.lanes)
    dx.write(cells[0], row.no, align=WD_ALIGN_PARAGRAPH.CENTER)
    for lane in range(n):
        cell = cells[2 + lane]
        dx.margins(cell, 0)
        png = png_draw.cell_png(layout, index, lane, height)
        if png:
            dx.picture(cell, png, cols.lanes[lane], height)
    if row.kind == "bagian":
        dx.write(cells[1], row.text, bold=True)
        return
    step: Langkah = row.step
    if row.kind == "sub":
        i = step.sub.index(row.sub)
        if i == 0 and step.uraian:
            dx.write(cells[1], step.uraian)
        dx.lines(cells[1], [(text.sub_marker(i), row.sub.uraian)], first=not (i == 0 and step.uraian))
        waktu = row.sub.waktu or (step.waktu if i == 0 else None)
        for cell, value in ((cells[2 + n], row.sub.kelengkapan), (cells[3 + n], str(waktu) if waktu else None),
                            (cells[4 + n], row.sub.output),
                            (cells[5 + n], row.sub.keterangan or (step.keterangan if i == 0 else None))):
            dx.write(cell, value)
        return
    dx.write(cells[1], step.uraian)
    dx.lines(cells[1], [(text.sub_marker(i), s.uraian) for i, s in enumerate(step.sub)], first=not step.uraian)
    for offset, field in ((2, "kelengkapan"), (3, "waktu"), (4, "output")):
        cell = cells[offset + n]
        own = getattr(step, field)
        dx.write(cell, str(own) if own else None)
        if step.sub and not step.sub_terpisah and not (field == "waktu" and own):
            values = [(text.sub_marker(i), str(getattr(s, field) or "")) for i, s in enumerate(step.sub)]
            dx.lines(cell, [(m, v) for m, v in values if v], first=not own)
    dx.write(cells[5 + n], step.keterangan)


def _legend(doc) -> None:
    from soppress.render.html import LEGEND
    gap = doc.add_paragraph()  # adjacent tables would merge into one
    gap.paragraph_format.space_before = Mm(2)
    table = dx.table(doc, [21, 38] * 3)
    rows = [LEGEND[:3], LEGEND[3:]]
    for group in rows:
        row = dx.row(table, 10)
        for i, (kind, meaning) in enumerate(group):
            dx.margins(row.cells[2 * i], 0)
            dx.picture(row.cells[2 * i], png_draw.legend_png(kind), 20, 8)
            dx.write(row.cells[2 * i + 1], meaning)
            dx.valign(row.cells[2 * i + 1])
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for side in borders:
        side.set(qn("w:val"), "nil")


def _summary(doc, ctx: SheetContext) -> None:
    sop = ctx.sop
    heading = doc.add_paragraph()
    heading.paragraph_format.page_break_before = True
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(6)
    run = heading.add_run((sop.judul or f"SOP {sop.nama}").upper())
    run.bold, run.font.size = True, Pt(10)
    width = ctx.page.content_width
    table = dx.table(doc, [10, width - 145, 70, 30, 35])
    head = dx.row(table, header=True)
    for cell, title in zip(head.cells, ("NO", "PROSEDUR", "PENANGGUNG JAWAB", "WAKTU", "KET")):
        dx.write(cell, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for item in summary(sop):
        row = dx.row(table)
        dx.write(row.cells[0], str(item["no"]), align=WD_ALIGN_PARAGRAPH.CENTER)
        for cell, key in zip(row.cells[1:], ("prosedur", "pj", "waktu", "ket")):
            dx.write(cell, item[key])
