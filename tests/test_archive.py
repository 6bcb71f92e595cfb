"""The PDF/A variant carries its YAML source, and `soppress sumber` gets it back."""
import subprocess

from click.testing import CliRunner

from soppress.build import build
from soppress.cli import main


def test_archive_pdf_is_pdfa_tagged_and_round_trips_its_source(mini_project, tmp_path):
    result = build(mini_project, formats=["arsip"])
    assert not result.report.errors
    pdf = mini_project / "build" / "contoh.arsip.pdf"
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="B"' in meta
    assert "Tagged:          yes" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded
    out = tmp_path / "kembali"
    run = CliRunner().invoke(main, ["sumber", str(pdf), "--keluaran", str(out)])
    assert run.exit_code == 0, run.output
    assert (out / "contoh.yaml").read_bytes() == (mini_project / "sops" / "contoh.yaml").read_bytes()


def test_a_pdf_without_sources_is_a_clear_message(mini_project):
    build(mini_project, formats=["pdf"])
    run = CliRunner().invoke(main, ["sumber", str(mini_project / "build" / "contoh.pdf")])
    assert run.exit_code == 1 and "tidak memuat sumber" in run.output and "Traceback" not in run.output
    run = CliRunner().invoke(main, ["sumber", str(mini_project / "sops" / "contoh.yaml")])
    assert run.exit_code == 1 and "bukan berkas PDF" in run.output
