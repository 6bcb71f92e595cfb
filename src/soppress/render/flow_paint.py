"""The flowchart's lane cells and legend symbols, painted once for every canvas.

A lane cell of known height (DOCX rows take the heights measured in the PDF) turns
every anchor into an absolute position: top = 0, centre = h/2, bottom = h. This
module walks the layout's primitives of one cell (``cell_prims``, in draw order:
join, lines, symbols, arrowheads, labels, connectors) and paints them with five
canvas operations, in millimetres; the canvases only know how to put a line,
polygon, rectangle or text on their medium:

    line(x1, y1, x2, y2, color=BLACK, width=LINE, dash=None)   # dash: (on, off) mm
    polygon(points, fill=WHITE, outline=BLACK)                 # outline None: fill only
    rect(x1, y1, x2, y2, fill, outline=None, radius=0.0)
    text(x, y, text, anchor="start"|"middle"|"end", bold=False, size=LABEL_SIZE)  # y: baseline

render/docx/png_draw.py (the 300-dpi PNG) and render/flow_svg.py (the SVG Word
shows) are those canvases. Colours are names each canvas maps to its own values.
"""
from __future__ import annotations

from soppress.layout.flowchart import (ARROW, CONNECTOR_H, LINE, SYMBOL_H, Anchor, Arrowhead, Connector, FlowLayout,
                                       HLine, Join, Label, Symbol, VLine, arrow_points, pentagon_points)

BLACK, WHITE, JOIN_FILL, JOIN_LINE = "black", "white", "join-fill", "join-line"
JOIN_DASH = (0.8, 0.5)  # mm on, mm off: the join band's edges


def paint_cell(c, layout: FlowLayout, row: int, lane: int, height_mm: float) -> bool:
    """Paint one lane cell on ``c``; False (nothing painted) when the cell is empty."""
    prims = layout.cell_prims(row, lane)
    if not prims:
        return False
    cy = height_mm / 2
    ys = {Anchor.TOP: 0.0, Anchor.CENTER: cy, Anchor.BOTTOM: height_mm}
    for p in prims:
        if isinstance(p, Join):
            top, bottom = cy - p.h / 2, cy + p.h / 2
            for x1, x2 in p.shaded:
                c.rect(x1, top, x2, bottom, JOIN_FILL)
            for y in (top, bottom):
                c.line(p.x1, y, p.x2, y, color=JOIN_LINE, width=0.2, dash=JOIN_DASH)
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
    return True


def paint_legend(c, kind: str) -> None:
    """One of the five Permenpan symbols on a 20 × 8 mm canvas, for the sheet's legend."""
    if kind == "panah":
        c.line(2, 4, 18 - ARROW, 4)
        c.polygon(arrow_points(Arrowhead(18, 0, "right"), 4), fill=BLACK, outline=None)
    elif kind == "penghubung":
        c.polygon(pentagon_points(10, (8 - CONNECTOR_H) / 2))
    else:
        _symbol(c, Symbol(kind, 10, 14, SYMBOL_H[kind], 0, 0), 4)


def _symbol(c, s: Symbol, cy: float) -> None:
    x, w, h = s.x, s.w, s.h
    if s.kind == "keputusan":
        c.polygon([(x, cy - h / 2), (x + w / 2, cy), (x, cy + h / 2), (x - w / 2, cy)])
        return
    radius = h / 2 if s.kind in ("mulai", "selesai") else 0.0
    c.rect(x - w / 2, cy - h / 2, x + w / 2, cy + h / 2, WHITE, outline=BLACK, radius=radius)


def _connector(c, k: Connector, height: float) -> None:
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
