"""Word SOPs made the way dinas make them (tests/impor_fixtures.py builds them):
imported with the right pelaksana per step and the right decisions, or, where the
drawing does not make them knowable, left to the user with a comment. Every import
passes `soppress check`."""
import shutil
from pathlib import Path

import pytest

from impor_fixtures import SPECS, Step, build
from soppress.api import check
from soppress.importer import impor
from soppress.model.sop import Langkah

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BY_NAME = {spec.name: spec for spec in SPECS}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """name → (import result, the Sop as `soppress check` loads it, the project)."""
    base = tmp_path_factory.mktemp("impor-fixtures")
    project = base / "proyek"
    shutil.copytree(FIXTURES / "mini", project)
    (project / "sops" / "contoh.yaml").unlink()
    out = {}
    for spec in SPECS:
        result = impor(build(spec, base), project, unit="uji")
        out[spec.name] = result
    loaded, report = check(project)
    sops = {f.path.name: f.sop for f in loaded.sops}
    return {name: (r, sops[r.target.name]) for name, r in out.items()}, report


def test_every_fixture_passes_check(imported):
    results, report = imported
    assert len(results) == len(SPECS) >= 5
    assert not report.errors, [str(d) for d in report.errors]


def expected_symbol(spec, step: Step, position: int, count: int) -> str:
    if step.kind == "kapsul":
        return "mulai" if position == 0 else "selesai"
    return step.kind


@pytest.mark.parametrize("name", ["glued", "positioned", "vml", "alternate", "kelompok"])
def test_pelaksana_symbols_and_branches_come_from_the_drawing(imported, name):
    results, _ = imported
    result, sop = results[name]
    spec = BY_NAME[name]
    steps = [s for s in spec.steps if isinstance(s, Step)]
    assert len(sop.langkah) == len(steps)
    for position, (want, got) in enumerate(zip(steps, sop.langkah)):
        lanes = sorted(next(i for i, p in enumerate(sop.pelaksana) if p is sop.pelaksana_of(ref)) for ref in got.pelaksana)
        assert lanes == sorted(want.lanes), (name, got.no)
        assert got.uraian == want.uraian
        assert [s.uraian for s in got.sub] == want.subs
        assert sop.simbol(got) == expected_symbol(spec, want, position, len(steps)), (name, got.no)
        assert [c.ke for c in got.cabang] == [to for _, to in want.branches], (name, got.no)
        if got.cabang:
            assert sop.cabang_labels(got) == [label for label, _ in want.branches]
    assert not any("pelaksana" in n or "cabang" in n for n in result.notes.todo + result.notes.guessed)
    bagian = [k.bagian for k in sop.kegiatan if not isinstance(k, Langkah)]
    assert bagian == [s for s in spec.steps if isinstance(s, str)]


def test_vml_fallback_is_not_read_twice(tmp_path):
    from soppress.importer.docx_read import read_docx
    spec = BY_NAME["alternate"]
    doc = read_docx(build(spec, tmp_path))
    body = doc.tables[-1].rows[2:]
    kinds = [[s.kind for s in row.cells[2 + lane].shapes if s.kind != "garis"] for row in body
             for lane in range(len(spec.lanes))]
    symbols = [k for k in kinds if k]
    assert symbols and all(len(k) == 1 for k in symbols)  # one shape each: the Choice, not also the Fallback
    assert len(symbols) == sum(len(s.lanes) for s in spec.steps)


def test_column_index_row_and_merged_heading(imported):
    results, _ = imported
    _, sop = results["glued"]
    assert sop.tampilan.baris_indeks
    assert [p.nama for p in sop.pelaksana] == BY_NAME["glued"].lanes
    assert sop.nomor == "800/01/UJI/2025" and str(sop.tanggal_pembuatan) == "2 Januari 2025"
    assert sop.disahkan_oleh.nip == "19700101 199001 1 001" and sop.disahkan_oleh.jabatan == "Kepala Dinas Uji"


@pytest.mark.parametrize("name", ["glued", "alternate"])
def test_typed_and_word_numbered_sections_are_lists(imported, name):
    results, _ = imported
    _, sop = results[name]
    assert [b.teks for b in sop.kualifikasi_pelaksana.butir] == ["Memahami layanan", "Menjaga kerahasiaan"]
    assert sop.kualifikasi_pelaksana.penomoran == "1." and not sop.kualifikasi_pelaksana.pengantar
    assert sop.keterkaitan.kosong


def test_unknowable_branches_are_left_to_the_user(imported):
    results, _ = imported
    result, sop = results["unknowable"]
    decision = sop.langkah[1]
    assert not decision.cabang  # no silent guess: drawn as a box until the user writes the branches
    assert "uraian: Berkas lengkap?  # PERIKSA: bagan menggambar keputusan" in result.text
    assert any("cabang" in n for n in result.notes.todo)


def test_no_drawing_leaves_pelaksana_to_the_user(imported):
    results, _ = imported
    result, sop = results["tanpa-bagan"]
    assert result.text.count("# PERIKSA: tidak ada simbol bagan") == 3
    assert len([n for n in result.notes.todo if "pelaksana" in n]) == 3
    # the text names the column for the first two ("Petugas pengaduan …", "Konselor …"); said so
    assert [s.pelaksana for s in sop.langkah[:2]] == [["petugas"], ["konselor"]]
