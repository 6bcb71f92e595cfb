"""The steps every soppress DOCX goes through: start from the template, set up pages,
finish (fix-ups) and save.

docxtpl renders the template (the package's templates/sop.docx, or the project's own
templates/sop.docx): its styles, its footer and the ``{{ isi }}`` paragraph, which is
removed; content is added after it with python-docx, and ``finish_document`` applies
the fix-ups every file gets before it is saved."""
from __future__ import annotations

import io
import re
from pathlib import Path

import jinja2
import jinja2.sandbox
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from docxtpl import DocxTemplate

from soppress.errors import TemplateError
from soppress.render.docx import ooxml as dx
from soppress.render.docx import package
from soppress.resources import TEMPLATE_DIR, build_time
from soppress.views.blocks import PageSpec

TEMPLATE = TEMPLATE_DIR / "sop.docx"
MARKER = "\u2063SOPPRESS-ISI\u2063"


def template_for(project_root: Path) -> Path:
    own = project_root / "templates" / "sop.docx"
    return own if own.is_file() else TEMPLATE


def start_document(project_root: Path, context: dict):
    """The rendered template, its ``{{ isi }}`` paragraph removed: content goes after."""
    template = template_for(project_root)
    tpl = DocxTemplate(str(template))
    env = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
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


# Named paragraph styles every soppress DOCX carries (based on Normal: same look as the
# direct formatting that places text exactly; they give Word users names to work with).
STYLES = {"Isi": "isi naskah", "Teks Tabel": "teks di dalam tabel", "Daftar 1": "butir daftar",
          "Daftar 2": "butir daftar tingkat kedua", "Teks SOP": "teks lembar SOP (tanpa pemenggalan kata)"}
LANGUAGE = "id-ID"


def finish_document(doc, title: str = "", subject: str = "", author: str = "", keywords: str = "") -> bytes:
    """Fix-ups every soppress DOCX gets, then the bytes: named styles for unstyled
    paragraphs, Indonesian as the proofing language, automatic hyphenation (not in
    SOP sheets, which must wrap as their PDF), document properties of this build."""
    _styles(doc)
    dx.pad_text(doc)
    dx.schema_order(doc)
    properties(doc, title, subject, author, keywords)
    return package.finish_parts(package.parts_of(doc))  # embedded fonts, reproducible zip


def _named_styles(doc) -> set[str]:
    """Add the STYLES the document lacks (based on Normal); the names it has (looked
    up once per document: python-docx finds a style's name by a scan of them all)."""
    from docx.enum.style import WD_STYLE_TYPE
    known = doc.part.__dict__.get("_soppress_styles")
    if known is not None:
        return known
    names = {s.name for s in doc.styles}
    for name in STYLES:
        if name not in names:
            style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = doc.styles["Normal"]
            style.quick_style = True
            if name == "Teks SOP":
                style.element.get_or_add_pPr().append(dx.el("w:suppressAutoHyphens"))
    known = doc.part.__dict__["_soppress_styles"] = names | set(STYLES)
    return known


def _styles(doc) -> None:
    names = _named_styles(doc)
    for name in ("Heading 1", "Heading 2"):  # the document's own font and black, not the template theme's
        if name in names:
            rpr_h = doc.styles[name].element.find(dx.qn("w:rPr"))
            for tag in ("w:rFonts", "w:color"):
                found = rpr_h.find(dx.qn(tag)) if rpr_h is not None else None
                if found is not None:
                    rpr_h.remove(found)
    rpr = doc.styles.element.find(f"{dx.qn('w:docDefaults')}/{dx.qn('w:rPrDefault')}/{dx.qn('w:rPr')}")
    if rpr is not None:
        for old in rpr.findall(dx.qn("w:lang")):
            rpr.remove(old)
        rpr.append(dx.el("w:lang", w_val=LANGUAGE, w_eastAsia=LANGUAGE, w_bidi="ar-SA"))
    settings = doc.settings.element
    if settings.find(dx.qn("w:autoHyphenation")) is None:
        settings.append(dx.el("w:autoHyphenation", w_val="true"))
        settings.append(dx.el("w:doNotHyphenateCaps", w_val="true"))
    body = doc.element.body
    ids = {name: doc.styles[name].style_id for name in ("Daftar 1", "Daftar 2", "Teks Tabel", "Isi")}
    for p in body.iter(dx.qn("w:p")):
        ppr = p.find(dx.qn("w:pPr"))
        if ppr is not None and ppr.find(dx.qn("w:pStyle")) is not None:
            continue
        ind = ppr.find(dx.qn("w:ind")) if ppr is not None else None
        hanging = ind is not None and ind.get(dx.qn("w:hanging"))
        in_table = any(a.tag == dx.qn("w:tc") for a in p.iterancestors())
        if hanging:
            level = 2 if int(ind.get(dx.qn("w:left"), "0")) > 2 * int(hanging) else 1
            name = f"Daftar {level}"
        else:
            name = "Teks Tabel" if in_table else "Isi"
        p.get_or_add_pPr().insert(0, dx.el("w:pStyle", w_val=ids[name]))


def mark_sop(elements, doc) -> None:
    """Paragraphs of an SOP sheet: the "Teks SOP" style (no automatic hyphenation, so
    the sheet wraps as in its PDF) unless they carry a style already."""
    style_id = doc.part.__dict__.get("_soppress_sop_style")
    if style_id is None:
        _named_styles(doc)
        style_id = doc.part.__dict__["_soppress_sop_style"] = doc.styles["Teks SOP"].style_id
    for element in elements:
        for p in element.iter(dx.qn("w:p")):  # the element itself too, when it is a paragraph
            ppr = p.get_or_add_pPr()
            if ppr.find(dx.qn("w:pStyle")) is None:
                ppr.insert(0, dx.el("w:pStyle", w_val=style_id))


def properties(doc, title: str, subject: str, author: str, keywords: str) -> None:
    def fit(text: str) -> str:  # OOXML caps these at 255 characters
        return text if len(text) <= 255 else text[:254] + "\u2026"
    props = doc.core_properties
    props.title, props.subject, props.author = fit(title), fit(subject), fit(author)
    props.keywords, props.comments, props.last_modified_by = fit(keywords), "", "soppress"
    props.language, props.revision = LANGUAGE, 1
    props.created = props.modified = build_time()
    for part in doc.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            part._blob = re.sub(rb"<Application>.*?</Application>", b"<Application>soppress</Application>", part.blob)
            part._blob = re.sub(rb"<Template>.*?</Template>", b"<Template></Template>", part._blob)




# ---------------------------------------------------------------- page

def page_setup(section, page: PageSpec, header: float | None = None, footer: float | None = None) -> None:
    """Paper, orientation and margins of a section (every soppress DOCX page, naskah
    or SOP sheet), and the header and footer distances from the edge when given
    (else the template's)."""
    section.orientation = WD_ORIENT.LANDSCAPE if page.width > page.height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    section.top_margin, section.bottom_margin = Mm(page.top), Mm(page.bottom)
    section.left_margin, section.right_margin = Mm(page.left), Mm(page.right)
    if header is not None:
        section.header_distance = Mm(header)
    if footer is not None:
        section.footer_distance = Mm(footer)


def raster_logo(project_root: Path, logo: str | None) -> Path | None:
    """Word takes raster logos: an SVG logo (a project-relative path) is replaced by
    the PNG of the same name."""
    if not logo:
        return None
    path = project_root / logo
    if path.suffix.lower() == ".svg":
        path = path.with_suffix(".png")
    return path if path.is_file() else None
