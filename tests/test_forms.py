"""Form definitions, their views, the monitoring sheet and the check tying forms to SOPs."""
from __future__ import annotations

import shutil

import pytest

from casesutil import ROOT, make
from soppress import api
from soppress.cases import load_case
from soppress.checks.diagnostics import Report
from soppress.checks.forms import form_names
from soppress.forms import fill
from soppress.forms.api import blank_documents, filled_document, forms as load_all
from soppress.forms.load import load_forms
from soppress.views.blocks import Cell, FormField, Plain, Table
from soppress.views.form import form_view
from soppress.views.monev import PENILAIAN, monev_view

STANDARD = {"pencatatan-pengaduan", "persetujuan-intervensi", "konsultasi", "survei-kepuasan", "terminasi",
            "lembar-disposisi"}


@pytest.fixture(scope="module")
def forms():
    report = Report()
    result = load_all(ROOT, report)
    assert not report.diagnostics, report.render_text()
    return result


@pytest.fixture(scope="module")
def project():
    return api.check(ROOT)[0]


def fields_of(doc) -> list[FormField]:
    out = []

    def walk(blocks):
        for b in blocks:
            if isinstance(b, FormField):
                out.append(b)
            elif isinstance(b, Table):
                for row in (*b.head, *b.rows):
                    for cell in row:
                        walk(cell.blocks)
    for section in doc.sections:
        walk(section.blocks)
    return out


def cells_of(doc) -> list[Cell]:
    return [c for s in doc.sections for b in s.blocks if isinstance(b, Table) for r in b.rows for c in r]


def test_the_standard_set_is_defined(forms):
    assert set(forms) == STANDARD
    survey = forms["survei-kepuasan"]
    unsur = [i for _, i in survey.fields() if i.nama.startswith("u") and i.nama[1:].isdigit()]
    assert [i.nama for i in unsur] == [f"u{n}" for n in range(1, 10)]
    assert all(len(i.pilihan) == 4 for i in unsur)
    assert unsur[3].pilihan == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]


BROKEN_FORM = """\
nama: Formulir Uji
judul: FORMULIR UJI
bagian:
  - isian:
      - {label: Nama, sumber: korban.0.namaa}
      - {label: Kanal, sumber: kanal, jenis: pilihan, pilihan: [langsung, telepati]}
      - {label: Nama lagi, kunci: korban.0.namaa}
      - {label: Pilih, jenis: pilihan}
      - {label: Tabel, jenis: tabel}
      - {label: X, jenis: kotak}
"""


def test_a_broken_form_is_reported_with_locations(tmp_path):
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "uji.yaml").write_text(BROKEN_FORM, encoding="utf-8")
    report = Report()
    load_forms(tmp_path, report)
    assert str(report.diagnostics[0].pos.file) == "forms/uji.yaml"
    codes = {(d.pos.line, d.code) for d in report.diagnostics}
    assert codes == {(5, "formulir.sumber"), (6, "formulir.pilihan"), (7, "formulir.kunci-ganda"),
                     (8, "formulir.pilihan"), (9, "formulir.kolom"), (10, "skema.pilihan")}
    assert 'maksud Anda "nama"' in next(d.message for d in report.diagnostics if d.code == "formulir.sumber")
    assert "telepati" in next(d.message for d in report.diagnostics if d.pos.line == 6)


def test_check_reports_a_broken_form_file(tmp_path):
    root = tmp_path / "proyek"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build", ".git", "tests", "benchmarks", "docs"))
    (root / "forms" / "uji.yaml").write_text(BROKEN_FORM, encoding="utf-8")
    _, report = api.check(root)
    assert {(str(d.pos.file), d.pos.line, d.code) for d in report.errors} >= {
        ("forms/uji.yaml", 5, "formulir.sumber"), ("forms/uji.yaml", 10, "skema.pilihan")}


def test_blank_views_have_unique_stable_names_and_required_marks(forms, project):
    for key, form in forms.items():
        doc = form_view(form, None, "isian")
        names = [f.name for f in fields_of(doc)]
        assert len(names) == len(set(names)), key
        assert doc.mode == "isian" and not doc.private
        for _, isian in form.fields():
            if isian.jenis != "tabel":
                assert isian.nama in names
    pengaduan = fields_of(form_view(forms["pencatatan-pengaduan"], None, "kosong"))
    by_name = {f.name: f for f in pengaduan}
    assert by_name["korban.0.nama"].required and not by_name["korban.0.nik"].required
    assert by_name["bentuk_kekerasan"].kind == "pilihan_ganda" and len(by_name["bentuk_kekerasan"].options) == 7
    docs = blank_documents(project, forms, None)
    assert len(docs) == 2 * (len(forms) + len(project.sops))


