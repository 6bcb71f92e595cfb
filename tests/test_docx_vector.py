"""The DOCX flowchart as vector drawings: every lane picture carries an SVG
(asvg:svgBlip) of exactly its cell, with the arrowheads and labels the layout puts
there, and the SVG and its PNG fallback draw the same thing (compared as images)."""
import base64
import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree
from PIL import Image, ImageChops, ImageFilter

from soppress.build import build
from soppress.layout.flowchart import CONNECTOR_H, Anchor, Arrowhead, Connector, Label, arrow_points
from soppress.render.docx.ooxml import SVG_EXT, SVG_NS
from soppress.render.flow_svg import legend_svg
from soppress.render.docx.png_draw import legend_png

FIXTURES = Path(__file__).parent / "fixtures"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def panjang(tmp_path_factory):
    """Multi-page SOP with decisions, a backward jump, joint steps and connectors."""
    out = tmp_path_factory.mktemp("vector")
    result = build(FIXTURES / "alir", out, formats=["pdf", "docx"], only=["panjang"])
    assert not result.report.errors
    return Document(out / "panjang.docx"), result.sheets["panjang"]


def lane_pictures(doc, n_lanes: int):
    """(PNG blob, SVG blob or None, extent in EMU) of each lane cell of each
    flowchart table body row, in document order; None for a cell without one."""
    part = doc.part
    found = []
    for table in doc.tables:
        rows = table._tbl.tr_lst
        if not any(tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in rows):
            continue  # not a flowchart table (identity, legend)
        for tr in rows:
            if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
                continue
            cells = tr.findall(qn("w:tc"))
            for tc in cells[2:2 + n_lanes]:
                anchor = tc.find(".//" + qn("wp:anchor"))
                if anchor is None:
                    found.append(None)
                    continue
                blip = anchor.find(".//" + qn("a:blip"))
                png = part.related_parts[blip.get(qn("r:embed"))].blob
                ext = blip.find(f"{qn('a:extLst')}/{qn('a:ext')}[@uri='{SVG_EXT}']")
                svg_blip = None if ext is None else ext.find(f"{{{SVG_NS}}}svgBlip")
                svg = None
                if svg_blip is not None:
                    svg_part = part.related_parts[svg_blip.get(qn("r:embed"))]
                    assert svg_part.content_type == "image/svg+xml"
                    svg = svg_part.blob
                extent = anchor.find(qn("wp:extent"))
                found.append((png, svg, (int(extent.get("cx")), int(extent.get("cy")))))
    return found


def expected_cells(sheet):
    """(row, lane) of every lane cell, page by page, as the DOCX lays them out."""
    return [(i, lane) for rows in sheet.layout.pages for i in rows for lane in range(len(sheet.layout.lanes))]


def points(polygon) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in pair.split(",")) for pair in polygon.get("points").split()]


def test_every_flowchart_picture_carries_the_svg_of_its_cell(panjang):
    """Each lane picture has its SVG, sized as the picture (the cell), holding the
    arrowheads where the layout puts them and the labels and connector letters of
    that cell, drawn (outlines), not left to a font."""
    doc, sheet = panjang
    layout, heights = sheet.layout, sheet.plan.row_heights
    pictures = lane_pictures(doc, len(layout.lanes))
    cells = expected_cells(sheet)
    assert len(pictures) == len(cells)
    drawn = 0
    for (i, lane), picture in zip(cells, pictures):
        prims = layout.cell_prims(i, lane)
        assert (picture is not None) == bool(prims), (i, lane)
        if picture is None:
            continue
        _, svg, (cx, cy) = picture
        assert svg is not None, f"row {i} lane {lane}: no svgBlip"
        root = etree.fromstring(svg)
        w, h = layout.lanes[lane].w, heights[i]
        assert [float(v) for v in root.get("viewBox").split()] == pytest.approx([0, 0, w, h], abs=1e-3)
        assert (cx, cy) == (Mm(w), Mm(h))  # the picture is the cell, as the PNG's
        centre = h / 2
        arrows = [arrow_points(p, centre) for p in prims if isinstance(p, Arrowhead)]
        for k in (p for p in prims if isinstance(p, Connector) and p.enters):  # 0.6 mm from the row's edge
            top = 0.6 if k.anchor is Anchor.TOP else h - CONNECTOR_H - 0.6
            tip = Arrowhead(k.x, top, "down") if k.anchor is Anchor.BOTTOM else Arrowhead(k.x, top + CONNECTOR_H, "up")
            arrows.append(arrow_points(tip, 0))
        filled = sorted(points(p) for p in root.iter(f"{SVG}polygon") if p.get("fill") == "#000")
        assert len(filled) == len(arrows), (i, lane)
        for got, want in zip(filled, sorted(arrows)):
            assert [v for xy in got for v in xy] == pytest.approx([v for xy in want for v in xy], abs=0.01), (i, lane)
        texts = sorted([p.text for p in prims if isinstance(p, Label)] + [p.label for p in prims if isinstance(p, Connector)])
        labels = [p for p in root.iter(f"{SVG}path") if p.get("aria-label") is not None]
        assert sorted(p.get("aria-label") for p in labels) == texts, (i, lane)
        assert all(len(re.findall(r"[MLQCZ]", p.get("d"))) >= 3 for p in labels)  # outlines, not empty
        assert not list(root.iter(f"{SVG}text"))
        drawn += 1
    assert drawn >= 20


