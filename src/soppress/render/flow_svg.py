"""Draw one lane cell of the flowchart layout as an SVG of known size.

The vector twin of render/docx/png_draw.py: the same primitives (join band,
lines, symbols, arrowheads, labels, off-page connectors), in the same order, at
the same absolute positions (rows of known height: top = 0, centre = h/2,
bottom = h), in millimetres (the viewBox is the cell in mm). It decides nothing:
every position comes from the layout (``cell_prims``, ``arrow_points``,
``pentagon_points``), as in the PNG.

Text is drawn as the outlines of the shipped Liberation Sans glyphs, not as
``<text>``: an SVG picture inside a DOCX is rendered by whatever reader opens
it, with whatever fonts it has, and the labels must look as in the PNG fallback
and the PDF everywhere. Each label's path carries its text (``aria-label``) so it
can still be read out and found.
"""
from __future__ import annotations

from functools import lru_cache

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from soppress.layout.flowchart import (ARROW, CONNECTOR_H, LABEL_SIZE, LINE, SYMBOL_H, Anchor, Arrowhead,
                                       Connector, FlowLayout, HLine, Join, Label, Symbol, VLine, arrow_points,
                                       pentagon_points)
from soppress.resources import FONT_DIR

BLACK, WHITE, JOIN_FILL, JOIN_LINE = "#000", "#fff", "#e4e4e4", "#444"  # as png_draw's colours


def _n(v: float) -> str:
    """A coordinate in mm, to a micrometre, without trailing zeros (stable bytes)."""
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class _Svg:
    def __init__(self, width_mm: float, height_mm: float):
        self.w, self.h = width_mm, height_mm
        self.body: list[str] = []

    def line(self, x1, y1, x2, y2, color=BLACK, width=LINE, dash: str | None = None):
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.body.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{color}" '
                         f'stroke-width="{_n(width)}"{extra}/>')

    def polygon(self, pts, fill=WHITE, outline: str | None = BLACK):
        stroke = f' stroke="{outline}" stroke-width="{_n(LINE)}" stroke-linejoin="miter"' if outline else ""
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
        self.body.append(f'<polygon points="{points}" fill="{fill}"{stroke}/>')

    def rect(self, x1, y1, x2, y2, fill, outline: str | None = None, radius: float = 0.0):
        stroke = f' stroke="{outline}" stroke-width="{_n(LINE)}"' if outline else ""
        rounded = f' rx="{_n(radius)}" ry="{_n(radius)}"' if radius else ""
        self.body.append(f'<rect x="{_n(x1)}" y="{_n(y1)}" width="{_n(x2 - x1)}" height="{_n(y2 - y1)}"{rounded} '
                         f'fill="{fill}"{stroke}/>')

    def text(self, x: float, y: float, text: str, anchor: str = "start", bold: bool = False,
             size: float = LABEL_SIZE):
        """``text`` on the baseline ``y``, starting, centred or ending at ``x``."""
        self.body.append(text_path(text, x, y, size, anchor, bold))

    def svg(self) -> bytes:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(self.w)}mm" '
                f'height="{_n(self.h)}mm" viewBox="0 0 {_n(self.w)} {_n(self.h)}">')
        return (head + "".join(self.body) + "</svg>").encode("utf-8")


# ---------------------------------------------------------------- glyph outlines

@lru_cache(maxsize=2)
def _face(bold: bool):
    font = TTFont(FONT_DIR / ("LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"))
    kern = {}
    if "kern" in font:
        for table in font["kern"].kernTables:
            kern.update(getattr(table, "kernTable", {}))
    return font.getGlyphSet(), font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm, kern


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def text_path(text: str, x: float, y: float, size: float, anchor: str = "start", bold: bool = False) -> str:
    """``text`` in Liberation Sans at ``size`` mm as one ``<path>`` of glyph outlines,
    its baseline at ``y``; kerned by the font's kern table."""
    glyphs, cmap, metrics, em, kern = _face(bold)
    names = [cmap.get(ord(c), ".notdef") for c in text]
    advances = []
    for i, name in enumerate(names):
        pair = kern.get((name, names[i + 1]), 0) if i + 1 < len(names) else 0
        advances.append(metrics[name][0] + pair)
    scale = size / em
    width = sum(advances) * scale
    pen_x = x - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    pen = SVGPathPen(glyphs, ntos=_n)
    for name, advance in zip(names, advances):
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, pen_x, y)))
        pen_x += advance * scale
    return f'<path aria-label="{_escape(text)}" d="{pen.getCommands()}" fill="{BLACK}"/>'


