"""A view ``Document`` as PDF: weasyprint's layout of its HTML. Form fields become
AcroForm fields when the document is drawn for filling on screen (mode "isian")."""
from __future__ import annotations

from pathlib import Path

import weasyprint

from soppress.render.fetcher import fetcher
from soppress.render.html.assets import file_assets
from soppress.render.html.document import to_html
from soppress.render.pdf import fonts
from soppress.views.blocks import Document


def layout(doc: Document, project_root: Path, env=None) -> weasyprint.Document:
    html = to_html(doc, file_assets(project_root), env)
    document = weasyprint.HTML(string=html, base_url=str(project_root), url_fetcher=fetcher(project_root))
    return document.render(pdf_forms=doc.mode == "isian", font_config=fonts.shared())


def to_pdf(doc: Document, project_root: Path, env=None) -> bytes:
    return layout(doc, project_root, env).write_pdf(pdf_forms=doc.mode == "isian")


def part_pages(document: weasyprint.Document, anchors: list[str]) -> dict[str, int]:
    """The page each anchor (a section's name) starts on, 1-based."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in anchors:
            if anchor and anchor in page.anchors:
                pages.setdefault(anchor, number)
    return pages
