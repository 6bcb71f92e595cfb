"""Each view block drawn once as HTML (the PDF is weasyprint's layout of this HTML).

``draw(block, ctx)`` returns markup for one block; ``BLOCKS_CSS`` styles the classes
used here. Source text is inline Markdown (``views.text.inline``); ``Plain`` text
(case values, names) is escaped and printed exactly as typed."""
from __future__ import annotations

from dataclasses import dataclass
from functools import singledispatch
import base64
from typing import Any, Callable

from markupsafe import Markup, escape

from soppress.views import blocks as b
from soppress.views.text import inline

CHECKBOX, CHECKED = "\u25a1", "\u25a0"   # □ ■ — both in Liberation Sans


@dataclass(frozen=True)
class HtmlContext:
    """What drawing needs besides the block: how to refer to a project file (the
    logo), how form fields are drawn (kosong, isian, terisi), and the template
    environment (a project's own templates first) for blocks drawn by templates."""
    asset_url: Callable[[str], str]
    mode: str = "terisi"
    env: Any = None
    font: str = "Liberation Sans"


def text(value: str | None) -> Markup:
    if not value:
        return Markup("")
    out = escape(value) if isinstance(value, b.Plain) else inline(value)
    if value.isupper():  # words in capitals are not hyphenated (STAN-DAR would read badly)
        return Markup('<span class="kapital">{}</span>').format(out)
    return out


def blocks(items, ctx: HtmlContext) -> Markup:
    return Markup("\n").join(draw(item, ctx) for item in items)


@singledispatch
def draw(block, ctx: HtmlContext) -> Markup:
    raise TypeError(f"no HTML drawing for {type(block).__name__}")


def _style(**props) -> Markup:
    parts = [f"{k.replace('_', '-')}: {v}" for k, v in props.items() if v is not None]
    return Markup(' style="{}"').format("; ".join(parts)) if parts else Markup("")


@draw.register
def _paragraph(p: b.Paragraph, ctx: HtmlContext) -> Markup:
    style = _style(text_align=p.align if p.align != "justify" else None,
                   font_weight="bold" if p.bold else None, font_size=f"{p.size}pt" if p.size else None,
                   margin_left=f"{p.indent}mm" if p.indent else None,
                   margin_top=f"{p.space_before}mm" if p.space_before else None,
                   margin_bottom=f"{p.space_after}mm", break_after="avoid" if p.keep_with_next else None)
    return Markup('<p class="par"{}>{}</p>').format(style, text(p.text))


@draw.register
def _heading(h: b.Heading, ctx: HtmlContext) -> Markup:
    tag = {1: "h1", 2: "h2"}.get(h.level, "div")  # h1/h2 also become the PDF's bookmarks
    ident = Markup(' id="{}"').format(h.anchor) if h.anchor else Markup("")
    style = _style(text_align=h.align if h.align != "center" else None,
                   font_size=f"{h.size}pt" if h.size else None, margin_top=f"{h.space_before}mm" if h.space_before
                   else None, margin_bottom=f"{h.space_after}mm")
    lines = Markup("").join(Markup("<span>{}</span>").format(text(line)) for line in h.lines)
    return Markup('<{tag} class="judul"{ident}{style}>{lines}</{tag}>').format(
        tag=Markup(tag), ident=ident, style=style, lines=lines)


@draw.register
def _list(lst: b.NumberedList, ctx: HtmlContext) -> Markup:
    li = _style(padding_left=f"{lst.indent}mm" if lst.indent != 7 else None,
                margin_bottom=f"{lst.gap}mm" if lst.gap != 1 else None)
    m = _style(width=f"{lst.indent}mm", margin_left=f"-{lst.indent}mm") if lst.indent != 7 else Markup("")
    items = Markup("").join(
        Markup('<li{}><span class="m"{}>{}</span><span class="t">{}{}</span></li>').format(
            li, m, item.marker, text(item.text), draw(item.children, ctx) if item.children else Markup(""))
        for item in lst.items)
    return Markup('<ol class="daftar"{}>{}</ol>').format(
        _style(text_align=lst.align if lst.align != "justify" else None), items)


