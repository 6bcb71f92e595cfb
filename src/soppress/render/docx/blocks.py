"""Each view block drawn once as DOCX (python-docx), mirroring render/html/blocks.py.

Blocks are drawn into a *container*: the document body or a table cell (a cell's
first, empty paragraph is used before new ones are added). Type sizes and line
heights come from the ``DocxContext`` (the document's body size and line)."""
from __future__ import annotations

import io
from dataclasses import dataclass

from functools import singledispatch
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt, RGBColor

from soppress.render.docx import ooxml as dx
from soppress.render.docx.template import raster_logo
from soppress.sources.chars import visible
from soppress.views import blocks as b

CHECKBOX, CHECKED = "\u25a1", "\u25a0"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


@dataclass(frozen=True)
class DocxContext:
    project_root: Path
    width: float          # the content width of the current section (mm)
    size: float = 11.0    # body type (pt)
    line: float = 1.35    # line height, as a multiple of the size
    mode: str = "terisi"

    @property
    def line_pt(self) -> float:
        return max(15.0, round(self.size * self.line * 4) / 4) if self.size >= 11 else self.size * self.line


def new_paragraph(container, ctx: DocxContext, size: float | None = None):
    """A paragraph at the end of ``container``, on the document's line grid."""
    cell_first = getattr(container, "_tc", None) is not None and len(container.paragraphs) == 1 \
        and not container.paragraphs[0].runs and not container.paragraphs[0].text
    paragraph = container.paragraphs[0] if cell_first else container.add_paragraph()
    size = size or ctx.size
    paragraph.paragraph_format.line_spacing = Pt(max(ctx.line_pt, size * 1.3))
    paragraph.paragraph_format.space_after = Mm(0)
    return paragraph


def write_text(paragraph, value: str | None, ctx: DocxContext, bold: bool = False, size: float | None = None) -> None:
    if not value:
        return
    if isinstance(value, b.Plain):
        dx.add_run(paragraph, visible(str(value)), bold=bold, size=size or ctx.size)  # XML cannot hold control characters
    else:
        dx.runs(paragraph, value, bold=bold, size=size or ctx.size)


def draw_all(container, items, ctx: DocxContext) -> None:
    for item in items:
        draw(item, container, ctx)


@singledispatch
def draw(block, container, ctx: DocxContext) -> None:
    raise TypeError(f"no DOCX drawing for {type(block).__name__}")


@draw.register
def _paragraph(p: b.Paragraph, container, ctx: DocxContext) -> None:
    paragraph = new_paragraph(container, ctx, p.size)
    fmt = paragraph.paragraph_format
    paragraph.alignment = ALIGN[p.align]
    fmt.left_indent = Mm(p.indent) if p.indent else None
    fmt.space_before, fmt.space_after = Mm(p.space_before), Mm(p.space_after)
    fmt.keep_with_next = p.keep_with_next or None
    write_text(paragraph, p.text, ctx, bold=p.bold, size=p.size)


@draw.register
def _heading(h: b.Heading, container, ctx: DocxContext) -> None:
    size = h.size or ctx.size
    for i, line in enumerate(h.lines):
        paragraph = new_paragraph(container, ctx, size)
        if i == 0 and h.level in (1, 2) and getattr(container, "_tc", None) is None \
                and _has_style(container, f"Heading {h.level}"):  # Word's navigation pane
            paragraph.style = container.styles[f"Heading {h.level}"]
        paragraph.alignment = ALIGN[h.align]
        paragraph.paragraph_format.keep_with_next = True
        if i == len(h.lines) - 1:
            paragraph.paragraph_format.space_after = Mm(h.space_after)
        paragraph.paragraph_format.space_before = Mm(0)
        write_text(paragraph, line, ctx, bold=True, size=size)
        for run in paragraph.runs:  # the template's heading styles carry a colour: print black
            run.font.color.rgb = RGBColor(0, 0, 0)
        if i == 0 and h.anchor:
            bookmark(paragraph, bookmark_name(h.anchor))


