"""Every view block drawn by both renderers: text by extraction, form fields by
pypdf, the DOCX reopened with python-docx; case values printed literally."""
import io
import re
import subprocess

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from soppress.render.docx.document import to_docx
from soppress.render.html.assets import file_assets
from soppress.render.html.document import to_html
from soppress.render.pdf.document import to_pdf
from soppress.views import blocks as b

PAGE = b.PageSpec(215, 330, 20, 20, 25, 30)
HOSTILE = b.Plain("Nama *Contoh* <script>x</script> {{ 7*7 }}")


def sample(mode: str, marking: str | None = None) -> b.Document:
    blocks = (
        b.Kop("PEMERINTAH KABUPATEN CONTOH", "DINAS SOSIAL", "UPTD PPA", "Jl. Contoh No. 1",
              "letterheads/lambang-contoh.svg"),
        b.Heading(("SURAT PERINTAH TUGAS", "NOMOR 400/12/UPTD-PPA/I/2026")),
        b.Fields((b.FieldRow("Dasar", b.NumberedList((b.ListItem("1.", "Peraturan **Bupati** Contoh"),
                                                      b.ListItem("2.", "Laporan pengaduan")))),
                  b.FieldRow("Kepada", HOSTILE))),
        b.Paragraph("Demikian surat tugas ini dibuat."),
        b.Table((10, 60, 45), head=((b.Cell("No"), b.Cell("Nama"), b.Cell("Jabatan")),),
                rows=((b.Cell("1"), b.Cell(b.Plain("Petugas Satu")), b.Cell("Pendamping")),)),
        b.FormField("korban.0.nama", "Nama lengkap", value="Korban Sintetis", required=True),
        b.FormField("korban.0.jk", "Jenis kelamin", "pilihan", ("Laki-laki", "Perempuan"), value="Perempuan"),
        b.FormField("kronologi", "Kronologi", "paragraf", lines=3, value="Kronologi sintetis."),
        b.FormField("layanan", "Layanan", "pilihan_ganda", ("Kesehatan", "Hukum"), value=("Hukum",)),
        b.Signature("KEPALA DINAS SOSIAL,", "Drs. Contoh Nama", "19680411 199303 1 009", "Pembina (IV/a)",
                    before=("Ditetapkan di\t: Barabai", "pada tanggal\t: 2 Januari 2026")),
        b.Signatures((b.Signature("PIHAK PERTAMA", "Pihak Satu"), b.Signature("MEDIATOR", "Pihak Tiga"))),
        b.PageBreak(),
        b.Paragraph("Halaman kedua."),
    )
    return b.Document("Contoh", [b.Section(PAGE, blocks)], author="UPTD PPA", mode=mode, marking=marking)


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text in reading order (poppler), whitespace folded."""
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout
    return [" ".join(page.decode().split()) for page in out.split(b"\f")[:-1]]


@pytest.fixture(scope="module")
def root(sample_root):
    return sample_root


def test_pdf_holds_every_block_and_the_values_as_typed(root):
    pages = pdf_pages(to_pdf(sample("terisi"), root))
    text = " ".join(pages)
    for expected in ("PEMERINTAH KABUPATEN CONTOH", "UPTD PPA", "SURAT PERINTAH TUGAS", "Peraturan Bupati Contoh",
                     "Nama *Contoh* <script>x</script> {{ 7*7 }}", "Petugas Satu", "Korban Sintetis",
                     "\u25a0 Perempuan", "\u25a1 Laki-laki", "\u25a0 Hukum", "NIP. 19680411 199303 1 009",
                     "Ditetapkan di : Barabai", "Pihak Satu", "Pihak Tiga"):
        assert expected in text, expected
    assert "49" not in text  # a case value is never evaluated as template code
    assert len(pages) == 2 and "Halaman kedua." in pages[1]


def test_page_numbers_follow_tata_naskah_first_page_unnumbered(root):
    data = to_pdf(sample("terisi"), root)
    pages = pdf_pages(data)
    assert "- 1 -" not in pages[0]
    laid_out = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", "-", "-"], input=data,
                              capture_output=True, check=True).stdout.decode()
    first_line = next(line for line in laid_out.splitlines() if line.strip())
    assert re.fullmatch(r"\s+-\s*2\s*-", first_line)  # at the top, above the text, indented (centred)
    assert "- 2 -" in pages[1]


def test_marking_on_every_page(root):
    pages = pdf_pages(to_pdf(sample("terisi", marking="RAHASIA"), root))
    assert all(p.count("RAHASIA") == 2 for p in pages)
    assert all("RAHASIA" not in p for p in pdf_pages(to_pdf(sample("terisi"), root)))


def test_blank_form_shows_no_values_and_empty_boxes(root):
    text = " ".join(pdf_pages(to_pdf(sample("kosong"), root)))
    assert "Korban Sintetis" not in text and "Kronologi sintetis." not in text
    assert "\u25a0" not in text and "\u25a1 Perempuan" in text


def test_fillable_pdf_has_named_fields_of_the_right_type(root):
    fields = PdfReader(io.BytesIO(to_pdf(sample("isian"), root))).get_fields()
    kinds = {name: field.get("/FT") for name, field in fields.items()}
    assert kinds == {"korban.0.nama": "/Tx", "korban.0.jk": "/Ch", "kronologi": "/Tx",
                     "layanan.0": "/Btn", "layanan.1": "/Btn"}


def test_html_escapes_case_values(root):
    html = to_html(sample("terisi"), file_assets(root))
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert "<strong>Bupati</strong>" in html  # source text keeps its inline Markdown


def test_docx_reopens_with_every_block(root):
    word = WordDocument(io.BytesIO(to_docx(sample("terisi", marking="RAHASIA"), root)))
    body = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    everything = body + "\n" + cells
    for expected in ("PEMERINTAH KABUPATEN CONTOH", "SURAT PERINTAH TUGAS", "Peraturan Bupati Contoh",
                     "Nama *Contoh* <script>x</script> {{ 7*7 }}", "Petugas Satu", "Korban Sintetis",
                     "\u25a0 Perempuan", "NIP. 19680411 199303 1 009", "Pihak Tiga", "Halaman kedua."):
        assert expected in everything, expected
    header = "\n".join(p.text for p in word.sections[0].header.paragraphs)
    assert "RAHASIA" in header
    assert word.sections[0].different_first_page_header_footer


def test_docx_blank_form_has_no_values(root):
    word = WordDocument(io.BytesIO(to_docx(sample("kosong"), root)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Korban Sintetis" not in text and "\u25a0" not in text


def test_fillable_pdf_carries_given_values(root):
    """A form filled from a case file for finishing on screen: its fields start with the values."""
    fields = PdfReader(io.BytesIO(to_pdf(sample("isian"), root))).get_fields()
    values = {name: field.get("/V") for name, field in fields.items()}
    assert values["korban.0.nama"] == "Korban Sintetis" and values["kronologi"] == "Kronologi sintetis."
    assert values["korban.0.jk"] == "Perempuan"
    assert values["layanan.1"] not in (None, "/Off") and values["layanan.0"] == "/Off"
