"""The steps every soppress DOCX goes through: start from the template, set up pages,
finish (fix-ups) and save.

docxtpl renders the template (the package's templates/sop.docx, or the project's own
templates/sop.docx): its styles, its footer and the ``{{ isi }}`` paragraph, which is
removed; content is added after it with python-docx, and ``finish_document`` applies
the fix-ups every file gets before it is saved."""
from __future__ import annotations

import io
from pathlib import Path

import jinja2
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from docxtpl import DocxTemplate

from soppress.errors import TemplateError
from soppress.render.docx import ooxml as dx
from soppress.resources import TEMPLATE_DIR

TEMPLATE = TEMPLATE_DIR / "sop.docx"
MARKER = "\u2063SOPPRESS-ISI\u2063"


def template_for(project_root: Path) -> Path:
    own = project_root / "templates" / "sop.docx"
    return own if own.is_file() else TEMPLATE


def start_document(project_root: Path, context: dict):
    """The rendered template, its ``{{ isi }}`` paragraph removed: content goes after."""
    template = template_for(project_root)
    tpl = DocxTemplate(str(template))
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    try:
        tpl.render({"nama": "", **context, "isi": MARKER}, env, autoescape=True)
    except jinja2.TemplateError as exc:  # a project's own templates/sop.docx: name it
        raise TemplateError(f"{template.relative_to(project_root) if template.is_relative_to(project_root) else template}"
                            f": galat: templat DOCX tidak dapat dipakai ({type(exc).__name__}: "
                            f"{getattr(exc, 'message', '')}); perbaiki di Word, atau hapus agar templat bawaan "
                            "dipakai [templat]") from None
    buffer = io.BytesIO()
    tpl.save(buffer)
    doc = Document(io.BytesIO(buffer.getvalue()))
    marker = next((p for p in doc.paragraphs if MARKER in p.text), None)
    if marker is None:
        raise TemplateError("templat DOCX tidak memuat paragraf {{ isi }}; tambahkan sebagai paragraf terakhir")
    marker._p.getparent().remove(marker._p)
    return doc


def finish_document(doc) -> bytes:
    dx.pad_text(doc)
    dx.schema_order(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()




# ---------------------------------------------------------------- page

def page_setup(section, page, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    m = page.margin
    section.top_margin, section.bottom_margin = Mm(m.atas), Mm(m.bawah)
    section.left_margin, section.right_margin = Mm(m.kiri), Mm(m.kanan)
    section.footer_distance = Mm(min(4.0, m.bawah / 3))  # low in the margin: LibreOffice takes room above it


def raster_logo(project_root: Path, logo: str | None) -> Path | None:
    """Word takes raster logos: an SVG logo (a project-relative path) is replaced by
    the PNG of the same name."""
    if not logo:
        return None
    path = project_root / logo
    if path.suffix.lower() == ".svg":
        path = path.with_suffix(".png")
    return path if path.is_file() else None
