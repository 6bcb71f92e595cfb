"""Write the default DOCX template shipped with soppress (src/soppress/templates/sop.docx).

    .venv/bin/python tools/make_docx_template.py

The template carries what a dinas may want to restyle: the Normal style (font,
size, line spacing) and the footer. Its body holds one paragraph, `{{ isi }}`,
which soppress replaces with the SOP. A project overrides it with its own
templates/sop.docx (made from this one in Word); page size and margins always
come from soppress.yaml, so PDF and DOCX paginate alike."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

TARGET = Path(__file__).resolve().parent.parent / "src" / "soppress" / "templates" / "sop.docx"


def field(run, instruction: str) -> None:
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def main() -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(8)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(10)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = footer.add_run("{{ nomor }} · hal. ")
    run.font.size = Pt(7)
    for text, instruction in ((None, "PAGE"), (" / ", None), (None, "NUMPAGES")):
        run = footer.add_run(text or "")
        run.font.size = Pt(7)
        if instruction:
            field(run, instruction)
    doc.add_paragraph("{{ isi }}")
    doc.core_properties.author = "soppress"
    doc.save(TARGET)
    print(f"ditulis: {TARGET}")


if __name__ == "__main__":
    main()
