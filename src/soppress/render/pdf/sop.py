"""SOP sheets as PDF with weasyprint, paginated from the real layout.

Pass 1 lays the sheet out (a long SOP's flowchart without its drawing) and reads,
for every row (rows carry ids), the page it landed on and its height, and the pages
the identity sheet takes (in smaller type if that saves one: ``identity_size``). If
the flow spans pages, the layout module plans the pagination with the off-page
connectors' height counted (``plan_pages``); the rows that start a page get an
explicit page break and the whole document is laid out once more — the output.
Should a pass ever
paginate differently from its plan, ``pagination.settle`` plans again (from the
tallest heights any pass measured, never a plan twice) and lays the sheet out
again, a bounded number of times.

A rebuild starts from the SOP's last page plan instead (``guess``): the sheet is laid
out once with it, and the plan is kept when the rows landed on its pages and it is the
plan the rows' heights give (``plan_pages`` over the heights the rows would have
without their connectors, read from the same pass: they equal the measuring pass's).
Pagination being a function of those heights, the result is the one a cold build
makes; an edit that moves no page break costs one pass. The identity sheet's type is
kept from the last plan when the identity sheet is the same (``identity_key``).
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

import jinja2
import weasyprint

from soppress.layout import pagination
from soppress.layout.flowchart import FlowLayout, base_height
from soppress.layout.pagination import PagePlan
from soppress.render.fetcher import fetcher
from soppress.render.html.assets import AssetUrl
from soppress.render.pdf import fonts
from soppress.render.html.sop import identity_html, render
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
    natural: list[float] | None = None  # each row's height without its connectors (mm), as the measuring pass reads it


def _row_boxes(box):
    """(id, box) of every table row with an id on a page (weasyprint internals, read
    defensively: nothing when the page box is not there)."""
    for child in box.descendants() if box is not None else ():
        element = getattr(child, "element", None)
        if type(child).__name__ == "TableRowBox" and element is not None and element.get("id"):
            yield element.get("id"), child


def measure(document: weasyprint.Document, n_rows: int, layout: FlowLayout | None = None) -> Measure:
    """Where the rows landed and how tall they are; with ``layout``, also each row's
    natural height (``_natural``)."""
    pages, numbers, capacities = [], [], []
    heights: list[float | None] = [None] * n_rows
    natural: list[float | None] = [None] * n_rows
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
                if layout is not None:
                    natural[int(index)] = _natural(child, base_height(layout.rows[int(index)]))
                first_top = child.position_y if first_top is None else min(first_top, child.position_y)
        if first_top is not None:
            capacities.append((box.content_box_y() + box.height - first_top) * PX_TO_MM)
    found = sorted(r for p in pages for r in p)
    if found != list(range(n_rows)):
        raise PaginationError(f"rows found on pages: {found}")
    complete = all(h is not None for h in heights) and len(capacities) == len(pages)
    return Measure(pages, numbers, heights if complete else None, capacities, [header[k] for k in sorted(header)],
                   tops, identity, natural if complete and None not in natural else None)


def _natural(row, base_mm: float) -> float:
    """A flowchart row's height as it would be without off-page connectors (mm): the
    tallest of its cells before weasyprint stretched them to the row (tbody cells are
    top-aligned: the stretch went into their bottom padding), its lane cells at the
    drawing's base height. That is the height the measuring pass reads."""
    tallest = 0.0
    for cell in row.children:
        content = cell.content_height
        if "lane" in (cell.element.get("class") or "").split() if cell.element is not None else False:
            content = max(content, base_mm / PX_TO_MM)
        elif cell.computed_height != "auto":
            content = max(content, cell.computed_height)
        bottom = cell.style["padding_bottom"]
        bottom = bottom.value if getattr(bottom, "unit", None) == "px" else cell.padding_bottom
        tallest = max(tallest, cell.border_top_width + cell.padding_top + content + bottom + cell.border_bottom_width)
    return tallest * PX_TO_MM


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


