"""A view ``Document`` as PDF: weasyprint's layout of its HTML. Form fields become
AcroForm fields when the document is drawn for filling on screen (mode "isian")."""
from __future__ import annotations

from pathlib import Path

import weasyprint

from soppress.render.html.assets import file_assets
from soppress.render.html.document import to_html
from soppress.views.blocks import Document


def layout(doc: Document, project_root: Path) -> weasyprint.Document:
    html = to_html(doc, file_assets(project_root))
    return weasyprint.HTML(string=html, base_url=str(project_root)).render(pdf_forms=doc.mode == "isian")


def to_pdf(doc: Document, project_root: Path) -> bytes:
    return layout(doc, project_root).write_pdf(pdf_forms=doc.mode == "isian")
