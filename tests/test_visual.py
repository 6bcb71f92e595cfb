"""Visual golden tests: the lanes of rendered flowchart pages compared pixel by pixel.

Each golden is the flowchart's lanes only (from the first lane's left edge to the
last lane's right edge, from the page's first row to its last), at 150 dpi, where a
millimetre is 6 pixels: text columns that reflow with a font update do not drown
the drawing's differences, and a label, an arrowhead or a 1 mm shift changes more
pixels than the limit allows. On a mismatch the actual, expected and difference images are written to
tests/output/visual/. After an intended change, regenerate with
`pytest tests/test_visual.py --update-golden` and look at the new PNGs."""
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from pdfutil import render_page
from soppress.build import build

GOLDEN = Path(__file__).parent / "golden" / "visual"
OUTPUT = Path(__file__).parent / "output" / "visual"
FIXTURES = Path(__file__).parent / "fixtures"
# (name, project, SOP key, index of the flowchart page)
CASES = [
    ("satu-halaman-keputusan", None, "kalteng/02-pengaduan-tidak-langsung", 0),
    ("multi-pelaksana", None, "purwakarta/01-rehabilitasi-sosial", 0),
    ("lintas-halaman-1", "alir", "panjang", 0),
    ("lintas-halaman-2", "alir", "panjang", 1),
]
DPI = 150
PIXEL_THRESHOLD = 20     # grey levels: the join band is 27 below white
MAX_DIFF_PIXELS = 40     # pixels allowed to differ (a rasteriser update); one branch label is ~150


@pytest.fixture(scope="module")
def builds(sample_root, tmp_path_factory):
    out = {}
    for project in {c[1] for c in CASES}:
        root = sample_root if project is None else FIXTURES / project
        target = tmp_path_factory.mktemp(project or "sampel")
        keys = sorted({c[2] for c in CASES if c[1] == project})
        result = build(root, target, formats=["pdf"], only=keys)
        out[project] = (target, result)
    return out


@pytest.mark.parametrize("name, project, key, page", CASES, ids=[c[0] for c in CASES])
def test_page_matches_golden(builds, name, project, key, page, tmp_path, update_golden):
    target, result = builds[project]
    sheet = result.sheets[key]
    page_png = render_page(target / f"{key}.pdf", sheet.plan.page_numbers[page], tmp_path / name, DPI)
    actual = lanes_of(Image.open(page_png).convert("L"), sheet, page)
    expected_png = GOLDEN / f"{name}.png"
    if update_golden or not expected_png.exists():
        if not update_golden:
            pytest.fail(f"no golden image {expected_png}; run pytest --update-golden and review it")
        actual.save(expected_png, optimize=True)
    expected = Image.open(expected_png).convert("L")
    if actual.size != expected.size:
        _keep(name, actual, expected, None)
        pytest.fail(f"{name}: size {actual.size} != golden {expected.size}")
    diff = ImageChops.difference(actual, expected).point(lambda v: 255 if v > PIXEL_THRESHOLD else 0)
    count = diff.histogram()[255]
    if count > MAX_DIFF_PIXELS:
        _keep(name, actual, expected, diff)
        pytest.fail(f"{name}: {count} pixels differ (limit {MAX_DIFF_PIXELS}); see {OUTPUT}")


def lanes_of(page: Image.Image, sheet, index: int) -> Image.Image:
    """The lanes of one flowchart page: the drawing, without the text columns."""
    k = DPI / 25.4
    rows = sheet.layout.pages[index]
    left = sheet.view.page.margin.kiri + sheet.view.cols.lanes_x
    top = sheet.plan.row_tops[rows[0]]
    bottom = sheet.plan.row_tops[rows[-1]] + sheet.plan.row_heights[rows[-1]]
    return page.crop((round(left * k), round(top * k), round((left + sheet.layout.width) * k), round(bottom * k)))


def _keep(name, actual, expected, diff):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    actual.save(OUTPUT / f"{name}.actual.png")
    expected.save(OUTPUT / f"{name}.expected.png")
    if diff is not None:
        diff.save(OUTPUT / f"{name}.diff.png")
