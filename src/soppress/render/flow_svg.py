"""The SVG canvas of the flowchart painter (render/flow_paint.py): one lane cell,
or one legend symbol, in millimetres (the viewBox is the cell in mm). The vector
twin of render/docx/png_draw.py: flow_paint paints both, so they cannot drift apart.

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

from soppress.layout.flowchart import LABEL_SIZE, LINE, FlowLayout
from soppress.render import flow_paint
from soppress.resources import FONT_DIR

COLOURS = {flow_paint.BLACK: "#000", flow_paint.WHITE: "#fff", flow_paint.JOIN_FILL: "#e4e4e4",
           flow_paint.JOIN_LINE: "#444"}  # png_draw's colours
BLACK = COLOURS[flow_paint.BLACK]


def _n(v: float) -> str:
    """A coordinate in mm, to a micrometre, without trailing zeros (stable bytes)."""
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class _Svg:
    def __init__(self, width_mm: float, height_mm: float):
        self.w, self.h = width_mm, height_mm
        self.body: list[str] = []

    def line(self, x1, y1, x2, y2, color=flow_paint.BLACK, width=LINE, dash: tuple[float, float] | None = None):
        extra = f' stroke-dasharray="{_n(dash[0])} {_n(dash[1])}"' if dash else ""
        self.body.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{COLOURS[color]}" '
                         f'stroke-width="{_n(width)}"{extra}/>')

    def polygon(self, pts, fill=flow_paint.WHITE, outline: str | None = flow_paint.BLACK):
        stroke = f' stroke="{COLOURS[outline]}" stroke-width="{_n(LINE)}" stroke-linejoin="miter"' if outline else ""
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
        self.body.append(f'<polygon points="{points}" fill="{COLOURS[fill]}"{stroke}/>')

    def rect(self, x1, y1, x2, y2, fill, outline: str | None = None, radius: float = 0.0):
        stroke = f' stroke="{COLOURS[outline]}" stroke-width="{_n(LINE)}"' if outline else ""
        rounded = f' rx="{_n(radius)}" ry="{_n(radius)}"' if radius else ""
        self.body.append(f'<rect x="{_n(x1)}" y="{_n(y1)}" width="{_n(x2 - x1)}" height="{_n(y2 - y1)}"{rounded} '
                         f'fill="{COLOURS[fill]}"{stroke}/>')

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
    c = _Svg(layout.lanes[lane].w, height_mm)
    return c.svg() if flow_paint.paint_cell(c, layout, row, lane, height_mm) else None


@lru_cache(maxsize=8)
def legend_svg(kind: str) -> bytes:
    """One of the five Permenpan symbols, for the legend (20 × 8 mm), as legend_png."""
    c = _Svg(20.0, 8.0)
    flow_paint.paint_legend(c, kind)
    return c.svg()
