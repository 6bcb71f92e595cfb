"""SOP sheets as PDF with weasyprint, paginated from the real layout.

Pass 1 lays the document out and reads which page every flowchart row landed on
(rows carry ids; weasyprint's public ``Page.anchors`` maps ids to pages). If the
flow crosses a page break, the layout module adds off-page connector pairs there,
the rows that start a page get an explicit page break, and the document is laid
out again; connectors make rows taller, so this repeats until the pagination the
connectors were drawn for is the pagination weasyprint produces (2–3 passes).
"""
from __future__ import annotations

import jinja2
import weasyprint

from . import flowlayout
from .render_html import SheetContext, render

MAX_PASSES = 6


class PaginationError(Exception):
    pass


def measure(document: weasyprint.Document, n_rows: int) -> list[list[int]]:
    """Row indexes on each page that holds flowchart rows."""
    pages = []
    for page in document.pages:
        rows = sorted(int(a[1:]) for a in page.anchors if a.startswith("r") and a[1:].isdigit())
        if rows:
            pages.append(rows)
    found = sorted(r for p in pages for r in p)
    if found != list(range(n_rows)):
        raise PaginationError(f"rows found on pages: {found}")
    return pages


def render_pdf(ctx: SheetContext, env: jinja2.Environment) -> tuple[str, weasyprint.Document]:
    """The final HTML and the laid-out document; ``ctx.layout.pages`` is set."""
    layout = ctx.layout
    flowlayout.paginate(layout, [])
    html = render(ctx, env)
    document = weasyprint.HTML(string=html, base_url=str(ctx.project.root)).render()
    pages = measure(document, len(layout.rows))
    for _ in range(MAX_PASSES):
        if pages == layout.pages or (len(pages) == 1 and not layout.pages):
            layout.pages = pages
            return html, document
        flowlayout.paginate(layout, pages)
        html = render(ctx, env)
        if not layout.connectors:  # nothing changes the heights: this layout stands
            return html, document
        document = weasyprint.HTML(string=html, base_url=str(ctx.project.root)).render()
        pages = measure(document, len(layout.rows))
    raise PaginationError("pagination did not settle")
