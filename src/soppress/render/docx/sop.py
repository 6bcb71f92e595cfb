"""SOP sheets as DOCX that staff can edit in Word, paginated like the PDF.

docxtpl renders the template (the package's templates/sop.docx, or the project's
own templates/sop.docx): its styles, its footer ({{ nomor }}, {{ nama }}) and the
``{{ isi }}`` paragraph, which python-docx then replaces with the sheet.

The flowchart is the layout module's geometry, as measured in the PDF pass: each
flowchart page of the PDF is one table here, its rows as tall as in the PDF, so
the same steps land on each page with the same off-page connectors. Each lane
cell holds its drawing as a picture anchored in the cell, behind the text: an
SVG (render/flow_svg.py) that Word 2016 and later shows, crisp at any zoom, with
the 300-dpi PNG (png_draw.py) of the same primitives as the fallback other
readers show. Every word (kegiatan, mutu baku, keterangan, identity) is real,
editable text.
"""
from __future__ import annotations

import copy
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from soppress.layout.headings import PAD
from soppress.render.docx import ooxml as dx
from soppress.render import flow_svg
from soppress.render.docx import png_draw
from soppress.render.docx.flow_pictures import sheet_pictures
from soppress.render.docx.blocks import DocxContext, borderless, draw, draw_all, kop_lines, signature_lines
from soppress.render.docx.template import finish_document, mark_sop, page_setup, raster_logo, start_document
from soppress.layout.flowchart import Symbol
from soppress.views.blocks import PageSpec
from soppress.views.sop import LEGEND, Lines, PlannedSheet, SheetBlock
from soppress.views.text import sub_marker


def render_docx(sheet: PlannedSheet, project_root: Path) -> bytes:
    view = sheet.view
    doc = start_document(project_root, {"nomor": view.sop.nomor, "nama": view.sop.nama})
    sop_into(doc, sheet, project_root, new_section=False)
    return finish_document(doc, title=view.sop.nama, subject=f"Standar Operasional Prosedur {view.sop.nomor}",
                           author=view.author, keywords=f"SOP, {view.sop.nomor}")


def sop_into(doc, sheet: PlannedSheet, project_root: Path, new_section: bool = True) -> None:
    """One SOP sheet, in a landscape section of its own (the first section when
    ``new_section`` is false)."""
    if new_section:
        doc.add_section(WD_SECTION.NEW_PAGE)
    page, m = sheet.view.page, sheet.view.page.margin
    page_setup(doc.sections[-1], PageSpec(page.width, page.height, m.atas, m.kanan, m.bawah, m.kiri),
               footer=min(4.0, m.bawah / 3))  # low in the margin: LibreOffice takes room above it
    body = doc.element.body
    before = len(body)
    _identity(doc, sheet, project_root)
    _flowchart(doc, sheet)
    if sheet.view.sop.tampilan.ringkasan:
        _summary(doc, sheet)
    if sheet.view.closing:  # the Keputusan's signature ends the lampiran
        draw(sheet.view.closing, doc, DocxContext(project_root, sheet.view.page.content_width, IDENTITY_PT, LINE))
    mark_sop(list(body)[max(before - 1, 0):], doc)


# ---------------------------------------------------------------- identity sheet

IDENTITY_PT, LINE = 9, 1.25  # as the PDF's identity sheet: 9 pt (or the view's size) on a 1.25 line


