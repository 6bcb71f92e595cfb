"""Draw the flowchart layout as CSS background layers of the lane cells.

Each lane cell gets: one SVG band centred vertically (symbols, arrowheads,
labels, horizontal lines, the join band), one SVG at the top and one at the
bottom (off-page connectors), and stretched 1×1 SVG strips for the vertical
lines (top→centre, centre→bottom or the full height). Horizontal geometry is in
mm (column widths are ours), vertical geometry in % of the row, so the drawing
follows the row whatever height its text gives it, on every page.
"""
from __future__ import annotations

from urllib.parse import quote

from soppress.layout.flowchart import (ARROW, BAND_H, CONNECTOR_H, LABEL_SIZE, LINE, Anchor, Arrowhead, Connector,
                         FlowLayout, HLine, Join, Label, Primitive, Symbol, VLine, arrow_points,
                         pentagon_points)

STROKE = "#000"
JOIN_FILL = "#e4e4e4"
FONT = "Liberation Sans"
CONNECTOR_BOX = CONNECTOR_H + 1.2  # height of the top/bottom connector images


def _svg(width: float, height: float, body: str, attrs: str = "") -> str:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.3f}mm" height="{height:.3f}mm" {attrs}'
           f'viewBox="0 0 {width:.3f} {height:.3f}">{body}</svg>')
    return 'url("data:image/svg+xml;charset=utf-8,' + quote(svg, safe=" =:/,;.-'()") + '")'


STRIP = _svg(1, 1, '<rect width="1" height="1" fill="#000"/>', 'preserveAspectRatio="none" ')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _symbol(s: Symbol, cy: float) -> str:
    x, w, h = s.x, s.w, s.h
    style = f'fill="#fff" stroke="{STROKE}" stroke-width="{LINE}"'
    if s.kind == "keputusan":
        pts = f"{x:.3f},{cy - h / 2:.3f} {x + w / 2:.3f},{cy:.3f} {x:.3f},{cy + h / 2:.3f} {x - w / 2:.3f},{cy:.3f}"
        return f'<polygon points="{pts}" {style}/>'
    rx = h / 2 if s.kind in ("mulai", "selesai") else 0
    return f'<rect x="{x - w / 2:.3f}" y="{cy - h / 2:.3f}" width="{w:.3f}" height="{h:.3f}" rx="{rx:.3f}" {style}/>'


def _arrow(a: Arrowhead, cy: float) -> str:
    return '<polygon points="' + " ".join(f"{px:.3f},{py:.3f}" for px, py in arrow_points(a, cy)) + \
        f'" fill="{STROKE}"/>'


def _line(x1, y1, x2, y2) -> str:
    return (f'<line x1="{x1:.3f}" y1="{y1:.3f}" x2="{x2:.3f}" y2="{y2:.3f}" stroke="{STROKE}" '
            f'stroke-width="{LINE}"/>')


def _mask(x, y1, y2) -> str:
    top, bottom = sorted((y1, y2))
    return f'<rect x="{x - LINE:.3f}" y="{top:.3f}" width="{2 * LINE:.3f}" height="{bottom - top:.3f}" fill="#fff"/>'


def _band(width: float, prims: list[Primitive]) -> str | None:
    cy = BAND_H / 2
    masks, body = [], []
    for p in prims:
        if isinstance(p, Join):
            top, bottom = cy - p.h / 2, cy + p.h / 2
            for x1, x2 in p.shaded:
                body.append(f'<rect x="{x1:.3f}" y="{top:.3f}" width="{x2 - x1:.3f}" height="{p.h:.3f}" '
                            f'fill="{JOIN_FILL}"/>')
            dash = 'stroke="#444" stroke-width="0.2" stroke-dasharray="0.8 0.5"'
            body.append(f'<line x1="{p.x1:.3f}" y1="{top:.3f}" x2="{p.x2:.3f}" y2="{top:.3f}" {dash}/>')
            body.append(f'<line x1="{p.x1:.3f}" y1="{bottom:.3f}" x2="{p.x2:.3f}" y2="{bottom:.3f}" {dash}/>')
        elif isinstance(p, HLine):
            body.append(_line(p.x1, cy + p.dy, p.x2, cy + p.dy))
        elif isinstance(p, VLine):
            # strips start at the centre; fix up lines that really start above or below it
            for anchor, dy, other in ((p.start, p.dy_start, p.end), (p.end, p.dy_end, p.start)):
                if anchor is Anchor.CENTER and dy:
                    towards_other = (dy < 0) == (other is Anchor.BOTTOM)
                    if towards_other:   # the strip misses the piece between dy and the centre
                        body.append(_line(p.x, cy + dy, p.x, cy))
                    else:               # the strip overshoots: hide the stub
                        masks.append(_mask(p.x, cy, cy + dy))
        elif isinstance(p, Symbol):
            body.append(_symbol(p, cy))
        elif isinstance(p, Arrowhead):
            body.append(_arrow(p, cy))
        elif isinstance(p, Label):
            anchor = "end" if p.align == "right" else "start"
            body.append(f'<text x="{p.x:.3f}" y="{cy + p.dy:.3f}" font-family="{FONT}" font-size="{p.size:.3f}" '
                        f'text-anchor="{anchor}">{_escape(p.text)}</text>')
    if not masks and not body:
        return None
    return _svg(width, BAND_H, "".join(masks + body))