def _has_style(container, name: str) -> bool:
    try:
        container.styles[name]
        return True
    except (KeyError, AttributeError):
        return False


def bookmark(paragraph, name: str) -> None:
    ident = int.from_bytes(name.encode(), "big") % 99991  # deterministic: same source, same file
    paragraph._p.append(dx.el("w:bookmarkStart", w_id=ident, w_name=name))
    paragraph._p.append(dx.el("w:bookmarkEnd", w_id=ident))


@draw.register
def _list(lst: b.NumberedList, container, ctx: DocxContext, depth: int = 0) -> None:
    for item in lst.items:
        paragraph = new_paragraph(container, ctx)
        fmt = paragraph.paragraph_format
        indent = lst.indent * (depth + 1)
        fmt.left_indent, fmt.first_line_indent = Mm(indent), Mm(-lst.indent)
        fmt.tab_stops.add_tab_stop(Mm(indent))
        fmt.space_after = Mm(lst.gap)
        paragraph.alignment = ALIGN[lst.align] if lst.align != "left" else None
        paragraph.add_run(f"{item.marker}\t").font.size = Pt(ctx.size)
        write_text(paragraph, item.text, ctx)
        if item.children:
            _list(item.children, container, ctx, depth + 1)


def borderless(table) -> None:
    for side in table._tbl.tblPr.find(dx.qn("w:tblBorders")):
        side.set(dx.qn("w:val"), "nil")


@draw.register
def _fields(f: b.Fields, container, ctx: DocxContext) -> None:
    colon = 5.0 if f.colon else 0.0
    widths = [f.label_width, colon, ctx.width - f.label_width - colon] if f.colon else \
        [f.label_width, ctx.width - f.label_width]
    table = dx.table(container, widths)
    borderless(table)
    inner = DocxContext(ctx.project_root, widths[-1] - 2 * dx.PAD_H, ctx.size, ctx.line, ctx.mode)
    for row_view in f.rows:
        row = table.add_row()
        label = new_paragraph(row.cells[0], ctx)
        write_text(label, row_view.label, ctx, bold=row_view.bold_label)
        if f.colon:
            new_paragraph(row.cells[1], ctx).add_run(":").font.size = Pt(ctx.size)
        cell = row.cells[-1]
        if isinstance(row_view.value, b.NumberedList):
            draw(row_view.value, cell, inner)
        elif isinstance(row_view.value, tuple):
            draw_all(cell, row_view.value, inner)
        else:
            paragraph = new_paragraph(cell, ctx)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            write_text(paragraph, row_view.value, ctx)
    if f.keep_last_with_next and table.rows:
        last = table.rows[-1]
        for paragraph in (p for cell in last.cells for p in cell.paragraphs):
            paragraph.paragraph_format.keep_with_next = True
        last._tr.get_or_add_trPr().append(dx.el("w:cantSplit"))


@draw.register
def _kop(k: b.Kop, container, ctx: DocxContext) -> None:
    table = dx.table(container, [28, ctx.width - 28])
    borderless(table)
    row = table.add_row()
    logo = raster_logo(ctx.project_root, k.logo)
    if logo:
        paragraph = row.cells[0].paragraphs[0]
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        dx.add_picture(paragraph.add_run(), str(logo), height=Mm(24))
    kop_lines(row.cells[1], k, (12, 13, 11, 8.5), single=True)
    rule = container.add_paragraph()
    border = dx.el("w:pBdr")
    border.append(dx.el("w:bottom", w_val="double", w_sz=12, w_space=1, w_color="000000"))
    rule.paragraph_format.space_after = Mm(5)
    rule._p.get_or_add_pPr().append(border)