# ---------------------------------------------------------------- the cell

def cell_svg(layout: FlowLayout, row: int, lane: int, height_mm: float) -> bytes | None:
    """The drawing of one lane cell, ``height_mm`` tall; None when the cell is empty."""
    prims = layout.cell_prims(row, lane)
    if not prims:
        return None
    c = _Svg(layout.lanes[lane].w, height_mm)
    cy = height_mm / 2
    ys = {Anchor.TOP: 0.0, Anchor.CENTER: cy, Anchor.BOTTOM: height_mm}
    for p in prims:  # cell_prims is in draw order: join, lines, symbols, arrowheads, labels, connectors
        if isinstance(p, Join):
            top, bottom = cy - p.h / 2, cy + p.h / 2
            for x1, x2 in p.shaded:
                c.rect(x1, top, x2, bottom, JOIN_FILL)
            for y in (top, bottom):
                c.line(p.x1, y, p.x2, y, color=JOIN_LINE, width=0.2, dash="0.8 0.5")
        elif isinstance(p, HLine):
            c.line(p.x1, cy + p.dy, p.x2, cy + p.dy)
        elif isinstance(p, VLine):
            y1 = ys[p.start] + (p.dy_start if p.start is Anchor.CENTER else 0)
            y2 = ys[p.end] + (p.dy_end if p.end is Anchor.CENTER else 0)
            c.line(p.x, y1, p.x, y2)
        elif isinstance(p, Symbol):
            _symbol(c, p, cy)
        elif isinstance(p, Arrowhead):
            c.polygon(arrow_points(p, cy), fill=BLACK, outline=None)
        elif isinstance(p, Label):
            c.text(p.x, cy + p.dy, p.text, anchor="end" if p.align == "right" else "start", size=p.size)
        elif isinstance(p, Connector):
            _connector(c, p, height_mm)
    return c.svg()


def _symbol(c: _Svg, s: Symbol, cy: float) -> None:
    x, w, h = s.x, s.w, s.h
    if s.kind == "keputusan":
        c.polygon([(x, cy - h / 2), (x + w / 2, cy), (x, cy + h / 2), (x - w / 2, cy)])
        return
    radius = h / 2 if s.kind in ("mulai", "selesai") else 0.0
    c.rect(x - w / 2, cy - h / 2, x + w / 2, cy + h / 2, WHITE, outline=BLACK, radius=radius)


def _connector(c: _Svg, k: Connector, height: float) -> None:
    top = 0.6 if k.anchor is Anchor.TOP else height - CONNECTOR_H - 0.6
    bottom = top + CONNECTOR_H
    if k.line_x != k.x:  # the run reaches the connector by a short jog
        jog = bottom + 0.9 if k.anchor is Anchor.TOP else top - 0.9
        end = height if k.anchor is Anchor.BOTTOM else 0.0
        c.rect(k.line_x - LINE, min(jog, end), k.line_x + LINE, max(jog, end), WHITE)
        c.line(k.line_x, jog, k.x, jog)
        c.line(k.x, jog, k.x, bottom if k.anchor is Anchor.TOP else top)
    c.polygon(pentagon_points(k.x, top))
    if k.enters:  # every flow line ends with an arrowhead at what it enters
        tip = Arrowhead(k.x, top, "down") if k.anchor is Anchor.BOTTOM else Arrowhead(k.x, bottom, "up")
        c.polygon(arrow_points(tip, 0), fill=BLACK, outline=None)
    c.text(k.x, top + CONNECTOR_H * 0.52, k.label, anchor="middle", bold=True)


def legend_svg(kind: str) -> bytes:
    """One of the five Permenpan symbols, for the legend (20 × 8 mm), as legend_png."""
    c = _Svg(20.0, 8.0)
    if kind == "panah":
        c.line(2, 4, 18 - ARROW, 4)
        c.polygon(arrow_points(Arrowhead(18, 0, "right"), 4), fill=BLACK, outline=None)
    elif kind == "penghubung":
        c.polygon(pentagon_points(10, (8 - CONNECTOR_H) / 2))
    else:
        _symbol(c, Symbol(kind, 10, 14, SYMBOL_H[kind], 0, 0), 4)
    return c.svg()
