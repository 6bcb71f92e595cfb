"""The SOP sheets as HTML (the input of the PDF renderer, and an output of its own)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from soppress.checks import citations
from soppress.render import css_draw as draw_css
from soppress.views import text
from soppress.layout.flowchart import FlowLayout, Row
from soppress.model import Butir, Kop, Langkah, Pejabat, Sop
from soppress.sources.project import Project
from soppress.layout.page import Columns, Page

from soppress.resources import FONT_DIR
SHIPPED_FONT = "Liberation Sans"
_FONT_FILES = {("normal", "normal"): "Regular", ("bold", "normal"): "Bold",
               ("normal", "italic"): "Italic", ("bold", "italic"): "BoldItalic"}

SECTION_TITLES = [
    (("dasar_hukum", "Dasar Hukum"), ("kualifikasi_pelaksana", "Kualifikasi Pelaksana")),
    (("keterkaitan", "Keterkaitan"), ("peralatan", "Peralatan/Perlengkapan")),
    (("peringatan", "Peringatan"), ("pencatatan", "Pencatatan dan Pendataan")),
]


def environment(project_root: Path | None = None) -> jinja2.Environment:
    """Templates: the project's own templates/ first (a dinas may override), then ours."""
    loaders: list[jinja2.BaseLoader] = []
    if project_root and (project_root / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(project_root / "templates"))
    loaders.append(jinja2.PackageLoader("soppress", "templates"))
    env = jinja2.sandbox.SandboxedEnvironment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=False)
    env.filters["md"] = text.inline
    env.globals.update(marker=text.marker, item_marker=text.item_marker, sub_marker=text.sub_marker)
    return env


def fonts_css(font: str) -> str:
    if font != SHIPPED_FONT:
        return ""
    return "\n".join(
        f'@font-face {{ font-family: "{SHIPPED_FONT}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONT_DIR / f"LiberationSans-{name}.ttf").as_uri()}"); }}'
        for (weight, style), name in _FONT_FILES.items())


@dataclass
class SheetContext:
    project: Project
    sop: Sop
    kop: Kop
    signatory: Pejabat
    page: Page
    cols: Columns
    layout: FlowLayout
    font: str
    lampiran: tuple[str, str] | None = None  # (roman, "KEPUTUSAN … NOMOR … TENTANG …") when enacted as one


def render(ctx: SheetContext, env: jinja2.Environment, flowchart_only: bool = False, measuring: bool = False) -> str:
    """The sheet as HTML. ``flowchart_only`` leaves out the identity sheet and the
    summary; ``measuring`` also leaves out the drawing (row heights do not depend on
    it), which makes the measuring pass of the PDF renderer cheap."""
    return env.get_template("sop.html.j2").render(**sheet_variables(ctx, flowchart_only, measuring))


def render_body(ctx: SheetContext, env: jinja2.Environment, prefix: str) -> Markup:
    """The sheet's content alone, for a document that holds several (the SOP book);
    ``prefix`` keeps its element ids unique there."""
    return Markup(env.get_template("sop_body.html.j2").render(**sheet_variables(ctx, prefix=prefix)))


def sheet_variables(ctx: SheetContext, flowchart_only: bool = False, measuring: bool = False,
                    prefix: str = "") -> dict:
    sop, kop = ctx.sop, ctx.kop
    logo = (ctx.project.root / "letterheads" / kop.logo).as_uri() if kop.logo else None

    def cite(butir: Butir) -> str:
        if any(b is butir for b in sop.dasar_hukum.butir):
            return citation_text(ctx.project, butir)
        return butir.teks

    return dict(
        flowchart_only=flowchart_only, prefix=prefix, lampiran=ctx.lampiran, sop=sop, kop=kop,
        signatory=ctx.signatory, page=ctx.page, cols=ctx.cols,
        font=Markup(f'"{ctx.font}", Arial, sans-serif'), fonts_css=Markup(fonts_css(ctx.font)),
        author=kop.unit or kop.dinas, logo=logo, address=kop_address(kop),
        identity_rows=identity_rows(sop), sections=section_pairs(sop), cite=cite,
        heads=sop.tampilan.judul_kolom, lanes=[p.nama for p in sop.pelaksana],
        rows=[_row(ctx.layout, i, r, measuring) for i, r in enumerate(ctx.layout.rows)],
        legend=legend_html(), summary=summary(sop),
    )


def citation_text(project: Project, butir: Butir, long: bool | None = None) -> str:
    """What a list item prints. A regulation is printed from the registry (short or
    long form: as asked, else as the project prefers) when the item cites it by key
    or the written citation surely means it; otherwise the item's own text (the
    check warns)."""
    key = butir.ref
    if key is None and butir.teks and project.peraturan:
        found = citations.match(butir.teks, project.peraturan)
        key = found.key if found.certain else None
    if key is None:
        return butir.teks
    entry = project.peraturan[key]
    if long is None:
        long = project.config.kutipan == "lengkap"
    text = entry.kutipan_lengkap if long else entry.kutipan
    amended = re.search(r"\s+(sebagaimana telah\b.*)$", butir.teks or "", re.S)
    return f"{text} {amended.group(1).rstrip(' ;.')}" if amended else text  # the amendments, as written


def kop_address(kop: Kop) -> str:
    place = " ".join(x for x in (kop.kota, kop.kode_pos) if x)
    parts = [", ".join(x for x in (kop.alamat, place) if x) if kop.alamat else ""]
    parts += [f"Telepon {kop.telepon}" if kop.telepon else "", f"Email: {kop.email}" if kop.email else "",
              f"Laman: {kop.website}" if kop.website else ""]
    return " · ".join(p for p in parts if p)


