"""What the DOCX renderer keeps instead of making again, and the shortcuts it takes
past python-docx: each must give what the long way gives.

- a sheet's flowchart pictures are drawn once and reused (the DOCX book holds the
  same sheets), and drawn again when anything they are drawn from changes;
- the disk cache never trusts a torn or foreign entry;
- the PNG tiles are grey + alpha and pixel-identical to what was drawn;
- picture ids counted instead of scanned stay unique;
- runs and table rows built directly are the XML python-docx's setters make."""
import dataclasses
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree
from PIL import Image

from soppress.build import build
from soppress.render import flow_paint
from soppress.render.docx import diskcache, flow_pictures, ooxml, png_draw
from soppress.render.docx.sop import render_docx

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("reuse")
    result = build(FIXTURES / "alir", out, formats=["pdf", "docx"], only=["panjang"])
    assert not result.report.errors and not result.failed
    return out, result.sheets["panjang"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "_folder", tmp_path / "cache")
    return tmp_path / "cache"


@pytest.fixture
def draws(monkeypatch):
    """How many lane cells were drawn (PNG and SVG)."""
    count = []
    original = flow_pictures._draw
    monkeypatch.setattr(flow_pictures, "_draw", lambda *cell: count.append(cell) or original(*cell))
    return count


def members(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_a_sheets_pictures_are_drawn_once_and_reused(built, cache, draws, monkeypatch):
    out, sheet = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = render_docx(sheet, FIXTURES / "alir")
    drawn = len(draws)
    assert drawn > 10
    again = render_docx(sheet, FIXTURES / "alir")  # as the book does, in this or another process
    assert len(draws) == drawn and again == first
    pictures = [n for n in members(first) if n.startswith("word/media/")]
    assert len([n for n in pictures if n.endswith(".png")]) > 10 and any(n.endswith(".svg") for n in pictures)

    taller = dataclasses.replace(sheet.plan, row_heights=[h + 1 for h in sheet.plan.row_heights])
    render_docx(dataclasses.replace(sheet, plan=taller), FIXTURES / "alir")
    assert len(draws) == 2 * drawn  # another height: every cell drawn again


def test_pictures_from_the_cache_are_those_drawn_without_it(built, cache, monkeypatch):
    out, sheet = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    render_docx(sheet, FIXTURES / "alir")  # fills the cache
    cached = render_docx(sheet, FIXTURES / "alir")
    monkeypatch.setattr(diskcache, "_folder", None)
    assert cached == render_docx(sheet, FIXTURES / "alir")


def test_a_torn_or_foreign_cache_entry_is_made_again(cache, built, draws, monkeypatch):
    out, sheet = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = render_docx(sheet, FIXTURES / "alir")
    per_sheet = len(draws)
    (entry,) = (cache / flow_pictures.KIND).iterdir()
    data = entry.read_bytes()
    middle = len(data) // 2  # inside a picture: a flipped byte there still decodes
    for n, broken in enumerate((data[:middle], data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:],
                                b"bukan cache"), 2):
        entry.write_bytes(broken)
        assert render_docx(sheet, FIXTURES / "alir") == first
        assert len(draws) == n * per_sheet  # drawn again, not read from the broken entry


def test_disk_cache_checks_stamp_and_bytes(cache):
    diskcache.store("uji", "a", b"S" * 32, b"isi")
    assert diskcache.load("uji", "a", b"S" * 32) == b"isi"
    assert diskcache.load("uji", "a", b"T" * 32) is None  # made from something else
    path = cache / "uji" / "a"
    data = path.read_bytes()
    path.write_bytes(data[:-1] + b"x")
    assert diskcache.load("uji", "a", b"S" * 32) is None  # torn or edited
    made = []
    assert diskcache.cached("uji", ("k",), lambda: made.append(1) or b"baru") == b"baru"
    assert diskcache.cached("uji", ("k",), lambda: made.append(1) or b"lain") == b"baru" and made == [1]
    assert not [p for p in (cache / "uji").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_nothing_is_kept_outside_a_build(monkeypatch, tmp_path):
    monkeypatch.setattr(diskcache, "_folder", None)
    assert diskcache.cached("uji", ("k",), lambda: b"a") == b"a"
    assert diskcache.cached("uji", ("k",), lambda: b"b") == b"b"


def test_png_tiles_are_grey_alpha_and_pixel_identical(built):
    _, sheet = built
    layout = sheet.layout
    heights = sheet.plan.row_heights
    checked = 0
    for row in range(len(layout.rows)):
        for lane in range(len(layout.lanes)):
            canvas = png_draw._Canvas(layout.lanes[lane].w, heights[row])
            if not flow_paint.paint_cell(canvas, layout, row, lane, heights[row]):
                continue
            png = Image.open(io.BytesIO(png_draw.cell_png(layout, row, lane, heights[row])))
            assert png.mode == "LA"
            assert png.convert("RGBA").tobytes() == canvas.img.tobytes()
            checked += 1
    assert checked > 10


def test_picture_ids_are_unique(built):
    out, _ = built
    with zipfile.ZipFile(out / "panjang.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
    ids = [e.get("id") for e in body.iter(qn("wp:docPr"))]
    assert len(ids) > 10 and len(set(ids)) == len(ids)
    assert all(e.get("descr", "").startswith("Bagan alir") for e in body.iter(qn("wp:docPr"))
               if e.getparent().tag == qn("wp:anchor") and e.get("descr") is not None)


def test_picture_ids_continue_after_pictures_already_there():
    doc = Document()
    png = png_draw.legend_png("proses")
    first = doc.add_paragraph().add_run()
    first.add_picture(io.BytesIO(png))  # python-docx's own, before ours
    ooxml.add_picture(doc.add_paragraph().add_run(), io.BytesIO(png), height=Mm(5))
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    ooxml.picture(cell, png, 20, 8, descr="a \"b\" & c")
    ids = [e.get("id") for e in doc.element.body.iter(qn("wp:docPr"))]
    assert ids == ["1", "2", "3"]
    assert list(doc.element.body.iter(qn("wp:docPr")))[-1].get("descr") == 'a "b" & c'


TEXTS = ["biasa", " depan", "belakang ", "tab\tdi tengah", "baris\nbaru", "a & <b>"]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("bold,italic,size", [(False, False, None), (True, False, 9), (False, True, None),
                                              (True, True, 7.5), (False, False, 8.25)])
def test_direct_runs_are_python_docx_runs(text, bold, italic, size):
    ours, theirs = Document().add_paragraph(), Document().add_paragraph()
    ooxml.add_run(ours, text, bold=bold, italic=italic, size=size)
    run = theirs.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)


@pytest.mark.parametrize("height,exact,header", [(None, False, False), (12.3, False, True), (7, True, False)])
def test_direct_rows_are_python_docx_rows(height, exact, header):
    widths = [10.0, 33.3, 21.7]
    ours, theirs = ooxml.table(Document(), widths), ooxml.table(Document(), widths)
    ooxml.row(ours, height, exact, header)
    row = theirs.add_row()  # what ooxml.row did with python-docx
    props = row._tr.get_or_add_trPr()
    props.append(ooxml.el("w:cantSplit"))
    if header:
        props.append(ooxml.el("w:tblHeader"))
    if height:
        props.append(ooxml.el("w:trHeight", w_val=ooxml.twips(height), w_hRule="exact" if exact else "atLeast"))
    for cell, width in zip(row.cells, widths):
        cell.width = Mm(width)

    def canonical(tbl):
        return etree.tostring(etree.fromstring(etree.tostring(tbl)), method="c14n")
    assert canonical(ours._tbl) == canonical(theirs._tbl)