def rasters(svgs: list[bytes], sizes: list[tuple[float, float]], dpi: int, work: Path) -> list[Image.Image]:
    """The SVGs as weasyprint draws them (an SVG renderer independent of ours), one page each."""
    import weasyprint
    pages = "".join(
        f'<div style="page: p{n}"><img style="display:block;width:{w}mm;height:{h}mm" '
        f'src="data:image/svg+xml;base64,{base64.b64encode(svg).decode()}"></div>'
        for n, (svg, (w, h)) in enumerate(zip(svgs, sizes)))
    css = "".join(f"@page p{n} {{ size: {w}mm {h}mm; margin: 0 }}" for n, (w, h) in enumerate(sizes))
    pdf = work / "svgs.pdf"
    weasyprint.HTML(string=f"<style>body{{margin:0}}{css}</style>{pages}").write_pdf(pdf)
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(dpi), str(pdf), str(work / "s")], check=True)
    return [Image.open(p).convert("L") for p in sorted(work.glob("s-*.png"), key=lambda p: int(p.stem[2:]))]


def ink(image: Image.Image) -> Image.Image:
    return image.point(lambda v: 255 if v < 200 else 0)


def covered(a: Image.Image, b: Image.Image, reach: int) -> float:
    """The share of ``a``'s ink that lies within ``reach`` pixels of ``b``'s."""
    near = b.filter(ImageFilter.MaxFilter(2 * reach + 1))
    total = a.histogram()[255]
    return 1.0 if not total else ImageChops.multiply(a, near).histogram()[255] / total


def flatten(png: bytes, size) -> Image.Image:
    picture = Image.open(io.BytesIO(png)).convert("RGBA")
    white = Image.new("RGBA", picture.size, "white")
    white.alpha_composite(picture)
    return white.convert("L").resize(size, Image.Resampling.BOX)


def test_svg_and_png_fallback_draw_the_same(panjang, tmp_path):
    """Word shows the SVG, LibreOffice (7.4) and older Word the PNG: both must show
    the same flowchart. Every distinct cell drawing, and the legend's, rendered from
    the SVG by weasyprint, matches the PNG to 0.17 mm: nearly all the ink of each lies
    near ink of the other."""
    doc, sheet = panjang
    distinct = {}
    for picture in lane_pictures(doc, len(sheet.layout.lanes)):
        if picture is not None:
            distinct[picture[1]] = (picture[0], picture[2])
    pairs = [(svg, png, (cx / 36000, cy / 36000)) for svg, (png, (cx, cy)) in distinct.items()]
    pairs += [(legend_svg(kind), legend_png(kind), (20.0, 8.0))
              for kind in ("mulai", "proses", "keputusan", "panah", "penghubung")]
    dpi = 300  # the PNG's own resolution
    drawn = rasters([svg for svg, _, _ in pairs], [size for _, _, size in pairs], dpi, tmp_path)
    assert len(drawn) == len(pairs)
    for (svg, png, size), vector in zip(pairs, drawn):
        raster = ink(flatten(png, vector.size))
        vector = ink(vector)
        assert vector.histogram()[255] > 0
        assert covered(vector, raster, reach=2) > 0.97, (size, svg[:300])
        assert covered(raster, vector, reach=2) > 0.97, (size, svg[:300])
