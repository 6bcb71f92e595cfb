"""Building blocks of the DOCX renderers: tables with fixed column widths, rows of
known height, cell margins and shading, inline Markdown as runs, and the fix-ups
every document gets before it is saved (text padding as paragraph spacing, OOXML
child order). Pictures are render/docx/pictures.py's, named here too. Rows and runs
are built as the XML python-docx would make, without its per-property searches."""
from __future__ import annotations

from functools import lru_cache

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm, Pt
from soppress.render.docx.pictures import (SVG_EXT, SVG_NS, add_picture, picture,  # noqa: F401 - for the renderers
                                           svg_beside_png)
from soppress.sources.chars import visible
from soppress.views.text import markdown

PAD_V, PAD_H = 1.2, 1.4   # cell padding (mm), as in the PDF
_MD = markdown()  # the same inline marks as the HTML


# Child order the OOXML schema requires (Word offers to "repair" a file otherwise).
ORDER = {
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
             "tblHeader", "tblCellSpacing", "jc", "hidden"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"],
}


def pad_text(doc) -> None:
    """Vertical padding of text cells, as spacing before the first and after the
    last paragraph; lane cells (zero margins) hold pictures and stay unpadded."""
    for tc in doc.element.body.iter(qn("w:tc")):
        mar = tc.find(f"{qn('w:tcPr')}/{qn('w:tcMar')}")
        if mar is not None and mar.find(qn("w:left")) is not None and mar.find(qn("w:left")).get(qn("w:w")) == "0":
            continue
        paragraphs = tc.findall(qn("w:p"))
        pad = mar is not None and mar.find(qn("w:top")) is not None
        before = int(mar.find(qn("w:top")).get(qn("w:w"))) if pad else twips(PAD_V)
        for p_el, side in ((paragraphs[0], "before"), (paragraphs[-1], "after")):
            spacing = p_el.get_or_add_pPr().get_or_add_spacing()
            spacing.set(qn(f"w:{side}"), str(before))


# w:settings children in CT_Settings order (ECMA-376 Part 1, 17.15.1.78).
SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData embedTrueTypeFonts "
    "embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader "
    "bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState "
    "formsDesign attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride "
    "styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone "
    "doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter "
    "noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent "
    "alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt "
    "showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids "
    "mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
    "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags "
    "decimalSymbol listSeparator").split()


def schema_order(doc) -> None:
    settings = doc.settings.element
    rank = {tag: i for i, tag in enumerate(SETTINGS_ORDER)}  # by local name: m:mathPr is in the sequence too
    for child in sorted(settings, key=lambda c: rank.get(c.tag.rsplit("}", 1)[-1], len(SETTINGS_ORDER))):
        settings.append(child)  # re-appending moves it, in sorted order
    for kind, order in ORDER.items():
        rank = {qn(f"w:{tag}"): i for i, tag in enumerate(order)}
        for props in doc.element.body.iter(qn(f"w:{kind}")):
            children = sorted(props, key=lambda child: rank.get(child.tag, len(order)))
            for child in children:
                props.append(child)  # re-appending moves it, in sorted order


def el(tag: str, **attrs) -> OxmlElement:
    """An OOXML element; attribute names use "_" for the namespace colon (w_val → w:val)."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key.replace("_", ":", 1)), str(value))
    return element


def twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def table(doc, widths: list[float]):
    table = doc.add_table(rows=0, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(el("w:tblLayout", w_type="fixed"))
    tbl_pr.append(el("w:tblW", w_w=twips(sum(widths)), w_type="dxa"))
    # Word and LibreOffice put the text, not the border, at the indent: shift by the
    # cell margin so the grid sits on the page margin, where the PDF has it
    tbl_pr.append(el("w:tblInd", w_w=twips(PAD_H), w_type="dxa"))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", w_val="single", w_sz=5, w_space=0, w_color="000000"))
    tbl_pr.append(borders)
    # No vertical cell margins: LibreOffice applies the table's to every cell, so a
    # picture anchored in a lane cell would start below the cell's top. Text cells
    # get their vertical padding as paragraph spacing instead (pad_text).
    margins = el("w:tblCellMar")
    for side, mm in (("top", 0), ("left", PAD_H), ("bottom", 0), ("right", PAD_H)):
        margins.append(el(f"w:{side}", w_w=twips(mm), w_type="dxa"))
    tbl_pr.append(margins)
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths):
        col.set(qn("w:w"), str(twips(w)))
    table._widths = widths
    return table


def row(table, height: float | None = None, exact: bool = False, header: bool = False):
    """A new row at the bottom of ``table`` (made by ``table()``): a cell per column, in
    the column's width, never split across pages. Built as one piece of XML: what
    python-docx's ``add_row`` and width setters make, in a fraction of their time."""
    from docx.table import _Row
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    if height:
        props += f'<w:trHeight w:val="{twips(height)}" w:hRule="{"exact" if exact else "atLeast"}"/>'
    cells = "".join(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{Mm(w).twips}"/></w:tcPr><w:p/></w:tc>'
                    for w in table._widths)
    tr = parse_xml(f"<w:tr {nsdecls('w')}><w:trPr>{props}</w:trPr>{cells}</w:tr>")
    table._tbl.append(tr)
    return _Row(tr, table)


