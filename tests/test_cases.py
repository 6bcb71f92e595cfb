"""Case files: the model, the synthetic samples, and validation that names fields, never values."""
from __future__ import annotations

import json
import stat
import typing
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from casesutil import ROOT, make, personal_values
from soppress.cases import load_case, load_cases
from soppress.cases import model as m
from soppress.checks.diagnostics import Report
from soppress.cli import main


@pytest.fixture
def cases(tmp_path) -> list[Path]:
    return make(tmp_path / "kasus")


def test_samples_are_private_synthetic_deterministic_and_cover_every_category(tmp_path, cases):
    folder = cases[0].parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in cases)
    again = make(tmp_path / "lagi")
    assert [p.read_text() for p in cases] == [p.read_text() for p in again]  # seeded
    report = Report()
    loaded = [c.kasus for c in load_cases(folder, report)]
    assert not report.diagnostics and all(loaded)
    assert all(k.nik.startswith("990000") for c in loaded for k in c.korban)
    assert {c.ada_anak for c in loaded} == {True, False}
    seen = {f: set() for f in ("kanal", "tempat_kejadian", "status")}
    for c in loaded:
        for f in seen:
            seen[f].add(getattr(c, f))
    assert seen["kanal"] == set(typing.get_args(m.Kanal))
    assert seen["tempat_kejadian"] == set(typing.get_args(m.TempatKejadian))
    assert seen["status"] == set(typing.get_args(m.Status))
    assert {b for c in loaded for b in c.bentuk_kekerasan} == set(typing.get_args(m.BentukKekerasan))
    assert {t.hubungan for c in loaded for t in c.terlapor} == set(typing.get_args(m.HubunganPelaku))


def _case(**changes) -> m.Kasus:
    data = {"nomor_register": "1", "tanggal_pengaduan": "2026-03-10", "tanggal_kejadian": "2026-03-01",
            "kanal": "langsung", "korban": [{"nama": "Zuba Kule", "tanggal_lahir": "2008-03-01"}],
            "bentuk_kekerasan": ["Fisik"], "tempat_kejadian": "Sekolah"}
    data.update(changes)
    return m.Kasus.model_validate(data)


def test_a_child_is_under_18_on_the_date_of_the_incident():
    # 18th birthday on the incident date: an adult, though a child a day before
    assert _case().ada_anak is False
    assert _case(tanggal_kejadian="2026-02-28").ada_anak is True
    # without an incident date, the complaint date counts
    assert _case(tanggal_kejadian=None, tanggal_pengaduan="2026-02-28").ada_anak is True
    # only an age recorded
    assert _case(korban=[{"nama": "Zuba", "usia": 17}]).ada_anak is True
    assert _case(korban=[{"nama": "Zuba", "usia": 18}]).ada_anak is False
    # age unknown: treated as a child (consent of a guardian asked for, the safe side)
    assert _case(korban=[{"nama": "Zuba"}]).ada_anak is True
    case = _case(korban=[{"nama": "Zuba", "tanggal_lahir": "2020-06-01"}])
    assert case.kelompok_usia(case.korban[0]) == "0-5"


BROKEN = """\
nomor_register: 001-CONTOH
tanggal_pengaduan: 2026-02-30
kanal: Kanal Rahasia Zuzuba
korban:
  - nama: Zuzuba Lemiro
    tanggal_lahir: 20x5-01-01
    jenis_kelamin: Perempuan Zuzuba
    nik: "12345 Zuzuba"
    Zuzuba Lemiro: Qopaxi Venuro
    usia: tujuh belas Zuzuba
bentuk_kekerasan: [Fisik, Pukulan Zuzuba]
tempat_kejadian: Rumah Zuzuba
status: selesai Zuzuba
terminasi: {tanggal: 2026-01-01, jenis: Terminasi Zuzuba}
"""
SECRETS = ["Zuzuba", "Lemiro", "Qopaxi", "Venuro", "2026-02-30", "20x5", "12345", "tujuh belas"]


def test_messages_locate_every_problem_and_never_echo_a_value(tmp_path):
    path = tmp_path / "kasus.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    report = Report()
    assert load_case(path, report) is None
    text = report.render_text()
    for secret in SECRETS:
        assert secret not in text, secret
    lines = {d.pos.line: d.message for d in report.diagnostics}
    assert "tanggal_pengaduan" in lines[2] and "kanal" in lines[3] and '"langsung"' in lines[3]
    assert "korban.0.tanggal_lahir" in lines[6] and "korban.0.jenis_kelamin" in lines[7]
    assert "korban.0" in lines[9] and "korban.0.usia" in lines[10]
    assert "bentuk_kekerasan.1" in lines[11] and "terminasi.jenis" in lines[14]


