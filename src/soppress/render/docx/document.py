"""A view ``Document`` as DOCX: one Word section per view section, page numbers and
the RAHASIA marking in the header, then each block (render/docx/blocks.py)."""
from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from soppress.render.docx import ooxml as dx
from soppress.render.docx import sop as _sop  # noqa: F401 - registers the SOP sheet block's drawing
from soppress.render.docx.blocks import DocxContext, bookmark, bookmark_name, draw_all, field
from soppress.render.docx.template import finish_document, page_setup, start_document
from soppress.views.blocks import Document

_ALIGN = {"atas-tengah": WD_ALIGN_PARAGRAPH.CENTER, "bawah-tengah": WD_ALIGN_PARAGRAPH.CENTER,
          "bawah-kanan": WD_ALIGN_PARAGRAPH.RIGHT}


def to_docx(doc: Document, project_root: Path) -> bytes:
    word = start_document(project_root, {"nomor": "", "nama": doc.title})
    for i, section in enumerate(doc.sections):
        if i:
            word.add_section(WD_SECTION.NEW_PAGE)
        edge = min(10.0, section.page.top / 2)
        page_setup(word.sections[-1], section.page, header=edge, footer=edge)
        ctx = DocxContext(project_root, section.page.width - section.page.left - section.page.right,
                          doc.size, doc.line, doc.mode)
        body = word.element.body
        before = len(body)
        draw_all(word, section.blocks, ctx)
        if section.name:  # on the section's first paragraph: an empty one of its own would move the text
            first = next((child for child in list(body)[before - 1:] if child.tag == dx.qn("w:p")), None)
            if first is not None:
                bookmark(Paragraph(first, word._body), bookmark_name(section.name))
    furniture(word, doc)
    return finish_document(word, doc.title, doc.subject, doc.author, ", ".join(doc.keywords))


def furniture(word, doc: Document) -> None:
    """Page numbers ("- 2 -", first page unnumbered by default) and the marking, the
    same on every section; the template's footer (made for SOP sheets) is cleared."""
    numbers = doc.page_numbers
    for section in word.sections:
        section.different_first_page_header_footer = not numbers.first
        for footer in (section.footer, section.first_page_footer):
            footer.is_linked_to_previous = False
            for paragraph in footer.paragraphs:
                for run in list(paragraph.runs):
                    run._r.getparent().remove(run._r)
        targets = [(section.header, True), (section.first_page_header, numbers.first)]
        if numbers.position.startswith("bawah"):
            targets = [(section.footer, True), (section.first_page_footer, numbers.first)]
        for part, numbered in targets:
            part.is_linked_to_previous = False
            paragraph = part.paragraphs[0]
            paragraph.alignment = _ALIGN.get(numbers.position, WD_ALIGN_PARAGRAPH.CENTER)
            if numbered and numbers.position != "tanpa":
                before, _, after = numbers.pattern.partition("{}")
                _run(paragraph, before)
                page_field(paragraph)
                _run(paragraph, after)
        if doc.marking:
            for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
                mark = part.add_paragraph()
                mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = _run(mark, doc.marking)
                run.bold = True


def _run(paragraph, text: str):
    run = paragraph.add_run(text)
    run.font.size = Pt(10)
    return run


def page_field(paragraph) -> None:
    field(paragraph, " PAGE ", "1", 10)
