"""SOP sheets as PDF with weasyprint, paginated from the real layout.

Pass 1 lays the flowchart out and reads, for every row (rows carry ids), the page
it landed on and its height. If the flow spans pages, the layout module plans the
pagination with the off-page connectors' height counted (``plan_pages``); the
rows that start a page get an explicit page break and the whole document is laid
out once more — the output. The flowchart starts on a page of its own, so a long
SOP is measured without its identity sheet, which is cheaper. Should a pass ever
paginate differently from its plan, ``pagination.settle`` plans again (from the
tallest heights any pass measured, never a plan twice) and lays the sheet out
again, a bounded number of times.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import jinja2
import weasyprint

from soppress.layout import pagination
from soppress.layout.flowchart import FlowLayout
from soppress.layout.pagination import PagePlan
from soppress.render.fetcher import fetcher
from soppress.render.html.assets import AssetUrl
from soppress.render.pdf import fonts
from soppress.render.html.sop import render
from soppress.views.sop import SheetView

MAX_PASSES = 6
WHOLE_FIRST_ROWS = 8  # SOPs with more rows than this are measured flowchart-only first
PX_TO_MM = 25.4 / 96


class PaginationError(Exception):
    pass


@dataclass
class Measure:
    pages: list[list[int]]       # row indexes on each page that holds flowchart rows
    numbers: list[int]           # those pages' numbers in the document (1-based)
    heights: list[float] | None  # each row's height in mm (None: not readable)
    capacities: list[float]      # room for rows on each of those pages, in mm
    header_heights: list[float]  # the flowchart table's heading rows, in mm
    tops: list[float | None] = None  # each row's top on its page, in mm from the page's top edge
    identity: dict[str, tuple[int, float]] | None = None  # identity-sheet rows: id -> (page, height mm)


def _row_boxes(box):
    """(id, box) of every table row with an id on a page (weasyprint internals, read
    defensively: nothing when the page box is not there)."""
    for child in box.descendants() if box is not None else ():
        element = getattr(child, "element", None)
        if type(child).__name__ == "TableRowBox" and element is not None and element.get("id"):
            yield element.get("id"), child


def measure(document: weasyprint.Document, n_rows: int) -> Measure:
    pages, numbers, capacities = [], [], []
    heights: list[float | None] = [None] * n_rows
    tops: list[float | None] = [None] * n_rows
    header: dict[int, float] = {}
    identity: dict[str, tuple[int, float]] = {}
    for number, page in enumerate(document.pages, start=1):
        rows = sorted(int(a[1:]) for a in page.anchors if a.startswith("r") and a[1:].isdigit())
        if rows:
            pages.append(rows)
            numbers.append(number)
        box = getattr(page, "_page_box", None)
        first_top = None
        for ident, child in _row_boxes(box):
            kind, index = ident[:1], ident[1:]
            if not index.isdigit():
                continue
            height = child.margin_height() * PX_TO_MM
            if kind in ("k", "s"):
                identity.setdefault(ident, (number, height))
            elif kind == "h":
                header.setdefault(int(index), height)
            elif kind == "r":
                heights[int(index)], tops[int(index)] = height, child.position_y * PX_TO_MM
                first_top = child.position_y if first_top is None else min(first_top, child.position_y)
        if first_top is not None:
            capacities.append((box.content_box_y() + box.height - first_top) * PX_TO_MM)
    found = sorted(r for p in pages for r in p)
    if found != list(range(n_rows)):
        raise PaginationError(f"rows found on pages: {found}")
    complete = all(h is not None for h in heights) and len(capacities) == len(pages)
    return Measure(pages, numbers, heights if complete else None, capacities, [header[k] for k in sorted(header)],
                   tops, identity)


@dataclass
class LaidOutSheet:
    """The result of planning one sheet: its page plan, the layout with the plan's
    page breaks and connectors, the final weasyprint document (the PDF), and the view
    as laid out (its identity type may have been made smaller to fit one page)."""
    plan: PagePlan
    layout: FlowLayout
    html: str
    document: weasyprint.Document
    view: SheetView | None = None


IDENTITY_FLOOR = 8.0  # the smallest identity type (pt) tried to save an identity page


def plan_sheet(view: SheetView, env: jinja2.Environment, assets: AssetUrl, base_url: str) -> LaidOutSheet:
    """Lay the sheet out with its connectors until its pagination is settled; an
    identity sheet that takes more than one page is set in smaller type, half a
    point at a time down to IDENTITY_FLOOR, when that saves a page (its sections
    break between rows, so a few millimetres can pull a whole section back: hst's
    three identity pages become two). The flowchart starts on a page of its own, so
    its plan does not change. Each smaller type is tried on the identity sheet alone
    (without the flowchart's rows, a fraction of a pass); the whole sheet is laid out
    again only in the largest type that saves a page."""
    laid = _plan_sheet(view, env, assets, base_url)
    pages, size = _identity_pages(laid.plan), view.identity_pt
    while pages > 1 and size - 0.5 >= IDENTITY_FLOOR:
        size -= 0.5
        smaller = dataclasses.replace(view, identity_pt=size)
        trial = lay_out_html(render(dataclasses.replace(smaller, rows=()), laid.layout, env, assets, measuring=True),
                             base_url)
        if len({page for page, _ in measure(trial, 0).identity.values()}) >= pages:
            continue
        html = render(smaller, laid.layout, env, assets)
        document = lay_out_html(html, base_url)
        m = measure(document, len(view.layout.rows))
        if m.pages != laid.layout.pages:
            break
        result = _result(laid.layout, html, document, m, smaller)
        if _identity_pages(result.plan) < pages:
            return result
    return laid


def _identity_pages(plan: PagePlan) -> int:
    return len({page for page, _ in plan.identity.values()})


def _plan_sheet(view: SheetView, env: jinja2.Environment, assets: AssetUrl, base_url: str) -> LaidOutSheet:
    n = len(view.layout.rows)

    def lay_out(layout: FlowLayout, **flags) -> tuple[str, weasyprint.Document, Measure]:
        html = render(view, layout, env, assets, **flags)
        document = lay_out_html(html, base_url)
        return html, document, measure(document, n)

    whole = n <= WHOLE_FIRST_ROWS
    layout = pagination.paginate(view.layout, [])
    html, document, m = lay_out(layout, flowchart_only=not whole, measuring=not whole)
    if len(m.pages) == 1 and whole:
        return _result(pagination.paginate(view.layout, m.pages), html, document, m, view)
    last = {}

    def attempt(pages: list[list[int]]) -> Measure:
        layout = pagination.paginate(view.layout, pages)
        html, document, m = lay_out(layout)
        last.update(layout=layout, html=html, document=document)
        return m

    try:
        m = pagination.settle(view.layout, m, attempt, MAX_PASSES)  # the last pass is the settled one
    except pagination.Unsettled as exc:
        raise PaginationError(str(exc)) from None
    return _result(last["layout"], last["html"], last["document"], m, view)


def _result(layout: FlowLayout, html: str, document: weasyprint.Document, m: Measure,
            view: SheetView) -> LaidOutSheet:
    plan = PagePlan(m.pages, m.numbers, m.heights, m.header_heights, m.tops, m.identity or {}, view.identity_pt)
    return LaidOutSheet(plan, layout, html, document, view)


def lay_out_html(html: str, base_url: str) -> weasyprint.Document:
    """weasyprint's layout, loading only the project's and the package's files."""
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher(Path(base_url))).render(
        font_config=fonts.shared())
