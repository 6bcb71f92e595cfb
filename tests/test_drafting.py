"""Tata naskah: the Keputusan and its lampiran printed in the correct form, and the
old form's mistakes found by `check` (seed 002)."""
import re
import shutil
import subprocess

import pytest
from docx import Document as WordDocument

from soppress.api import check
from soppress.build import build
from soppress.checks.drafting import matches_pattern

HST = [f"hst/{k}" for k in ("01-pengaduan-masyarakat", "02-penjangkauan-korban", "03-pengelolaan-kasus",
                             "04-mediasi", "05-penampungan-sementara", "06-pendampingan-korban")]


def text(pdf, layout=False, mode="-raw") -> str:
    """``mode``: pdftotext's -raw (content-stream order) by default; None for its reading order."""
    flags = ["-layout"] if layout else [mode] if mode else []
    return subprocess.run(["pdftotext", *flags, str(pdf), "-"], capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def built(sample_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("naskah")
    result = build(sample_root, out, formats=["pdf", "docx"])
    assert not result.report.errors
    return out


def test_menetapkan_holds_the_title_and_kesatu_the_substance(built):
    flat = " ".join(text(built / "hst" / "keputusan.pdf").split())
    assert re.search(r"Menetapkan : KEPUTUSAN KEPALA DINAS SOSIAL .* TENTANG STANDAR OPERASIONAL PROSEDUR", flat)
    kesatu = flat[flat.index("KESATU :"):flat.index("KEDUA :")]
    assert "tercantum dalam Lampiran I sampai dengan Lampiran VI yang merupakan bagian tidak terpisahkan dari " \
           "Keputusan ini" in kesatu
    assert "Standar Operasional Pelayanan Layanan Pendampingan Korban" in kesatu


@pytest.mark.parametrize("key", HST)
def test_every_lampiran_has_its_header_lines_and_ends_with_the_signature(built, key):
    # reading order: in content-stream order a page's list markers may come before its text
    lines = [line.strip() for line in text(built / f"{key}.pdf", mode=None).splitlines() if line.strip()]
    roman = ["I", "II", "III", "IV", "V", "VI"][HST.index(key)]
    assert lines[0] == f"LAMPIRAN {roman}"
    assert lines[1].startswith("KEPUTUSAN KEPALA DINAS SOSIAL")
    assert any(line == "NOMOR 78/160/DINSOSPPKBPPPA/2026" for line in lines[:8])
    assert any(line == "TANGGAL 1 JANUARI 2026" for line in lines[:8])
    assert any(line.startswith("TENTANG STANDAR OPERASIONAL PROSEDUR") for line in lines[:8])
    tail = [line for line in lines if "hal." not in line][-4:]  # the page footer aside
    assert tail[-1] == "NIP. 19720804 199203 1 004" and tail[-2] == "Drs. H. Syahbidin, M.E"
    assert tail[-4].startswith("KEPALA DINAS SOSIAL PPKB PPPA")


def test_enacted_sop_takes_the_keputusan_date_as_tanggal_efektif(built):
    first = text(built / "hst" / "01-pengaduan-masyarakat.pdf").split("\f")[0]
    assert "Tanggal Efektif 1 Januari 2026" in " ".join(first.split())


def test_naskah_pages_numbered_as_tata_naskah_in_pdf_and_docx(built):
    pages = text(built / "hst" / "keputusan.pdf", layout=True).split("\f")[:-1]
    first_lines = [next(line for line in page.splitlines() if line.strip()) for page in pages]
    assert not re.fullmatch(r"\s*-\s?1\s?-\s*", first_lines[0])                # the kop page: unnumbered
    assert all(re.fullmatch(rf"\s+-\s?{n}\s?-", line) for n, line in enumerate(first_lines[1:], start=2))
    word = WordDocument(built / "hst" / "keputusan.docx")
    section = word.sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element.xml
    assert 'PAGE' in header and "- " in "".join(t.text or "" for t in section.header._element.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert section.header.paragraphs[0].alignment == 1  # centred
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert not "".join(p.text for p in section.footer.paragraphs).strip()


def test_old_keputusan_form_is_found(sample_root, tmp_path):
    root = tmp_path / "proyek"
    shutil.copytree(sample_root, root, ignore=shutil.ignore_patterns("build", ".venv", ".git", "tests"))
    kep = root / "keputusan" / "hst.yaml"
    source = kep.read_text(encoding="utf-8")
    old = ('menetapkan: ""\ndiktum:\n  - Keputusan Kepala Dinas Sosial Pengendalian Penduduk Keluarga Berencana '
           "Pemberdayaan Perempuan dan Perlindungan Anak Kabupaten Hulu Sungai Tengah tentang Standar Operasional "
           "Prosedur Pelayanan Publik pada Unit Pelaksana Teknis Daerah Perlindungan Perempuan dan Anak\n"
           "  - {teks: \"Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU meliputi:\", "
           "daftar_sop: true}\n")
    kep.write_text(source.replace("diktum:\n  - daftar_sop: true\n", old), encoding="utf-8")
    _, report = check(root)
    codes = {d.code for d in report.diagnostics if str(d.pos.file) == "keputusan/hst.yaml"}
    assert {"keputusan.menetapkan-kosong", "keputusan.diktum-judul", "keputusan.menimbang-jenis",
            "mengingat.tak-seragam"} <= codes


@pytest.mark.parametrize("nomor, ok", [
    ("78/160/DINSOSPPKBPPPA/2026", True), ("10/160 /Dinas/2026", True), ("70 / 10 / 01 / 2026", True),
    ("70 / No / Dinkes / PPA / 2026", False), ("70 / 2026 / 2026", False), ("78 / 60 / 11 / 2026 / 2026", False),
    ("10/160/Dinas/26", False)])
def test_nomor_pattern(nomor, ok):
    assert matches_pattern(nomor, "{angka}/{angka}/{teks}/{tahun}") is ok


def test_sample_lambang_is_warned_about(mini_project):
    kop = mini_project / "letterheads" / "uji.yaml"
    shutil.copy(kop.parent / "lambang-uji.svg", kop.parent / "lambang-contoh.svg")
    kop.write_text(kop.read_text().replace("lambang-uji.svg", "lambang-contoh.svg"))
    _, report = check(mini_project)
    found = [d for d in report.diagnostics if d.code == "kop.lambang-contoh"]
    assert len(found) == 1 and str(found[0].pos.file) == "letterheads/uji.yaml" and found[0].pos.line > 1


def test_docx_has_named_styles_indonesian_language_and_build_properties(built):
    word = WordDocument(built / "hst" / "buku-sop.docx")
    used = {p.style.name for p in word.paragraphs}
    cells = {p.style.name for t in word.tables for r in t.rows for c in r.cells for p in c.paragraphs}
    assert {"Heading 1", "Isi"} <= used and {"Teks SOP", "Teks Tabel"} <= cells
    assert "Normal" not in used | cells  # every paragraph has a named style
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert {"DAFTAR ISI", "PENJELASAN SINGKAT PENGGUNAAN", "LAMPIRAN I", "LAMPIRAN VI"} <= set(headings)
    lang = word.styles.element.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang")
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "id-ID"
    props = word.core_properties
    assert props.title == "STANDAR OPERASIONAL PROSEDUR PELAYANAN PUBLIK" and props.language == "id-ID"
    assert props.author.startswith("DINAS SOSIAL") and props.subject.startswith("KEPUTUSAN KEPALA DINAS")
    assert props.created.year != 2013 and props.comments == ""  # not the template's leftovers
    sop = WordDocument(built / "hst" / "01-pengaduan-masyarakat.docx").core_properties
    assert sop.author == "UNIT PELAKSANA TEKNIS DAERAH PERLINDUNGAN PEREMPUAN DAN ANAK"  # the unit


def test_pdf_metadata(built):
    meta = subprocess.run(["pdfinfo", str(built / "hst" / "keputusan.pdf")], capture_output=True, text=True).stdout
    assert "Subject:" in meta and "Keywords:" in meta and "CreationDate:" in meta
    from pypdf import PdfReader
    assert PdfReader(built / "hst" / "keputusan.pdf").trailer["/Root"]["/Lang"] == "id"


def test_docx_book_peta_is_a_vector_with_a_png_fallback(built):
    import zipfile
    with zipfile.ZipFile(built / "hst" / "buku-sop.docx") as z:
        svgs = [n for n in z.namelist() if n.endswith(".svg")]
        document = z.read("word/document.xml").decode()
        peta = [n for n in svgs if b'class="graph"' in z.read(n)]  # graphviz's; the others are flowchart lanes
        assert len(peta) == 1 and z.read(peta[0]).lstrip().startswith(b"<?xml")
        assert "asvg:svgBlip" in document and 'uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"' in document
        assert 'image/svg+xml' in z.read("[Content_Types].xml").decode()


def test_status_shows_the_keputusan_date_for_an_enacted_sop(sample_root):
    import datetime as dt
    from soppress.checks.review import review_status
    project, _ = check(sample_root)
    rows = {r.sop: r for r in review_status(project, dt.date(2026, 12, 2))}
    assert rows["hst/01-pengaduan-masyarakat"].efektif == "1 Januari 2026"
    assert rows["hst/01-pengaduan-masyarakat"].kaji_ulang == "2027-01-01"