def _pentagon(x: float, top: float) -> str:
    return ('<polygon points="' + " ".join(f"{px:.3f},{py:.3f}" for px, py in pentagon_points(x, top))
            + f'" fill="#fff" stroke="{STROKE}" stroke-width="{LINE}"/>')


def _connectors(width: float, prims: list[Connector], anchor: Anchor) -> str | None:
    items = [p for p in prims if p.anchor is anchor]
    if not items:
        return None
    h, body = CONNECTOR_BOX, []
    for c in items:
        top = 0.6 if anchor is Anchor.TOP else h - CONNECTOR_H - 0.6
        bottom = top + CONNECTOR_H
        if anchor is Anchor.TOP:
            body.append(_mask(c.line_x, 0, bottom + 0.9 if c.line_x != c.x else top))
        else:
            body.append(_mask(c.line_x, top - 0.9 if c.line_x != c.x else bottom, h))
        if c.line_x != c.x:  # the run reaches the connector by a short jog
            jog_y = bottom + 0.9 if anchor is Anchor.TOP else top - 0.9
            body.append(_line(c.line_x, jog_y, c.x, jog_y))
            body.append(_line(c.x, jog_y, c.x, bottom if anchor is Anchor.TOP else top))
        body.append(_pentagon(c.x, top))
        if c.enters:  # every flow line ends with an arrowhead at what it enters
            tip = Arrowhead(c.x, top, "down") if anchor is Anchor.BOTTOM else Arrowhead(c.x, bottom, "up")
            body.append(_arrow(tip, 0))
        body.append(f'<text x="{c.x:.3f}" y="{top + CONNECTOR_H * 0.52:.3f}" font-family="{FONT}" '
                    f'font-size="{LABEL_SIZE}" font-weight="bold" text-anchor="middle">{_escape(c.label)}</text>')
    return _svg(width, h, "".join(body))


def cell_style(layout: FlowLayout, row: int, lane: int) -> str:
    """The CSS declarations drawing one lane cell."""
    width = layout.lanes[lane].w
    prims = layout.cell_prims(row, lane)
    layers: list[tuple[str, str, str]] = []  # (image, position, size), topmost first
    band = _band(width, prims)
    if band:
        layers.append((band, "0 50%", f"{width:.3f}mm {BAND_H}mm"))
    connectors = [p for p in prims if isinstance(p, Connector)]
    for anchor, position in ((Anchor.TOP, "0 0"), (Anchor.BOTTOM, "0 100%")):
        image = _connectors(width, connectors, anchor)
        if image:
            layers.append((image, position, f"{width:.3f}mm {CONNECTOR_BOX:.3f}mm"))
    for p in prims:
        if isinstance(p, VLine):
            ends = {p.start, p.end}
            x = f"{p.x - LINE / 2:.3f}mm"
            if ends == {Anchor.TOP, Anchor.BOTTOM}:
                layers.append((STRIP, f"{x} 0", f"{LINE}mm 100%"))
            elif ends == {Anchor.TOP, Anchor.CENTER}:
                layers.append((STRIP, f"{x} 0", f"{LINE}mm 50%"))
            else:
                layers.append((STRIP, f"{x} 100%", f"{LINE}mm 50%"))
    if not layers:
        return ""
    return ("background-image: " + ", ".join(l[0] for l in layers) + "; "
            "background-position: " + ", ".join(l[1] for l in layers) + "; "
            "background-size: " + ", ".join(l[2] for l in layers) + "; "
            "background-repeat: no-repeat;")


def legend_style(kind: str) -> str:
    """A legend cell showing one of the five Permenpan symbols."""
    w, h = 20.0, 8.0
    if kind == "panah":
        body = _line(2, h / 2, w - 2 - ARROW, h / 2) + _arrow(Arrowhead(w - 2, 0, "right"), h / 2)
    elif kind == "penghubung":
        body = _pentagon(w / 2, (h - CONNECTOR_H) / 2)
    else:
        from soppress.layout.flowchart import SYMBOL_H
        body = _symbol(Symbol(kind, w / 2, 14.0, SYMBOL_H[kind], 0, 0), h / 2)
    return (f"background-image: {_svg(w, h, body)}; background-position: 50% 50%; "
            f"background-size: {w}mm {h}mm; background-repeat: no-repeat;")
