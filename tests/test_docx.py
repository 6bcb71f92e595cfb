"""SOP sheets as DOCX: reopened by python-docx, converted by LibreOffice, and
compared with the PDF page by page (same steps on each page, nothing clipped,
every symbol where the PDF has it) by two readers: LibreOffice knowing only the
package's fonts, and LibreOffice knowing only DejaVu (a machine without Arial and
Liberation), which lays the file out right only because the DOCX carries its fonts."""
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from libreoffice import DEJAVU_ONLY, PACKAGE_FONTS, convert, needs_soffice
from pdfutil import info, page_text, render_page, squash
from soppress.build import build

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p.relative_to(ROOT / "sops").with_suffix("").as_posix() for p in (ROOT / "sops").rglob("*.yaml"))
READERS = {"package-fonts": PACKAGE_FONTS, "dejavu-only": DEJAVU_ONLY}
pytestmark = needs_soffice


@pytest.fixture(scope="module")
def built(sample_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("docx")
    results = {}
    for root, keys in ((sample_root, SAMPLES), (FIXTURES / "alir", ["panjang"])):
        result = build(root, out, formats=["pdf", "docx"], only=keys)
        assert not result.report.errors
        results.update(result.sheets)
    flat = out / "flat"  # several units have an "01-…": give LibreOffice unique names
    flat.mkdir()
    for key in results:
        shutil.copy(out / f"{key}.docx", flat / f"{key.replace('/', '__')}.docx")
    return out, flat, results


@pytest.fixture(scope="module", params=list(READERS))
def lo(built, request, tmp_path_factory):
    """The DOCX files as one reader's LibreOffice lays them out (checked: in Liberation Sans)."""
    _, flat, _ = built
    target = tmp_path_factory.mktemp(request.param)
    convert(sorted(flat.iterdir()), target, fonts=READERS[request.param])
    return target


def lo_pdf(lo: Path, key: str) -> Path:
    return lo / f"{key.replace('/', '__')}.pdf"


def row_text(layout, i):
    row = layout.rows[i]
    if row.kind == "bagian":
        return row.text
    if row.kind == "sub":
        return row.sub.uraian
    return row.step.uraian or row.step.sub[0].uraian


@pytest.mark.parametrize("key", SAMPLES + ["panjang"])
def test_docx_reopens_with_every_kegiatan_as_text(built, key):
    out, _, results = built
    doc = Document(out / f"{key}.docx")
    words = squash(" ".join(p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs))
    sheet = results[key]
    for step in sheet.view.sop.langkah:
        assert squash(step.uraian) in words
    assert doc.core_properties.title == sheet.view.sop.nama
    with zipfile.ZipFile(out / f"{key}.docx") as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    svgs = [n for n in media if n.endswith(".svg")]  # the drawings, each beside its PNG (test_docx_vector.py)
    assert svgs and all(n.endswith((".png", ".svg")) for n in media)


@pytest.mark.parametrize("key", SAMPLES + ["panjang"])
def test_libreoffice_pages_hold_the_same_steps_as_the_pdf(built, lo, key):
    out, _, results = built
    sheet = results[key]
    converted = lo_pdf(lo, key)
    assert int(info(converted)["Pages"]) == int(info(out / f"{key}.pdf")["Pages"])
    for rows, number in zip(sheet.layout.pages, sheet.plan.page_numbers):
        text = squash(page_text(converted, number))
        for i in rows:
            assert squash(row_text(sheet.layout, i))[:60] in text, f"{key}: row {i} not on page {number}"
    everything = squash("".join(page_text(converted, n) for n in sheet.plan.page_numbers))
    for step in sheet.view.sop.langkah:  # nothing clipped: every kegiatan whole
        assert squash(step.uraian) in everything
        for sub in step.sub:
            assert squash(sub.uraian) in everything
    labels = [c.label for _, c in sheet.layout.connectors]
    assert all(labels.count(label) == 2 for label in labels)


def _best_shift(ours: Image.Image, theirs: Image.Image, box, reach: int) -> tuple[int, int]:
    """The (dx, dy) in pixels that best lays the LibreOffice crop over ours."""
    from PIL import ImageChops
    target = ours.crop(box)
    best = None
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            moved = theirs.crop((box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy))
            hist = ImageChops.difference(target, moved).histogram()
            score = sum(i * n for i, n in enumerate(hist))
            if best is None or score < best[0]:
                best = (score, dx, dy)
    return best[1], best[2]


def test_symbols_sit_in_their_cells_as_in_the_pdf(built, lo, tmp_path):
    """Multi-page SOP with a backward decision and joint steps. Each page of the
    LibreOffice rendering is registered on the table's heading rows (no drawing
    there); relative to the table, every symbol is within 1 mm of where the PDF
    has it, so it sits in its pelaksana's cell. The table itself may sit at most
    2 mm away from the PDF's."""
    out, _, results = built
    sheet = results["panjang"]
    dpi = 100
    px = dpi / 25.4
    margin = sheet.view.page.margin
    left = margin.kiri + sheet.view.cols.lanes_x
    deltas, pages = [], []
    for rows, number in zip(sheet.layout.pages, sheet.plan.page_numbers):
        ours = Image.open(render_page(out / "panjang.pdf", number, tmp_path / f"w{number}", dpi)).convert("L")
        theirs = Image.open(render_page(lo_pdf(lo, "panjang"), number, tmp_path / f"l{number}", dpi)).convert("L")
        assert ours.size == theirs.size
        top = sheet.plan.row_tops[rows[0]]
        heading = (round(margin.kiri * px), round((top - sum(sheet.plan.header_heights)) * px),
                   round((margin.kiri + sum(sheet.view.cols.all)) * px), round(top * px))
        page_dx, page_dy = _best_shift(ours, theirs, heading, reach=round(3 * px))
        pages.append((number, page_dx / px, page_dy / px))
        for i in rows:
            node = sheet.layout.rows[i].node
            if node is None:
                continue
            cy = sheet.plan.row_tops[i] + sheet.plan.row_heights[i] / 2
            for s in node.symbols:
                lane = sheet.layout.lanes[s.lane]
                box = (round((left + lane.x + 0.8) * px), round((cy - s.h / 2 - 1.5) * px),
                       round((left + lane.x + lane.w - 0.8) * px), round((cy + s.h / 2 + 1.5) * px))
                dx, dy = _best_shift(ours, theirs, box, reach=round(3 * px))
                deltas.append((i, s.lane, round((dx - page_dx) / px, 2), round((dy - page_dy) / px, 2)))
    assert len(deltas) >= 12
    assert [d for d in deltas if abs(d[2]) > 1 or abs(d[3]) > 1] == [], deltas  # mm, relative to the table
    assert all(abs(dx) <= 2 and abs(dy) <= 2 for _, dx, dy in pages), pages


def test_ooxml_properties_in_schema_order(built):
    """Word offers to repair a file whose property elements are out of order."""
    from docx.oxml.ns import qn
    from soppress.render.docx.ooxml import ORDER
    out, _, results = built
    for key in results:
        body = Document(out / f"{key}.docx").element.body
        for kind, order in ORDER.items():
            rank = {qn(f"w:{tag}"): i for i, tag in enumerate(order)}
            for props in body.iter(qn(f"w:{kind}")):
                ranks = [rank[child.tag] for child in props if child.tag in rank]
                assert ranks == sorted(ranks), (key, kind, [child.tag for child in props])
                assert all(child.tag in rank for child in props), (key, kind)


def test_project_template_overrides_the_default(mini_project, tmp_path):
    from soppress.render.docx.template import TEMPLATE
    (mini_project / "templates").mkdir()
    own = Document(TEMPLATE)
    own.styles["Normal"].font.name = "Bookman Old Style"
    own.sections[0].footer.paragraphs[0].runs[0].text = "Dinas Contoh — {{ nomor }} · hal. "
    own.save(mini_project / "templates" / "sop.docx")
    build(mini_project, tmp_path, formats=["pdf", "docx"])
    doc = Document(tmp_path / "contoh.docx")
    assert doc.styles["Normal"].font.name == "Bookman Old Style"
    assert doc.sections[0].footer.paragraphs[0].text.startswith("Dinas Contoh — 400/001/UPTD-PPA/2026")
    assert any("Layanan Pengaduan Langsung" in c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_template_without_isi_is_a_clear_error(mini_project, tmp_path):
    from soppress.render.docx.template import TEMPLATE
    (mini_project / "templates").mkdir()
    own = Document(TEMPLATE)
    for paragraph in own.paragraphs:
        if "{{ isi }}" in paragraph.text:
            paragraph.text = "tanpa isi"
    own.save(mini_project / "templates" / "sop.docx")
    result = build(mini_project, tmp_path, formats=["docx"])  # a failed document is reported, not raised
    (message,) = [m for name, m in result.failed if name == "contoh"]
    assert "isi" in message and not (tmp_path / "contoh.docx").exists()
