"""Where outputs with case data go, and their modes: 0700 folders, 0600 files, never
build/, never a folder git tracks. Rendering is faked here (one call: forms.output.render)
so these tests do not depend on the block renderers."""
from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from casesutil import ROOT, make
from soppress.cases.private import private_dir, write_private
from soppress.cli import main
from soppress.forms import output
from soppress.forms.output import OutputError, private_folder


def fake(doc, root):
    return f"{doc.mode}:{doc.title}".encode()


@pytest.fixture
def fake_renderer(monkeypatch):
    monkeypatch.setattr(output, "RENDERERS", {"pdf": (__name__, "fake"), "docx": (__name__, "fake")})


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_private_tightens_existing_folders_and_replaces_atomically(tmp_path):
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True, mode=0o755)
    target = write_private(folder / "x.pdf", b"1")
    assert mode(folder) == 0o700 and mode(target) == 0o600
    target.chmod(0o644)
    write_private(target, "2")
    assert target.read_text() == "2" and mode(target) == 0o600
    assert [p.name for p in folder.iterdir()] == ["x.pdf"]   # no temporary left behind
    assert mode(private_dir(tmp_path / "c")) == 0o700


def test_private_folder_rules(tmp_path):
    root = tmp_path / "proyek"
    (root / "build").mkdir(parents=True)
    assert private_folder(root, None) == (root / "keluaran-kasus").resolve()
    assert mode(root / "keluaran-kasus") == 0o700
    for bad in (root / "build" / "kasus", root / "forms", root / "sops" / "x"):
        with pytest.raises(OutputError):
            private_folder(root, bad)
    assert private_folder(root, root / "kasus" / "cetak").is_dir()
    assert private_folder(root, tmp_path / "di-luar").is_dir()


def test_gitignore_keeps_case_folders_out_of_git():
    for name in ("kasus/001.yaml", "keluaran-kasus/konsultasi-001.pdf"):
        ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT)
        assert ignored.returncode == 0, name


def test_isi_writes_the_filled_form_privately(tmp_path, fake_renderer):
    root = tmp_path / "proyek"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build", ".git", "tests", "benchmarks", "docs"))
    make(root / "kasus", 2)
    runner = CliRunner()
    result = runner.invoke(main, ["formulir", "isi", "konsultasi", "001-CONTOH-2026", "--proyek", str(root)])
    assert result.exit_code == 0, result.output
    folder = root / "keluaran-kasus"
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["konsultasi-001-CONTOH-2026.docx", "konsultasi-001-CONTOH-2026.pdf"]
    assert mode(folder) == 0o700 and all(mode(p) == 0o600 for p in folder.iterdir())
    assert (folder / written[1]).read_bytes() == b"terisi:FORMULIR KONSULTASI"
    assert not (root / "build").exists()
    fillable = runner.invoke(main, ["formulir", "isi", "konsultasi", "001-CONTOH-2026", "--isian",
                                    "--proyek", str(root)])
    assert (folder / "konsultasi-001-CONTOH-2026-isian.pdf").read_bytes() == b"isian:FORMULIR KONSULTASI"
    assert fillable.exit_code == 0
    refused = runner.invoke(main, ["formulir", "isi", "konsultasi", "001-CONTOH-2026", "--proyek", str(root),
                                   "--keluaran", str(root / "build" / "x")])
    assert refused.exit_code == 1 and "build/" in refused.output
    assert not (root / "build").exists()
    survey = runner.invoke(main, ["formulir", "isi", "survei-kepuasan", "001-CONTOH-2026", "--proyek", str(root)])
    assert survey.exit_code == 1 and "bukan formulir kasus" in survey.output


def test_cetak_writes_blank_forms_and_monitoring_sheets_to_build(tmp_path, fake_renderer):
    root = tmp_path / "proyek"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build", ".git", "tests", "benchmarks", "docs"))
    result = CliRunner().invoke(main, ["formulir", "cetak", "--proyek", str(root)])
    assert result.exit_code == 0, result.output
    out = root / "build" / "formulir"
    assert (out / "konsultasi-kosong.pdf").read_bytes() == b"kosong:FORMULIR KONSULTASI"
    assert (out / "konsultasi-kosong.docx").is_file() and (out / "konsultasi-isian.pdf").is_file()
    assert not (out / "konsultasi-isian.docx").exists()
    assert len(list((out / "monev").glob("*-kosong.pdf"))) == len(list((root / "sops").rglob("*.yaml")))


def test_forms_follow_the_project_paper(tmp_path):
    from soppress.checks.diagnostics import Report
    from soppress.forms.api import project_page
    from soppress.sources.project import load_project
    root = tmp_path / "proyek"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build", ".git", "tests", "benchmarks", "docs"))
    config = root / "soppress.yaml"
    text = config.read_text(encoding="utf-8")
    page = project_page(load_project(root, Report()))
    assert "kertas: F4" in text and (page.width, page.height) == (215.0, 330.0)
    config.write_text(text.replace("kertas: F4", "kertas: A4"), encoding="utf-8")
    page = project_page(load_project(root, Report()), landscape=True)
    assert (page.width, page.height) == (297.0, 210.0)


def test_without_renderers_the_commands_say_so(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "RENDERERS", {"pdf": ("soppress.tidak_ada", "to_pdf"),
                                              "docx": ("soppress.tidak_ada", "to_docx")})
    result = CliRunner().invoke(main, ["formulir", "cetak", "--proyek", str(ROOT), "--keluaran", str(tmp_path)])
    assert result.exit_code == 1 and "belum tersedia" in result.output and "Traceback" not in result.output