@draw.register
def _fields(f: b.Fields, ctx: HtmlContext) -> Markup:
    rows = []
    for i, row in enumerate(f.rows):
        if isinstance(row.value, (b.NumberedList,)):
            value = draw(row.value, ctx)
        elif isinstance(row.value, tuple):
            value = blocks(row.value, ctx)
        else:
            value = text(row.value)
        last = f.keep_last_with_next and i == len(f.rows) - 1
        rows.append(Markup('<tr{}><td class="label{}"{}>{}</td>{}<td>{}</td></tr>').format(
            Markup(' class="akhir"') if last else Markup(""), Markup(" tebal") if row.bold_label else Markup(""),
            _style(width=f"{f.label_width}mm"), text(row.label),
            Markup('<td class="titik">:</td>') if f.colon else Markup(""), value))
    return Markup('<table class="isian-baris">{}</table>').format(Markup("").join(rows))


@draw.register
def _kop(k: b.Kop, ctx: HtmlContext) -> Markup:
    logo = Markup('<img class="lambang" src="{}" alt="">').format(ctx.asset_url(k.logo)) if k.logo else Markup("")
    return Markup('<div class="kop-surat">{}<div class="kop-teks">{}</div></div>').format(logo, kop_lines(k))


def kop_lines(k: b.Kop) -> Markup:
    """The kop's lines; also drawn in the SOP identity table's first cell."""
    lines = [Markup('<div class="pemerintah">{}</div>').format(k.pemerintah),
             Markup('<div class="dinas">{}</div>').format(k.dinas)]
    if k.unit:
        lines.append(Markup('<div class="unit">{}</div>').format(k.unit))
    if k.address:
        lines.append(Markup('<div class="alamat">{}</div>').format(k.address))
    return Markup("\n").join(lines)


@draw.register
def _signature(s: b.Signature, ctx: HtmlContext) -> Markup:
    return Markup('<div class="ttd ttd-{}"{}>{}</div>').format(
        Markup(s.align), _style(width=f"{s.width}mm"), signature_lines(s))


def signature_lines(s: b.Signature) -> Markup:
    """The lines of a signature block; also drawn inside the SOP's identity table."""
    out = []
    for line in s.before:
        label, _, value = line.partition("\t")
        out.append(Markup('<div class="tempat"><span class="l">{}</span>{}</div>').format(
            label, value) if value else Markup("<div>{}</div>").format(line))
    out.append(Markup('<div class="jabatan"{}>{}</div>').format(_style(margin_bottom=f"{s.room}mm"), s.jabatan))
    out.append(Markup('<div class="nama">{}</div>').format(s.nama))
    if s.pangkat:
        out.append(Markup("<div>{}</div>").format(s.pangkat))
    if s.nip:
        out.append(Markup("<div>NIP. {}</div>").format(s.nip))
    return Markup("").join(out)


@draw.register
def _signatures(s: b.Signatures, ctx: HtmlContext) -> Markup:
    cells = Markup("").join(Markup("<td>{}</td>").format(signature_lines(sig)) for sig in s.signatures)
    return Markup('<table class="ttd-baris"><tr>{}</tr></table>').format(cells)


@draw.register
def _image(i: b.Image, ctx: HtmlContext) -> Markup:
    if i.svg is not None:
        src = "data:image/svg+xml;base64," + base64.b64encode(i.svg.encode("utf-8")).decode("ascii")
    elif i.path:
        src = ctx.asset_url(i.path)
    else:
        src = "data:image/png;base64," + base64.b64encode(i.png or b"").decode("ascii")
    size = _style(height=f"{i.height}mm" if i.height else None,
                  width=f"{i.width}mm" if i.width else (None if i.height else "100%"))
    return Markup('<div class="gambar"{}><img src="{}" alt=""{}></div>').format(
        _style(text_align=i.align, margin_bottom=f"{i.space_after}mm" if i.space_after else None), src, size)


@draw.register
def _toc(toc: b.Toc, ctx: HtmlContext) -> Markup:
    rows = Markup("").join(
        Markup('<tr><td><a href="#{0}">{1}</a></td><td class="hal"><a href="#{0}"></a></td></tr>').format(
            e.anchor, e.title) for e in toc.entries)
    return Markup('<table class="daftar-isi">{}</table>').format(rows)


