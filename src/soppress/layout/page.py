"""Page and column geometry of the SOP sheets, shared by the PDF and DOCX renderers."""
from __future__ import annotations

from dataclasses import dataclass

from soppress.model import Margin, Sop

PAPER = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}  # portrait width, height in mm

# Fixed columns of the flowchart table (mm); Kegiatan takes what is left.
NO_W = 9.0
MUTU_W = {"kelengkapan": 34.0, "waktu": 17.0, "output": 30.0}
KET_W = 22.0
LANE_MIN, LANE_MAX = 19.0, 30.0
KEGIATAN_MIN = 50.0


@dataclass(frozen=True)
class Page:
    paper: str
    width: float    # landscape: the long side
    height: float
    margin: Margin

    @property
    def content_width(self) -> float:
        return self.width - self.margin.kiri - self.margin.kanan

    @property
    def content_height(self) -> float:
        return self.height - self.margin.atas - self.margin.bawah


def landscape(paper: str, margin: Margin) -> Page:
    short, long = PAPER[paper]
    return Page(paper, long, short, margin)


def portrait(paper: str, margin: Margin) -> Page:
    short, long = PAPER[paper]
    return Page(paper, short, long, margin)


@dataclass(frozen=True)
class Columns:
    no: float
    kegiatan: float
    lanes: tuple[float, ...]
    kelengkapan: float
    waktu: float
    output: float
    keterangan: float

    @property
    def all(self) -> list[float]:
        return [self.no, self.kegiatan, *self.lanes, self.kelengkapan, self.waktu, self.output, self.keterangan]

    @property
    def lanes_x(self) -> float:
        """Left edge of the first lane, from the table's left edge."""
        return self.no + self.kegiatan


def columns(sop: Sop, page: Page) -> Columns:
    """Column widths that fill the page: lanes as wide as the room allows within
    [LANE_MIN, LANE_MAX]; Kegiatan gets the rest (at least KEGIATAN_MIN)."""
    fixed = NO_W + sum(MUTU_W.values()) + KET_W
    n = len(sop.pelaksana)
    room = page.content_width - fixed - KEGIATAN_MIN
    lane = max(LANE_MIN, min(LANE_MAX, room / n))
    kegiatan = page.content_width - fixed - lane * n
    if kegiatan < KEGIATAN_MIN:  # many pelaksana: narrow the mutu baku columns instead
        squeeze = (KEGIATAN_MIN - kegiatan) / (fixed - NO_W)
        scale = max(0.6, 1 - squeeze)
        mutu = {k: v * scale for k, v in MUTU_W.items()}
        ket = KET_W * scale
        kegiatan = page.content_width - NO_W - sum(mutu.values()) - ket - lane * n
        return Columns(NO_W, round(kegiatan, 2), (lane,) * n, mutu["kelengkapan"], mutu["waktu"],
                       mutu["output"], ket)
    return Columns(NO_W, round(kegiatan, 2), (lane,) * n, MUTU_W["kelengkapan"], MUTU_W["waktu"],
                   MUTU_W["output"], KET_W)
