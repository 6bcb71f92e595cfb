"""Every default letter drawn by both renderers: filled values by PDF text extraction
and by reopening the DOCX; the redacted PDF holds none of the redacted values."""
import io
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from letters_data import SECRETS, case_data
from soppress.checks.diagnostics import Report
from soppress.letters.build import buat_surat
from soppress.letters.nomor import Register
from soppress.letters.setup import LetterSetup
from soppress.render.docx.document import to_docx
from soppress.render.pdf.document import to_pdf
from soppress.sources.project import load_project
from test_letters import KINDS, _identifying

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("proyek")
    for name in ("letterheads", "registri", "letters"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "soppress.yaml", root)
    return LetterSetup.of_project(load_project(root, Report()))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    doc = WordDocument(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)
    for table in doc.tables:
        cells(table)
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


@pytest.mark.parametrize("jenis", KINDS)
def test_letter_in_pdf_and_docx(setup, tmp_path, jenis):
    reg = Register(tmp_path / "r.jsonl")
    doc = buat_surat(setup, jenis, "hst", case_data(), reg)
    nomor = reg.entri()[-1].nomor
    expected = [nomor, "REG-2026-0007", "19720804 199203 1 004" if jenis not in ("berita-acara-mediasi", "perjanjian-mediasi") else
                "19850115 201001 2 003"]
    if jenis in ("rujukan", "rumah-perlindungan"):
        expected += [SECRETS["korban"], SECRETS["korban_nik"], "Yth. Kepala Rumah Sakit Umum Daerah Contoh"]
    if jenis in ("berita-acara-mediasi", "perjanjian-mediasi", "kesepakatan-layanan", "serah-terima"):
        expected.append("Pada hari ini Minggu tanggal sebelas bulan Januari tahun dua ribu dua puluh enam")
    pdf, docx = pdf_text(to_pdf(doc, setup.root)), docx_text(to_docx(doc, setup.root))
    for value in expected:
        assert squash(value) in squash(pdf), (value, "pdf")
        assert squash(value) in squash(docx), (value, "docx")
    if doc.marking:
        assert "RAHASIA" in pdf


@pytest.mark.parametrize("jenis", ["rujukan", "berita-acara-mediasi"])
def test_redacted_pdf_holds_no_identifying_value(setup, tmp_path, jenis):
    doc = buat_surat(setup, jenis, "hst", case_data(), Register(tmp_path / "r.jsonl"), samarkan=True)
    for text in (pdf_text(to_pdf(doc, setup.root)), docx_text(to_docx(doc, setup.root))):
        flat = squash(text).lower()
        for key, value in SECRETS.items():
            for shown in _identifying(key, value):
                assert squash(shown).lower() not in flat, key
