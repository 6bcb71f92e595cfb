"""Flowchart geometry of an SOP table, independent of any renderer.

The flowchart is drawn inside the table: one lane (column) per pelaksana, one
table row per kegiatan (or per sub-kegiatan when they are printed on their own
rows). Horizontal positions are known in millimetres (the column widths are
ours); vertical positions are not, because a row is as tall as its text. So
every primitive is placed relative to its row: ``y`` is an :class:`Anchor`
(top, centre or bottom of the row) plus an offset in mm. Vertical lines run
between anchors. The HTML renderer turns this into per-cell background layers,
the DOCX renderer into shapes in rows of known height; neither routes anything.

Routing rules (Permenpan RB 35/2012 flowcharts are vertical):
- the flow enters a symbol from the top (next step) or from a side (a branch or
  jump arriving along a track), and leaves from the bottom or a side;
- a step done by several pelaksana has its symbol in each of their lanes, the
  symbols joined by a band; the flow enters and leaves at the symbol nearest
  the other end of the edge;
- a jump that would cross other symbols (a decision branch, ``lanjut``, any
  backward edge) leaves the symbol sideways to a track at the edge of a lane,
  runs along it and enters the target from the same side; tracks never pass
  through a symbol, and each side of a row carries at most one horizontal line
  per vertical offset, so branches do not overlap;
- pagination.py cuts every vertical run at page breaks into a pair of
  off-page connectors with the same label (A, B, …), for backward runs too.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Sequence

from fontTools.ttLib import TTFont

from soppress.errors import UserError
from soppress.model import Langkah, Sop, SubLangkah
from soppress.resources import FONT_DIR

# Geometry, in millimetres.
LINE = 0.3           # line width
SYMBOL_H = {"mulai": 6.0, "selesai": 6.0, "proses": 7.0, "keputusan": 9.0}
SYMBOL_MAX_W = 15.0
DIAMOND_MAX_W = 12.0  # narrower, so that branch labels fit beside its corners
LANE_PAD = 4.0       # least room between a symbol and its lane's edge, for tracks
TRACK_GAP = 0.9      # least distance between neighbouring tracks
ARROW = 1.6          # arrowhead length
CONNECTOR_W = 6.0
CONNECTOR_H = 5.5
LABEL_SIZE = 2.5     # branch and connector label size
BAND_H = 15.0        # height of the central band holding symbols, arrows and labels
CONNECTOR_ROOM = CONNECTOR_H + 6.0  # extra row height for a connector: it, and air before the band
SIDE_OFFSETS = (0.0, -2.6, 2.6)  # vertical offsets of horizontal lines leaving a side


class Anchor(str, Enum):
    TOP = "top"
    CENTER = "center"
    BOTTOM = "bottom"


@dataclass(frozen=True)
class Symbol:
    kind: str      # mulai | selesai | proses | keputusan
    x: float       # centre, mm from the left of the lanes
    w: float
    h: float
    step: int      # the kegiatan number it belongs to
    lane: int


@dataclass(frozen=True)
class HLine:
    x1: float
    x2: float
    dy: float = 0.0  # offset from the row centre (down is positive)


@dataclass(frozen=True)
class VLine:
    """A vertical line in a row, drawn from ``start`` to ``end`` in the flow's direction."""
    x: float
    start: Anchor
    end: Anchor
    dy_start: float = 0.0  # offsets (only from CENTER): where the line really begins or ends
    dy_end: float = 0.0


@dataclass(frozen=True)
class Arrowhead:
    x: float       # tip position
    dy: float      # tip offset from the row centre
    direction: str  # down | up | left | right


@dataclass(frozen=True)
class Label:
    text: str
    x: float       # left edge (align=left) or right edge (align=right)
    dy: float      # baseline offset from the row centre
    align: str = "left"
    size: float = LABEL_SIZE  # smaller only where no free place takes the full size (layout.labels)

    @property
    def extent(self) -> tuple[float, float]:
        """Horizontal extent, from the shipped font's metrics."""
        width = text_width(self.text, self.size)
        return (self.x, self.x + width) if self.align == "left" else (self.x - width, self.x)


