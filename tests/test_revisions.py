"""Revision history, inline pangkat/golongan, total waktu in `soppress status`."""
import json

import pytest
from click.testing import CliRunner

from soppress.api import check
from soppress.checks.nip import check_pangkat, split_inline
from soppress.cli import main

HISTORY = """riwayat_revisi:
  - {nomor: 1, tanggal: 2026-03-01, perubahan: Penambahan langkah rujukan, oleh: Tim SOP}
  - {nomor: 2, tanggal: 2026-06-01, perubahan: Waktu layanan diperbarui}
"""


def add(root, text, after="tanggal_revisi: {rencana: 2027-01-12}\n"):
    sop = root / "sops" / "contoh.yaml"
    body = sop.read_text()
    assert after in body
    sop.write_text(body.replace(after, after + text, 1))
    return sop


def replace(root, old, new):
    sop = root / "sops" / "contoh.yaml"
    body = sop.read_text()
    assert old in body
    sop.write_text(body.replace(old, new, 1))


def codes(root):
    _, report = check(root)
    return [d.code for d in report.diagnostics]


def test_history_in_order_and_after_the_effective_date_is_clean(mini_project):
    add(mini_project, HISTORY)
    replace(mini_project, "tanggal_efektif: 2026-01-12", "tanggal_efektif: 2026-06-15")
    replace(mini_project, "nomor: 400/001/UPTD-PPA/2026", "nomor: 400/001/UPTD-PPA/2026\nnomor_revisi: 2")
    assert codes(mini_project) == []


def test_effective_date_before_the_latest_revision_is_warned(mini_project):
    add(mini_project, HISTORY)  # tanggal_efektif stays 2026-01-12, the last revision is 2026-06-01
    _, report = check(mini_project)
    (finding,) = [d for d in report.diagnostics if d.code == "tanggal.efektif-sebelum-revisi"]
    assert "2026" in finding.message and finding.pos.line == 6  # the tanggal_efektif line


def test_effective_date_before_tanggal_revisi_without_history_is_warned(mini_project):
    replace(mini_project, "tanggal_revisi: {rencana: 2027-01-12}", "tanggal_revisi: 2026-05-01")
    assert "tanggal.efektif-sebelum-revisi" in codes(mini_project)


def test_history_out_of_order_is_warned(mini_project):
    add(mini_project, HISTORY.replace("2026-06-01", "2026-02-01"))
    assert "tanggal.riwayat-urutan" in codes(mini_project)


def test_history_disagreeing_with_nomor_and_tanggal_revisi_is_warned(mini_project):
    add(mini_project, HISTORY)
    replace(mini_project, "tanggal_efektif: 2026-01-12", "tanggal_efektif: 2026-06-15")
    replace(mini_project, "tanggal_revisi: {rencana: 2027-01-12}", "tanggal_revisi: 2026-05-01\nnomor_revisi: 3")
    assert codes(mini_project).count("tanggal.riwayat-beda") == 2


def test_history_entry_needs_a_valid_date(mini_project):
    add(mini_project, HISTORY.replace("2026-03-01", "2026-13-01"))
    result = CliRunner().invoke(main, ["check", "--proyek", str(mini_project)])
    assert result.exit_code == 1 and "sops/contoh.yaml:9:" in result.output


def test_status_shows_history_and_total_waktu(mini_project):
    add(mini_project, HISTORY)
    runner = CliRunner()
    text = runner.invoke(main, ["status", "--proyek", str(mini_project), "--tanggal", "2026-07-01"])
    assert text.exit_code == 0, text.output
    # 5 + 15-30 menit + 1 hari kerja + "Sesuai waktu layanan"
    assert "total waktu: 20–35 menit + 1 hari kerja + sesuai waktu layanan" in text.output
    assert "revisi 1, 2026-03-01: Penambahan langkah rujukan (oleh Tim SOP)" in text.output
    assert "revisi 2, 2026-06-01: Waktu layanan diperbarui" in text.output
    (row,) = json.loads(runner.invoke(main, ["status", "--proyek", str(mini_project), "--format", "json"]).output)
    assert row["total_waktu"] == "20–35 menit + 1 hari kerja + sesuai waktu layanan"
    assert [r["nomor"] for r in row["riwayat"]] == ["1", "2"]


def test_status_errors_are_indonesian(mini_project):
    replace(mini_project, "nomor: 400/001/UPTD-PPA/2026\n", "")
    result = CliRunner().invoke(main, ["status", "--proyek", str(mini_project)])
    assert result.exit_code == 1
    assert "Error" not in result.output and "soppress: galat: proyek memuat galat" in result.output


# ---------------------------------------------------------------- pangkat written inline

@pytest.mark.parametrize("pangkat, golongan, problem", [
    ("Pembina Utama Muda (IV/b)", None, 'seharusnya "Pembina Tingkat I"'),   # the README's old example
    ("Pembina Tingkat I (IV/b)", None, None),
    ("Pembina Utama Muda", "IV/c", None),
    ("Penata", "IV/c", 'seharusnya "Pembina Utama Muda"'),
    (None, "Pembina Utama Muda / IV.b", 'seharusnya "Pembina Tingkat I"'),
    ("Pembina (IV/a)", "IV/b", "berbeda"),
    ("Penata Tingkat I (III/d)", None, None),
])
def test_pangkat_is_checked_wherever_written(pangkat, golongan, problem):
    found = check_pangkat(pangkat, golongan)
    assert (problem is None and found == []) or (problem and problem in found[0])


def test_split_inline():
    assert split_inline("Pembina Utama Muda (IV/b)") == ("Pembina Utama Muda", "IV/b")
    assert split_inline("Pembina Tingkat I") == ("Pembina Tingkat I", None)


def test_inline_pangkat_of_a_signatory_is_reported(mini_project):
    replace(mini_project, "  nip: 19700101 199503 2 001", "  nip: 19700101 199503 2 001\n  pangkat: Pembina Utama Muda (IV/b)")
    _, report = check(mini_project)
    (finding,) = [d for d in report.diagnostics if d.code == "pejabat.pangkat"]
    assert "Pembina Tingkat I" in finding.message
