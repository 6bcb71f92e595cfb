"""The PNG canvas of the flowchart painter (render/flow_paint.py): one lane cell,
or one legend symbol, at 300 dpi, with the font the PDF embeds. The DOCX keeps it
as the fallback of each SVG picture (render/flow_svg.py)."""
from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from soppress.layout.flowchart import LABEL_SIZE, LINE, FlowLayout
from soppress.render import flow_paint
from soppress.resources import FONT_DIR

DPI = 300
COLOURS = {flow_paint.BLACK: (0, 0, 0, 255), flow_paint.WHITE: (255, 255, 255, 255),
           flow_paint.JOIN_FILL: (228, 228, 228, 255), flow_paint.JOIN_LINE: (68, 68, 68, 255)}
GREY = all(r == g == b for r, g, b, _ in COLOURS.values())
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}  # PIL's baseline anchors


@lru_cache(maxsize=8)
def _font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), px)


class _Canvas:
    def __init__(self, width_mm: float, height_mm: float):
        self.k = DPI / 25.4
        self.img = Image.new("RGBA", (max(1, round(width_mm * self.k)), max(1, round(height_mm * self.k))),
                             (255, 255, 255, 0))
        self.draw = ImageDraw.Draw(self.img)
        self.lw = max(1, round(LINE * self.k))

    def p(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, y * self.k

    def line(self, x1, y1, x2, y2, color=flow_paint.BLACK, width=LINE, dash=None):
        px = max(1, round(width * self.k))
        if not dash:
            self.draw.line([self.p(x1, y1), self.p(x2, y2)], fill=COLOURS[color], width=px)
            return
        on, off = dash  # a horizontal dashed line (the join band's edges)
        x = x1
        while x < x2:
            self.draw.line([self.p(x, y1), self.p(min(x + on, x2), y2)], fill=COLOURS[color], width=px)
            x += on + off

    def polygon(self, pts, fill=flow_paint.WHITE, outline=flow_paint.BLACK):
        # a filled polygon is outlined in its own colour, so it covers the same pixels as the SVG's
        self.draw.polygon([self.p(x, y) for x, y in pts], fill=COLOURS[fill], outline=COLOURS[outline or fill],
                          width=self.lw)

    def rect(self, x1, y1, x2, y2, fill, outline=None, radius=0.0):
        box = [self.p(x1, y1), self.p(x2, y2)]
        if outline is None:
            self.draw.rectangle(box, fill=COLOURS[fill])
        else:
            self.draw.rounded_rectangle(box, radius=radius * self.k, fill=COLOURS[fill], outline=COLOURS[outline],
                                        width=self.lw)

    def text(self, x, y, text, anchor="start", bold=False, size=LABEL_SIZE):
        self.draw.text(self.p(x, y), text, font=_font(round(size * self.k), bold=bold),
                       fill=COLOURS[flow_paint.BLACK], anchor=_ANCHORS[anchor])

    def png(self) -> bytes:
        """Drawn in RGBA, saved as grey + alpha when every colour is a grey (lossless:
        antialiasing blends greys into greys), at zlib level 6: a third of the bytes
        and a quarter of the time of RGBA at ``optimize`` (level 9)."""
        out = io.BytesIO()
        (self.img.convert("LA") if GREY else self.img).save(out, format="PNG", compress_level=6)
        return out.getvalue()


def cell_png(layout: FlowLayout, row: int, lane: int, height_mm: float) -> bytes | None:
    """The drawing of one lane cell, ``height_mm`` tall; None when the cell is empty."""
    c = _Canvas(layout.lanes[lane].w, height_mm)
    return c.png() if flow_paint.paint_cell(c, layout, row, lane, height_mm) else None


@lru_cache(maxsize=8)
def legend_png(kind: str) -> bytes:
    """One of the five Permenpan symbols, for the legend (20 × 8 mm)."""
    c = _Canvas(20.0, 8.0)
    flow_paint.paint_legend(c, kind)
    return c.png()