def test_a_duplicate_key_and_cross_field_rules_are_reported_without_values(tmp_path):
    path = tmp_path / "kasus.yaml"
    path.write_text("nomor_register: 1\nZuzuba Lemiro: a\nZuzuba Lemiro: b\n", encoding="utf-8")
    report = Report()
    load_case(path, report)
    assert report.errors and "Zuzuba" not in report.render_text()
    path.write_text(yaml.safe_dump({"nomor_register": "1", "tanggal_pengaduan": "2026-01-01",
                                    "tanggal_kejadian": "2026-02-01", "kanal": "langsung",
                                    "korban": [{"nama": "Zuzuba Lemiro"}],
                                    "bentuk_kekerasan": ["Fisik"], "tempat_kejadian": "Sekolah",
                                    "status": "selesai"}), encoding="utf-8")
    report = Report()
    load_case(path, report)
    assert [d.code for d in report.diagnostics] == ["kasus.tanggal"]
    assert "Zuzuba" not in report.render_text() and "2026" not in report.render_text()
    path.write_text(path.read_text().replace("nama: Zuzuba Lemiro", "nama: Zuzuba Lemiro\n  nik: 99 Zuzuba"))
    report = Report()
    load_case(path, report)
    assert [d.code for d in report.diagnostics] == ["kasus.nik"]
    assert "korban.0" in report.render_text() and "Zuzuba" not in report.render_text()


def test_every_message_over_mutated_samples_is_free_of_sample_values(tmp_path, cases):
    """Break each sample in every field we can and scan all messages for its personal values."""
    secrets = personal_values(cases)
    report = Report()
    for path in cases:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        korban = data["korban"][0]
        korban["jenis_kelamin"] = korban["nama"]          # a name in a closed list
        korban["tanggal_lahir"] = korban["alamat_ktp"]    # an address as a date
        korban["nik"] = korban["telepon"]                 # a phone number as NIK
        korban[korban["nama"]] = korban["nik"]            # a name as a key
        data["terlapor"][0]["hubungan"] = data["terlapor"][0]["nama"]
        data["kanal"] = korban["nama"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        load_case(path, report)
    assert len(report.errors) >= 5 * len(cases)
    text = report.render_text() + report.render_json()
    leaked = [s for s in secrets if s in text]
    assert not leaked


def test_periksa_command_reports_problems_and_modes(tmp_path, cases):
    folder = cases[0].parent
    runner = CliRunner()
    ok = runner.invoke(main, ["kasus", "periksa", str(folder), "--proyek", str(ROOT)])
    assert ok.exit_code == 0, ok.output
    assert f"{len(cases)} berkas kasus diperiksa: 0 galat, 0 peringatan." in ok.output
    cases[0].chmod(0o644)
    folder.chmod(0o755)
    text = cases[2].read_text()
    cases[2].write_text(text.replace("  - jabatan: Petugas", "  - petugas-zuzuba\n  - jabatan: Petugas"))
    bad = cases[1]
    bad.write_text(bad.read_text().replace("kanal: ", "kanal: Zuzuba "), encoding="utf-8")
    result = runner.invoke(main, ["kasus", "periksa", str(folder), "--proyek", str(ROOT)])
    assert result.exit_code == 1
    assert "[kasus.pilihan]" in result.output and "chmod 600" in result.output and "chmod 700" in result.output
    assert "Zuzuba" not in result.output and "Traceback" not in result.output
    line = cases[2].read_text().splitlines().index("  - petugas-zuzuba") + 1
    assert f"{cases[2]}:{line}:5: peringatan: \"layanan.0.petugas.0\" bukan kunci registri" in result.output


def test_kasus_schema_for_editors():
    result = CliRunner().invoke(main, ["schema", "kasus"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]["kanal"]["enum"]) == set(typing.get_args(m.Kanal))
    assert "korban" in schema["required"]


def test_a_crash_while_handling_a_case_prints_no_value(tmp_path, cases, monkeypatch):
    """An unexpected exception's message may carry a value; the CLI prints only its type."""
    import soppress.forms.api as forms_api

    def boom(*args, **kwargs):
        raise RuntimeError("Zuzuba Lemiro 9900001234567890")
    monkeypatch.setattr(forms_api, "check_cases", boom)
    result = CliRunner().invoke(main, ["kasus", "periksa", str(cases[0].parent), "--proyek", str(ROOT)])
    assert result.exit_code == 2
    assert "Zuzuba" not in result.output and "99000012" not in result.output
    assert "RuntimeError" in result.output
