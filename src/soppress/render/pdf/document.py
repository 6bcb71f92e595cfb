"""A view ``Document`` as PDF: weasyprint's layout of its HTML. Form fields become
AcroForm fields when the document is drawn for filling on screen (mode "isian").

A long document (the SOP book) can be laid out in parts, each its own weasyprint
document (``layout`` with ``first_page``, its daftar isi numbers and the anchors other
parts hold), and the parts' PDFs joined into one (``join``)."""
from __future__ import annotations

import io
from pathlib import Path

import weasyprint

from soppress.render.fetcher import fetcher
from soppress.render.html.assets import file_assets
from soppress.render.html.document import to_html
from soppress.render.pdf import fonts
from soppress.views.blocks import Document

# Label/value tables (menimbang, mengingat, diktum) with the fixed table layout: their
# columns' widths are set (the label column's in its first cell, the colon's in CSS), so
# the automatic layout gives the same widths, but first computes every cell's min-content
# width by line-breaking its text at every opportunity (quadratic in a long hyphenated
# paragraph): the Keputusan body took about 16 s to lay out, 0.6 s with this rule, with
# byte-identical PDFs of the corpus's Keputusan and book. The rule belongs in BLOCKS_CSS
# (render/html/blocks.py), where letters and forms would gain too.
FIXED_TABLES = "table.isian-baris { table-layout: fixed; }"


def layout(doc: Document, project_root: Path, env=None, *, first_page: int = 1,
           toc_pages: dict[str, int] | None = None) -> weasyprint.Document:
    """``first_page``: the number the first page prints (a part that does not start the
    book); ``toc_pages``: daftar isi numbers of anchors laid out in other parts (their
    links are kept, to a destination the joined PDF resolves)."""
    html = to_html(doc, file_assets(project_root), env)
    css = [FIXED_TABLES] + ([f"@page :first {{ counter-reset: page {first_page} }}"] if first_page != 1 else [])
    css += [f'table.daftar-isi td.hal a[href="#{anchor}"]::after {{ content: "{page}" !important; }}'
            for anchor, page in sorted((toc_pages or {}).items())]
    document = weasyprint.HTML(string=html, base_url=str(project_root), url_fetcher=fetcher(project_root))
    laid = document.render(pdf_forms=doc.mode == "isian", font_config=fonts.shared(),
                           stylesheets=[weasyprint.CSS(string="\n".join(css))])
    for anchor in sorted(toc_pages or ()):  # a placeholder, so that weasyprint keeps the link
        laid.pages[-1].anchors.setdefault(anchor, (0, 0, 0, 0))
    return laid


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


def join(parts: list[bytes]) -> bytes:
    """One PDF of the parts in order, with the first part's metadata, language and
    outline, and every part's named destinations. The first part is merged last (at
    the front), so that its links to the other parts' anchors find their destinations
    already there, and its placeholders for those anchors are not taken."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    first, *rest = [PdfReader(io.BytesIO(part)) for part in parts]
    writer = PdfWriter()
    writer.pdf_header = first.pdf_header
    for reader in rest:
        writer.append(reader, import_outline=True)
    writer.merge(0, first, import_outline=True)
    writer.add_metadata(dict(first.metadata or {}))
    if "/Lang" in first.trailer["/Root"]:
        writer._root_object[NameObject("/Lang")] = first.trailer["/Root"]["/Lang"].clone(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(pdf)).pages)
