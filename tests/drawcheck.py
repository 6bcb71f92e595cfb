"""Checks of a painted flowchart row against the layout it paints, primitive by
primitive, in pixels: used for both painters (the PDF's CSS layers, rendered by
pdftoppm; the DOCX's PNG tiles, put side by side).

A *row image* is a greyscale image of one table row's lanes: x in mm from the
first lane's left edge, y in mm from the row's top, ``k`` pixels per mm."""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from soppress.layout import labels as lb
from soppress.layout.flowchart import (ARROW, CONNECTOR_H, Anchor, Arrowhead, Connector, FlowLayout, Join, Label,
                                       Symbol, VLine)

DARK = 128


@dataclass
class RowImage:
    image: Image.Image   # mode "L"
    k: float             # pixels per mm
    height: float        # the row's height, mm

    def gray(self, x: float, y: float) -> int:
        px, py = round(x * self.k), round(y * self.k)
        if not (0 <= px < self.image.width and 0 <= py < self.image.height):
            return 255
        return self.image.getpixel((px, py))

    def dark_near(self, x: float, y: float, reach: float, horizontal: bool = True) -> bool:
        """Any dark pixel within ``reach`` mm of (x, y) along a row (or a column)?"""
        steps = max(1, round(reach * self.k))
        for i in range(-steps, steps + 1):
            d = i / self.k
            if self.gray(x + d, y) < DARK if horizontal else self.gray(x, y + d) < DARK:
                return True
        return False

    def dark_run(self, x: float, y: float, reach: float, horizontal: bool = True) -> float:
        """Length (mm) of dark pixels within ``reach`` of (x, y), across a row or a column."""
        steps = round(reach * self.k)
        n = sum(1 for i in range(-steps, steps + 1)
                if (self.gray(x + i / self.k, y) if horizontal else self.gray(x, y + i / self.k)) < DARK)
        return n / self.k

    def dark_share(self, x1: float, y1: float, x2: float, y2: float) -> float:
        box = self.image.crop((round(x1 * self.k), round(y1 * self.k), round(x2 * self.k), round(y2 * self.k)))
        hist = box.histogram()
        total = box.width * box.height
        return sum(hist[:DARK]) / total if total else 0.0


def composite(tiles: list[tuple[float, Image.Image | None]], width_mm: float, height_mm: float, k: float) -> Image.Image:
    """PNG tiles (RGBA, transparent where nothing is drawn) at their lanes' x, on white."""
    canvas = Image.new("L", (round(width_mm * k), round(height_mm * k)), 255)
    for x, tile in tiles:
        if tile is not None:
            rgba = tile.convert("RGBA")
            canvas.paste(rgba.convert("L"), (round(x * k), 0), rgba)
    return canvas


def prims(layout: FlowLayout, row: int, kind):
    return [p for p in layout.rows[row].prims if isinstance(p, kind)]


# ---------------------------------------------------------------- per primitive: problems found

def arrowheads(layout: FlowLayout, row: int, img: RowImage) -> list[str]:
    """Each arrowhead: 0.7 of its length behind the tip the triangle is 1 mm wide
    (a bare line 0.3 mm)."""
    cy = img.height / 2
    out = []
    heads = [(a, cy) for a in prims(layout, row, Arrowhead)]
    for c in prims(layout, row, Connector):
        if c.enters:
            top = 0.6 if c.anchor is Anchor.TOP else img.height - CONNECTOR_H - 0.6
            heads.append((Arrowhead(c.x, top, "down") if c.anchor is Anchor.BOTTOM
                          else Arrowhead(c.x, top + CONNECTOR_H, "up"), 0.0))
    for a, base in heads:
        back = ARROW * 0.7
        dx, dy = {"down": (0, -back), "up": (0, back), "left": (back, 0), "right": (-back, 0)}[a.direction]
        x, y = a.x + dx, base + a.dy + dy
        width = img.dark_run(x, y, 1.0, horizontal=a.direction in ("down", "up"))
        if width < 0.6:
            out.append(f"row {row}: no arrowhead {a.direction} at x={a.x:.1f} ({width:.2f} mm wide)")
    return out


