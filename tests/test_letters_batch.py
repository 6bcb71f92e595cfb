"""`soppress surat buat` and `soppress surat massal`: letters filled from synthetic case
files or a CSV export, outputs private, numbers from the register, one combined PDF
ready for duplex printing, and no case value in any output of the commands."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from casesutil import ROOT, make, personal_values
from soppress.cli import main
from soppress.letters.batch import combine
from soppress.views import indonesia as idn

ISIAN = {"surat": {"tujuan": {"nama": "Direktur RSUD Contoh", "tempat": "Kota Contoh"}},
         "rincian": {"maksud": "Pemeriksaan medis (contoh)", "mediator": {"nama": "Mediator Contoh"},
                     "pihak": [{"nama": "Pihak Satu Contoh"}, {"nama": "Pihak Dua Contoh"}],
                     "saksi": [{"nama": "Saksi Contoh"}], "tempat_kegiatan": "Kantor UPTD",
                     "tanggal_kegiatan": "2026-02-01", "butir": ["Butir contoh"]}}


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "proyek"
    root.mkdir()
    for name in ("letterheads", "registri", "letters"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "soppress.yaml", root)
    (root / "isian.yaml").write_text(yaml.safe_dump(ISIAN), encoding="utf-8")
    return root


@pytest.fixture
def cases(project) -> list[Path]:
    return make(project / "kasus", 3, seed=11)


def run(project: Path, *args: str, ok: bool = True):
    result = CliRunner().invoke(main, ["surat", *args, "--proyek", str(project)], catch_exceptions=False)
    assert (result.exit_code == 0) is ok, result.output
    return result


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def shown_values(paths: list[Path]) -> set[str]:
    """The personal values as a letter may print them (dates also in Indonesian)."""
    values = personal_values(paths)
    return values | {idn.tanggal(dt.date.fromisoformat(v)) for v in values if re.fullmatch(r"\d{4}-\d\d-\d\d", v)}


def assert_private(folder: Path) -> list[Path]:
    files = sorted(folder.iterdir())
    assert files and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    return files


def register(project: Path) -> list[dict]:
    path = project / "kasus" / "register-surat.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def test_buat_fills_one_letter_with_a_number_from_the_register(project, cases):
    data = yaml.safe_load(cases[1].read_text())
    result = run(project, "buat", "rujukan", data["nomor_register"], "--isian", str(project / "isian.yaml"))
    [entry] = register(project)
    assert entry["kasus"] == data["nomor_register"] and entry["jenis"] == "rujukan"
    files = assert_private(project / "keluaran-kasus")
    assert [p.suffix for p in files] == [".docx", ".pdf"]
    text = squash("".join(pages_text(files[1])))
    assert squash(entry["nomor"]) in text and squash(data["korban"][0]["nama"]) in text
    assert squash("Direktur RSUD Contoh") in text
    assert "ditulis: keluaran-kasus/rujukan-" in result.output


def test_buat_redaksi_hides_every_personal_value(project, cases):
    from test_letters_render import docx_text
    data = yaml.safe_load(cases[0].read_text())          # case 0 of the samples: a child victim
    run(project, "buat", "rujukan", data["nomor_register"], "--isian", str(project / "isian.yaml"), "--redaksi")
    pdf, docx = [p for p in assert_private(project / "keluaran-kasus") if "samaran" in p.name][::-1]
    texts = {"pdf": squash("".join(pages_text(pdf))),
             "docx": squash(docx_text(docx.read_bytes()))}
    for fmt, text in texts.items():
        assert "anakkorban" in text, fmt
        leaked = [v for v in shown_values(cases[:1]) if squash(v) in text]
        leaked += [part for person in data["korban"] + data["terlapor"] for part in person["nama"].split()
                   if part.lower() in text]
        assert not leaked, (fmt, len(leaked))             # never print the values themselves


@pytest.mark.parametrize("jenis, proses, odd", [("surat-tugas", "2", True), ("berita-acara-mediasi", "1", False)])
def test_massal_gives_per_case_files_and_one_duplex_print_file(project, cases, jenis, proses, odd):
    result = run(project, "massal", jenis, "--isian", str(project / "isian.yaml"), "--proses", proses)
    files = assert_private(project / "keluaran-kasus")
    [combined] = [p for p in files if "gabungan" in p.name]
    parts = [p for p in files if p is not combined]
    assert len(parts) == len(cases)
    sizes = [len(PdfReader(p).pages) for p in parts]
    blanks = sum(n % 2 for n in sizes)
    assert blanks == (len(cases) if odd else 0)               # surat tugas: one page; berita acara: two
    pages = pages_text(combined)
    assert len(pages) == sum(sizes) + blanks                  # the parts, plus one blank after an odd letter
    numbers = [e["nomor"] for e in register(project)]
    assert len(set(numbers)) == len(cases)
    for number in numbers:                                    # each letter starts on a front side
        first = next(i for i, text in enumerate(pages) if squash(number) in squash(text))
        assert first % 2 == 0
    assert sum(not text.strip() for text in pages) == blanks
    assert f"termasuk {blanks} halaman kosong" in result.output
    assert f"digambar: {len(cases)}/{len(cases)} surat" in result.stderr


def test_combine_pads_odd_letters_to_a_new_sheet():
    def pdf(n: int) -> bytes:
        writer = PdfWriter()
        for _ in range(n):
            writer.add_blank_page(width=595, height=842)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    data, blanks = combine([pdf(1), pdf(2), pdf(3)])
    assert (len(PdfReader(io.BytesIO(data)).pages), blanks) == (8, 2)


def _csv(paths: list[Path], target: Path) -> Path:
    """The synthetic cases as a CSV export, with the documented column names."""
    rows = []
    for path in paths:
        d = yaml.safe_load(path.read_text())
        k, t = d["korban"][0], d["terlapor"][0]
        rows.append({"nomor_register": d["nomor_register"], "tanggal_pengaduan": d["tanggal_pengaduan"],
                     "tanggal_kejadian": d["tanggal_kejadian"], "kanal": d["kanal"],
                     "bentuk_kekerasan": ";".join(d["bentuk_kekerasan"]), "tempat_kejadian": d["tempat_kejadian"],
                     "status": "baru", "korban_nama": k["nama"], "korban_nik": k["nik"],
                     "korban_tanggal_lahir": k["tanggal_lahir"], "korban_jenis_kelamin": k["jenis_kelamin"],
                     "korban_alamat": k["alamat_ktp"], "korban_disabilitas": "ya",
                     "terlapor_nama": t["nama"], "terlapor_hubungan": t["hubungan"],
                     "kondisi_psikologis": "cemas (contoh)"})
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_massal_from_csv_maps_the_columns_onto_the_case_model(project, tmp_path):
    from soppress.cases.csvsrc import read_csv_cases
    from soppress.checks.diagnostics import Report
    paths = make(tmp_path / "sumber", 2, seed=5)
    file = _csv(paths, tmp_path / "ekspor.csv")
    report = Report()
    [first, _] = read_csv_cases(file, report)
    assert not report.diagnostics
    source = yaml.safe_load(paths[0].read_text())["korban"][0]
    korban = first.kasus.korban[0]
    assert (korban.nama, korban.nik, korban.alamat_domisili, korban.disabilitas) == \
        (source["nama"], source["nik"], source["alamat_ktp"], True)
    assert first.kasus.kondisi.psikologis == "cemas (contoh)" and len(first.kasus.bentuk_kekerasan) >= 1
    run(project, "massal", "rujukan", "--csv", str(file), "--isian", str(project / "isian.yaml"))
    files = assert_private(project / "keluaran-kasus")
    assert len(files) == 3 and {e["kasus"] for e in register(project)} == {"001-CONTOH-2026", "002-CONTOH-2026"}


def test_bad_csv_is_located_without_values_and_takes_no_number(project, tmp_path):
    paths = make(tmp_path / "sumber", 2, seed=5)
    file = _csv(paths, tmp_path / "ekspor.csv")
    text = file.read_text().splitlines()
    secret_nik = "99000012"                                    # too short: a NIK has 16 digits
    text[2] = text[2].replace(yaml.safe_load(paths[1].read_text())["korban"][0]["nik"], secret_nik)
    file.write_text("\n".join(text) + "\n")
    result = run(project, "massal", "rujukan", "--csv", str(file), "--isian", str(project / "isian.yaml"), ok=False)
    column = text[0].split(",").index("korban_nama") + 1        # the person's first column (NIK is checked per person)
    assert f"ekspor.csv:3:{column}: galat:" in result.output and "NIK harus 16 angka" in result.output
    assert secret_nik not in result.output
    assert not register(project) and not (project / "keluaran-kasus").exists()
    file.write_text(text[0].replace("korban_nama", "nama_korban_salah") + "\n" + text[1] + "\n")
    result = run(project, "massal", "rujukan", "--csv", str(file), ok=False)
    assert "ekspor.csv:1:" in result.output and "tidak dikenal" in result.output


def test_no_case_value_in_any_output_of_the_commands(project, cases, tmp_path):
    isian = str(project / "isian.yaml")
    outputs = [run(project, "buat", "surat-tugas", "001-CONTOH-2026", "--isian", isian).output,
               run(project, "massal", "serah-terima", "--isian", isian, "--redaksi").output,
               run(project, "massal", "rujukan", "--csv", str(_csv(cases, tmp_path / "e.csv")), "--isian", isian).output]
    broken = yaml.safe_load(cases[2].read_text())
    name = broken["korban"][0]["nama"]
    broken["korban"][0]["tanggal_lahir"] = f"lahir {name}"     # a value in the wrong place
    broken["kanal"] = name
    cases[2].write_text(yaml.safe_dump(broken))
    outputs.append(run(project, "massal", "rujukan", "--isian", isian, ok=False).output)
    outputs.append(run(project, "buat", "rujukan", "003-CONTOH-2026", "--isian", isian, ok=False).output)
    assert "kanal" in outputs[-1] and "korban.0.tanggal_lahir" in outputs[-1]
    everything = squash("\n".join(outputs))
    assert not [v for v in shown_values(cases) if squash(v) in everything]


def test_outputs_never_go_to_build_or_a_tracked_folder(project, cases):
    for folder in ("build/surat", "letters"):
        result = run(project, "buat", "rujukan", "001-CONTOH-2026", "--keluaran", str(project / folder), ok=False)
        assert "keluaran berisi data kasus" in result.output
    assert not register(project) and not (project / "build").exists()
