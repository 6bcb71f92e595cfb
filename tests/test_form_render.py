"""Every standard form rendered blank, fillable and filled (PDF and DOCX) with the block
renderers; filled values checked in the extracted text and in the reopened DOCX."""
from __future__ import annotations

import io

import pytest
from docx import Document as Word
from pypdf import PdfReader

from casesutil import ROOT, make
from soppress import api
from soppress.cases import load_case
from soppress.checks.diagnostics import Report
from soppress.forms import fill
from soppress.forms.api import blank_documents, filled_document, forms as load_all, project_kop
from soppress.forms.output import render


@pytest.fixture(scope="module")
def setting():
    project = api.check(ROOT)[0]
    return project, load_all(ROOT, Report()), project_kop(project, "hst")


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    word = Word(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return " ".join(" ".join(parts).split())


def test_every_blank_form_renders_in_both_formats(setting):
    project, forms, kop = setting
    for name, doc in blank_documents(project, forms, kop):
        if name.startswith("monev/") and "hst-01" not in name:
            continue
        pdf = render(doc, "pdf", ROOT)
        reader = PdfReader(io.BytesIO(pdf))
        assert 1 <= len(reader.pages) <= 4, name
        assert ("/AcroForm" in reader.trailer["/Root"]) == (doc.mode == "isian"), name
        if doc.mode == "kosong":
            assert doc.title.split()[0].upper() in docx_text(render(doc, "docx", ROOT)).upper(), name


def test_filled_forms_show_the_case_values(tmp_path, setting):
    project, forms, kop = setting
    case = load_case(make(tmp_path / "kasus", 2)[1], Report())
    doc, _ = filled_document(project, forms["pencatatan-pengaduan"], case, kop)
    expected = [case.korban[0].nama, case.korban[0].nik, case.nomor_register, case.kanal,
                fill.tanggal(case.tanggal_pengaduan), case.terlapor[0].hubungan]
    pdf, word = pdf_text(render(doc, "pdf", ROOT)), docx_text(render(doc, "docx", ROOT))
    for value in expected:
        assert value in pdf, value
        assert value in word, value
    assert "RAHASIA" in pdf
