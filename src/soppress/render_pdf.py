"""SOP sheets as PDF with weasyprint, paginated from the real layout.

Pass 1 lays the document out and reads which page every flowchart row landed on
(rows carry ids; weasyprint's public ``Page.anchors`` maps ids to pages). If the
flow crosses a page break, the layout module adds off-page connector pairs there,
the rows that start a page get an explicit page break, and the document is laid
out again; connectors make rows taller, so this repeats until the pagination the
connectors were drawn for is the pagination weasyprint produces (2–3 passes).
"""
from __future__ import annotations

from dataclasses import dataclass

import jinja2
import weasyprint

from . import flowlayout
from .render_html import SheetContext, render

MAX_PASSES = 6


class PaginationError(Exception):
    pass


def measure(document: weasyprint.Document, n_rows: int) -> tuple[list[list[int]], list[int]]:
    """Row indexes on each page that holds flowchart rows, and those pages' numbers (1-based)."""
    pages, numbers = [], []
    for number, page in enumerate(document.pages, start=1):
        rows = sorted(int(a[1:]) for a in page.anchors if a.startswith("r") and a[1:].isdigit())
        if rows:
            pages.append(rows)
            numbers.append(number)
    found = sorted(r for p in pages for r in p)
    if found != list(range(n_rows)):
        raise PaginationError(f"rows found on pages: {found}")
    return pages, numbers


@dataclass
class RenderedSheet:
    html: str
    document: weasyprint.Document
    page_numbers: list[int]  # the PDF page of each flowchart page (layout.pages)


def render_pdf(ctx: SheetContext, env: jinja2.Environment) -> RenderedSheet:
    """Lay the sheet out until the connectors match the pagination; ``ctx.layout.pages`` is set."""
    layout = ctx.layout
    flowlayout.paginate(layout, [])
    html = render(ctx, env)
    document = _layout(html, ctx)
    pages, numbers = measure(document, len(layout.rows))
    for _ in range(MAX_PASSES):
        if pages == layout.pages or (len(pages) == 1 and not layout.pages):
            layout.pages = pages
            return RenderedSheet(html, document, numbers)
        flowlayout.paginate(layout, pages)
        html = render(ctx, env)
        if not layout.connectors:  # nothing changes the heights: this layout stands
            return RenderedSheet(html, document, numbers)
        document = _layout(html, ctx)
        pages, numbers = measure(document, len(layout.rows))
    raise PaginationError("pagination did not settle")


def _layout(html: str, ctx: SheetContext) -> weasyprint.Document:
    return weasyprint.HTML(string=html, base_url=str(ctx.project.root)).render()
