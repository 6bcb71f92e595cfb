"""The SOP sheet as a view: what the HTML/PDF and the DOCX renderers both draw.

Computed once per SOP: the identity rows, the six sections with their printed
markers and citations, the kop and the signature, the flowchart layout (without
page breaks: the page plan adds them, see soppress.layout.pagination), and each
table row's cell contents (kegiatan, mutu baku, keterangan)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from soppress.layout import flowchart, headings
from soppress.layout.flowchart import FlowLayout, Row
from soppress.layout.page import Columns, Page, columns, landscape
from soppress.layout.pagination import PagePlan
from soppress.model import Butir, Daftar, JudulKolom, Langkah, Sop
from soppress.sources.project import Project, SopFile
from soppress.views import blocks as b
from soppress.views.common import citation_text, kop_block, signature_block
from soppress.views.keputusan import Enactment
from soppress.views.text import item_marker, sub_marker

SECTION_TITLES = [
    (("dasar_hukum", "Dasar Hukum"), ("kualifikasi_pelaksana", "Kualifikasi Pelaksana")),
    (("keterkaitan", "Keterkaitan"), ("peralatan", "Peralatan/Perlengkapan")),
    (("peringatan", "Peringatan"), ("pencatatan", "Pencatatan dan Pendataan")),
]
SIGNATURE_ROOM = 12.0  # room to sign in the identity table's "Disahkan oleh" cell (mm)

LEGEND = [
    ("mulai", "Kapsul: mulai dan akhir"),
    ("proses", "Kotak: proses atau kegiatan"),
    ("keputusan", "Belah ketupat: pengambilan keputusan"),
    ("panah", "Anak panah: arah alur"),
    ("penghubung", "Segi lima: penghubung antarhalaman"),
]


@dataclass(frozen=True)
class Lines:
    """A cell's text: a lead text and lettered items ("a." …: sub-steps, or the
    items the text itself writes), which the renderers set with a hanging indent."""
    lead: str = ""
    subs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RowView:
    kind: str                 # "bagian" | "langkah" | "sub"
    no: str
    kegiatan: Lines
    kelengkapan: Lines
    waktu: Lines
    output: Lines
    keterangan: Lines


@dataclass(frozen=True)
class TableHeads:
    """The flowchart table's headings as printed (case applied), each broken into
    lines that fit its column (layout.headings): both renderers set these lines."""
    no: headings.Heading
    kegiatan: headings.Heading
    pelaksana: headings.Heading
    mutu_baku: headings.Heading
    keterangan: headings.Heading
    kelengkapan: headings.Heading
    waktu: headings.Heading
    output: headings.Heading
    lanes: tuple[headings.Heading, ...]


def table_heads(sop: Sop, cols: Columns) -> TableHeads:
    h = sop.tampilan.judul_kolom

    def fit(text: str, width: float) -> headings.Heading:
        return headings.fit(text.upper() if sop.tampilan.kapital else text, width)

    mutu = cols.kelengkapan + cols.waktu + cols.output
    return TableHeads(fit(h.no, cols.no), fit(h.kegiatan, cols.kegiatan), fit(h.pelaksana, sum(cols.lanes)),
                      fit(h.mutu_baku, mutu), fit(h.keterangan, cols.keterangan),
                      fit(h.kelengkapan, cols.kelengkapan), fit(h.waktu, cols.waktu), fit(h.output, cols.output),
                      tuple(fit(p.nama, w) for p, w in zip(sop.pelaksana, cols.lanes)))


@dataclass(frozen=True)
class Section:
    """One identity section: its title and content ("-" when empty)."""
    title: str
    blocks: tuple[b.Block, ...]


@dataclass(frozen=True)
class SheetView:
    key: str
    sop: Sop
    kop: b.Kop
    signature: b.Signature
    page: Page
    cols: Columns
    layout: FlowLayout            # without page breaks (see layout.pagination.paginate)
    font: str
    author: str
    lampiran: tuple[str, ...] | None   # header lines when a Keputusan enacts this SOP as a lampiran
    closing: b.Signature | None        # the Keputusan's signature ending the lampiran
    identity: tuple[tuple[str, str], ...]
    sections: tuple[tuple[Section, Section], ...]
    heads: JudulKolom
    lanes: tuple[str, ...]
    rows: tuple[RowView, ...]
    summary: tuple[dict, ...]
    identity_pt: float = 9.0      # the identity sheet's type; smaller (to 8 pt) when that keeps it on one page
    table_heads: TableHeads | None = None  # the headings broken to fit their columns


@dataclass(frozen=True)
class PlannedSheet:
    """A sheet with its settled page plan: what the DOCX and the book draw."""
    view: SheetView
    plan: "PagePlan"
    layout: FlowLayout            # ``view.layout`` with the plan's page breaks and connectors


@dataclass(frozen=True)
class SheetBlock:
    """An SOP sheet inside another document (a lampiran of the SOP book); ``prefix``
    keeps its element ids unique there."""
    sheet: PlannedSheet
    prefix: str


def sheet_view(project: Project, sop_file: SopFile, enactment: Enactment | None = None) -> SheetView:
    """``enactment``: when a Keputusan enacts the SOP as a lampiran (its header, the
    closing signature, and the tanggal efektif it gives an SOP that names none)."""
    sop = sop_file.sop
    kop = project.letterhead(sop)
    page = landscape(kop.kertas or project.config.kertas, project.config.margin_mm)
    cols = columns(sop, page)
    layout = flowchart.build(sop, cols.lanes)
    return SheetView(
        sop_file.key, sop, kop_block(kop), signature_block(project.signatory(sop), room=SIGNATURE_ROOM),
        page, cols, layout, kop.huruf or project.config.huruf, kop.unit or kop.dinas,
        enactment.header if enactment else None, enactment.closing if enactment else None,
        tuple(identity_rows(sop, enactment.tanggal if enactment else None)), _sections(project, sop),
        sop.tampilan.judul_kolom,
        tuple(p.nama for p in sop.pelaksana), tuple(_row(r) for r in layout.rows), tuple(summary(sop)),
        table_heads=table_heads(sop, cols))


def identity_rows(sop: Sop, enacted_on: str | None = None) -> list[tuple[str, str]]:
    """``enacted_on``: the date of the Keputusan enacting the SOP, its tanggal efektif
    unless the SOP gives one."""
    rows = [("Nomor SOP", sop.nomor)]
    if sop.nomor_revisi:
        rows.append(("Nomor Revisi", sop.nomor_revisi))
    rows.append(("Tanggal Pembuatan", str(sop.tanggal_pembuatan or "-")))
    revisi = sop.tanggal_revisi
    if revisi and revisi.tanggal:
        rows.append(("Tanggal Revisi", f"{revisi.tanggal}" + (" (rencana kaji ulang)" if revisi.rencana else "")))
    else:
        rows.append(("Tanggal Revisi", "-"))
    if sop.tanggal_efektif or enacted_on or not sop.tanggal_pengesahan:
        rows.append(("Tanggal Efektif", str(sop.tanggal_efektif or enacted_on or "-")))
    if sop.tanggal_pengesahan:
        rows.append(("Tanggal Pengesahan", str(sop.tanggal_pengesahan)))
    rows.append(("Disahkan oleh", ""))
    rows.append(("Nama SOP", sop.nama))
    return rows


def _sections(project: Project, sop: Sop) -> tuple[tuple[Section, Section], ...]:
    def section(key: str, title: str) -> Section:
        daftar: Daftar = getattr(sop, key)
        return Section((daftar.judul or title).rstrip(" :"), section_blocks(project, daftar, cite=key == "dasar_hukum"))
    return tuple(tuple(section(key, title) for key, title in pair) for pair in SECTION_TITLES)


def section_blocks(project: Project, daftar: Daftar, cite: bool) -> tuple[b.Block, ...]:
    if daftar.kosong:
        return (b.Paragraph("-", space_after=0),)
    out: list[b.Block] = []
    if daftar.pengantar:
        out.append(b.Paragraph(daftar.pengantar, space_after=0))
    if daftar.butir:
        out.append(_list(project, daftar.butir, daftar.penomoran, cite))
    return tuple(out)


def _list(project: Project, items: list[Butir], style: str, cite: bool) -> b.NumberedList:
    return b.NumberedList(tuple(
        b.ListItem(item_marker(style, i, item.nomor), citation_text(project, item) if cite else item.teks,
                   _list(project, item.butir, item.penomoran, cite) if item.butir else None)
        for i, item in enumerate(items)), indent=5.5, gap=0.6, align="left")


ITEM = re.compile(r"^\s*([a-z]|\d{1,2})([.)])\s+(\S.*)$")


def items(text: str | None) -> Lines:
    """Free text whose lines run "a. …", "b. …" (or "1. …") as a lead and lettered
    sub-items, so every renderer sets them with a hanging indent; a line that does
    not start an item continues the item before it. Text without items stays whole."""
    lead: list[str] = []
    subs: list[list[str]] = []
    for line in (text or "").splitlines():
        found = ITEM.match(line)
        if found:
            subs.append([found[1] + found[2], found[3].strip()])
        elif subs:
            subs[-1][1] += "\n" + line.strip()
        else:
            lead.append(line)
    if not subs:
        return Lines(text or "")
    return Lines("\n".join(lead).strip(), tuple((m, v) for m, v in subs))


def _mutu(step: Langkah, field: str) -> Lines:
    own = getattr(step, field)
    lead = str(own) if own else ""
    if not step.sub or step.sub_terpisah or (field == "waktu" and own):  # one duration for the whole step
        return Lines(lead)
    subs = tuple((sub_marker(i), str(getattr(s, field) or "")) for i, s in enumerate(step.sub))
    return Lines(lead, tuple((m, v) for m, v in subs if v))


def _row(row: Row) -> RowView:
    if row.kind == "bagian":
        return RowView("bagian", row.no, Lines(row.text), Lines(), Lines(), Lines(), Lines())
    step = row.step
    if row.kind == "sub":
        i = step.sub.index(row.sub)
        lead = items(step.uraian if i == 0 and step.uraian else "")
        waktu = row.sub.waktu or (step.waktu if i == 0 else None)
        kegiatan = Lines(lead.lead, (*lead.subs, (sub_marker(i), row.sub.uraian)))
        return RowView("sub", row.no, kegiatan, Lines(row.sub.kelengkapan or ""), Lines(str(waktu) if waktu else ""),
                       Lines(row.sub.output or ""), items(row.sub.keterangan or (step.keterangan if i == 0 else "")))
    lead = items(step.uraian)
    kegiatan = Lines(lead.lead, (*lead.subs, *((sub_marker(i), s.uraian) for i, s in enumerate(step.sub))))
    return RowView("langkah", row.no, kegiatan, _mutu(step, "kelengkapan"), _mutu(step, "waktu"),
                   _mutu(step, "output"), items(step.keterangan))


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
