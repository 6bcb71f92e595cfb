"""Every flow line ends with an arrowhead at what it enters, off-page connectors too,
in both painters (CSS layers in the PDF, PNG tiles in the DOCX): measured in pixels at
a resolution where a millimetre shows (issue 11)."""
import io

import pytest
from PIL import Image

from libreoffice import needs_soffice
from pdfutil import render_page
from soppress.build import build
from soppress.layout.flowchart import CONNECTOR_H, Anchor, Arrowhead, Connector, Join, Label, Symbol, VLine
from soppress.render.docx import png_draw

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"
DPI = 300
PX = DPI / 25.4


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    out = tmp_path_factory.mktemp("alir")
    result = build(FIXTURES / "alir", out, formats=["pdf"], only=["panjang"], jobs=1)
    assert not result.report.errors and not result.failed
    return out, result.sheets["panjang"]


def connectors(layout):
    return [(i, c) for i, c in layout.connectors]


def test_the_connector_the_flow_runs_into_is_marked(sheet):
    _, s = sheet
    found = connectors(s.layout)
    assert found, "the fixture must break across pages"
    by_label = {}
    for row, c in found:
        by_label.setdefault(c.label, []).append((c.anchor, c.enters))
    # a downward run enters at the foot of its page; the backward run (10 -> 3) at the head of the next
    assert any(sorted(v) == [(Anchor.BOTTOM, True), (Anchor.TOP, False)] for v in by_label.values())
    assert any(sorted(v) == [(Anchor.BOTTOM, False), (Anchor.TOP, True)] for v in by_label.values())


def _dark_width(image: Image.Image, x_px: float, y_px: float, reach: int) -> int:
    """How many dark pixels lie on row ``y_px`` within ``reach`` of ``x_px``."""
    gray = image.convert("L")
    y = round(y_px)
    return sum(1 for x in range(round(x_px) - reach, round(x_px) + reach + 1) if gray.getpixel((x, y)) < 128)


def _entry_y(c: Connector, top: float) -> float:
    """A point inside the arrowhead, 1.3 mm from its tip (mm): clear of the short jog a
    run near a lane edge takes 0.9 mm from the connector."""
    return top - 1.3 if c.anchor is Anchor.BOTTOM else top + CONNECTOR_H + 1.3


def test_png_painter_draws_the_arrowhead_into_a_connector(sheet):
    _, s = sheet
    for row, c in connectors(s.layout):
        lane = next(i for i, l in enumerate(s.layout.lanes) if l.x <= c.x < l.x + l.w)
        height = s.plan.row_heights[row]
        tile = Image.open(io.BytesIO(png_draw.cell_png(s.layout, row, lane, height)))
        k = tile.width / s.layout.lanes[lane].w
        top = 0.6 if c.anchor is Anchor.TOP else height - CONNECTOR_H - 0.6
        width_mm = _dark_width(tile, (c.x - s.layout.lanes[lane].x) * k, _entry_y(c, top) * k, round(2 * k)) / k
        if c.enters:
            assert width_mm > 0.8, (c.label, c.anchor, width_mm)   # a triangle ~1.2 mm wide there
        else:
            assert width_mm < 0.6, (c.label, c.anchor, width_mm)   # the bare line, 0.3 mm


def test_pdf_draws_the_arrowhead_into_a_connector(sheet, tmp_path):
    out, s = sheet
    margin, cols = s.view.page.margin, s.view.cols
    for number, rows in zip(s.plan.page_numbers, s.layout.pages):
        image = Image.open(render_page(out / "panjang.pdf", number, tmp_path / f"p{number}", DPI))
        for row, c in connectors(s.layout):
            if row not in rows:
                continue
            row_top, height = s.plan.row_tops[row], s.plan.row_heights[row]
            top = row_top + (0.6 if c.anchor is Anchor.TOP else height - CONNECTOR_H - 0.6)
            x = margin.kiri + cols.lanes_x + c.x
            width_mm = _dark_width(image, x * PX, _entry_y(c, top) * PX, round(2 * PX)) / PX
            if c.enters:
                assert width_mm > 0.8, (number, c.label, c.anchor, width_mm)
            else:
                assert width_mm < 0.6, (number, c.label, c.anchor, width_mm)


# ---------------------------------------------------------------- every primitive, both painters
# Each check (tests/drawcheck.py) reads one painted row against the layout, in pixels:
# an arrowhead at every entry, every label in its box with nothing against it, the
# join band's shading, the connector letters, vertical lines unbroken to the row's
# edges, each symbol's outline within 0.3 mm of where the layout puts it.

import drawcheck  # noqa: E402

PDF_DPI = 200
SHEETS = [("alir", "panjang"), (None, "kalteng/02-pengaduan-tidak-langsung"),
          (None, "purwakarta/01-rehabilitasi-sosial")]


@pytest.fixture(scope="module")
def sheets(sample_root, tmp_path_factory):
    out = {}
    for project in {p for p, _ in SHEETS}:
        root = sample_root if project is None else FIXTURES / project
        target = tmp_path_factory.mktemp(project or "sampel")
        keys = [k for p, k in SHEETS if p == project]
        result = build(root, target, formats=["pdf"], only=keys, jobs=1)
        assert not result.report.errors and not result.failed
        for key in keys:
            out[key] = (target / f"{key}.pdf", result.sheets[key])
    return out


