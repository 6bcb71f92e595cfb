"""A fillable PDF, completed programmatically with pypdf, reads back into the case file."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from casesutil import ROOT, make
from soppress.cases import load_case
from soppress.checks.diagnostics import Report
from soppress.cli import main
from soppress.forms import fill
from soppress.forms.api import forms as load_all
from soppress.forms.output import render
from soppress.forms.readback import convert, pdf_values, read_back
from soppress.views.form import form_view
from test_forms import fields_of


@pytest.fixture(scope="module")
def forms():
    return load_all(ROOT, Report())


def fillable_pdf(doc, target: Path) -> Path:
    """The fillable PDF as ``soppress formulir cetak`` draws it (mode isian)."""
    target.write_bytes(render(doc, "pdf", ROOT))
    return target


def complete(blank: Path, doc, target: Path) -> Path:
    """Fill the PDF with pypdf as staff would: the values the view shows for the case."""
    values = {}
    for f in fields_of(doc):
        if f.value is None:
            continue
        options = ("Ya", "Tidak") if f.kind == "ya_tidak" else f.options
        if f.kind in ("pilihan", "ya_tidak"):
            values[f.name] = TextStringObject(f.value)                     # a choice list: the option
        elif f.kind == "pilihan_ganda":
            values.update({f"{f.name}.{i}": NameObject("/on") for i, o in enumerate(options) if o in f.value})
        else:
            values[f.name] = TextStringObject(str(f.value))
    writer = PdfWriter(clone_from=PdfReader(blank))
    for field in writer._root_object["/AcroForm"]["/Fields"]:
        obj = field.get_object()
        if obj.get("/T") in values:
            obj[NameObject("/V")] = values[obj["/T"]]
    writer.write(target)
    return target


def test_a_completed_pdf_reads_back_into_equal_case_values(tmp_path, forms):
    case = load_case(make(tmp_path / "asal", 2)[1], Report())
    form = forms["pencatatan-pengaduan"]
    blank = fillable_pdf(form_view(form, None, "isian"), tmp_path / "kosong.pdf")
    types = {name: f.get("/FT") for name, f in PdfReader(blank).get_fields().items()}
    assert types["korban.0.nama"] == "/Tx" and types["kronologi"] == "/Tx"
    assert types["kanal"] == "/Ch" and types["korban.0.disabilitas"] == "/Ch"
    assert types["bentuk_kekerasan.0"] == types["bentuk_kekerasan.6"] == "/Btn"
    expected = {f.name for f in fields_of(form_view(form, None, "isian")) if f.kind != "tanda_tangan"}
    expected = {n for n in expected if n != "bentuk_kekerasan"} | {f"bentuk_kekerasan.{i}" for i in range(7)}
    assert set(types) == expected
    done = complete(blank, form_view(form, None, "isian", case), tmp_path / "terisi.pdf")
    report = Report()
    result = read_back(form, pdf_values(done), done, report)
    assert not report.diagnostics, report.render_text()
    back = result.kasus
    for _, isian in form.fields():
        if isian.sumber:
            assert fill.get(back, isian.sumber) == fill.get(case, isian.sumber), isian.sumber
    assert "korban.0.nama" in result.diambil and case.korban[0].nama not in " ".join(result.diambil)


def test_baca_command_merges_into_the_private_case_file(tmp_path, forms):
    folder = tmp_path / "kasus"
    path = make(folder, 4)[3]          # a closed case: terminasi and layanan
    case = load_case(path, Report())
    form = forms["terminasi"]
    doc = form_view(form, None, "isian", case)
    done = complete(fillable_pdf(form_view(form, None, "isian"), tmp_path / "k.pdf"), doc, tmp_path / "t.pdf")
    # staff change the terminasi's text in the PDF; everything else in the case file stays
    writer = PdfWriter(clone_from=PdfReader(done))
    for field in writer._root_object["/AcroForm"]["/Fields"]:
        if field.get_object().get("/T") == "terminasi.keterangan":
            field.get_object()[NameObject("/V")] = TextStringObject("alasan baru Zuzuba")
    writer.write(done)
    path.chmod(0o644)
    result = CliRunner().invoke(main, ["formulir", "baca", str(done), "--formulir", "Formulir Terminasi",
                                       "--kasus", str(folder), "--proyek", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "terminasi.keterangan" in result.output and "layanan.0.tanggal" in result.output
    assert "Zuzuba" not in result.output and case.korban[0].nama not in result.output
    merged = load_case(path, Report())
    assert merged.terminasi.keterangan == "alasan baru Zuzuba"
    assert merged.korban == case.korban and merged.kronologi == case.kronologi
    assert merged.layanan[0].jenis == case.layanan[0].jenis
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_an_unreadable_field_is_named_and_nothing_is_written(tmp_path, forms):
    folder = tmp_path / "kasus"
    form = forms["pencatatan-pengaduan"]
    blank = fillable_pdf(form_view(form, None, "isian"), tmp_path / "kosong.pdf")
    writer = PdfWriter(clone_from=PdfReader(blank))
    for field in writer._root_object["/AcroForm"]["/Fields"]:
        obj = field.get_object()
        value = {"nomor_register": "009-UJI", "korban.0.tanggal_lahir": "31 Zuzuba 2010",
                 "korban.0.nama": "Qopaxi Venuro"}.get(obj.get("/T"))
        if value:
            obj[NameObject("/V")] = TextStringObject(value)
    writer.write(tmp_path / "isi.pdf")
    result = CliRunner().invoke(main, ["formulir", "baca", str(tmp_path / "isi.pdf"), "--formulir",
                                       "pencatatan-pengaduan", "--kasus", str(folder), "--proyek", str(ROOT)])
    assert result.exit_code == 1
    assert '"korban.0.tanggal_lahir"' in result.output and '"tanggal_pengaduan" wajib diisi' in result.output
    for secret in ("Zuzuba", "Qopaxi", "Venuro"):
        assert secret not in result.output
    assert not list(folder.glob("*.yaml"))


def test_radio_groups_and_tick_boxes_of_other_producers():
    """weasyprint radio groups export the option's index; a lone tick box /on or /Off."""
    assert convert("pilihan", "/1", ["Laki-laki", "Perempuan"], {}, "x") == "Perempuan"
    assert convert("pilihan", "perempuan", ["Laki-laki", "Perempuan"], {}, "x") == "Perempuan"
    assert convert("ya_tidak", "/0", [], {}, "x") is True and convert("ya_tidak", "/1", [], {}, "x") is False
    assert convert("ya_tidak", "/on", [], {}, "x") is True and convert("ya_tidak", "/Off", [], {}, "x") is None
    ticks = {"x.0": "/on", "x.1": "/Off", "x.2": "/on"}
    assert convert("pilihan_ganda", None, ["A", "B", "C"], ticks, "x") == ["A", "C"]
    for written in ("05-01-2026", "5 Januari 2026", "2026-01-05"):
        assert convert("tanggal", written, [], {}, "x") == "2026-01-05"
    with pytest.raises(ValueError):
        convert("pilihan", "/7", ["A", "B"], {}, "x")


def test_table_rows_left_empty_between_filled_rows_are_dropped(tmp_path, forms):
    case = load_case(make(tmp_path / "asal", 4)[3], Report())
    base = case.model_dump(mode="json", exclude_none=True)
    values = {"layanan.0.tanggal": "2026-02-01", "layanan.0.jenis": "Kesehatan",
              "layanan.2.tanggal": "2026-02-03", "layanan.2.jenis": "Mediasi"}
    report = Report()
    result = read_back(forms["terminasi"], values, tmp_path / "x.pdf", report, base)
    assert not report.errors, report.render_text()
    assert [(str(l.tanggal), l.jenis) for l in result.kasus.layanan] == [("2026-02-01", "Kesehatan"),
                                                                          ("2026-02-03", "Mediasi")]
