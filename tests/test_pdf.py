"""SOP sheets as PDF and HTML: text where the layout put it, paper, metadata, reproducibility."""
import logging
from pathlib import Path

import pytest
import yaml

from pdfutil import info, page_sizes, page_text, squash
from soppress.build import build

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = ["kalteng/02-pengaduan-tidak-langsung", "purwakarta/01-rehabilitasi-sosial", "hst/04-mediasi",
           "hst/02-penjangkauan-korban"]
F4_LANDSCAPE = (935.43, 609.45)
A4_LANDSCAPE = (841.89, 595.28)


@pytest.fixture(scope="module")
def built(sample_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        result = build(sample_root, out, only=SAMPLES)
    finally:
        logger.removeHandler(handler)
    assert not result.report.errors
    return out, result, records


def test_renderer_logs_no_warning(built):
    _, _, records = built
    assert [r.getMessage()[:200] for r in records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("key", SAMPLES)
def test_every_kegiatan_on_the_page_the_layout_said(built, key):
    out, result, _ = built
    sheet = result.sheets[key]
    pdf = out / f"{key}.pdf"
    layout = sheet.layout
    assert len(sheet.plan.page_numbers) == len(layout.pages) >= 1
    for rows, number in zip(layout.pages, sheet.plan.page_numbers):
        text = squash(page_text(pdf, number))
        for i in rows:
            row = layout.rows[i]
            if row.kind == "bagian":
                expected = row.text
            elif row.kind == "sub":
                expected = row.sub.uraian
            else:
                expected = row.step.uraian or row.step.sub[0].uraian
            assert squash(expected)[:60] in text, f"{key}: row {i} not on page {number}"
    # and each kegiatan is printed whole, nowhere clipped
    all_text = squash("".join(page_text(pdf, n) for n in sheet.plan.page_numbers))
    for step in sheet.view.sop.langkah:
        assert squash(step.uraian) in all_text
        for sub in step.sub:
            assert squash(sub.uraian) in all_text


@pytest.mark.parametrize("key", SAMPLES)
def test_paper_orientation_and_metadata(built, key):
    out, result, _ = built
    sheet = result.sheets[key]
    pdf = out / f"{key}.pdf"
    for w, h in page_sizes(pdf):
        assert (w, h) == pytest.approx(F4_LANDSCAPE, abs=0.1)
    meta = info(pdf)
    assert meta["Title"] == sheet.view.sop.nama
    assert meta["Author"] == sheet.view.author


def test_identity_sheet_text(built):
    out, _, _ = built
    text = page_text(out / "kalteng/02-pengaduan-tidak-langsung.pdf", 1)
    for expected in ["PEMERINTAH PROVINSI KALIMANTAN TENGAH", "061.1/581/UPT-PPA/DP3APPKB", "20 Juli 2022",
                     # the source writes "dr. LINA VICTORIA ADEN"; the sheet prints the registry's spelling
                     "25 Juli 2022", "dr. LINA E VICTORIA ADEN, M.M. Kes", "NIP. 19680717 199903 2 006",
                     "DASAR HUKUM", "KUALIFIKASI PELAKSANA", "Undang-Undang Nomor 39 Tahun 1999"]:
        assert expected in text, expected


def test_summary_table_and_legend(built):
    out, result, _ = built
    sheet = result.sheets["purwakarta/01-rehabilitasi-sosial"]
    pdf = out / "purwakarta/01-rehabilitasi-sosial.pdf"
    n = int(info(pdf)["Pages"])
    text = "".join(page_text(pdf, p) for p in range(sheet.plan.page_numbers[-1], n + 1))
    for heading in ["NO", "PROSEDUR", "PENANGGUNG JAWAB", "WAKTU", "KET", "Kapsul", "Belah ketupat", "Segi lima"]:
        assert heading in text
    assert "Pendamping P2TP2A/Kasi Pencegahan, Pelayanan dan Penguatan Kelembagaan/Kabid" in squash(text) or \
        squash("Pendamping P2TP2A/Kasi Pencegahan, Pelayanan dan Penguatan Kelembagaan/Kabid") in squash(text)


def test_column_index_row_and_headings(built):
    out, result, _ = built
    sheet = result.sheets["hst/04-mediasi"]
    text = page_text(out / "hst/04-mediasi.pdf", sheet.plan.page_numbers[0])
    assert "AKTIVITAS" in text and "PELAKSANAAN" in text and "PERSYARATAN DAN" in text
    assert " ".join(str(i) for i in range(1, 11)) in " ".join(text.split())


def test_off_page_connectors_printed_in_pairs(built):
    out, result, _ = built
    sheet = result.sheets["hst/04-mediasi"]
    assert len(sheet.plan.page_numbers) >= 2
    labels = [c.label for _, c in sheet.layout.connectors]
    assert labels and all(labels.count(l) == 2 for l in labels)


def test_html_output_is_written(built):
    out, _, _ = built
    html = (out / "kalteng/02-pengaduan-tidak-langsung.html").read_text(encoding="utf-8")
    assert "<title>Layanan Pengaduan Tidak Langsung" in html and 'id="r1"' in html


def test_a4_paper_setting(mini_project, tmp_path):
    config = mini_project / "soppress.yaml"
    data = yaml.safe_load(config.read_text())
    data["kertas"] = "A4"
    config.write_text(yaml.safe_dump(data))
    build(mini_project, tmp_path)
    for w, h in page_sizes(tmp_path / "contoh.pdf"):
        assert (w, h) == pytest.approx(A4_LANDSCAPE, abs=0.1)


def test_same_source_same_bytes(mini_project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build(mini_project, tmp_path / "a", formats=["pdf"])
    build(mini_project, tmp_path / "b", formats=["pdf"])
    assert (tmp_path / "a/contoh.pdf").read_bytes() == (tmp_path / "b/contoh.pdf").read_bytes()


def test_only_the_shipped_font_is_embedded(built):
    import subprocess
    out, _, _ = built
    fonts = subprocess.run(["pdffonts", str(out / "kalteng/02-pengaduan-tidak-langsung.pdf")],
                           capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert names <= {"Liberation-Sans", "Liberation-Sans-Bold", "Liberation-Sans-Italic",
                     "Liberation-Sans-BoldItalic"}, names


def test_build_refuses_a_project_with_errors(mini_project, tmp_path):
    sop = mini_project / "sops" / "contoh.yaml"
    sop.write_text(sop.read_text().replace("pelaksana: Kasi Pengaduan", "pelaksana: Kasi X"))
    result = build(mini_project, tmp_path / "out")
    assert result.report.errors and not (tmp_path / "out").exists()


def test_identity_sheet_spilling_onto_a_second_page_is_set_smaller_to_fit_one(sample_root, tmp_path):
    """kalteng/06 on F4: at 9 pt its identity sheet leaves a sliver on page 2; at
    8 pt it fits page 1, and the DOCX takes the same size."""
    from docx import Document
    result = build(sample_root, tmp_path, formats=["pdf", "docx"], only=["kalteng/06-tindak-lanjut-rujukan"])
    sheet = result.sheets["kalteng/06-tindak-lanjut-rujukan"]
    assert sheet.view.identity_pt < 9
    assert {page for page, _ in sheet.plan.identity.values()} == {1}
    assert sheet.plan.page_numbers[0] == 2  # the flowchart right after the one identity page
    word = Document(tmp_path / "kalteng" / "06-tindak-lanjut-rujukan.docx")
    sizes = {run.font.size.pt for cell in word.tables[1].rows[1].cells for p in cell.paragraphs for run in p.runs
             if run.font.size}
    assert sizes == {sheet.view.identity_pt}


@pytest.mark.parametrize("kapital", [True, False])
def test_headings_in_capitals_or_as_written(mini_project, kapital):
    """tampilan.kapital: false keeps the pelaksana headings and the section titles as
    written, in the PDF and the DOCX alike."""
    from docx import Document
    sop = mini_project / "sops" / "contoh.yaml"
    if not kapital:
        sop.write_text(sop.read_text() + "tampilan: {kapital: false}\n")
    result = build(mini_project, formats=["pdf", "docx"], jobs=1)
    assert not result.report.errors and not result.failed
    pdf = " ".join(page_text(mini_project / "build" / "contoh.pdf", n) for n in (1, 2))
    word = Document(mini_project / "build" / "contoh.docx")
    cells = " ".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    for text in (squash(pdf), squash(cells)):  # "Kasi Pengaduan" appears only as a column heading
        assert (squash("KASI PENGADUAN") in text) is kapital and (squash("Kasi Pengaduan") in text) is not kapital
        assert (squash("DASAR HUKUM") in text) is kapital and (squash("Dasar Hukum") in text) is not kapital


def test_identity_sheet_of_three_pages_is_set_smaller_when_that_saves_one(sample_root, tmp_path):
    """hst/01 on F4: at 9 pt its sections break onto three pages (the dasar hukum row
    misses page 1 by 2 mm); a smaller type brings them onto two, never below the floor."""
    from soppress.render.pdf.sop import IDENTITY_FLOOR
    result = build(sample_root, tmp_path, formats=["pdf"], only=["hst/01-pengaduan-masyarakat"])
    sheet = result.sheets["hst/01-pengaduan-masyarakat"]
    assert IDENTITY_FLOOR <= sheet.view.identity_pt < 9
    assert {page for page, _ in sheet.plan.identity.values()} == {1, 2}
    assert sheet.plan.page_numbers[0] == 3  # the flowchart right after the two identity pages