def kop_lines(cell, k: b.Kop, sizes: tuple[float, float, float, float], paragraph=None,
              single: bool = False) -> None:
    """The kop's lines, centred (pemerintah, dinas, unit bold; the address small); also
    drawn in the SOP identity table's first cell. ``paragraph``: where the first goes."""
    for line, size, bold in zip((k.pemerintah, k.dinas, k.unit, k.address), sizes, (True, True, True, False)):
        if not line:
            continue
        paragraph = paragraph or cell.paragraphs[0]
        paragraph = paragraph if not paragraph.runs else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if single:
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # large type: not the body grid
        run = paragraph.add_run(line)
        run.bold, run.font.size = bold or None, Pt(size)


def signature_lines(s: b.Signature, container, ctx: DocxContext, indent: float = 0.0,
                    align=None, keep: bool = True) -> None:
    """The lines of a signature block; also drawn inside the SOP's identity table."""
    lines: list[tuple[str, bool, float]] = [(line, False, 0.0) for line in s.before]
    if lines:
        lines[-1] = (lines[-1][0], False, 2.0)
    lines += [(s.jabatan, False, s.room), (s.nama, True, 0.0)]
    lines += [(x, False, 0.0) for x in (s.pangkat, s.nip and f"NIP. {s.nip}") if x]
    for i, (text, bold, after) in enumerate(lines):
        paragraph = new_paragraph(container, ctx)
        fmt = paragraph.paragraph_format
        fmt.space_after = Mm(after)
        if indent:
            fmt.left_indent = Mm(indent)
        if align is not None:
            paragraph.alignment = align
        fmt.keep_with_next = (keep and i < len(lines) - 1) or None
        if "\t" in text:
            fmt.tab_stops.add_tab_stop(Mm(27))
        run = paragraph.add_run(text)
        run.font.size = Pt(ctx.size)
        if bold:
            run.bold = run.underline = True


@draw.register
def _signature(s: b.Signature, container, ctx: DocxContext) -> None:
    indent = {"right": ctx.width - s.width, "center": (ctx.width - s.width) / 2, "left": 0.0}.get(s.align, 0.0)
    before = len(container.paragraphs)
    signature_lines(s, container, ctx, indent=indent)
    first = container.paragraphs[before] if len(container.paragraphs) > before else None
    if first is not None:
        first.paragraph_format.space_before = Mm(6)


@draw.register
def _signatures(s: b.Signatures, container, ctx: DocxContext) -> None:
    n = len(s.signatures)
    table = dx.table(container, [ctx.width / n] * n)
    borderless(table)
    row = table.add_row()
    row._tr.get_or_add_trPr().append(dx.el("w:cantSplit"))
    for cell, sig in zip(row.cells, s.signatures):
        signature_lines(sig, cell, ctx, align=WD_ALIGN_PARAGRAPH.CENTER, keep=False)


@draw.register
def _image(i: b.Image, container, ctx: DocxContext) -> None:
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[i.align]
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would clip it
    paragraph.paragraph_format.space_after = Mm(i.space_after)
    source = io.BytesIO(i.png) if i.png is not None else raster_logo(ctx.project_root, i.path)
    if source is None:
        return
    run = paragraph.add_run()
    if i.height:
        dx.add_picture(run, source if isinstance(source, io.BytesIO) else str(source), height=Mm(i.height))
    else:
        dx.add_picture(run, source if isinstance(source, io.BytesIO) else str(source), width=Mm(i.width or ctx.width))
    if i.svg is not None and i.png is not None:
        dx.svg_beside_png(run, i.svg.encode("utf-8"))