def _identity(doc, sheet: PlannedSheet, project_root: Path) -> None:
    """Kop and identity table, then the six sections two by two. Rows are at least
    as tall as in the PDF, and the sections table breaks where the PDF breaks it."""
    view = sheet.view
    boxes = sheet.plan.identity
    width = view.page.content_width
    if view.lampiran:  # as the PDF: in the right half, above the kop
        for i, line in enumerate(view.lampiran):
            paragraph = doc.add_paragraph()
            if i == 0:  # "LAMPIRAN I": a heading, for Word's navigation pane; looks as the others
                paragraph.style = doc.styles["Heading 1"]
                paragraph.paragraph_format.space_before = Mm(0)
            paragraph.paragraph_format.left_indent = Mm(width / 2)
            paragraph.paragraph_format.line_spacing = Pt(10.6)
            paragraph.paragraph_format.space_after = Mm(0)
            run = paragraph.add_run(line.upper())
            run.font.size, run.bold, run.font.color.rgb = Pt(8.5), False, RGBColor(0, 0, 0)
        paragraph.paragraph_format.space_after = Mm(3)
    rows = view.identity
    table = dx.table(doc, [width * 0.40, width * 0.17, width * 0.43])
    pt = view.identity_pt
    cell_ctx = DocxContext(project_root, width * 0.43, pt, LINE)
    for n, (label, value) in enumerate(rows):
        cells = dx.row_cells(table, boxes.get(f"k{n}", (0, None))[1])
        dx.write(cells[1], label, bold=True)
        if label == "Disahkan oleh":
            signature_lines(view.signature, cells[2], cell_ctx, keep=False)
        else:
            dx.write(cells[2], value, bold=label == "Nama SOP")
    kop_cell = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
    dx.valign(kop_cell)
    logo = raster_logo(project_root, view.kop.logo)
    paragraph = kop_cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if logo:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # exact spacing would clip it
        dx.add_picture(paragraph.add_run(), str(logo), height=Mm(24))
    kop_lines(kop_cell, view.kop, (10, 10, 9, 7.5), paragraph)
    _identity_type(table, pt)

    sections, page = None, None
    for n, (left, right) in enumerate(view.sections):
        head_page = boxes.get(f"s{2 * n}", (page, None))[0]
        if sections is None or head_page != page:  # a new page in the PDF: a new table here
            if sections is not None:
                _identity_type(sections, pt)
                gap = doc.add_paragraph()
                gap.paragraph_format.page_break_before = True
                gap.paragraph_format.line_spacing = Pt(1)
            sections, page = dx.table(doc, [width / 2, width / 2]), head_page
        head = dx.row_cells(sections, boxes.get(f"s{2 * n}", (0, None))[1])
        for cell, section in zip(head, (left, right)):
            dx.write(cell, _case(view, section.title), bold=True)
            dx.shade(cell)
        body = dx.row_cells(sections, boxes.get(f"s{2 * n + 1}", (0, None))[1])
        for cell, section in zip(body, (left, right)):
            draw_all(cell, section.blocks, DocxContext(project_root, width / 2, pt, LINE))
    _identity_type(sections, pt)


def _case(view, text: str) -> str:
    """Headings in capitals unless the SOP keeps them as written (tampilan.kapital: false)."""
    return text.upper() if view.sop.tampilan.kapital else text


def _identity_type(table, pt: float) -> None:
    """The identity sheet's type (runs that set their own size keep it). The cells are
    walked in the XML (python-docx's ``rows``/``cells`` work out the grid for every
    cell); a vertically merged cell is its first row's."""
    for tr in table._tbl.iterchildren(dx.qn("w:tr")):
        for tc in tr.iterchildren(dx.qn("w:tc")):
            if tc.vMerge == "continue":
                continue
            for p in tc.iterchildren(dx.qn("w:p")):
                paragraph = Paragraph(p, None)
                if paragraph.paragraph_format.line_spacing_rule != WD_LINE_SPACING.SINGLE:
                    paragraph.paragraph_format.line_spacing = Pt(pt * LINE)
                for run in paragraph.runs:
                    if run.font.size is None:
                        run.font.size = Pt(pt)


# ---------------------------------------------------------------- flowchart

def _flowchart(doc, sheet: PlannedSheet) -> None:
    view, layout, plan = sheet.view, sheet.layout, sheet.plan
    sop = view.sop
    heights = plan.row_heights or [r.min_height for r in layout.rows]
    cells = [(index, lane, heights[index]) for rows in layout.pages for index in rows
             for lane in range(len(view.cols.lanes))]
    pictures = sheet_pictures(view.key, layout, cells)
    header = None
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
            run = spacer.add_run(_case(view, sop.judul))
            run.bold, run.font.size = True, Pt(10)
        if page_index == 0 and not sop.judul:
            spacer.paragraph_format.page_break_before = True
        table = dx.table(doc, view.cols.all)
        if header is None:
            _header(table, sheet, plan.header_heights)
            header = [copy.deepcopy(tr) for tr in table._tbl.tr_lst]
        else:  # the same heading rows on every page: copied, not built again
            table._tbl.extend(copy.deepcopy(tr) for tr in header)
        for index in rows:
            _body_row(table, sheet, index, heights[index], pictures)
    if sop.tampilan.legenda:
        _legend(doc)


def _header(table, sheet: PlannedSheet, heights: list[float]) -> None:
    view = sheet.view
    n = len(view.cols.lanes)
    first = dx.row(table, heights[0] if heights else None, exact=bool(heights), header=True)
    second = dx.row(table, heights[1] if len(heights) > 1 else None, exact=len(heights) > 1, header=True)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for cell in (*first.cells, *second.cells):
        dx.valign(cell)
        dx.margins(cell, PAD, vertical=0)  # as the PDF's, centred in a row of the PDF's exact height
    h = view.table_heads
    spans = [(0, 1, h.no), (1, 2, h.kegiatan), (2, 2 + n, h.pelaksana), (2 + n, 5 + n, h.mutu_baku),
             (5 + n, 6 + n, h.keterangan)]
    for start, end, heading in spans:
        cell = first.cells[start].merge(first.cells[end - 1]) if end - start > 1 else first.cells[start]
        if start in (0, 1, 5 + n):  # spans both heading rows
            cell = cell.merge(second.cells[start])
        _heading(cell, heading)
    for i, heading in enumerate((*h.lanes, h.kelengkapan, h.waktu, h.output)):
        _heading(second.cells[2 + i], heading)
    if view.sop.tampilan.baris_indeks:
        index = dx.row(table, heights[2] if len(heights) > 2 else None, exact=len(heights) > 2, header=True)
        for i, cell in enumerate(index.cells):
            dx.margins(cell, 0.3)
            dx.write(cell, str(i + 1), align=center, size=7)


