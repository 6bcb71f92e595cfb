"""Every message a user reads is Indonesian (click's own errors too), and `build
--sop` shows only the diagnostics of what it builds."""
import shutil

import pytest
from click.testing import CliRunner

from soppress.cli import main


@pytest.mark.parametrize("args, expected", [
    (["status", "--tanggal", "kemarin"], "nilai --tanggal harus tanggal TTTT-BB-HH"),
    (["check", "--format", "xml"], "nilai --format tidak sah; pilih salah satu: teks, json"),
    (["cek"], "perintah tidak dikenal: cek"),
    (["check", "--bogus"], "opsi tidak dikenal: --bogus"),
    (["schema", "sopp"], "nilai JENIS tidak sah"),
    (["build", "--keluaran"], "opsi --keluaran perlu diberi nilai"),
    (["check", "lebih"], "argumen berlebih"),
    (["status", "--proyek", "/tidak/ada"], "--proyek harus menunjuk folder proyek"),
])
def test_click_errors_are_indonesian_and_exit_1(args, expected):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Error" not in result.output and "Usage" not in result.output and "Traceback" not in result.output


def test_build_sop_shows_only_its_own_diagnostics(mini_project, tmp_path):
    other = mini_project / "sops" / "lain.yaml"
    shutil.copy(mini_project / "sops" / "contoh.yaml", other)
    text = other.read_text().replace("nomor: 400/001/UPTD-PPA/2026", "nomor: 400/002/UPTD-PPA/2026")
    other.write_text(text.replace("tanggal_revisi: {rencana: 2027-01-12}\n", ""))  # a warning in lain.yaml only
    runner = CliRunner()
    full = runner.invoke(main, ["check", "--proyek", str(mini_project)])
    assert "sops/lain.yaml" in full.output
    result = runner.invoke(main, ["build", "--proyek", str(mini_project), "--sop", "contoh", "--format", "html",
                                  "--keluaran", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "sops/lain.yaml" not in result.output
    assert "1 peringatan lain untuk SOP yang tidak dibuat kali ini" in result.output
    unknown = runner.invoke(main, ["build", "--proyek", str(mini_project), "--sop", "tidak-ada", "--format", "html",
                                   "--keluaran", str(tmp_path / "out")])
    assert unknown.exit_code == 1 and "SOP tidak dikenal: tidak-ada" in unknown.output


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["status", "--help"], ["rapikan", "-h"], []])
def test_help_is_indonesian(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Pemakaian:" in result.output and "Opsi:" in result.output
    for english in ("Usage", "Options", "Commands", "Show this message", "DIRECTORY", "TEXT", "[default"):
        assert english not in result.output, english
