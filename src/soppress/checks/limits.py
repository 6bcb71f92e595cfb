"""Layout limits, found by ``check`` (with file:line) before ``build`` starts.

Decisions (developer docs):
- Margins leave room for the sheet: the landscape content area must hold a
  flowchart table with one pelaksana column (``MIN_TABLE_W``) and be at least
  ``MIN_CONTENT_H`` tall (heading rows, a row and two off-page connectors);
  the portrait Keputusan gets the same area turned. Negative margins are refused
  by the model (model.project.Margin).
- Pelaksana columns: the most the paper can hold with every lane at LANE_MIN
  (the narrowest lane a symbol plus its routing tracks fits in) and Kegiatan at
  KEGIATAN_MIN, the mutu baku columns squeezed to 60 % as page.columns does:
  A4 7, F4 9 with 15 mm margins. More used to build silently with columns cut off.
- Kegiatan: at most ``MAX_LANGKAH`` per SOP (Permenpan SOPs have a few dozen; each
  pagination pass lays out every row, so the bound also bounds the build time).
- Branches: a decision sends one branch straight down and the others sideways,
  ``len(SIDE_OFFSETS)`` per side, so at most ``MAX_CABANG``; beyond that, and for
  any other flow the router cannot draw, the real layout is run here and its
  LayoutError located at the kegiatan.
- Nama SOP: at most ``MAX_NAMA`` characters. It is a title, printed in one cell
  of the identity sheet (which does not split) and as the DOCX title; ~1,900
  characters overflow the page.
- A row taller than a page is refused, not split: a kegiatan is one row of the
  standard's table, and splitting its text would make the printed step read as
  two. The height is estimated from the shipped font's metrics (a little above
  the real height, so that what passes here lays out).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from soppress.checks.diagnostics import Position, Report
from soppress.layout import flowchart
from soppress.layout.page import (KEGIATAN_MIN, KET_W, LANE_MIN, MUTU_W, NO_W, PAPER, Page, columns, landscape,
                                  portrait)
from soppress.model import Langkah, Sop
from soppress.sources.project import Project, SopFile

_FIXED = NO_W + sum(MUTU_W.values()) + KET_W
MIN_TABLE_W = NO_W + 0.6 * (_FIXED - NO_W) + KEGIATAN_MIN + LANE_MIN   # one lane, mutu baku squeezed
MIN_CONTENT_H = 120.0
MAX_LANGKAH = 150
MAX_NAMA = 500
MAX_CABANG = 1 + 2 * len(flowchart.SIDE_OFFSETS)
TEXT_PT, LINE_FACTOR, PAD_MM = 8.0, 1.25, 2.4     # the table's body text (sop_style.css.j2)
PT_MM = 25.4 / 72
ROW_OVERHEAD = 17.0 + 2 * flowchart.CONNECTOR_ROOM  # heading rows, connectors at both ends of a page


def max_lanes(page: Page) -> int:
    return max(0, math.floor((page.content_width - (MIN_TABLE_W - LANE_MIN)) / LANE_MIN))


def check_limits(project: Project, report: Report) -> None:
    papers = {project.config.kertas} | {k.kertas for k in project.kop.values() if k.kertas}
    for paper in sorted(papers):
        _check_margins(project, paper, report)
    for sop_file in project.sops:
        if sop_file.sop is not None and sop_file.source is not None:
            _check_sop(project, sop_file, report)


def _check_margins(project: Project, paper: str, report: Report) -> None:
    m = project.config.margin_mm
    wide, tall = landscape(paper, m), portrait(paper, m)
    if (wide.content_width >= MIN_TABLE_W and wide.content_height >= MIN_CONTENT_H
            and tall.content_width >= MIN_CONTENT_H and tall.content_height >= MIN_TABLE_W):
        return
    source = project.config_source
    pos = source.pos(("margin_mm",)) if source else Position(project.root / "soppress.yaml", 1, 1)
    short, long = PAPER[paper]
    report.add(pos, f"margin terlalu besar untuk kertas {paper} ({short:g} × {long:g} mm): bidang cetak harus "
               f"sedikitnya {MIN_TABLE_W:.0f} × {MIN_CONTENT_H:.0f} mm (mendatar) dan {MIN_CONTENT_H:.0f} × "
               f"{MIN_TABLE_W:.0f} mm (tegak); kecilkan margin (bawaan 15 mm)", "batas.margin")


def _check_sop(project: Project, sop_file: SopFile, report: Report) -> None:
    sop, source = sop_file.sop, sop_file.source
    kop = project.letterhead(sop)
    if kop is None:
        return  # reported by the document checks
    page = landscape(kop.kertas or project.config.kertas, project.config.margin_mm)
    if page.content_width < MIN_TABLE_W or page.content_height < MIN_CONTENT_H:
        return  # the margin message says it
    if len(sop.nama) > MAX_NAMA:
        report.add(source.pos(("nama",)), f"nama SOP terlalu panjang ({len(sop.nama)} karakter, paling banyak "
                   f"{MAX_NAMA}); nama adalah judul: persingkat, dan pindahkan penjelasannya ke bagian lain",
                   "batas.nama")
    most = max_lanes(page)
    if len(sop.pelaksana) > most:
        report.add(source.pos(("pelaksana",)), f"{len(sop.pelaksana)} pelaksana tidak muat di kertas {page.paper} "
                   f"mendatar: paling banyak {most} kolom pelaksana (setiap kolom sedikitnya {LANE_MIN:g} mm agar "
                   "simbolnya terbaca); gabungkan pelaksana yang sejenis atau pakai kertas F4", "batas.pelaksana")
        return
    if len(sop.langkah) > MAX_LANGKAH:
        report.add(source.pos(("kegiatan",)), f"{len(sop.langkah)} kegiatan melebihi batas {MAX_LANGKAH} kegiatan "
                   "per SOP; pecah menjadi beberapa SOP yang saling terkait", "batas.kegiatan")
        return
    cols = columns(sop, page)
    room = page.content_height - ROW_OVERHEAD
    wide_branches = False
    for i, step in enumerate(sop.kegiatan):
        if not isinstance(step, Langkah):
            continue
        if len(step.cabang) > MAX_CABANG:
            wide_branches = True
            report.add(source.pos(("kegiatan", i, "cabang")), f"kegiatan {step.no} bercabang {len(step.cabang)}; "
                       f"bagan alir dapat menggambar paling banyak {MAX_CABANG} cabang dari satu keputusan: "
                       "pecah menjadi beberapa keputusan berurutan", "batas.cabang")
        for field, height in _row_heights(sop, step, cols):
            if height > room:
                path = ("kegiatan", i, field) if field in source.data["kegiatan"][i] else ("kegiatan", i)
                report.add(source.pos(path), f"teks kegiatan {step.no} terlalu panjang: barisnya (±{height:.0f} mm) "
                           f"tidak muat dalam satu halaman (±{room:.0f} mm); persingkat, pecah menjadi "
                           "sub-kegiatan (sub_terpisah: true) atau pindahkan rinciannya ke lampiran", "batas.baris")
                break
    already_wrong = any(d.pos.file == sop_file.path for d in report.errors)  # the layout needs a sound flow
    if not wide_branches and not already_wrong:
        try:
            flowchart.build(sop, cols.lanes, with_labels=False)
        except flowchart.LayoutError as exc:
            report.add(_step_pos(sop_file, str(exc)), f"bagan alir tidak dapat digambar: {exc}", "batas.cabang")


def _step_pos(sop_file: SopFile, message: str) -> Position:
    found = re.match(r"kegiatan (\d+)", message)
    for i, step in enumerate(sop_file.sop.kegiatan):
        if found and isinstance(step, Langkah) and str(step.no) == found.group(1):
            return sop_file.source.pos(("kegiatan", i, "cabang"))
    return sop_file.source.pos(("kegiatan",))


def _row_heights(sop: Sop, step: Langkah, cols) -> list[tuple[str, float]]:
    """(field, estimated height in mm) of the tallest cell of each row the step makes."""
    fields = (("kelengkapan", cols.kelengkapan), ("waktu", cols.waktu), ("output", cols.output),
              ("keterangan", cols.keterangan))
    rows = [[step, *step.sub]] if not (step.sub and step.sub_terpisah) else [[step, s] for s in step.sub]
    out = []
    for parts in rows:
        cells = [("uraian", _height([p.uraian for p in parts], cols.kegiatan))]
        cells += [(name, _height([getattr(p, name, None) for p in parts], width)) for name, width in fields]
        out.append(max(cells, key=lambda c: c[1]))
    return out


def _height(texts, width: float) -> float:
    """Greedy word wrap with the shipped font's advances, words longer than the line
    broken anywhere (overflow-wrap: anywhere, as the sheet's CSS does)."""
    usable = max(width - 2 * 1.4, 1.0)
    size = TEXT_PT * PT_MM
    space = _word_width(" ")
    lines = 0
    for text in texts:
        for paragraph in str(text or "").splitlines() or [""]:
            lines += 1
            x = 0.0
            for word in paragraph.split():
                w = _word_width(word)
                if x and x + space + w > usable:
                    lines, x = lines + 1, 0.0
                x += (space if x else 0.0) + w
                while x > usable:  # a word longer than the line
                    lines, x = lines + 1, x - usable
    return lines * size * LINE_FACTOR + PAD_MM


@lru_cache(maxsize=8192)
def _word_width(word: str) -> float:
    """A word's width in the table's body text; the same words recur in every SOP."""
    return flowchart.text_width(word, TEXT_PT * PT_MM)
