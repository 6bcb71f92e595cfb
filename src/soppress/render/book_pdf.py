"""The complete SOP book of a unit, one PDF: cover, the Keputusan, daftar isi,
penjelasan singkat, peta keterkaitan, then each SOP as its LAMPIRAN (landscape).

Each SOP keeps the pagination settled for its own sheet: the book uses the same
page size, margins and font for the lampiran, every SOP starts on a new page and
its flowchart rows carry their explicit page breaks. Page numbers run through the
book; the daftar isi takes them from the laid-out pages (CSS target-counter)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import weasyprint
from markupsafe import Markup

from soppress.sources.project import KeputusanFile, Project
from soppress.render.fetcher import fetcher
from soppress.render.html import SheetContext, fonts_css, render_body
from soppress.render.keputusan_html import keputusan_context
from soppress.render.pdf import RenderedSheet


@dataclass
class TocEntry:
    id: str
    title: str


def render_book(project: Project, kep: KeputusanFile, sheets: dict[str, tuple[SheetContext, RenderedSheet]],
                env: jinja2.Environment, peta: Path) -> tuple[str, weasyprint.Document, list[TocEntry]]:
    k = keputusan_context(project, kep)
    bodies, toc = [], [TocEntry("bab-keputusan", f"Keputusan Nomor {k.doc.nomor}"),
                       TocEntry("penjelasan", "Penjelasan Singkat Penggunaan"),
                       TocEntry("peta", "Peta Keterkaitan SOP")]
    landscape = None
    for item, info in zip(k.doc.lampiran, k.lampiran):
        ctx, _ = sheets[item.sop]
        prefix = f"lampiran-{info.roman.lower()}"
        bodies.append(render_body(ctx, env, prefix))
        toc.append(TocEntry(prefix, f"Lampiran {info.roman}: {info.nama}"))
        landscape = ctx.page
    year = k.doc.buku.tahun or (k.doc.tanggal.tahun if k.doc.tanggal else "")
    html = env.get_template("buku.html.j2").render(
        k=k, buku=k.doc.buku, tahun=year, toc=toc, lampiran=bodies, peta_uri=peta.as_uri(),
        portrait=k.page, landscape=landscape or k.page, font=Markup(f'"{k.font}", Arial, sans-serif'),
        fonts_css=Markup(fonts_css(k.font)))
    document = weasyprint.HTML(string=html, base_url=str(project.root), url_fetcher=fetcher(project.root, peta.parent)).render()
    return html, document, toc


def part_pages(document: weasyprint.Document, toc: list[TocEntry]) -> dict[str, int]:
    """The page each daftar isi entry starts on, keyed as the DOCX bookmarks are."""
    pages = {}
    for number, page in enumerate(document.pages, start=1):
        for entry in toc:
            if entry.id in page.anchors:
                pages.setdefault(entry.id.replace("-", "_"), number)
    return pages