@draw.register
def _toc(toc: b.Toc, container, ctx: DocxContext) -> None:
    """PAGEREF fields to the parts' bookmarks; their shown value is the page in the
    PDF, which the DOCX paginates like. Word and LibreOffice recompute them."""
    pages = dict(toc.pages)
    for entry in toc.entries:
        paragraph = new_paragraph(container, ctx)
        paragraph.paragraph_format.space_after = Mm(1.5)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(ctx.width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        paragraph.add_run(entry.title + "\t").font.size = Pt(ctx.size)
        field(paragraph, f" PAGEREF {bookmark_name(entry.anchor)} \\h ", str(pages.get(entry.anchor, "")), ctx.size)
    settings = container.settings.element
    if settings.find(dx.qn("w:updateFields")) is None:
        settings.append(dx.el("w:updateFields", w_val="true"))


def field(paragraph, instruction: str, shown: str, size: float) -> None:
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind in ("begin", "separate", "end"):
            run._r.append(dx.el("w:fldChar", w_fldCharType=kind))
        else:
            part = dx.el("w:instrText" if kind == "instr" else "w:t")
            part.set(dx.qn("xml:space"), "preserve")
            part.text = text
            run._r.append(part)


def bookmark_name(anchor: str) -> str:
    return anchor.replace("-", "_")


@draw.register
def _page_break(_: b.PageBreak, container, ctx: DocxContext) -> None:
    container.add_paragraph().paragraph_format.page_break_before = True


@draw.register
def _table(t: b.Table, container, ctx: DocxContext) -> None:
    table = dx.table(container, list(t.widths))
    size = t.size or ctx.size
    inner = DocxContext(ctx.project_root, min(t.widths), size, ctx.line, ctx.mode)
    all_rows = [(r, True) for r in t.head] + [(r, False) for r in t.rows]
    grid = []
    for cells, header in all_rows:
        row = dx.row(table, header=header)
        grid.append(row)
    taken: set[tuple[int, int]] = set()
    for r, (cells, header) in enumerate(all_rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            target = grid[r].cells[c]
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(grid[r + cell.rowspan - 1].cells[c + cell.colspan - 1])
                for rr in range(r, r + cell.rowspan):
                    for cc in range(c, c + cell.colspan):
                        taken.add((rr, cc))
            if cell.shade:
                dx.shade(target)
            if header:
                dx.valign(target)
            if cell.blocks:
                draw_all(target, cell.blocks, inner)
            else:
                paragraph = new_paragraph(target, inner, size)
                paragraph.alignment = ALIGN["center" if header and cell.align == "left" else cell.align]
                write_text(paragraph, cell.text, inner, bold=cell.bold or header, size=size)
            c += cell.colspan
    if not t.borders:
        borderless(table)
    container.add_paragraph().paragraph_format.line_spacing = Pt(2)  # adjacent tables would merge into one


@draw.register
def _form_field(f: b.FormField, container, ctx: DocxContext) -> None:
    paragraph = new_paragraph(container, ctx)
    paragraph.paragraph_format.space_after = Mm(2.5)
    paragraph.paragraph_format.keep_together = True
    label = f.label + (" *" if f.required else "")
    write_text(paragraph, b.Plain(label), ctx)
    filled = ctx.mode == "terisi"
    if f.kind in ("pilihan", "pilihan_ganda", "ya_tidak"):
        options = f.options or ("Ya", "Tidak")
        chosen = set(f.value if isinstance(f.value, tuple) else (f.value,)) if (filled and f.value) else set()
        paragraph.add_run("   " + "    ".join(f"{CHECKED if o in chosen else CHECKBOX} {o}" for o in options)
                          ).font.size = Pt(ctx.size)
        return
    if f.kind == "tanda_tangan":
        paragraph.paragraph_format.keep_with_next = True
        space = new_paragraph(container, ctx)
        space.paragraph_format.space_before = Mm(16)
        space.add_run("(" + "." * 40 + ")").font.size = Pt(ctx.size)
        return
    if filled:
        paragraph.add_run(": ").font.size = Pt(ctx.size)
        value = f.value if isinstance(f.value, str) else ", ".join(f.value or ())
        write_text(paragraph, b.Plain(value), ctx)
        return
    # blank (and "isian": a DOCX is filled in Word, on the dotted lines)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(ctx.width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph.add_run(" \t").font.size = Pt(ctx.size)
    for _ in range(max(0, f.lines - 1) if f.kind == "paragraf" else 0):
        line = new_paragraph(container, ctx)
        line.paragraph_format.tab_stops.add_tab_stop(Mm(ctx.width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        line.paragraph_format.space_after = Mm(1.5)
        line.add_run("\t").font.size = Pt(ctx.size)