def identity_rows(sop: Sop) -> list[tuple[str, str]]:
    rows = [("Nomor SOP", sop.nomor)]
    if sop.nomor_revisi:
        rows.append(("Nomor Revisi", sop.nomor_revisi))
    rows.append(("Tanggal Pembuatan", str(sop.tanggal_pembuatan or "-")))
    revisi = sop.tanggal_revisi
    if revisi and revisi.tanggal:
        rows.append(("Tanggal Revisi", f"{revisi.tanggal}" + (" (rencana kaji ulang)" if revisi.rencana else "")))
    else:
        rows.append(("Tanggal Revisi", "-"))
    if sop.tanggal_efektif or not sop.tanggal_pengesahan:
        rows.append(("Tanggal Efektif", str(sop.tanggal_efektif or "-")))
    if sop.tanggal_pengesahan:
        rows.append(("Tanggal Pengesahan", str(sop.tanggal_pengesahan)))
    rows.append(("Disahkan oleh", ""))
    rows.append(("Nama SOP", sop.nama))
    return rows


def section_pairs(sop: Sop):
    return [tuple(((getattr(sop, key).judul or title).rstrip(" :"), getattr(sop, key)) for key, title in pair)
            for pair in SECTION_TITLES]


def _lines(values: list[tuple[str, str]]) -> Markup:
    """Sub-step values as 'a. …' lines (only the letters that have a value)."""
    return Markup("").join(Markup('<div class="sub"><span class="m">{}</span> {}</div>').format(m, text.inline(v))
                           for m, v in values if v)


def _mutu(step: Langkah, field: str) -> Markup:
    own = getattr(step, field)
    own_html = text.inline(str(own)) if own else Markup("")
    if not step.sub or step.sub_terpisah:
        return own_html
    subs = _lines([(text.sub_marker(i), str(getattr(s, field) or "")) for i, s in enumerate(step.sub)])
    if field == "waktu" and own:
        return own_html  # one duration for the whole step
    return own_html + subs


@dataclass
class _HtmlRow:
    kind: str
    no: str
    kegiatan: Markup
    kelengkapan: Markup
    waktu: Markup
    output: Markup
    keterangan: Markup
    cells: list[str]
    height: float
    page_break: bool


def _row(layout: FlowLayout, index: int, row: Row, measuring: bool = False) -> _HtmlRow:
    cells = [("" if measuring else draw_css.cell_style(layout, index, lane.index)) for lane in layout.lanes]
    page_break = any(page and page[0] == index for page in layout.pages[1:])
    empty = Markup("")
    if row.kind == "bagian":
        return _HtmlRow("bagian", row.no, text.inline(row.text), empty, empty, empty, empty, cells,
                        row.min_height, page_break)
    step = row.step
    if row.kind == "sub":
        i = step.sub.index(row.sub)
        lead = text.inline(step.uraian) + Markup("<br>") if i == 0 and step.uraian else empty
        kegiatan = lead + Markup('<span class="sub"><span class="m">{}</span> {}</span>').format(
            text.sub_marker(i), text.inline(row.sub.uraian))
        waktu = row.sub.waktu or (step.waktu if i == 0 else None)
        return _HtmlRow("sub", row.no, kegiatan, text.inline(row.sub.kelengkapan),
                        text.inline(str(waktu) if waktu else ""), text.inline(row.sub.output),
                        text.inline(row.sub.keterangan or (step.keterangan if i == 0 else "")),
                        cells, row.min_height, page_break)
    kegiatan = text.inline(step.uraian) + _lines([(text.sub_marker(i), s.uraian) for i, s in enumerate(step.sub)])
    return _HtmlRow("langkah", row.no, kegiatan, _mutu(step, "kelengkapan"), _mutu(step, "waktu"),
                    _mutu(step, "output"), text.inline(step.keterangan), cells, row.min_height, page_break)


def summary(sop: Sop) -> list[dict]:
    """NO, PROSEDUR, PENANGGUNG JAWAB, WAKTU, KET, derived from the activities (seed 003)."""
    rows = []
    for step in sop.langkah:
        labels = [sop.pelaksana_of(r).label for r in step.pelaksana]
        waktu = str(step.waktu) if step.waktu else ", ".join(str(d) for d in step.durations)
        prosedur = " ".join([step.uraian, *(s.uraian for s in step.sub)]).strip()
        rows.append({"no": step.no, "prosedur": " ".join(prosedur.split()), "pj": "/".join(labels),
                     "waktu": waktu, "ket": step.keterangan or ""})
    return rows


LEGEND = [
    ("mulai", "Kapsul: mulai dan akhir"),
    ("proses", "Kotak: proses atau kegiatan"),
    ("keputusan", "Belah ketupat: pengambilan keputusan"),
    ("panah", "Anak panah: arah alur"),
    ("penghubung", "Segi lima: penghubung antarhalaman"),
]


def legend_html() -> Markup:
    """The five symbols in one line, so the legend fits under the table."""
    cell = Markup('<td class="simbol" style="{}"></td><td class="arti">{}</td>')
    return (Markup('<table class="legenda"><tr>') + Markup("").join(
        cell.format(draw_css.legend_style(kind), text) for kind, text in LEGEND) + Markup("</tr></table>"))