def pdf_rows(pdf, sheet, work):
    """(row index, RowImage) of every flowchart row, cut from the PDF's pages at PDF_DPI."""
    k = PDF_DPI / 25.4
    margin, cols = sheet.view.page.margin, sheet.view.cols
    for number, rows in zip(sheet.plan.page_numbers, sheet.layout.pages):
        page = Image.open(render_page(pdf, number, work / f"p{number}", PDF_DPI)).convert("L")
        for row in rows:
            top, height = sheet.plan.row_tops[row], sheet.plan.row_heights[row]
            left = margin.kiri + cols.lanes_x
            box = (round(left * k), round(top * k), round((left + sheet.layout.width) * k), round((top + height) * k))
            yield row, drawcheck.RowImage(page.crop(box), k, height)


def png_rows(sheet):
    """(row index, RowImage) of every flowchart row, its lanes' PNG tiles side by side."""
    k = png_draw.DPI / 25.4
    layout = sheet.layout
    for row in range(len(layout.rows)):
        height = sheet.plan.row_heights[row]
        tiles = []
        for lane in layout.lanes:
            png = png_draw.cell_png(layout, row, lane.index, height)
            tiles.append((lane.x, Image.open(io.BytesIO(png)) if png else None))
        yield row, drawcheck.RowImage(drawcheck.composite(tiles, layout.width, height, k), k, height)


def _found(check, sheet, rows) -> list[str]:
    return [problem for row, image in rows for problem in drawcheck.CHECKS[check](sheet.layout, row, image)]


def _has(sheets, check) -> bool:
    """Does the corpus under test hold what the check looks at?"""
    kind = {"arrowheads": Arrowhead, "labels": Label, "join_bands": Join, "connector_letters": Connector,
            "line_continuity": VLine, "symbols": Symbol}[check]
    return any(isinstance(p, kind) for _, s in sheets.values() for r in s.layout.rows for p in r.prims)


@pytest.mark.parametrize("check", sorted(drawcheck.CHECKS))
def test_pdf_painter_draws_every_primitive_where_the_layout_says(sheets, check, tmp_path):
    assert _has(sheets, check)
    for key, (pdf, sheet) in sheets.items():
        problems = _found(check, sheet, pdf_rows(pdf, sheet, tmp_path))
        assert not problems, f"{key}: " + "; ".join(problems[:5])


@pytest.mark.parametrize("check", sorted(drawcheck.CHECKS))
def test_png_painter_draws_every_primitive_where_the_layout_says(sheets, check):
    assert _has(sheets, check)
    for key, (_, sheet) in sheets.items():
        problems = _found(check, sheet, png_rows(sheet))
        assert not problems, f"{key}: " + "; ".join(problems[:5])


# ---------------------------------------------------------------- the DOCX as LibreOffice lays it out

def _row_edges(page: Image.Image, x_mm: float, k: float) -> list[float]:
    """y (mm) of the table's horizontal rules, read down a column just inside the
    table's left border, where no text is."""
    gray, x = page.convert("L"), round(x_mm * k)
    edges, previous = [], False
    for y in range(page.height):
        dark = gray.getpixel((x, y)) < drawcheck.DARK
        if dark and not previous:
            edges.append(y / k)
        previous = dark
    return edges


@needs_soffice
@pytest.mark.parametrize("check", sorted(drawcheck.CHECKS))
def test_docx_as_libreoffice_lays_it_out_draws_every_primitive(sheets, lo_pages, check):
    pages, k = lo_pages
    _, sheet = sheets["panjang"]
    margin, cols = sheet.view.page.margin, sheet.view.cols
    problems = []
    for page, rows in zip(pages, sheet.layout.pages):
        edges = _row_edges(page, margin.kiri + 0.5, k)
        body = edges[-len(rows) - 1:-1]  # the last rules: each body row's top, then the table's bottom
        for row, top in zip(rows, body):
            height = sheet.plan.row_heights[row]
            left = margin.kiri + cols.lanes_x
            box = (round(left * k), round(top * k), round((left + sheet.layout.width) * k), round((top + height) * k))
            image = drawcheck.RowImage(page.convert("L").crop(box), k, height)
            problems += drawcheck.CHECKS[check](sheet.layout, row, image)
    assert not problems, "; ".join(problems[:5])


@pytest.fixture(scope="module")
def lo_pages(sample_root, tmp_path_factory):
    """The fixture's DOCX converted by LibreOffice (package fonts only), its flowchart
    pages at PDF_DPI."""
    from libreoffice import convert  # noqa: PLC0415
    out = tmp_path_factory.mktemp("alir-docx")
    result = build(FIXTURES / "alir", out, formats=["docx"], only=["panjang"], jobs=1)
    assert not result.failed
    pdf = convert([out / "panjang.docx"], out / "lo")[0]
    sheet = result.sheets["panjang"]
    pages = []
    for number in sheet.plan.page_numbers:
        pages.append(Image.open(render_page(pdf, number, out / f"lo{number}", PDF_DPI)))
    return pages, PDF_DPI / 25.4