@singledispatch
def block_css(block, ctx: HtmlContext) -> str:
    """CSS a block kind needs beyond BLOCKS_CSS (none by default)."""
    return ""


@draw.register
def _page_break(_: b.PageBreak, ctx: HtmlContext) -> Markup:
    return Markup('<div class="putus-halaman"></div>')


def _cell(cell: b.Cell, tag: str, ctx: HtmlContext) -> Markup:
    attrs = Markup("")
    if cell.colspan > 1:
        attrs += Markup(' colspan="{}"').format(cell.colspan)
    if cell.rowspan > 1:
        attrs += Markup(' rowspan="{}"').format(cell.rowspan)
    style = _style(text_align=cell.align if cell.align != "left" else None,
                   font_weight="bold" if cell.bold and tag == "td" else None,
                   background="#f0f0f0" if cell.shade else None)
    content = blocks(cell.blocks, ctx) if cell.blocks else text(cell.text)
    return Markup("<{tag}{attrs}{style}>{content}</{tag}>").format(tag=Markup(tag), attrs=attrs, style=style,
                                                                  content=content)


@draw.register
def _table(t: b.Table, ctx: HtmlContext) -> Markup:
    cols = Markup("").join(Markup('<col style="width: {:.2f}mm">').format(w) for w in t.widths)
    head = Markup("").join(Markup("<tr>{}</tr>").format(Markup("").join(_cell(c, "th", ctx) for c in row))
                           for row in t.head)
    body = Markup("").join(Markup("<tr>{}</tr>").format(Markup("").join(_cell(c, "td", ctx) for c in row))
                           for row in t.rows)
    klass = "tabel" if t.borders else "tabel tanpa-garis"
    return Markup('<table class="{}"{}><colgroup>{}</colgroup>{}<tbody>{}</tbody></table>').format(
        klass, _style(font_size=f"{t.size}pt" if t.size else None), cols,
        Markup("<thead>{}</thead>").format(head) if head else Markup(""), body)


@draw.register
def _form_field(f: b.FormField, ctx: HtmlContext) -> Markup:
    label = Markup('<span class="label">{}{}</span>').format(f.label, Markup(" *") if f.required else Markup(""))
    return Markup('<div class="isian isian-{}">{}{}</div>').format(Markup(f.kind), label, _answer(f, ctx))


def _answer(f: b.FormField, ctx: HtmlContext) -> Markup:
    if f.kind == "tanda_tangan":
        return Markup('<span class="ruang-ttd"></span>')
    if f.kind in ("pilihan", "pilihan_ganda", "ya_tidak"):
        options = f.options or ("Ya", "Tidak")
        chosen = set(f.value if isinstance(f.value, tuple) else (f.value,)) if f.value else set()
        if ctx.mode == "isian":  # a value given (from a case file) is filled in already
            if f.kind == "pilihan_ganda":
                return Markup("").join(Markup('<label class="opsi"><input type="checkbox" name="{}.{}"{}> {}</label>')
                                       .format(f.name, i, Markup(" checked") if o in chosen else Markup(""), o)
                                       for i, o in enumerate(options))
            opts = Markup("").join(Markup('<option value="{0}"{1}>{0}</option>').format(
                o, Markup(" selected") if o in chosen else Markup("")) for o in ("", *options))
            return Markup('<select name="{}">{}</select>').format(f.name, opts)
        shown = chosen if ctx.mode == "terisi" else set()
        return Markup("").join(Markup('<span class="opsi">{} {}</span>').format(
            CHECKED if o in shown else CHECKBOX, o) for o in options)
    width = _style(width=f"{f.width}mm") if f.width else Markup("")
    if ctx.mode == "isian":
        given = b.Plain(f.value if isinstance(f.value, str) else ", ".join(f.value or ()))
        if f.kind == "paragraf":
            return Markup('<textarea name="{}" rows="{}">{}</textarea>').format(f.name, f.lines, given)
        return Markup('<input type="text" name="{}" value="{}"{}>').format(f.name, given, width)
    if ctx.mode == "terisi":
        value = b.Plain(f.value if isinstance(f.value, str) else ", ".join(f.value or ()))
        return Markup('<span class="nilai">{}</span>').format(value)
    lines = max(1, f.lines) if f.kind == "paragraf" else 1
    first = Markup('<span class="garis"{}></span>').format(width)
    return first + Markup("").join(Markup('<span class="garis baris"></span>') for _ in range(lines - 1))