@lru_cache(maxsize=None)
def _advances(bold: bool = False) -> tuple[dict[int, int], int, int]:
    font = TTFont(FONT_DIR / ("LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"), lazy=True)
    widths = font["hmtx"].metrics
    cmap = font.getBestCmap()
    return {cp: widths[name][0] for cp, name in cmap.items()}, font["head"].unitsPerEm, widths[".notdef"][0]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in mm of ``text`` set in Liberation Sans (bold or regular) at ``size`` mm."""
    advances, em, fallback = _advances(bold)
    return sum(advances.get(ord(c), fallback) for c in text) / em * size


@dataclass(frozen=True)
class Join:
    """The band that joins the symbols of one step done by several pelaksana:
    outlined from the first to the last symbol, shaded only in the lanes that
    take part (a lane in between that does not is crossed, not shaded)."""
    x1: float
    x2: float
    h: float
    shaded: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Connector:
    """Off-page connector (pentagon) at the top or bottom of a row."""
    label: str
    x: float
    anchor: Anchor  # TOP or BOTTOM
    line_x: float   # where the vertical run meets it (may differ from x near a lane edge)
    enters: bool = False  # the flow runs into it (it gets an arrowhead): down at a page's foot, up at its head


Primitive = Symbol | HLine | VLine | Arrowhead | Label | Join | Connector


def arrow_points(a: Arrowhead, cy: float) -> list[tuple[float, float]]:
    """The arrowhead's triangle, tip first, for a row whose centre is at ``cy``."""
    x, y, d, half = a.x, cy + a.dy, ARROW, ARROW * 0.45
    return {
        "down": [(x, y), (x - half, y - d), (x + half, y - d)],
        "up": [(x, y), (x - half, y + d), (x + half, y + d)],
        "left": [(x, y), (x + d, y - half), (x + d, y + half)],
        "right": [(x, y), (x - d, y - half), (x - d, y + half)],
    }[a.direction]


def pentagon_points(x: float, top: float) -> list[tuple[float, float]]:
    """The off-page connector: a pentagon pointing down, ``top`` its upper edge."""
    half, shoulder = CONNECTOR_W / 2, top + CONNECTOR_H * 0.62
    return [(x - half, top), (x + half, top), (x + half, shoulder), (x, top + CONNECTOR_H), (x - half, shoulder)]


@dataclass
class Row:
    """One body row of the flowchart table."""
    kind: str                      # "bagian" | "langkah" | "sub"
    no: str = ""                   # printed in the No column ("3", "A.", "" for later sub rows)
    step: Langkah | None = None
    sub: SubLangkah | None = None  # for sub rows
    text: str = ""                 # bagian text
    node: "Node | None" = None
    prims: list[Primitive] = field(default_factory=list)

    @property
    def min_height(self) -> float:
        """Height the drawing needs; the renderer makes the row at least this tall."""
        top = any(isinstance(p, Connector) and p.anchor is Anchor.TOP for p in self.prims)
        bottom = any(isinstance(p, Connector) and p.anchor is Anchor.BOTTOM for p in self.prims)
        return base_height(self) + CONNECTOR_ROOM * (top + bottom)


@dataclass
class Node:
    row: int
    step: Langkah
    kind: str
    lanes: list[int]
    symbols: list[Symbol] = field(default_factory=list)


@dataclass(frozen=True)
class Edge:
    src: int   # node index
    dst: int
    label: str = ""


@dataclass
class Lane:
    index: int
    x: float   # left edge
    w: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass
