"""Draw one lane cell of the flowchart layout as a PNG of known size.

Used where the row height is known (DOCX rows take the heights measured in the
PDF), so every anchor becomes an absolute position: top = 0, centre = h/2,
bottom = h. The geometry is the layout's; this module only paints it, with the
same font the PDF embeds.
"""
from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from soppress.layout.flowchart import (ARROW, CONNECTOR_H, LABEL_SIZE, LINE, Anchor, Arrowhead, Connector,
                         FlowLayout, HLine, Join, Label, Symbol, VLine, arrow_points, pentagon_points)

DPI = 300
BLACK, WHITE, JOIN_FILL, JOIN_LINE = (0, 0, 0, 255), (255, 255, 255, 255), (228, 228, 228, 255), (68, 68, 68, 255)
from soppress.resources import FONT_DIR


@lru_cache(maxsize=8)
def _font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), px)


class _Canvas:
    def __init__(self, width_mm: float, height_mm: float):
        self.k = DPI / 25.4
        self.w, self.h = width_mm, height_mm
        self.img = Image.new("RGBA", (max(1, round(width_mm * self.k)), max(1, round(height_mm * self.k))),
                             (255, 255, 255, 0))
        self.draw = ImageDraw.Draw(self.img)
        self.lw = max(1, round(LINE * self.k))

    def p(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, y * self.k

    def line(self, x1, y1, x2, y2, color=BLACK, width=None):
        self.draw.line([self.p(x1, y1), self.p(x2, y2)], fill=color, width=width or self.lw)

    def polygon(self, pts, fill=WHITE, outline=BLACK):
        self.draw.polygon([self.p(x, y) for x, y in pts], fill=fill, outline=outline, width=self.lw)

    def png(self) -> bytes:
        out = io.BytesIO()
        self.img.save(out, format="PNG", optimize=True)
        return out.getvalue()


def cell_png(layout: FlowLayout, row: int, lane: int, height_mm: float) -> bytes | None:
    """The drawing of one lane cell, ``height_mm`` tall; None when the cell is empty."""
    prims = layout.cell_prims(row, lane)
    if not prims:
        return None
    c = _Canvas(layout.lanes[lane].w, height_mm)
    cy = height_mm / 2
    ys = {Anchor.TOP: 0.0, Anchor.CENTER: cy, Anchor.BOTTOM: height_mm}
    for p in prims:  # cell_prims is in draw order: join, lines, symbols, arrowheads, labels, connectors
        if isinstance(p, Join):
            top, bottom = cy - p.h / 2, cy + p.h / 2
            for x1, x2 in p.shaded:
                c.draw.rectangle([c.p(x1, top), c.p(x2, bottom)], fill=JOIN_FILL)
            _dashed(c, p.x1, p.x2, top)
            _dashed(c, p.x1, p.x2, bottom)
        elif isinstance(p, HLine):
            c.line(p.x1, cy + p.dy, p.x2, cy + p.dy)
        elif isinstance(p, VLine):
            y1 = ys[p.start] + (p.dy_start if p.start is Anchor.CENTER else 0)
            y2 = ys[p.end] + (p.dy_end if p.end is Anchor.CENTER else 0)
            c.line(p.x, y1, p.x, y2)
        elif isinstance(p, Symbol):
            _symbol(c, p, cy)
        elif isinstance(p, Arrowhead):
            _arrow(c, p, cy)
        elif isinstance(p, Label):
            font = _font(round(p.size * c.k))
            x = p.x * c.k
            c.draw.text((x, (cy + p.dy) * c.k), p.text, font=font, fill=BLACK,
                        anchor="rs" if p.align == "right" else "ls")
        elif isinstance(p, Connector):
            _connector(c, p, height_mm)
    return c.png()


def _dashed(c: _Canvas, x1: float, x2: float, y: float) -> None:
    x = x1
    while x < x2:
        c.line(x, y, min(x + 0.8, x2), y, color=JOIN_LINE, width=max(1, round(0.2 * c.k)))
        x += 1.3


def _symbol(c: _Canvas, s: Symbol, cy: float) -> None:
    x, w, h = s.x, s.w, s.h
    if s.kind == "keputusan":
        c.polygon([(x, cy - h / 2), (x + w / 2, cy), (x, cy + h / 2), (x - w / 2, cy)])
        return
    box = [c.p(x - w / 2, cy - h / 2), c.p(x + w / 2, cy + h / 2)]
    radius = h / 2 * c.k if s.kind in ("mulai", "selesai") else 0
    c.draw.rounded_rectangle(box, radius=radius, fill=WHITE, outline=BLACK, width=c.lw)


def _arrow(c: _Canvas, a: Arrowhead, cy: float) -> None:
    c.polygon(arrow_points(a, cy), fill=BLACK, outline=BLACK)


def _connector(c: _Canvas, k: Connector, height: float) -> None:
    top = 0.6 if k.anchor is Anchor.TOP else height - CONNECTOR_H - 0.6
    bottom = top + CONNECTOR_H
    if k.line_x != k.x:  # the run reaches the connector by a short jog
        jog = bottom + 0.9 if k.anchor is Anchor.TOP else top - 0.9
        end = height if k.anchor is Anchor.BOTTOM else 0.0
        c.draw.rectangle([c.p(k.line_x - LINE, min(jog, end)), c.p(k.line_x + LINE, max(jog, end))], fill=WHITE)
        c.line(k.line_x, jog, k.x, jog)
        c.line(k.x, jog, k.x, bottom if k.anchor is Anchor.TOP else top)
    c.polygon(pentagon_points(k.x, top))
    if k.enters:  # every flow line ends with an arrowhead at what it enters
        _arrow(c, Arrowhead(k.x, top, "down") if k.anchor is Anchor.BOTTOM else Arrowhead(k.x, bottom, "up"), 0)
    c.draw.text(c.p(k.x, top + CONNECTOR_H * 0.52), k.label, font=_font(round(LABEL_SIZE * c.k), bold=True),
                fill=BLACK, anchor="ms")


def legend_png(kind: str) -> bytes:
    """One of the five Permenpan symbols, for the legend (20 × 8 mm)."""
    c = _Canvas(20.0, 8.0)
    if kind == "panah":
        c.line(2, 4, 18 - ARROW, 4)
        _arrow(c, Arrowhead(18, 0, "right"), 4)
    elif kind == "penghubung":
        c.polygon(pentagon_points(10, (8 - CONNECTOR_H) / 2))
    else:
        from soppress.layout.flowchart import SYMBOL_H
        _symbol(c, Symbol(kind, 10, 14, SYMBOL_H[kind], 0, 0), 4)
    return c.png()