def labels(layout: FlowLayout, row: int, img: RowImage) -> list[str]:
    """Each label painted in its measured box (some ink there), and nothing painted in a
    thin ring around it (it is clear of lines and symbols as painted, not only as planned)."""
    cy = img.height / 2
    out = []
    for label in prims(layout, row, Label):
        b = lb.label_box(label)
        share = img.dark_share(b.x1, cy + b.y1, b.x2, cy + b.y2)
        if share < 0.05:
            out.append(f"row {row}: label {label.text!r} not painted in its box ({share:.1%} ink)")
        ring = b.grown(lb.CLEAR - 0.15)
        borders = [l.x for l in layout.lanes] + [layout.width]
        points = [(x, y) for x in _range(b.x1, b.x2, 0.2) for y in (ring.y1, ring.y2)]
        points += [(x, y) for x in (ring.x1, ring.x2) for y in _range(b.y1, b.y2, 0.2)
                   if min(abs(x - e) for e in borders) > 0.3]  # the table's own cell borders aside
        hits = [(x, y) for x, y in points if img.gray(x, cy + y) < DARK]
        if hits:
            out.append(f"row {row}: something painted against label {label.text!r} at {hits[0]}")
    return out


def join_bands(layout: FlowLayout, row: int, img: RowImage) -> list[str]:
    """The shaded parts of a join band are grey (not white, not black) between the symbols."""
    cy = img.height / 2
    out = []
    symbols = prims(layout, row, Symbol)
    lines = [v.x for v in prims(layout, row, VLine)]
    for j in prims(layout, row, Join):
        for x1, x2 in j.shaded:
            xs = [x for x in _range(max(x1, j.x1) + 0.5, min(x2, j.x2) - 0.5, 0.5)
                  if not any(abs(x - s.x) < s.w / 2 + 0.6 for s in symbols)
                  and not any(abs(x - v) < 0.6 for v in lines)]
            ys = (cy - j.h / 2 + 0.6, cy + j.h / 2 - 0.6)
            samples = [img.gray(x, y) for x in xs for y in ys]
            grey = sum(1 for v in samples if 170 <= v <= 245)
            if not samples or grey < 0.8 * len(samples):
                out.append(f"row {row}: join band not shaded between {x1:.1f} and {x2:.1f} ({grey}/{len(samples)})")
    return out


def connector_letters(layout: FlowLayout, row: int, img: RowImage) -> list[str]:
    out = []
    for c in prims(layout, row, Connector):
        top = 0.6 if c.anchor is Anchor.TOP else img.height - CONNECTOR_H - 0.6
        share = img.dark_share(c.x - 1.6, top + 0.7, c.x + 1.6, top + CONNECTOR_H * 0.52 + 0.2)
        if share < 0.06:
            out.append(f"row {row}: connector {c.label} has no letter ({share:.1%} ink)")
    return out


def line_continuity(layout: FlowLayout, row: int, img: RowImage) -> list[str]:
    """A vertical line that runs to the row's top or bottom edge is unbroken from the
    band to that edge (where it meets the next row's), except where a connector ends it."""
    cy = img.height / 2
    out = []
    connector_xs = [c.line_x for c in prims(layout, row, Connector)]
    for v in prims(layout, row, VLine):
        if any(abs(v.x - x) < 0.01 for x in connector_xs):
            continue
        ends = {v.start, v.end}
        spans = []
        if Anchor.TOP in ends:
            spans.append((0.25, cy - 7.5 + 0.5 if Anchor.BOTTOM not in ends else img.height - 0.25))
        if Anchor.BOTTOM in ends and Anchor.TOP not in ends:
            spans.append((cy + 7.5 - 0.5, img.height - 0.25))
        for y1, y2 in spans:
            gaps = [y for y in _range(y1, y2, 0.25) if not img.dark_near(v.x, y, 0.3)]
            if gaps:
                out.append(f"row {row}: vertical line at x={v.x:.1f} broken at y={gaps[0]:.2f} mm")
    return out


def symbols(layout: FlowLayout, row: int, img: RowImage) -> list[str]:
    """Each symbol's outline where the layout puts it: at a quarter of its height from
    the centre, its left and right edges lie within 0.3 mm of the computed ones."""
    cy = img.height / 2
    out = []
    for s in prims(layout, row, Symbol):
        y = cy - s.h / 4
        if s.kind == "keputusan":
            half = s.w / 4
        elif s.kind in ("mulai", "selesai"):
            r = s.h / 2
            half = s.w / 2 - r + (r * r - (s.h / 4) ** 2) ** 0.5
        else:
            half = s.w / 2
        for x in (s.x - half, s.x + half):
            if not img.dark_near(x, y, 0.3):
                out.append(f"row {row}: {s.kind} outline not at x={x:.1f} (lane {s.lane})")
    return out


CHECKS = {"arrowheads": arrowheads, "labels": labels, "join_bands": join_bands,
          "connector_letters": connector_letters, "line_continuity": line_continuity, "symbols": symbols}


def _range(a: float, b: float, step: float) -> list[float]:
    n = int((b - a) / step)
    return [a + i * step for i in range(n + 1)] if b > a else []
