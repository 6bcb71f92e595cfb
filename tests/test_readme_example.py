"""The README's complete SOP example must be accepted by `soppress check`."""
import re
import shutil

from click.testing import CliRunner

from soppress.cli import main
from soppress.sources.project import load_project
from soppress.checks.diagnostics import Report


def _example(sample_root) -> str:
    readme = (sample_root / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- contoh-sop -->\n```yaml\n(.*?)```", readme, re.S)
    assert match, "README lost its marked SOP example"
    return match.group(1)


def test_readme_example_passes_check(sample_root, tmp_path):
    root = tmp_path / "proyek"
    (root / "sops" / "contoh").mkdir(parents=True)
    shutil.copy(sample_root / "soppress.yaml", root)
    shutil.copytree(sample_root / "letterheads", root / "letterheads")
    (root / "sops" / "contoh" / "pengaduan-langsung.yaml").write_text(_example(sample_root), encoding="utf-8")
    # the sample letterheads carry the sample lambang, which check rightly warns about
    result = CliRunner().invoke(main, ["check", "--proyek", str(root), "--abaikan", "kop.lambang-contoh"])
    assert result.exit_code == 0, result.output
    assert "0 galat, 0 peringatan" in result.output

    sop = load_project(root, Report()).sops[0].sop
    steps = sop.langkah
    assert [s.no for s in steps] == [1, 2, 3, 4]
    assert [sop.simbol(s) for s in steps] == ["mulai", "proses", "keputusan", "selesai"]
    assert [(c.ke, label) for c, label in zip(steps[2].cabang, sop.cabang_labels(steps[2]))] == [
        (4, "Ya"), (2, "Belum lengkap")]
    assert steps[3].pelaksana == ["Petugas Layanan", "Pelapor"]
    assert str(sop.total_waktu()) == "30–45 menit + 1 hari kerja + sesuai waktu layanan"
    assert sop.tanggal_revisi.rencana and str(sop.tanggal_revisi.tanggal) == "25 Juli 2023"
    assert sop.peringatan.butir[1].butir[0].teks.startswith("Menjanjikan")