class FlowLayout:
    lanes: list[Lane]
    rows: list[Row]
    nodes: list[Node]
    edges: list[Edge]
    pages: list[list[int]] = field(default_factory=list)  # row indexes per page, set by paginate()

    @property
    def width(self) -> float:
        return sum(l.w for l in self.lanes)

    @property
    def connectors(self) -> list[tuple[int, Connector]]:
        return [(i, p) for i, r in enumerate(self.rows) for p in r.prims if isinstance(p, Connector)]

    def cell_prims(self, row: int, lane: int) -> list[Primitive]:
        """Primitives of one cell, in cell coordinates (x from the lane's left edge).

        Lines that cross lane boundaries are clipped to the cell; symbols,
        arrowheads, labels and connectors belong to the lane holding their x."""
        ln = self.lanes[lane]
        lo, hi = ln.x, ln.x + ln.w
        out: list[Primitive] = []
        for p in self.rows[row].prims:
            if isinstance(p, (HLine, Join)):
                a, b = sorted((p.x1, p.x2))
                a, b = max(a, lo), min(b, hi)
                if b - a > 1e-6 and isinstance(p, HLine):
                    out.append(HLine(a - lo, b - lo, p.dy))
                elif b - a > 1e-6:
                    shaded = tuple((max(x1, a) - lo, min(x2, b) - lo) for x1, x2 in p.shaded if x1 < b and x2 > a)
                    out.append(Join(a - lo, b - lo, p.h, shaded))
            elif isinstance(p, Label):
                a, b = p.extent
                if a < hi and b > lo:  # drawn in every cell it overlaps; each clips its part
                    out.append(dataclasses.replace(p, x=p.x - lo))
            elif lo <= _x(p) < hi:
                out.append(_shift(p, -lo))
        # draw order: join band, lines, symbols, arrowheads, labels, connectors
        order = (Join, HLine, VLine, Symbol, Arrowhead, Label, Connector)
        return sorted(out, key=lambda p: order.index(type(p)))


def _x(p) -> float:
    return p.x


def _shift(p, dx: float):
    """``p`` moved ``dx`` to the right (every other field kept)."""
    if isinstance(p, Connector):
        return dataclasses.replace(p, x=p.x + dx, line_x=p.line_x + dx)
    if isinstance(p, (Symbol, VLine, Arrowhead)):
        return dataclasses.replace(p, x=p.x + dx)
    raise TypeError(p)


# ---------------------------------------------------------------- building


def build(sop: Sop, lane_widths: Sequence[float], *, with_labels: bool = True) -> FlowLayout:
    """Rows, nodes, edges and routed primitives for ``sop`` (unpaginated). Without
    labels (``check`` asks only whether the flow can be drawn) the branch labels,
    the slowest part to place, are left out."""
    lanes, x = [], 0.0
    for i, w in enumerate(lane_widths):
        lanes.append(Lane(i, x, w))
        x += w
    rows, nodes = _rows_and_nodes(sop, lanes)
    edges = _edges(sop, nodes)
    layout = FlowLayout(lanes, rows, nodes, edges)
    router = _Router(layout)
    router.route()
    if not with_labels:
        return layout
    from soppress.layout import labels  # it measures against this module's primitives
    for row, text, near, label_lanes in router.label_requests:
        prims = layout.rows[row].prims
        prims.extend(labels.place(text, label_lanes, near, labels.obstacles(prims)))
    return layout


def _lane_index(sop: Sop, ref: str) -> int:
    column = sop.pelaksana_of(ref)
    return sop.pelaksana.index(column)


def _rows_and_nodes(sop: Sop, lanes: list[Lane]) -> tuple[list[Row], list[Node]]:
    rows: list[Row] = []
    nodes: list[Node] = []
    for item in sop.kegiatan:
        if not isinstance(item, Langkah):
            letter, _, rest = item.bagian.partition(" ")
            is_letter = len(letter) <= 3 and letter.rstrip(".").isalpha()
            rows.append(Row("bagian", no=letter if is_letter else "", text=rest if is_letter else item.bagian))
            continue
        kind = sop.simbol(item)
        step_lanes = sorted({_lane_index(sop, r) for r in item.pelaksana})
        if item.sub and item.sub_terpisah:
            for i, sub in enumerate(item.sub):
                sub_lanes = sorted({_lane_index(sop, r) for r in sub.pelaksana}) or step_lanes
                first, last = i == 0, i == len(item.sub) - 1
                sub_kind = kind if (kind == "mulai" and first) or (kind in ("selesai", "keputusan") and last) \
                    else "proses"
                row = Row("sub", no=str(item.no) if first else "", step=item, sub=sub)
                rows.append(row)
                nodes.append(_node(len(rows) - 1, item, sub_kind, sub_lanes, lanes))
                row.node = nodes[-1]
        else:
            rows.append(Row("langkah", no=str(item.no), step=item))
            nodes.append(_node(len(rows) - 1, item, kind, step_lanes, lanes))
            rows[-1].node = nodes[-1]
    return rows, nodes


def _symbol_w(lane: Lane, kind: str = "proses") -> float:
    return min(DIAMOND_MAX_W if kind == "keputusan" else SYMBOL_MAX_W, lane.w - 2 * LANE_PAD)


