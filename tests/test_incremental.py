"""The incremental build: what is made again after an edit, and nothing more.

A project of three SOPs signed through registri/pejabat.yaml, two of them lampiran of a
Keputusan (so of its SOP book). Builds are HTML-only where the format does not matter
(each build still lays every changed sheet out with weasyprint, for its page plan)."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from soppress import cache
from soppress.build import build
from soppress.cli import main

EPOCH = "1767225600"
SRC = Path(__file__).resolve().parent.parent / "src"

PEJABAT = """
kadis:
  jabatan: Kepala Dinas PPPA Kabupaten Contoh
  nama: Contoh Saja
  gelar_depan: Dra.
  gelar_belakang: M.Si
  nip: 19700101 199503 2 001
kabid:
  jabatan: Kepala Bidang Perlindungan Anak
  nama: Lain Lagi
  nip: 19800202 200501 1 002
"""

KEPUTUSAN = """
unit: uji
nomor: 400/010/DPPPA/2026
jabatan: KEPALA DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KABUPATEN CONTOH
tentang: STANDAR OPERASIONAL PROSEDUR UPTD PPA
menimbang:
  - bahwa untuk meningkatkan mutu layanan perlu ditetapkan standar operasional prosedur
mengingat:
  - Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga
diktum:
  - Standar operasional prosedur UPTD PPA meliputi
  - {teks: "Jenis layanan:", daftar_sop: true}
  - Keputusan ini berlaku pada tanggal ditetapkan.
ditetapkan_di: Contoh
tanggal: 2026-01-20
penandatangan: kadis
lampiran:
  - contoh
  - kedua
"""

SIGNER = """disahkan_oleh:
  jabatan: Kepala Dinas PPPA Kabupaten Contoh
  nama: Dra. Contoh Saja, M.Si
  nip: 19700101 199503 2 001
