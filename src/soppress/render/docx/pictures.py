"""Pictures in a DOCX: inline (python-docx's ``add_picture``), or anchored in a table
cell behind its text (the flowchart's lane cells), optionally with an SVG that Word
2016 and later shows, the PNG kept as the fallback other readers show.

python-docx finds each new picture's id by scanning the whole part for ``@id``
(``StoryPart.next_id``) and its ``add_picture`` builds the XML element by element;
with a few hundred pictures a sheet, that was quadratic. Here the part is scanned
once and ids are counted from there, and an anchored picture is one piece of XML."""
from __future__ import annotations

import io
from xml.sax.saxutils import quoteattr

from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Mm
from lxml import etree


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
