"""Building blocks of the DOCX renderers: tables with fixed column widths, rows of
known height, cell margins and shading, inline Markdown as runs, pictures anchored
in a cell, and the fix-ups every document gets before it is saved (text padding as
paragraph spacing, OOXML child order)."""
from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import quoteattr

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm, Pt
from lxml import etree
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


def _pictures(part) -> "_Pictures":
    """The picture bookkeeping of one story part (the document body, a header…)."""
    state = part.__dict__.get("_soppress_pictures")
    if state is None:
        state = part.__dict__["_soppress_pictures"] = _Pictures(part)
    return state


class _Pictures:
    """python-docx finds each new picture's id by scanning the whole part for ``@id``
    (``StoryPart.next_id``), and an SVG part was found by walking every part of the
    package: per picture, so a sheet's few hundred pictures took quadratic time. The
    same values, kept: the part is scanned once, then each picture of the part takes
    the next id from here (so every picture must come through ``add_picture`` or
    ``picture``); the package's SVG parts are kept by their bytes."""

    def __init__(self, part):
        self.part = part
        self.next_id = part.next_id
        package = part.package
        if "_soppress_svgs" not in package.__dict__:
            package.__dict__["_soppress_svgs"] = {
                p.blob: p for p in package.iter_parts() if p.content_type == "image/svg+xml"}
        self.svgs: dict[bytes, object] = package.__dict__["_soppress_svgs"]

    def take_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def svg_rel(self, svg: bytes) -> str:
        """The relationship id of the SVG part holding ``svg`` (identical drawings share one)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        part = self.svgs.get(svg)
        if part is None:
            names = {str(p.partname) for p in self.svgs.values()}
            n = next(k for k in range(1, 100_000) if f"/word/media/vektor{k}.svg" not in names)
            part = self.svgs[svg] = Part(PackURI(f"/word/media/vektor{n}.svg"), "image/svg+xml", svg,
                                         self.part.package)
        return self.part.relate_to(part, RT.IMAGE)


def add_picture(run, source, width=None, height=None):
    """python-docx's ``Run.add_picture`` (an inline picture, scaled to the width or
    height given), its id taken from the part's bookkeeping instead of a scan."""
    from docx.oxml.shape import CT_Inline
    part = run.part
    rel_id, image = part.get_or_add_image(source)
    cx, cy = image.scaled_dimensions(width, height)
    inline = CT_Inline.new_pic_inline(_pictures(part).take_id(), rel_id, image.filename, cx, cy)
    run._r.add_drawing(inline)
    return inline


SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Office 2016 SVG picture extension
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_ANCHOR = (
    '<w:drawing %s><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
    'behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{id}" name="Picture {id}" descr="{descr}"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{png}">{svg}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/>'
    '</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing>') % nsdecls("w", "wp", "a", "pic", "r")
_SVG_BLIP = f'<a:extLst><a:ext uri="{SVG_EXT}"><asvg:svgBlip xmlns:asvg="{SVG_NS}" r:embed="{{svg}}"/></a:ext></a:extLst>'


def picture(cell, png: bytes, width: float, height: float, svg: bytes | None = None,
            descr: str | None = None) -> None:
    """A picture anchored in the cell at its top-left corner, behind the text; with
    ``svg``, the vector drawing Word shows and the PNG as the fallback; ``descr``
    its alternative text."""
    paragraph = cell.paragraphs[0]
    part = paragraph.part
    state = _pictures(part)
    rel_id, image = part.get_or_add_image(io.BytesIO(png))
    cx, cy = image.scaled_dimensions(Mm(width), Mm(height))
    xml = _ANCHOR.replace("{cx}", str(cx)).replace("{cy}", str(cy)).replace("{id}", str(state.take_id()))
    xml = xml.replace("{png}", rel_id).replace("{name}", image.filename)
    xml = xml.replace("{svg}", _SVG_BLIP.replace("{svg}", state.svg_rel(svg)) if svg is not None else "")
    xml = xml.replace(' descr="{descr}"', "" if descr is None else f" descr={quoteattr(descr)}")
    paragraph.add_run()._r.append(parse_xml(xml))


def svg_beside_png(run, svg: bytes) -> None:
    """The vector drawing for Word (2016 and later), the PNG kept as the fallback other
    readers show: an SVG part referenced from the picture's blip (asvg:svgBlip),
    MS-ODRAWXML 2.26.1.1. Identical drawings share one part, as python-docx does
    for identical PNGs."""
    rel_id = _pictures(run.part).svg_rel(svg)
    blip = run._r.find(".//" + qn("a:blip"))
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", SVG_EXT)
    svg_blip = etree.SubElement(ext, f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
    svg_blip.set(qn("r:embed"), rel_id)
    ext_list.append(ext)
    blip.append(ext_list)