def plan_sheet(view: SheetView, env: jinja2.Environment, assets: AssetUrl, base_url: str,
               guess: PagePlan | None = None) -> LaidOutSheet:
    """Lay the sheet out with its connectors until its pagination is settled, its
    identity sheet in the type ``identity_size`` chooses (decided before the final
    pass: the flowchart starts on a page of its own, so its plan does not depend on
    it). A long SOP's measuring pass measures the identity sheet with the flowchart's
    rows, so that the final pass is laid out once, in its final type.

    ``guess``: the SOP's last page plan (a rebuild). Its pages are tried first, in
    place of the measuring pass, and its identity type is kept when it was chosen for
    the same identity sheet; the result is the one laid out without it."""
    key, n = identity_key(view, env, assets), len(view.layout.rows)
    first = guess.pages if guess is not None and guess.places_each_row_once(n) else None
    known = guess.identity_pt if guess is not None and guess.identity_key == key \
        and IDENTITY_FLOOR <= guess.identity_pt <= view.identity_pt else None
    if first is not None:
        size = known if known is not None else identity_size(view, env, assets, base_url)
        return _keyed(_plan_sheet(dataclasses.replace(view, identity_pt=size), env, assets, base_url, first=first), key)
    # one pass measures the rows (a long SOP's without drawing) and the pages of the identity sheet
    sized, whole = dataclasses.replace(view, identity_pt=known or view.identity_pt), n <= WHOLE_FIRST_ROWS
    layout = pagination.paginate(view.layout, [])
    html = render(sized, layout, env, assets, measuring=not whole)
    document = lay_out_html(html, base_url)
    measured = measure(document, n, view.layout)
    size = known or identity_size(view, env, assets, base_url, len({p for p, _ in (measured.identity or {}).values()}))
    if whole and size == sized.identity_pt and len(measured.pages) == 1:
        return _keyed(_result(pagination.paginate(view.layout, measured.pages), html, document, measured, sized), key)
    return _keyed(_plan_sheet(dataclasses.replace(view, identity_pt=size), env, assets, base_url, measured=measured),
                  key)


def _keyed(laid: LaidOutSheet, key: str) -> LaidOutSheet:
    laid.plan = dataclasses.replace(laid.plan, identity_key=key)
    return laid


def identity_key(view: SheetView, env: jinja2.Environment, assets: AssetUrl) -> str:
    """What the identity type is chosen from: the identity sheet's HTML in full size."""
    html = identity_html(view, env, assets)
    return hashlib.sha256(f"{IDENTITY_FLOOR}\n{html}".encode("utf-8")).hexdigest()[:32]


def identity_size(view: SheetView, env: jinja2.Environment, assets: AssetUrl, base_url: str,
                  pages: int | None = None) -> float:
    """The identity sheet's type: its full size, or when it takes more than one page,
    the largest size, half a point at a time down to IDENTITY_FLOOR, that saves a page
    (its sections break between rows, so a few millimetres can pull a whole section
    back). Each size is tried on the identity sheet alone (a fraction of a pass);
    ``pages``: its pages at full size, when a pass has counted them."""
    def identity_pages(pt: float) -> int:
        trial = render(dataclasses.replace(view, rows=(), identity_pt=pt), view.layout, env, assets, measuring=True)
        return len({page for page, _ in measure(lay_out_html(trial, base_url), 0).identity.values()})

    pages = identity_pages(view.identity_pt) if pages is None else pages
    size = view.identity_pt
    while pages > 1 and size - 0.5 >= IDENTITY_FLOOR:
        size -= 0.5
        if identity_pages(size) < pages:
            return size
    return view.identity_pt


def _plan_sheet(view: SheetView, env: jinja2.Environment, assets: AssetUrl, base_url: str, *,
                first: list[list[int]] | None = None, measured: Measure | None = None) -> LaidOutSheet:
    """The settled pagination, from ``first`` (a plan to try) or ``measured`` (a pass's
    measure: the rows' heights without connectors)."""
    n = len(view.layout.rows)

    def lay_out(layout: FlowLayout) -> tuple[str, weasyprint.Document, Measure]:
        html = render(view, layout, env, assets)
        document = lay_out_html(html, base_url)
        return html, document, measure(document, n, view.layout)

    if first is not None:  # the last plan: kept if the rows follow it and their heights still give it
        layout = pagination.paginate(view.layout, first)
        html, document, measured = lay_out(layout)
        if measured.pages == first and measured.natural \
                and pagination.plan_pages(view.layout, measured.natural, measured.capacities) == first:
            return _result(layout, html, document, measured, view)
        measured = dataclasses.replace(measured, heights=measured.natural)  # what the measuring pass reads
    last = {}

    def attempt(pages: list[list[int]]) -> Measure:
        layout = pagination.paginate(view.layout, pages)
        html, document, m = lay_out(layout)
        last.update(layout=layout, html=html, document=document)
        return m

    try:
        m = pagination.settle(view.layout, measured, attempt, MAX_PASSES)  # the last pass is the settled one
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
