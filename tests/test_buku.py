"""The Keputusan and the SOP book, read back from the PDFs."""
import re
import shutil

import pytest
from click.testing import CliRunner

from libreoffice import DEJAVU_ONLY, convert, needs_soffice
from pdfutil import info, page_sizes, page_text, squash
from soppress.render import peta as peta_module
from soppress.build import build
from soppress.cli import main
from soppress.render.peta import GraphvizMissing

ROMAN = ["I", "II", "III", "IV", "V", "VI"]
LAMPIRAN = ["hst/01-pengaduan-masyarakat", "hst/02-penjangkauan-korban", "hst/03-pengelolaan-kasus",
            "hst/04-mediasi", "hst/05-penampungan-sementara", "hst/06-pendampingan-korban"]


@pytest.fixture(scope="module")
def built(sample_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("buku")
    result = build(sample_root, out, formats=["pdf", "html", "docx"])
    assert not result.report.errors
    if shutil.which("soffice"):  # the DOCX, as LibreOffice lays it out with the package's fonts
        convert([out / "hst" / "keputusan.docx", out / "hst" / "buku-sop.docx"], out / "lo")
    return out, result


def document(out, name, kind):
    """The PDF as built, or the DOCX converted by LibreOffice."""
    if kind == "docx":
        if not shutil.which("soffice"):
            pytest.skip("LibreOffice (soffice) is not installed")
        return out / "lo" / f"{name}.pdf"
    return out / "hst" / f"{name}.pdf"


KINDS = pytest.mark.parametrize("kind", ["pdf", "docx"])


def all_text(pdf, layout=True):
    return [page_text(pdf, n, layout=layout) for n in range(1, int(info(pdf)["Pages"]) + 1)]


@KINDS
def test_keputusan_lists_every_lampiran_from_1(built, kind):
    out, result = built
    pdf = document(out, "keputusan", kind)
    text = " ".join(" ".join(all_text(pdf)).split())
    text = re.sub(r"-\s?\d+\s?- ", "", text)  # page numbers (tata naskah: "- 2 -" at the top)
    text = re.sub(r"[\u2010\u00ad-] (?=[a-z])", "", text)  # words hyphenated at a line end, joined again
    listed = re.findall(r"(\d)\. (Standar Operasional Pela\w+ Layanan [A-Za-z ]+?)(?= \d\. | (?:\d+ )?KE(?:DUA|TIGA))", text)
    assert [int(n) for n, _ in listed] == [1, 2, 3, 4, 5, 6]  # numbered from 1, one line per lampiran
    names = [result.sheets[key].view.sop.nama.replace("Standar Operasional Prosedur ", "") for key in LAMPIRAN]
    for (_, title), name in zip(listed, names):
        assert title.endswith(name), (title, name)  # each title names its SOP
    for ordinal in ("KESATU", "KEDUA"):  # KESATU: the SOPs (Menetapkan holds the title); KEDUA: in force
        assert re.search(rf"{ordinal} ?:", text), ordinal
    assert "NOMOR 78/160/DINSOSPPKBPPPA/2026" in text and "MEMUTUSKAN" in text
    # mengingat 7 cites the TPPO regulation as "Nomor 8 Tahun 2008" (the registry's is 9): a wrong number is
    # printed as written (check warns, rapikan offers the ref:), never silently replaced
    assert "Peraturan Pemerintah Nomor 8 Tahun 2008" in text and "Peraturan Pemerintah Nomor 9 Tahun 2008" not in text
    # UU 23/2004: jenis, nomor and tahun agree, so the registry's citation is printed
    assert "Penghapusan Kekerasan dalam Rumah Tangga" in text
    assert "Drs. H. Syahbidin, M.E" in text and "Dys." not in text              # the registry's spelling
    assert all(w < h for w, h in page_sizes(pdf))  # portrait


def toc(pdf):
    """The daftar isi as (title, page) pairs, read from its page."""
    pages = all_text(pdf)
    index = next(i for i, t in enumerate(pages) if "DAFTAR ISI" in t)
    entries = re.findall(r"^\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", pages[index], re.M)  # title ..... page
    return pages, [(title.strip(), int(number)) for title, number in entries]


@KINDS
def test_daftar_isi_page_numbers_are_the_real_pages(built, kind):
    out, _ = built
    pages, entries = toc(document(out, "buku-sop", kind))
    assert len(entries) == 3 + len(LAMPIRAN)
    expected_heading = {"Keputusan": "KEPUTUSAN KEPALA DINAS", "Penjelasan": "PENJELASAN SINGKAT PENGGUNAAN",
                        "Peta": "PETA KETERKAITAN SOP"}
    for title, number in entries:
        page = pages[number - 1]
        if title.startswith("Lampiran"):
            roman = title.split()[1].rstrip(":")
            assert re.search(rf"LAMPIRAN {roman}\s", page), (title, number)
            assert not re.search(rf"LAMPIRAN {roman}\s", pages[number - 2]), "the entry points at its first page"
        else:
            assert expected_heading[title.split()[0]] in page, (title, number)


@KINDS
def test_every_lampiran_header_and_orientation(built, kind):
    out, _ = built
    pdf = document(out, "buku-sop", kind)
    pages, entries = toc(pdf)
    first_lampiran = min(n for title, n in entries if title.startswith("Peta"))
    headers = [i + 1 for i, t in enumerate(pages) if re.search(r"^\s*LAMPIRAN [IVX]+\s*$", t, re.M)]
    assert len(headers) == len(LAMPIRAN)
    for i, t in enumerate(pages):
        if i + 1 in headers:
            flat = " ".join(t.split())  # the header line by line: NOMOR …, TANGGAL …, TENTANG …
            assert "NOMOR 78/160/DINSOSPPKBPPPA/2026 TANGGAL 1 JANUARI 2026 TENTANG STANDAR" in flat
    sizes = page_sizes(pdf)
    assert all(w < h for w, h in sizes[:first_lampiran - 1])   # cover … penjelasan: portrait
    assert all(w > h for w, h in sizes[first_lampiran - 1:])   # the peta and the lampiran: landscape
    cover = " ".join(pages[0].split())  # the title is set on balanced lines
    assert "TAHUN 2026" in cover and "STANDAR OPERASIONAL PROSEDUR" in cover


def test_lampiran_keep_their_own_pagination_in_the_book(built):
    """The flowchart pages of an SOP hold the same rows in the book as in its own PDF."""
    out, result = built
    sheet = result.sheets["hst/04-mediasi"]
    book = out / "hst" / "buku-sop.pdf"
    pages = [squash(t) for t in all_text(book, layout=False)]
    rows_per_page = [[squash(sheet.layout.rows[i].step.uraian)[:50] for i in rows] for rows in sheet.layout.pages]
    start = next(i for i, t in enumerate(pages) if all(r in t for r in rows_per_page[0]))
    for offset, rows in enumerate(rows_per_page):
        assert all(r in pages[start + offset] for r in rows), offset


def test_peta_keterkaitan(built):
    out, _ = built
    svg = (out / "hst" / "peta-keterkaitan.svg").read_text()
    assert svg.startswith("<?xml") and "<svg" in svg
    for title in ("SOP LAYANAN PENGADUAN", "SOP LAYANAN MEDIASI"):
        assert title in svg
    assert svg.count("di Rumah Sakit") == 1  # one node for an external SOP named by four SOPs
    assert "stroke-dasharray" in svg            # external SOPs are drawn dashed
    whole = (out / "peta-keterkaitan.svg").read_text()
    assert "Layanan Psikologi" in whole and "REHABILITASI SOSIAL" in whole


def test_missing_dot_is_a_clear_message_and_writes_nothing(mini_project, tmp_path, monkeypatch):
    monkeypatch.setattr(peta_module.shutil, "which", lambda name: None)
    with pytest.raises(GraphvizMissing):
        build(mini_project, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(main, ["build", "--proyek", str(mini_project), "--keluaran", str(tmp_path / "o")])
    assert result.exit_code == 1 and "apt-get install graphviz" in result.output
    assert "Traceback" not in result.output


def test_book_docx_reopens_with_its_parts(built):
    from docx import Document
    out, result = built
    doc = Document(out / "hst" / "buku-sop.docx")
    portrait = [s.page_width < s.page_height for s in doc.sections]
    # cover, Keputusan, daftar isi, penjelasan: portrait; the peta and one section per lampiran: landscape
    assert portrait == [True] * 4 + [False] * (1 + len(LAMPIRAN))
    text = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    for key in LAMPIRAN:
        assert result.sheets[key].view.sop.langkah[0].uraian[:40] in text


def test_docx_book_paginates_like_the_pdf_book(built):
    out, _ = built
    pdf, docx = document(out, "buku-sop", "pdf"), document(out, "buku-sop", "docx")
    assert info(docx)["Pages"] == info(pdf)["Pages"]
    assert toc(docx)[1] == toc(pdf)[1]  # the same daftar isi: every part on the same page


@needs_soffice
def test_docx_book_paginates_like_the_pdf_book_without_our_fonts_installed(built, tmp_path):
    """A reader with only DejaVu: the book keeps its pages because it carries its fonts."""
    out, _ = built
    docx = convert([out / "hst" / "buku-sop.docx"], tmp_path, fonts=DEJAVU_ONLY)[0]
    pdf = document(out, "buku-sop", "pdf")
    assert info(docx)["Pages"] == info(pdf)["Pages"]
    assert toc(docx)[1] == toc(pdf)[1]