def _node(row: int, step: Langkah, kind: str, lanes_used: list[int], lanes: list[Lane]) -> Node:
    node = Node(row, step, kind, lanes_used)
    for i in lanes_used:
        node.symbols.append(Symbol(kind, lanes[i].cx, _symbol_w(lanes[i], kind), SYMBOL_H[kind], step.no, i))
    return node


def _edges(sop: Sop, nodes: list[Node]) -> list[Edge]:
    """Flow edges between nodes: sub-rows chain, then each step to its successors."""
    first_of: dict[int, int] = {}
    last_of: dict[int, int] = {}
    for i, n in enumerate(nodes):
        first_of.setdefault(n.step.no, i)
        last_of[n.step.no] = i
    edges = [Edge(i, i + 1) for i, n in enumerate(nodes[:-1]) if nodes[i + 1].step is n.step]
    for step in sop.langkah:
        labels = sop.cabang_labels(step) if step.cabang else [""]
        for target, label in zip(sop.successors(step), labels):
            edges.append(Edge(last_of[step.no], first_of[target], label))
    return edges


# ---------------------------------------------------------------- routing


class _Router:
    """Turns edges into primitives, keeping track of what each row already uses."""

    def __init__(self, layout: FlowLayout):
        self.L = layout
        self.bottom_used: set[int] = set()           # nodes whose bottom exit is taken
        self.top_used: set[int] = set()              # nodes whose top entry is taken
        self.side_used: dict[tuple[int, str], set[float]] = {}  # (row, side) -> used dy offsets
        self.tracks: list[tuple[float, int, int]] = []          # (x, first row, last row)
        self.label_requests: list[tuple[int, str, tuple[float, float], list[Lane]]] = []

    def route(self) -> None:
        L = self.L
        for node in L.nodes:
            self._draw_node(node)
        # straight edges first (they claim top/bottom), then tracked ones, longest last (outermost)
        straight, tracked = [], []
        for e in L.edges:
            (straight if self._is_straight(e) else tracked).append(e)
        for e in straight:
            self._route_straight(e)
        tracked.sort(key=lambda e: abs(L.nodes[e.dst].row - L.nodes[e.src].row))
        for e in tracked:
            self._route_tracked(e)

    # -- nodes

    def _draw_node(self, node: Node) -> None:
        prims = self.L.rows[node.row].prims
        if len(node.symbols) > 1:
            a, b = node.symbols[0], node.symbols[-1]
            lanes = self.L.lanes
            shaded = tuple((lanes[s.lane].x, lanes[s.lane].x + lanes[s.lane].w) for s in node.symbols)
            prims.append(Join(a.x - a.w / 2 - 1.5, b.x + b.w / 2 + 1.5, max(s.h for s in node.symbols) + 3,
                              shaded))
        prims.extend(node.symbols)

    # -- which edges go straight down

    def _is_straight(self, e: Edge) -> bool:
        """Down to the very next node, with no other node in between, and the
        first such edge of its source (a decision sends only one branch down)."""
        L = self.L
        src, dst = L.nodes[e.src], L.nodes[e.dst]
        if e.dst != e.src + 1:
            return False
        first_down = next(x for x in L.edges if x.src == e.src and x.dst == e.src + 1)
        return first_down is e and dst.row > src.row

    def _route_straight(self, e: Edge) -> None:
        L = self.L
        src, dst = L.nodes[e.src], L.nodes[e.dst]
        s, t = _closest_pair(src.symbols, dst.symbols)
        self.bottom_used.add(e.src)
        self.top_used.add(e.dst)
        rows = L.rows
        if abs(s.x - t.x) < 1e-6:
            x = s.x
            rows[src.row].prims.append(VLine(x, Anchor.CENTER, Anchor.BOTTOM, dy_start=s.h / 2))
        else:
            # leave sideways at the source row, then down at the target's x
            side = "right" if t.x > s.x else "left"
            self._claim(src.row, side, 0.0)
            edge_x = s.x + s.w / 2 if side == "right" else s.x - s.w / 2
            rows[src.row].prims.append(HLine(edge_x, t.x, 0.0))
            rows[src.row].prims.append(VLine(t.x, Anchor.CENTER, Anchor.BOTTOM))
            x = t.x
        for r in range(src.row + 1, dst.row):
            rows[r].prims.append(VLine(x, Anchor.TOP, Anchor.BOTTOM))
        rows[dst.row].prims.append(VLine(x, Anchor.TOP, Anchor.CENTER, dy_end=-t.h / 2))
        rows[dst.row].prims.append(Arrowhead(x, -t.h / 2, "down"))
        if e.label and abs(s.x - t.x) < 1e-6:  # below the symbol, beside the line
            self._label(src.row, e.label, s, (s.x + 0.5, s.h / 2 + 1.0), "bottom")
        elif e.label:  # by the horizontal leg, next to the symbol
            sign = 1 if t.x > s.x else -1
            self._label(src.row, e.label, s, (s.x + sign * (s.w / 2 + 1.0), 0.0), "right" if sign > 0 else "left")

    # -- tracked edges

    def _route_tracked(self, e: Edge) -> None:
        """Try both sides; take the route that crosses the fewest lines already
        drawn (then the shortest)."""
        L = self.L
        src, dst = L.nodes[e.src], L.nodes[e.dst]
        r1, r2 = sorted((src.row, dst.row))
        candidates = []
        for side in ("right", "left"):
            dy_src = self._free_offset(src.row, side)
            dy_dst = self._free_offset(dst.row, side)
            if dy_src is None or dy_dst is None:
                continue
            x = self._track_x(src, dst, side, r1, r2)
            if x is None:
                continue
            s_edge, t_edge = self._edges_x(src, dst, side, dy_src, dy_dst)
            cost = self._crossings(src.row, dst.row, x, s_edge, t_edge)
            candidates.append((cost, abs(x - s_edge) + abs(x - t_edge), side, x, dy_src, dy_dst))
        if not candidates:
            raise LayoutError(f"kegiatan {src.step.no}: cabang ke kegiatan {dst.step.no} tidak dapat digambar "
                              "tanpa menimpa garis lain; kurangi cabang yang berangkat dari satu baris")
        _, _, side, x, dy_src, dy_dst = min(candidates)
        self._claim(src.row, side, dy_src)
        self._claim(dst.row, side, dy_dst)
        self.tracks.append((x, r1, r2))
        self._draw_tracked(e, side, x, dy_src, dy_dst)

    def _label(self, row: int, text: str, symbol: Symbol, near: tuple[float, float], side: str) -> None:
        """Ask for a branch label by the point its branch leaves ``symbol``; labels are
        placed once every line is drawn (layout.labels), in the symbol's lane or else
        the lane the branch runs into."""
        lanes = self.L.lanes
        order = [symbol.lane]
        step = {"right": 1, "left": -1}.get(side)
        if step and 0 <= symbol.lane + step < len(lanes):
            order.append(symbol.lane + step)
        self.label_requests.append((row, text, near, [lanes[i] for i in order]))

    def _edges_x(self, src: Node, dst: Node, side: str, dy_src: float, dy_dst: float) -> tuple[float, float]:
        """Where a route leaves the source and enters the target on ``side``."""
        sign = 1 if side == "right" else -1
        s = max(src.symbols, key=lambda sym: sign * sym.x)
        t = max(dst.symbols, key=lambda sym: sign * sym.x)
        return s.x + sign * _half_width_at(s, dy_src), t.x + sign * _half_width_at(t, dy_dst)

    def _crossings(self, src_row: int, dst_row: int, x: float, s_edge: float, t_edge: float) -> int:
        """How many lines already drawn a route would cross (a symbol counts ten)."""
        rows = self.L.rows
        r1, r2 = sorted((src_row, dst_row))
        count = 0
        for r in range(r1 + 1, r2):  # the track through the rows in between
            for p in rows[r].prims:
                if isinstance(p, (HLine, Join)) and min(p.x1, p.x2) < x < max(p.x1, p.x2):
                    count += 1
        for r, a in ((src_row, s_edge), (dst_row, t_edge)):  # the two horizontal legs
            lo, hi = sorted((a, x))
            for p in rows[r].prims:
                if isinstance(p, VLine) and lo < p.x < hi:
                    count += 1
                elif isinstance(p, Symbol) and lo < p.x < hi:
                    count += 10
        return count

    def _free_offset(self, row: int, side: str) -> float | None:
        used = self.side_used.get((row, side), set())
        return next((dy for dy in SIDE_OFFSETS if dy not in used), None)

    def _claim(self, row: int, side: str, dy: float) -> None:
        self.side_used.setdefault((row, side), set()).add(dy)

    def _track_x(self, src: Node, dst: Node, side: str, r1: int, r2: int) -> float | None:
        """The nearest free track beside both nodes: at the outer edge of the outermost lane
        they use, moving outwards (and then into further lanes) until no other track in the
        same rows is in the way."""
        lanes = self.L.lanes
        lane_order = (range(max(src.lanes + dst.lanes), len(lanes)) if side == "right"
                      else range(min(src.lanes + dst.lanes), -1, -1))
        for li in lane_order:
            lane = lanes[li]
            gap = (lane.w - _symbol_w(lane)) / 2  # room between the lane's edge and a symbol
            for k in range(3):
                inset = gap * (0.4 + 0.22 * k)
                x = (lane.x + lane.w - inset) if side == "right" else (lane.x + inset)
                clash = any(abs(x - tx) < TRACK_GAP * 0.9 and not (b < r1 or a > r2) for tx, a, b in self.tracks)
                if not clash and self._clear_of_symbols(x, r1, r2, src, dst):
                    return x
        return None

    def _clear_of_symbols(self, x: float, r1: int, r2: int, src: Node, dst: Node) -> bool:
        for node in self.L.nodes:
            if r1 <= node.row <= r2:
                for s in node.symbols:
                    if abs(x - s.x) < s.w / 2 + 0.5:
                        return False
                if node not in (src, dst) and len(node.symbols) > 1:
                    a, b = node.symbols[0], node.symbols[-1]
                    if a.x - a.w / 2 - 1.5 <= x <= b.x + b.w / 2 + 1.5:
                        return False  # would cut through a join band
        return True

    def _draw_tracked(self, e: Edge, side: str, x: float, dy_src: float, dy_dst: float) -> None:
        L = self.L
        src, dst = L.nodes[e.src], L.nodes[e.dst]
        sign = 1 if side == "right" else -1
        rows = L.rows
        s_edge, t_edge = self._edges_x(src, dst, side, dy_src, dy_dst)
        rows[src.row].prims.append(HLine(s_edge, x, dy_src))
        rows[dst.row].prims.append(HLine(x, t_edge + sign * ARROW * 0.5, dy_dst))
        rows[dst.row].prims.append(Arrowhead(t_edge, dy_dst, "left" if side == "right" else "right"))
        down = dst.row > src.row
        if src.row != dst.row:
            rows[src.row].prims.append(VLine(x, Anchor.CENTER, Anchor.BOTTOM if down else Anchor.TOP,
                                             dy_start=dy_src))
            for r in range(min(src.row, dst.row) + 1, max(src.row, dst.row)):  # start -> end: the flow's way
                rows[r].prims.append(VLine(x, Anchor.TOP, Anchor.BOTTOM) if down else VLine(x, Anchor.BOTTOM, Anchor.TOP))
            rows[dst.row].prims.append(VLine(x, Anchor.TOP if down else Anchor.BOTTOM, Anchor.CENTER,
                                             dy_end=dy_dst))
        if e.label:
            s = max(src.symbols, key=lambda sym: sign * sym.x)
            self._label(src.row, e.label, s, (s_edge + sign * 1.0, dy_src), side)


def _half_width_at(s: Symbol, dy: float) -> float:
    """Half the width of a symbol at height ``dy`` from its centre (a diamond narrows)."""
    if s.kind == "keputusan":
        return max(0.0, s.w / 2 * (1 - 2 * abs(dy) / s.h))
    return s.w / 2


def _closest_pair(a: list[Symbol], b: list[Symbol]) -> tuple[Symbol, Symbol]:
    return min(((s, t) for s in a for t in b), key=lambda st: (abs(st[0].x - st[1].x), st[0].x))


class LayoutError(UserError):
    """A flow that cannot be drawn (message in Indonesian)."""


def base_height(row: Row) -> float:
    if row.kind == "bagian" and not row.prims:
        return 0.0
    return BAND_H if row.node else 4.0
