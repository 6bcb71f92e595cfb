"""Pagination of the flowchart: where pages break, and the off-page connectors.

``plan_pages`` fills pages from measured row heights, counting the room a
connector adds at a break; ``paginate`` then cuts every vertical run that crosses
a break into a pair of pentagon connectors with the same label (A, B, …), for
upward runs too. Renderer-independent, like the layout it works on."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol, Sequence

from soppress.layout.flowchart import (CONNECTOR_ROOM, CONNECTOR_W, Anchor, Connector, FlowLayout, Lane, VLine,
                                       base_height)


@dataclass(frozen=True)
class PagePlan:
    """Where an SOP sheet's pages break, as measured (mm): the value the PDF pass
    produces and the DOCX (and the book) consume. Plain data: it can be cached."""
    pages: list[list[int]]                 # flowchart row indexes on each flowchart page
    page_numbers: list[int]                # those pages' numbers in the sheet's PDF (1-based)
    row_heights: list[float] | None = None        # each row's height as laid out
    header_heights: list[float] = field(default_factory=list)  # the table's heading rows
    row_tops: list[float | None] | None = None    # each row's top, from its page's top edge
    identity: dict[str, tuple[int, float]] = field(default_factory=dict)  # identity rows: id -> (page, height)
    identity_pt: float = 9.0               # the identity sheet's type as laid out (smaller when that fits one page)
    identity_key: str = ""                 # the identity sheet that type was chosen for (render.pdf.sop.identity_key)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "PagePlan":
        data = dict(data)
        data["identity"] = {k: tuple(v) for k, v in data.get("identity", {}).items()}
        return cls(**data)

    @classmethod
    def read(cls, data) -> "PagePlan | None":
        """A recorded plan (a build's cache, the preview's last plan), or None when there
        is none or it does not read as one: a cache is never trusted."""
        try:
            plan = cls.from_dict(data)
        except (TypeError, ValueError, AttributeError):
            return None
        ok = isinstance(plan.identity_pt, (int, float)) and isinstance(plan.identity_key, str) \
            and isinstance(plan.pages, list) and all(isinstance(page, list) and all(type(r) is int for r in page)
                                                     for page in plan.pages)
        return plan if ok else None

    def places_each_row_once(self, rows: int) -> bool:
        """Does the plan put each of ``rows`` flowchart rows on one page, and no page empty?"""
        return sorted(r for page in self.pages for r in page) == list(range(rows)) and all(self.pages)


def paginate(layout: FlowLayout, pages: Iterable[Iterable[int]]) -> FlowLayout:
    """A copy of ``layout`` with a pagination applied (the row indexes of each page):
    every vertical run crossing a page break becomes a pair of off-page connectors."""
    rows = [dataclasses.replace(row, prims=[p for p in row.prims if not isinstance(p, Connector)])
            for row in layout.rows]
    layout = dataclasses.replace(layout, rows=rows, pages=[list(p) for p in pages])
    letters = _labels()
    for page, next_page in zip(layout.pages, layout.pages[1:]):
        if not page or not next_page:
            continue
        last, first = layout.rows[page[-1]], layout.rows[next_page[0]]
        runs = {}  # x -> does the flow go down across the break (VLines run start -> end)
        for p in last.prims:
            if isinstance(p, VLine) and Anchor.BOTTOM in (p.start, p.end):
                runs.setdefault(round(p.x, 3), p.end is Anchor.BOTTOM)
        for x, down in sorted(runs.items()):
            label = next(letters)
            lane = _lane_at(layout, x)
            cx = min(max(x, lane.x + CONNECTOR_W / 2 + 0.3), lane.x + lane.w - CONNECTOR_W / 2 - 0.3)
            last.prims.append(Connector(label, cx, Anchor.BOTTOM, x, enters=down))
            first.prims.append(Connector(label, cx, Anchor.TOP, x, enters=not down))
    return layout


def _lane_at(layout: FlowLayout, x: float) -> Lane:
    return next((l for l in layout.lanes if l.x <= x < l.x + l.w), layout.lanes[-1])


def _labels():
    n = 0
    while True:
        n += 1
        label, k = "", n
        while k:
            k, r = divmod(k - 1, 26)
            label = chr(65 + r) + label
        yield label


def crosses_below(layout: FlowLayout, row: int) -> bool:
    """Does the flow run from this row into the next one (so a break here needs connectors)?"""
    return any(isinstance(p, VLine) and Anchor.BOTTOM in (p.start, p.end) for p in layout.rows[row].prims)


def plan_pages(layout: FlowLayout, heights: Sequence[float], capacities: Sequence[float]) -> list[list[int]]:
    """Pagination from measured row heights (mm, laid out without connectors) and
    the room for rows on each page (mm; the last value serves later pages too).

    A row that ends a page where the flow continues gets an off-page connector at
    its bottom, and the row that starts the next page one at its top; both make a
    row taller only up to its drawing's needs (max(measured, base + connector)),
    so the plan is exact and the renderer needs one more pass, not a search."""
    extra = CONNECTOR_ROOM
    n = len(layout.rows)

    def height(r: int, top: bool, bottom: bool) -> float:
        return max(heights[r], base_height(layout.rows[r]) + extra * (top + bottom)) if (top or bottom) \
            else heights[r]

    def page_height(rows: list[int]) -> float:
        first, last = rows[0], rows[-1]
        top = first > 0 and crosses_below(layout, first - 1)
        bottom = last < n - 1 and crosses_below(layout, last)
        if first == last:
            return height(first, top, bottom)
        return height(first, top, False) + sum(heights[r] for r in rows[1:-1]) + height(last, False, bottom)

    pages: list[list[int]] = []
    r = 0
    while r < n:
        room = capacities[min(len(pages), len(capacities) - 1)]
        page = [r]
        while page[-1] + 1 < n and page_height(page + [page[-1] + 1]) <= room + 1e-6:
            page.append(page[-1] + 1)
        pages.append(page)
        r = page[-1] + 1
    return pages


class Measured(Protocol):
    """What a layout pass reports: the pages the rows landed on, and (when readable)
    each row's height and each page's room for rows, in mm."""
    pages: list[list[int]]
    heights: list[float] | None
    capacities: list[float]


class Unsettled(Exception):
    """No plan the renderer followed within the passes allowed."""


def settle(layout: FlowLayout, first: Measured, attempt: Callable[[list[list[int]]], Measured],
           passes: int, slack_step: float = 2.0):
    """Plan, lay out, and re-plan until a pass lands every row on its planned page.

    A pass that does not follow its plan (a row overflowed) teaches the planner its
    heights; re-planning from those alone can swing between two plans for ever (a row
    taller with a connector moves a break, which moves the connector back). So the
    planner keeps, for every row, the tallest height any pass measured (plans only
    grow more careful), never lays out a plan it already tried (it takes the pages the
    renderer chose instead), and when both were tried leaves more room on each page.
    Returns the pass that followed its plan."""
    tried: list[list[list[int]]] = []
    worst = first.heights
    capacities = list(first.capacities)
    slack = 0.0

    def plan() -> list[list[int]]:
        rooms = [c - slack for c in capacities]
        return plan_pages(layout, worst, rooms) if worst else measured.pages

    measured = first
    planned = plan()
    for _ in range(passes):
        tried.append(planned)
        measured = attempt(planned)
        if measured.pages == planned:
            return measured
        if measured.heights:
            worst = measured.heights if not worst else [max(a, b) for a, b in zip(worst, measured.heights)]
        if measured.capacities:
            capacities = _least(capacities, measured.capacities) if capacities else list(measured.capacities)
        options = [plan(), measured.pages]
        planned = next((p for p in options if p not in tried), None)
        while planned is None and slack < 60:
            slack += slack_step
            planned = next((p for p in (plan(),) if p not in tried), None)
        if planned is None:
            break
    raise Unsettled(f"pagination did not settle after {len(tried)} passes: {tried}")


def _least(a: Sequence[float], b: Sequence[float]) -> list[float]:
    """Page by page, the smaller room (each list's last value serves later pages)."""
    return [min(a[min(i, len(a) - 1)], b[min(i, len(b) - 1)]) for i in range(max(len(a), len(b)))]
