"""Where a decision's branch labels ("Ya", "Tidak setuju") go: measured, not guessed.

A label is a box: its width from the shipped font's advances, its height from the
font's cap height and descender. It must sit inside one lane, inside the row's
central band (where the painters draw), and keep CLEAR mm from every line,
arrowhead, symbol (a diamond by its real outline, not its bounding box), join band
and label already placed. Of the free positions, the one nearest the point where
its branch leaves the symbol wins; a label with no free position on one line is
tried on two (broken at a space), then in the next lane its branch runs into.
Coordinates are the layout's: x in mm from the lanes' left edge, y from the row's
centre (down is positive).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from soppress.layout.flowchart import (ARROW, BAND_H, CONNECTOR_W, LABEL_SIZE, LINE, Anchor, Arrowhead, HLine, Join, Label,
                                       Lane, Symbol, VLine, text_width)

CLEAR = 0.4          # least room between a label and anything drawn, or its lane's border
ASCENT = 0.75        # cap height (0.716 em) and a little, above the baseline, in em
DESCENT = 0.22       # descender (0.212 em), below it, for text that has one
BAND_ROOM = BAND_H / 2 - 0.3   # a label stays inside the band the painters draw
SIZES = (LABEL_SIZE, LABEL_SIZE * 0.88, LABEL_SIZE * 0.8)  # smaller type only where nothing else fits
LINE_GAP = CLEAR + 0.05        # between the two lines of a broken label
STEP = 0.25          # the grid positions are tried on (mm)
REACH = 7.0          # a label farther than this from its branch is not read as its label
INF = 1e6


@dataclass(frozen=True)
class Box:
    x1: float
    y1: float
    x2: float
    y2: float

    def grown(self, d: float) -> "Box":
        return Box(self.x1 - d, self.y1 - d, self.x2 + d, self.y2 + d)

    def meets(self, other: "Box") -> bool:
        return self.x1 < other.x2 and other.x1 < self.x2 and self.y1 < other.y2 and other.y1 < self.y2

    def distance(self, x: float, y: float) -> float:
        dx = max(self.x1 - x, 0.0, x - self.x2)
        dy = max(self.y1 - y, 0.0, y - self.y2)
        return (dx * dx + dy * dy) ** 0.5


@dataclass(frozen=True)
class Diamond:
    x: float
    w: float
    h: float

    def meets(self, box: Box) -> bool:
        """Does ``box`` reach into the diamond? (its nearest point to the centre lies inside)"""
        px = min(max(self.x, box.x1), box.x2)
        py = min(max(0.0, box.y1), box.y2)
        return abs(px - self.x) / (self.w / 2) + abs(py) / (self.h / 2) < 1.0


def _descent(text: str) -> float:
    return DESCENT if any(c in "gjpqyQ,;()/" for c in text) else 0.03


def label_box(label: Label) -> Box:
    a, b = label.extent
    return Box(a, label.dy - ASCENT * label.size, b, label.dy + _descent(label.text) * label.size)


def obstacles(prims: Iterable) -> list:
    """What a label must keep clear of in one row, as boxes (a diamond as itself)."""
    out: list = []
    half = LINE / 2
    for p in prims:
        if isinstance(p, Symbol) and p.kind == "keputusan":
            out.append(Diamond(p.x, p.w, p.h))
        elif isinstance(p, Symbol):
            out.append(Box(p.x - p.w / 2, -p.h / 2, p.x + p.w / 2, p.h / 2))
        elif isinstance(p, HLine):
            out.append(Box(min(p.x1, p.x2), p.dy - half, max(p.x1, p.x2), p.dy + half))
        elif isinstance(p, VLine):
            ys = [_y(p.start, p.dy_start), _y(p.end, p.dy_end)]
            out.append(Box(p.x - half, min(ys), p.x + half, max(ys)))
            # a run to the row's edge may end at an off-page connector, whose foot
            # (and the jog to it) can reach 1.3 mm into the band of a connector row
            for edge in (e for e in (min(ys), max(ys)) if abs(e) == INF):
                y = -BAND_H / 2 if edge < 0 else BAND_H / 2 - 1.3
                out.append(Box(p.x - CONNECTOR_W / 2 - 0.5, y, p.x + CONNECTOR_W / 2 + 0.5, y + 1.3))
        elif isinstance(p, Arrowhead):
            d, w = ARROW, ARROW * 0.45
            x, y = p.x, p.dy
            out.append({"down": Box(x - w, y - d, x + w, y), "up": Box(x - w, y, x + w, y + d),
                        "left": Box(x, y - w, x + d, y + w), "right": Box(x - d, y - w, x, y + w)}[p.direction])
        elif isinstance(p, Join):
            out.append(Box(p.x1, -p.h / 2, p.x2, p.h / 2))
        elif isinstance(p, Label):
            out.append(label_box(p))
    return out


def _y(anchor: Anchor, dy: float) -> float:
    return {Anchor.TOP: -INF, Anchor.BOTTOM: INF}.get(anchor, dy)


def is_clear(box: Box, things: Sequence) -> bool:
    grown = box.grown(CLEAR)
    return not any(t.meets(grown) for t in things)


def place(text: str, lanes: Sequence[Lane], near: tuple[float, float], things: Sequence) -> list[Label]:
    """``text`` as one or two Labels in the first of ``lanes`` with a free position
    near ``near`` (the point its branch leaves the symbol); ``things`` are the row's
    obstacles. In order: full size on one line, then on two, in each lane; then
    smaller type. Falls back to the nearest position crossing the fewest things."""
    options = [[text]]
    words = text.split()
    if len(words) > 1:  # two lines, the break that makes the wider line narrowest
        cut = min(range(1, len(words)), key=lambda i: max(text_width(" ".join(words[:i]), 1),
                                                         text_width(" ".join(words[i:]), 1)))
        options.append([" ".join(words[:cut]), " ".join(words[cut:])])
    fallback: tuple[float, list[Label]] | None = None
    for size in SIZES:
        for lane in lanes:
            for lines in options:
                found, nearest = _search(lines, size, lane, near, things, fallback is None)
                if found:
                    return found
                if nearest and (fallback is None or nearest[0] < fallback[0]):
                    fallback = nearest
    return fallback[1] if fallback else [Label(text, near[0], near[1])]


def _search(lines: list[str], size: float, lane: Lane, near: tuple[float, float], things: Sequence,
            keep_nearest: bool) -> tuple[list[Label] | None, tuple[float, list[Label]] | None]:
    """The free position nearest ``near`` for ``lines`` in ``lane`` (and, when asked,
    the nearest crossing the fewest things, scored)."""
    width = max(text_width(line, size) for line in lines)
    heights = [(ASCENT + _descent(line)) * size for line in lines]
    block = sum(heights) + LINE_GAP * (len(lines) - 1)
    best: Box | None = None
    nearest: tuple[float, Box] | None = None
    xs, ys = _steps(lane.x + CLEAR, lane.x + lane.w - CLEAR - width), _steps(-BAND_ROOM, BAND_ROOM - block)
    # each position's distance to ``near`` (Box.distance, by column and by row: the grid
    # has thousands of positions and most are never looked at)
    dxs = [max(x - near[0], 0.0, near[0] - (x + width)) for x in xs]
    dys = [max(y - near[1], 0.0, near[1] - (y + block)) for y in ys]
    # nearest first (ties in the left-to-right, top-to-bottom order), so the first clear
    # box is the answer and the scored search stops once nothing can win
    order = sorted(((dx * dx + dy * dy) ** 0.5, i, j) for i, dx in enumerate(dxs) for j, dy in enumerate(dys))
    for cost, i, j in order:
        box = Box(xs[i], ys[j], xs[i] + width, ys[j] + block)
        if cost <= REACH and is_clear(box, things):
            best = box
            break
        if not keep_nearest:
            if cost > REACH:
                break
            continue
        if nearest is not None and cost >= nearest[0]:
            if cost > REACH:
                break
            continue
        score = cost + 100 * sum(t.meets(box.grown(CLEAR)) for t in things)
        if nearest is None or score < nearest[0]:
            nearest = (score, box)
    if best:
        return _labels(lines, best, size), None
    return None, (nearest[0], _labels(lines, nearest[1], size)) if nearest else None


def _steps(lo: float, hi: float) -> list[float]:
    n = int((hi - lo) / STEP + 1e-9)
    return [lo + i * STEP for i in range(n + 1)] if hi >= lo else []


def _labels(lines: list[str], box: Box, size: float) -> list[Label]:
    out, top = [], box.y1
    for line in lines:
        out.append(Label(line, box.x1, top + ASCENT * size, size=size))
        top += (ASCENT + _descent(line)) * size + LINE_GAP
    return out