def test_filled_view_carries_the_case_values_as_plain_text(tmp_path, forms, project):
    paths = make(tmp_path / "kasus", 4)
    case = load_case(paths[1], Report())   # an adult with a pelapor
    doc, missing = filled_document(project, forms["pencatatan-pengaduan"], case, None)
    assert doc.private and doc.mode == "terisi" and doc.marking == "RAHASIA"
    by_name = {f.name: f for f in fields_of(doc)}
    assert by_name["korban.0.nama"].value == case.korban[0].nama
    assert isinstance(by_name["korban.0.nama"].value, Plain)
    assert by_name["korban.0.nik"].value == case.korban[0].nik
    assert by_name["kanal"].value == case.kanal
    assert by_name["tanggal_pengaduan"].value == fill.tanggal(case.tanggal_pengaduan)
    assert by_name["korban.0.disabilitas"].value == ("Ya" if case.korban[0].disabilitas else "Tidak")
    assert set(by_name["bentuk_kekerasan"].value) == set(case.bentuk_kekerasan)
    assert by_name["korban.0.usia"].value == str(case.korban[0].usia_pada(case.tanggal_acuan))
    assert all(isinstance(f.value, Plain) or isinstance(f.value, tuple) for f in by_name.values() if f.value)
    assert missing == []
    closed = load_case(paths[3], Report())
    terminasi, _ = filled_document(project, forms["terminasi"], closed, None)
    table_texts = [c.text for c in cells_of(terminasi) if c.text]
    assert table_texts[:3] == ["1.", fill.tanggal(closed.layanan[0].tanggal), closed.layanan[0].jenis]
    assert isinstance(table_texts[2], Plain)
    assert len([t for t in table_texts if t.endswith(".")]) == len(closed.layanan)  # no empty rows when filled


def test_a_missing_required_field_is_named_not_valued(tmp_path, forms, project):
    case = load_case(make(tmp_path / "kasus", 1)[0], Report())
    case.terminasi = None
    _, missing = filled_document(project, forms["terminasi"], case, None)
    assert "Tanggal Terminasi (terminasi.tanggal)" in missing
    assert not any(case.korban[0].nama in m for m in missing)


def test_guardian_consent_is_required_for_a_child_only(tmp_path, forms, project):
    paths = make(tmp_path / "kasus", 2)
    child, adult = (load_case(p, Report()) for p in paths)
    assert child.ada_anak and not adult.ada_anak
    form = forms["persetujuan-intervensi"]
    required = lambda case: {f.name for f in fields_of(form_view(form, None, "isian", case)) if f.required}  # noqa
    assert {"wali_nama", "wali_hubungan", "ttd_wali"} <= required(child)
    assert not {"wali_nama", "wali_hubungan", "ttd_wali"} & required(adult)
    assert {"wali_nama", "ttd_wali"} <= {f.name for f in fields_of(form_view(form, None, "kosong")) if f.required}


def test_monitoring_sheet_has_one_row_per_sop_step(project):
    f = project.sop("hst/01-pengaduan-masyarakat")
    doc = monev_view(f.sop, None, "isian")
    table = doc.sections[0].blocks[-1]
    assert [c.text for c in table.head[1]] == list(PENILAIAN)
    assert len(table.rows) == len(f.sop.langkah)
    assert [r[0].text for r in table.rows] == [str(s.no) for s in f.sop.langkah]
    assert table.rows[0][1].text == f.sop.langkah[0].uraian.strip()
    names = {x.name for x in fields_of(doc)}
    assert {"monev.1.baik", "monev.1.tidak_baik", "monev.1.catatan", "monev.1.tindakan",
            "monev.1.paraf"} <= names


def test_form_names_in_sop_texts():
    known = ["formulir pencatatan dan pengaduan", "registrasi formulir klien"]
    assert form_names("Identitas diri korban, Formulir Registrasi, dll (berkas kasus)") == ["Formulir Registrasi"]
    assert form_names("Formulir Pencatatan dan Pengaduan", known) == ["Formulir Pencatatan dan Pengaduan"]
    assert form_names("Identitas diri korban, formulir registrasi dan dokumen") == ["formulir registrasi"]
    assert form_names("Registrasi Formulir Klien, buku", known) == ["Registrasi Formulir Klien"]
    assert form_names("Pencatatan dan pelaporan sesuai dengan formulir") == []


def test_check_reports_a_form_without_definition_with_the_closest_name(tmp_path):
    root = tmp_path / "proyek"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build", ".git", "tests", "benchmarks", "docs"))
    project, report = api.check(root)
    found = [d for d in report.diagnostics if d.code == "formulir.tidak-ada"]
    assert [(str(d.pos.file), d.pos.line) for d in found] == [("sops/purwakarta/01-rehabilitasi-sosial.yaml", 69)]
    assert '"Formulir Pelayanan"' in found[0].message and found[0].severity == "peringatan"
    (root / "forms" / "konsultasi.yaml").unlink()
    _, report = api.check(root, strict=True)
    missing = [d for d in report.diagnostics if d.code == "formulir.tidak-ada"]
    assert any('"Formulir Konsultasi"' in d.message and d.severity == "galat" for d in missing)
    _, report = api.check(root, ignore=["formulir"])
    assert not [d for d in report.diagnostics if d.code.startswith("formulir")]