def row_cells(table, height: float | None = None, exact: bool = False, header: bool = False) -> list:
    """The cells of a new ``row``: one per column, without python-docx working out
    the grid (``_Row.cells`` finds each cell's column by a search of its row)."""
    from docx.table import _Cell
    return [_Cell(tc, table) for tc in row(table, height, exact, header)._tr.tc_lst]


def shade(cell, fill: str = "F0F0F0") -> None:
    cell._tc.get_or_add_tcPr().append(el("w:shd", w_val="clear", w_color="auto", w_fill=fill))


def margins(cell, mm: float, vertical: float | None = None) -> None:
    """Cell margins: ``mm`` on every side, or ``vertical`` at top and bottom."""
    mar = el("w:tcMar")
    for side in ("top", "left", "bottom", "right"):
        value = vertical if vertical is not None and side in ("top", "bottom") else mm
        mar.append(el(f"w:{side}", w_w=twips(value), w_type="dxa"))
    cell._tc.get_or_add_tcPr().append(mar)


def valign(cell, where: str = "center") -> None:
    cell._tc.get_or_add_tcPr().append(el("w:vAlign", w_val=where))


def runs(paragraph, markdown: str | None, bold: bool = False, size: float | None = None) -> None:
    """Inline Markdown (**tebal**, *miring*, line breaks) as Word runs."""
    if not markdown:
        return
    for text, strong, em in _inline(markdown):
        if text is None:
            paragraph.add_run().add_break()
        else:
            add_run(paragraph, text, bold=bold or strong, italic=em, size=size)


@lru_cache(maxsize=4096)
def _inline(markdown: str) -> tuple[tuple[str | None, bool, bool], ...]:
    """(text, bold, italic) of each run of inline Markdown; text None for a line break."""
    tokens = _MD.parseInline(markdown.strip())
    strong = em = 0
    out = []
    for token in (tokens[0].children or []) if tokens else []:
        if token.type == "strong_open":
            strong += 1
        elif token.type == "strong_close":
            strong -= 1
        elif token.type == "em_open":
            em += 1
        elif token.type == "em_close":
            em -= 1
        elif token.type in ("softbreak", "hardbreak"):
            out.append((None, False, False))
        elif token.content:
            out.append((visible(token.content), strong > 0, em > 0))  # XML cannot hold control characters
    return tuple(out)


def add_run(paragraph, text: str, bold: bool = False, italic: bool = False, size: float | None = None):
    """What ``run = paragraph.add_run(text); run.bold = bold or None; run.italic =
    italic or None; run.font.size = Pt(size)`` makes (an ``w:rPr``, empty when plain),
    built directly: python-docx's setters search the run's children for each."""
    from docx.oxml.simpletypes import ST_HpsMeasure
    from docx.text.run import Run
    r = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    r.append(props)
    if bold:
        props.append(OxmlElement("w:b"))
    if italic:
        props.append(OxmlElement("w:i"))
    if size:
        props.append(OxmlElement("w:sz", {qn("w:val"): ST_HpsMeasure.convert_to_xml(Pt(size))}))
    paragraph._p.append(r)
    run = Run(r, paragraph)
    if any(c in text for c in "\t\n\r"):  # tabs and breaks: python-docx's translation
        run.text = text
    elif text:
        r.add_t(text)  # xml:space="preserve" when it starts or ends with a space
    return run


def write(cell, markdown: str | None, bold: bool = False, align=None, size: float | None = None) -> None:
    paragraph = cell.paragraphs[0]
    if align is not None:
        paragraph.alignment = align
    runs(paragraph, markdown, bold, size)


def lines(cell, items: list[tuple[str, str]], first: bool = True) -> None:
    """'a. …' lines, each its own paragraph with a hanging indent as in the PDF: the
    marker hangs in the first 4 mm, the text's later lines align under its first."""
    for i, (mark, value) in enumerate(items):
        paragraph = cell.paragraphs[0] if first and i == 0 and not cell.paragraphs[0].text else cell.add_paragraph()
        paragraph.add_run(f"{mark}\t")
        paragraph.paragraph_format.left_indent = Mm(4)
        paragraph.paragraph_format.first_line_indent = Mm(-4)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(4))
        runs(paragraph, value)