BLOCKS_CSS = """
p.par { margin: 0; text-align: justify; hyphens: auto; }
.kapital { hyphens: manual; }
h1.judul, h2.judul, div.judul { font-size: inherit; font-weight: bold; text-align: center; margin: 0; }
h1.judul span, h2.judul span, div.judul span { display: block; }
ol.daftar { list-style: none; margin: 0; padding: 0; }
ol.daftar li { margin-bottom: 1mm; padding-left: 7mm; hyphens: auto; }
ol.daftar li > .m { float: left; width: 7mm; margin-left: -7mm; }
ol.daftar ol.daftar { margin-top: 1mm; }
table.isian-baris { border-collapse: collapse; width: 100%; }
table.isian-baris td { border: none; padding: 0 0 1.5mm 0; vertical-align: top; text-align: justify; hyphens: auto; }
table.isian-baris td.titik { width: 5mm; }
table.isian-baris td.tebal { font-weight: bold; }
table.isian-baris tr.akhir { break-inside: avoid; break-after: avoid; }
.kop-surat { display: flex; align-items: center; border-bottom: 2.2pt double #000; padding-bottom: 2mm; margin-bottom: 5mm; }
.kop-surat .lambang { height: 24mm; margin-right: 4mm; }
.kop-surat .kop-teks { flex: 1; text-align: center; }
.kop-surat .pemerintah { font-size: 12pt; font-weight: bold; }
.kop-surat .dinas { font-size: 13pt; font-weight: bold; }
.kop-surat .unit { font-size: 11pt; font-weight: bold; }
.kop-surat .alamat { font-size: 8.5pt; overflow-wrap: anywhere; }
.ttd { margin-top: 6mm; break-inside: avoid; break-before: avoid; }
.ttd-right { margin-left: auto; }
.ttd-center { margin-left: auto; margin-right: auto; }
.ttd .tempat .l { display: inline-block; width: 27mm; }
.ttd .nama, .ttd-baris .nama { font-weight: bold; text-decoration: underline; }
table.ttd-baris { width: 100%; margin-top: 6mm; border-collapse: collapse; break-inside: avoid; }
table.ttd-baris td { border: none; vertical-align: top; text-align: center; padding: 0 2mm; }
.putus-halaman { break-before: page; }
.gambar img { max-height: 170mm; object-fit: contain; }  /* fits a landscape page */
table.daftar-isi { width: 100%; border-collapse: collapse; }
table.daftar-isi td { border: none; padding: 1mm 0; vertical-align: bottom; }
table.daftar-isi td.hal { text-align: right; width: 14mm; }
table.daftar-isi a { color: #000; text-decoration: none; }
table.daftar-isi a::after { content: leader('.'); }
table.daftar-isi td.hal a::after { content: target-counter(attr(href), page); }
table.tabel { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 1mm 0 2mm 0; }
table.tabel td, table.tabel th { border: 0.6pt solid #000; padding: 1.2mm 1.4mm; vertical-align: top; }
table.tabel th { font-weight: bold; text-align: center; vertical-align: middle; }
table.tabel tr { break-inside: avoid; }
table.tanpa-garis td, table.tanpa-garis th { border: none; }
.isian { margin: 0 0 2.5mm 0; break-inside: avoid; display: flex; flex-wrap: wrap; align-items: flex-end; }
.isian .label { margin-right: 2mm; }
.isian .garis { flex: 1; min-width: 20mm; border-bottom: 0.6pt dotted #000; height: 5mm; }
.isian .garis.baris { flex-basis: 100%; }
.isian-paragraf .label, .isian-tanda_tangan .label { flex-basis: 100%; }
.isian .ruang-ttd { display: block; width: 60mm; height: 18mm; border-bottom: 0.6pt solid #000; }
.isian .opsi { margin-right: 5mm; white-space: nowrap; }
.isian input, .isian textarea, .isian select { flex: 1; font: inherit; border: none; border-bottom: 0.6pt dotted #000; }
.isian textarea { flex-basis: 100%; }
.isian .nilai { flex: 1; border-bottom: 0.6pt dotted #000; }
"""