def _heading(cell, heading) -> None:
    """A heading in the lines the view broke it into, at its size (as the PDF)."""
    dx.write(cell, "  \n".join(heading.lines), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=heading.pt)


def _cell_lines(cell, lines: Lines) -> None:
    dx.write(cell, lines.lead or None)
    dx.lines(cell, list(lines.subs), first=not lines.lead)


def _body_row(table, sheet: PlannedSheet, index: int, height: float, pictures: dict) -> None:
    layout, cols = sheet.layout, sheet.view.cols
    row = sheet.view.rows[index]
    cells = dx.row_cells(table, height, exact=False)
    n = len(cols.lanes)
    dx.write(cells[0], row.no, align=WD_ALIGN_PARAGRAPH.CENTER)
    for lane in range(n):
        cell = cells[2 + lane]
        dx.margins(cell, 0)
        if (index, lane) in pictures:
            png, svg = pictures[index, lane]
            dx.picture(cell, png, cols.lanes[lane], height, svg=svg, descr=alt_text(sheet, index, lane))
    if row.kind == "bagian":
        dx.write(cells[1], row.kegiatan.lead, bold=True)
        return
    _cell_lines(cells[1], row.kegiatan)
    for offset, lines in ((2, row.kelengkapan), (3, row.waktu), (4, row.output)):
        _cell_lines(cells[offset + n], lines)
    _cell_lines(cells[5 + n], row.keterangan)


def alt_text(sheet: PlannedSheet, index: int, lane: int) -> str:
    """The picture's alternative text (read aloud by screen readers, and read back by
    `soppress impor`): the symbol of the cell, its kegiatan and where the flow goes."""
    layout, sop = sheet.layout, sheet.view.sop
    symbol = next((p for p in layout.cell_prims(index, lane) if isinstance(p, Symbol)), None)
    if symbol is None:
        return "Bagan alir: garis alir"
    row = layout.rows[index]
    where = f"kegiatan {symbol.step}"
    if row.kind == "sub":
        where += f" sub {sub_marker(row.step.sub.index(row.sub)).rstrip('.')}"
    parts = [f"Bagan alir: {where}, simbol {symbol.kind}"]
    step = row.step
    if step.cabang:
        parts += [f'"{label}" ke kegiatan {c.ke}' for label, c in zip(sop.cabang_labels(step), step.cabang)]
    elif step.lanjut is not None and sop.simbol(step) != "selesai":
        parts.append(f"lanjut ke kegiatan {step.lanjut}")
    return "; ".join(parts)


def _legend(doc) -> None:
    gap = doc.add_paragraph()  # adjacent tables would merge into one
    gap.paragraph_format.space_before = Mm(2)
    table = dx.table(doc, [21, 38] * 3)
    rows = [LEGEND[:3], LEGEND[3:]]
    for group in rows:
        cells = dx.row_cells(table, 10)
        for i, (kind, meaning) in enumerate(group):
            dx.margins(cells[2 * i], 0)
            dx.picture(cells[2 * i], png_draw.legend_png(kind), 20, 8, svg=flow_svg.legend_svg(kind))
            dx.write(cells[2 * i + 1], meaning)
            dx.valign(cells[2 * i + 1])
    borderless(table)


def _summary(doc, sheet: PlannedSheet) -> None:
    view = sheet.view
    sop = view.sop
    heading = doc.add_paragraph()
    heading.paragraph_format.page_break_before = True
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(6)
    run = heading.add_run(_case(view, sop.judul or f"SOP {sop.nama}"))
    run.bold, run.font.size = True, Pt(10)
    width = view.page.content_width
    table = dx.table(doc, [10, width - 145, 70, 30, 35])
    head = dx.row_cells(table, header=True)
    for cell, title in zip(head, ("NO", "PROSEDUR", "PENANGGUNG JAWAB", "WAKTU", "KET")):
        dx.write(cell, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for item in view.summary:
        cells = dx.row_cells(table)
        dx.write(cells[0], str(item["no"]), align=WD_ALIGN_PARAGRAPH.CENTER)
        for cell, key in zip(cells[1:], ("prosedur", "pj", "waktu", "ket")):
            dx.write(cell, item[key])


@draw.register
def _sheet_block(block: SheetBlock, container, ctx: DocxContext) -> None:
    sop_into(container, block.sheet, ctx.project_root, new_section=False)