"""


@pytest.fixture
def project(mini_project, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (mini_project / "registri").mkdir()
    (mini_project / "registri" / "pejabat.yaml").write_text(PEJABAT)
    (mini_project / "keputusan").mkdir()
    (mini_project / "keputusan" / "uji.yaml").write_text(KEPUTUSAN)
    sops = mini_project / "sops"
    base = (sops / "contoh.yaml").read_text()
    assert SIGNER in base
    (sops / "contoh.yaml").write_text(base.replace(SIGNER, "disahkan_oleh: kadis\n"))
    for name, nomor, signer in (("kedua", "002", "kadis"), ("ketiga", "003", "kabid")):
        text = base.replace(SIGNER, f"disahkan_oleh: {signer}\n").replace("/001/", f"/{nomor}/")
        (sops / f"{name}.yaml").write_text(text.replace("nama: Layanan Pengaduan Langsung", f"nama: Layanan {name}"))
    return mini_project


def made(project: Path, out: Path, **kwargs) -> set[str]:
    result = build(project, out, **{"formats": ["html"], "jobs": 1, **kwargs})
    assert not result.report.errors and not result.failed, (result.report.render_text(), result.failed)
    return set(result.built)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


EVERYTHING = {"contoh", "kedua", "ketiga", "uji/keputusan", "uji/buku-sop", "peta-keterkaitan"}


def test_a_second_build_makes_nothing_and_touching_files_changes_nothing(project, tmp_path):
    out = tmp_path / "out"
    assert made(project, out) == EVERYTHING
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert made(project, out) == set()
    later = time.time() + 100
    for file in project.rglob("*"):
        os.utime(file, (later, later))
    result = build(project, out, formats=["html"], jobs=1)
    assert result.built == [] and set(result.skipped) == EVERYTHING
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps  # nothing rewritten


def test_editing_one_sop_makes_that_sop_and_the_book_containing_it(project, tmp_path):
    out = tmp_path / "out"
    made(project, out)
    edit(project / "sops" / "kedua.yaml", "Petugas menerima dan mencatat pengaduan", "Petugas menerima pengaduan")
    assert made(project, out) == {"kedua", "uji/buku-sop"}
    assert "Petugas menerima pengaduan<" in (out / "kedua.html").read_text()
    edit(project / "sops" / "ketiga.yaml", "Petugas menerima dan mencatat pengaduan", "Petugas menerima pengaduan")
    assert made(project, out) == {"ketiga"}  # not a lampiran: no book


def test_editing_a_registry_entry_makes_exactly_the_documents_that_use_it(project, tmp_path):
    out = tmp_path / "out"
    made(project, out)
    edit(project / "registri" / "pejabat.yaml", "nama: Lain Lagi", "nama: Lain Sekali")
    assert made(project, out) == {"ketiga"}
    assert "Lain Sekali" in (out / "ketiga.html").read_text()
    edit(project / "registri" / "pejabat.yaml", "nama: Contoh Saja", "nama: Contoh Benar")
    assert made(project, out) == {"contoh", "kedua", "uji/keputusan", "uji/buku-sop"}


def test_editing_a_template_makes_its_documents_again(project, tmp_path):
    from soppress.resources import TEMPLATE_DIR
    out = tmp_path / "out"
    made(project, out)
    (project / "templates").mkdir()
    body = (TEMPLATE_DIR / "sop_body.html.j2").read_text()
    (project / "templates" / "sop_body.html.j2").write_text("<!-- versi dinas -->\n" + body)
    assert {"contoh", "kedua", "ketiga", "uji/buku-sop"} <= made(project, out)
    assert "versi dinas" in (out / "ketiga.html").read_text()
    assert made(project, out) == set()


def test_paksa_makes_everything(project, tmp_path):
    out = tmp_path / "out"
    made(project, out)
    assert made(project, out, force=True) == EVERYTHING


def test_an_output_changed_on_disk_is_made_again(project, tmp_path):
    out = tmp_path / "out"
    made(project, out)
    (out / "kedua.html").write_text("diubah tangan")
    assert made(project, out) == {"kedua"}
    assert "diubah tangan" not in (out / "kedua.html").read_text()
    (out / "ketiga.html").unlink()
    assert made(project, out) == {"ketiga"}


@pytest.mark.parametrize("damage", ["garbage", "foreign", "other-version", "bad-plan", "not-a-dict"])
def test_a_corrupt_foreign_or_old_cache_is_ignored(project, tmp_path, damage):
    out = tmp_path / "out"
    made(project, out)
    manifest = out / cache.MANIFEST
    data = json.loads(manifest.read_text())
    if damage == "garbage":
        manifest.write_bytes(b"\x00{not json")
    elif damage == "foreign":
        manifest.write_text(json.dumps({"outputs": data["outputs"], "plans": data["plans"]}))
    elif damage == "other-version":
        manifest.write_text(json.dumps({**data, "soppress": "0.0.0-lain"}))
    elif damage == "bad-plan":  # plans that place rows nowhere, or twice: never drawn from
        for entry in data["plans"].values():
            entry["plan"]["pages"] = [[0, 0]]
        manifest.write_text(json.dumps({**data, "fingerprint": ""}))
    else:
        manifest.write_text(json.dumps({**data, "outputs": {"contoh.html": "x"}}))
    # a bad plan is laid out again (the book, drawn from good plans, stays as it is)
    expected = {"contoh", "kedua", "ketiga"} if damage == "bad-plan" else EVERYTHING
    assert made(project, out) == expected
    assert made(project, out) == set()  # and the next build trusts the repaired cache


def test_the_book_reuses_cached_plans_without_laying_unchanged_sheets_out(project, tmp_path, monkeypatch):
    from soppress import jobs
    out = tmp_path / "out"
    made(project, out, formats=["pdf"])
    laid = []
    real = jobs.plan_sheet
    monkeypatch.setattr(jobs, "plan_sheet", lambda view, *a: laid.append(view.key) or real(view, *a))
    edit(project / "sops" / "kedua.yaml", "Petugas menerima dan mencatat pengaduan", "Petugas menerima pengaduan")
    result = build(project, out, formats=["pdf"], jobs=1)
    assert set(result.built) == {"kedua", "uji/buku-sop"} and laid == ["kedua"]
    assert result.sheets["contoh"].plan.pages  # the cached plan, drawn in the book


def test_a_sheets_html_and_docx_are_drawn_from_its_plan_without_laying_it_out(project, tmp_path, monkeypatch):
    """The sheet's HTML and DOCX are a unit of their own (the book's units need only the
    plan): a missing DOCX is drawn again from the cached plan, the PDF left as it is."""
    from soppress import jobs
    out = tmp_path / "out"
    made(project, out, formats=["pdf", "html", "docx"])
    before = {rel: (out / rel).read_bytes() for rel in ("contoh.docx", "contoh.pdf")}
    (out / "contoh.docx").unlink()
    laid, units = [], []
    real_plan, real_run = jobs.plan_sheet, jobs.run
    monkeypatch.setattr(jobs, "plan_sheet", lambda view, *a: laid.append(view.key) or real_plan(view, *a))
    monkeypatch.setattr(jobs, "run", lambda unit, name, *a: units.append(unit) or real_run(unit, name, *a))
    assert made(project, out, formats=["pdf", "html", "docx"]) == {"contoh"}
    assert laid == [] and units == ["sheet_drawn"]
    assert {rel: (out / rel).read_bytes() for rel in before} == before


def test_parallel_and_sequential_builds_are_byte_identical(project, tmp_path):
    one = build(project, tmp_path / "one", jobs=1)
    two = build(project, tmp_path / "two", jobs=2)
    assert not one.failed and not two.failed and set(one.built) == set(two.built) == EVERYTHING

    def files(folder):
        return {p.relative_to(folder): _content(p) for p in sorted(folder.rglob("*"))
                if p.is_file() and p.name != cache.MANIFEST}
    a, b = files(tmp_path / "one"), files(tmp_path / "two")
    assert {Path("uji/buku-sop.pdf"), Path("uji/buku-sop.docx"), Path("kedua.pdf"), Path("kedua.docx")} <= set(a)
    assert a.keys() == b.keys() and [k for k in a if a[k] != b[k]] == []


def _content(file: Path):
    """A file's bytes; for a DOCX, each zip member's bytes: this branch's DOCX packaging
    stamps zip entries with the time of writing (the fonts branch writes them reproducibly;
    once merged, DOCX can be compared byte for byte like the rest)."""
    if file.suffix != ".docx":
        return file.read_bytes()
    import zipfile
    with zipfile.ZipFile(file) as z:
        return [(info.filename, z.read(info)) for info in z.infolist()]


def test_a_killed_build_leaves_a_cache_the_next_build_repairs(project, tmp_path):
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(project, clean, formats=["html", "pdf"], jobs=1)
    made(project, out, formats=["html", "pdf"])
    for name in ("contoh", "kedua", "ketiga"):
        edit(project / "sops" / f"{name}.yaml", "Petugas menerima dan mencatat pengaduan", "Petugas mencatat")
    build(project, clean, formats=["html", "pdf"], jobs=1)
    before = (out / cache.MANIFEST).read_bytes()
    script = f"from pathlib import Path; from soppress.build import build; build(Path({str(project)!r}), " \
             f"Path({str(out)!r}), formats=['html', 'pdf'], jobs=2)"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen([sys.executable, "-c", script], env=env, start_new_session=True)
    from soppress.outputs import STAGING_PREFIX
    deadline = time.time() + 120
    while not any(p.is_file() for staging in out.glob(STAGING_PREFIX + "*") for p in staging.rglob("*")) \
            and child.poll() is None and time.time() < deadline:
        time.sleep(0.02)  # until the first document is rendered into staging
    os.killpg(child.pid, signal.SIGKILL)  # the build and its workers, mid-build
    child.wait()
    assert (out / cache.MANIFEST).read_bytes() == before  # the manifest is written last
    result = build(project, out, formats=["html", "pdf"], jobs=1)
    assert not result.failed and {"contoh", "kedua", "ketiga", "uji/buku-sop"} <= set(result.built)
    for file in clean.rglob("*"):
        if file.is_file() and file.name != cache.MANIFEST:
            assert _content(out / file.relative_to(clean)) == _content(file), file
    assert made(project, out, formats=["html", "pdf"]) == set()


def test_cli_prints_plain_lines_off_a_terminal_and_only_the_summary_with_q(project, tmp_path):
    args = ["build", "--proyek", str(project), "--keluaran", str(tmp_path / "o"), "--format", "html", "-j", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "[1/6] dibuat: " in result.output and "[6/6] dibuat: " in result.output
    assert "6 dokumen dibuat, 0 dilewati (tidak berubah), 0 gagal." in result.output
    edit(project / "sops" / "ketiga.yaml", "Petugas menerima dan mencatat pengaduan", "Petugas mencatat")
    result = CliRunner().invoke(main, args + ["-q"])
    assert result.exit_code == 0 and result.output.strip().splitlines() == [
        result.output.strip()] and "1 dokumen dibuat, 5 dilewati" in result.output
    result = CliRunner().invoke(main, args)
    assert "Tidak ada yang berubah: 6 dokumen sudah mutakhir" in result.output


def test_a_failed_document_is_reported_and_no_output_of_the_run_is_placed(project, tmp_path, monkeypatch):
    """The others are made, but a run's outputs move into place only all together
    (issue 16: all or nothing): the next build makes everything again."""
    from soppress import jobs
    from soppress.errors import UserError

    def broken(done, key, *rest):
        if key == "kedua":
            raise UserError("templat rusak")
        real(done, key, *rest)
    real = jobs.UNITS["sheet"]
    monkeypatch.setitem(jobs.UNITS, "sheet", broken)
    result = build(project, tmp_path / "out", formats=["html"], jobs=1)
    assert ("kedua", "templat rusak") in result.failed
    assert ("uji/buku-sop", "tidak dibuat karena kedua gagal") in result.failed
    assert {"contoh", "ketiga", "uji/keputusan"} <= set(result.built)
    assert not (tmp_path / "out" / "contoh.html").exists() and not result.written
    monkeypatch.setitem(jobs.UNITS, "sheet", real)
    assert {"kedua", "uji/buku-sop", "contoh", "ketiga"} <= made(project, tmp_path / "out")

