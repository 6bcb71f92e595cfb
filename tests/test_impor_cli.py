"""`soppress impor` from the command line: malformed, foreign, corrupt or
password-protected files refused with an Indonesian message (exit 1, nothing
written); an existing file never overwritten without --timpa; tab-separated text
imported like a table copied out of Word; every written draft passes the check."""
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from impor_fixtures import SPECS, build
from soppress.api import check
from soppress.cli import main

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# ../shared/seeds beside the checkout (or beside the folder of worktrees)
SEEDS = next((p / "shared" / "seeds" for p in Path(__file__).resolve().parents[1:4] if (p / "shared" / "seeds").is_dir()),
             Path("shared/seeds"))


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["impor", *args, "--proyek", str(project)])


def files(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in (project / "sops").rglob("*") if p.is_file())


def _no_activity_table(path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Notulen rapat koordinasi")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Nomor SOP", "1/2/3"
    doc.save(str(path))


def _broken_xml(path: Path) -> None:
    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)


def _truncated(path: Path) -> None:
    buffer = io.BytesIO()
    Document().save(buffer)
    path.write_bytes(buffer.getvalue()[:3000])


def _zip_not_word(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("data.csv", "a,b\n")


BAD = {
    # What an encrypted Office file is: an OLE container holding an "EncryptedPackage"
    # stream (MS-OFFCRYPTO); built here from those bytes, no encryption library needed.
    "sandi.docx": (lambda p: p.write_bytes(OLE + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(64)),
                   "dilindungi kata sandi"),
    "lama.docx": (lambda p: p.write_bytes(OLE + bytes(1024)), "format lama (.doc)"),
    "terpotong.docx": (_truncated, "rusak"),
    "xml-rusak.docx": (_broken_xml, "rusak"),
    "bukan-word.docx": (_zip_not_word, "bukan dokumen Word"),
    "teks.docx": (lambda p: p.write_text("bukan word"), "bukan dokumen Word"),
    "notulen.docx": (_no_activity_table, "tidak ada tabel kegiatan"),
    "gambar.png": (lambda p: p.write_bytes(b"\x89PNG"), "jenis berkas tidak dikenal"),
    "biner.txt": (lambda p: p.write_bytes(b"a\tb\x00c"), "bukan berkas teks"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_refused_in_indonesian_and_nothing_is_written(mini_project, tmp_path, name):
    make, message = BAD[name]
    path = tmp_path / name
    make(path)
    before = files(mini_project)
    result = run(mini_project, str(path), "--unit", "uji")
    assert result.exit_code == 1, result.output
    assert message in result.output and name in result.output
    assert "Traceback" not in result.output
    assert files(mini_project) == before


def test_missing_file(mini_project, tmp_path):
    result = run(mini_project, str(tmp_path / "tidak-ada.docx"))
    assert result.exit_code == 1 and "berkas tidak ada" in result.output


def test_existing_file_is_kept_unless_timpa(mini_project, tmp_path):
    source = build(SPECS[0], tmp_path)
    first = run(mini_project, str(source), "--unit", "uji")
    assert first.exit_code == 0, first.output
    written = mini_project / "sops" / "uji" / "layanan-uji-glued.yaml"
    assert "ditulis:" in first.output and written.is_file()
    written.write_text(written.read_text() + "# catatan pengguna\n")
    again = run(mini_project, str(source), "--unit", "uji")
    assert again.exit_code == 1 and "sudah ada" in again.output and "--timpa" in again.output
    assert written.read_text().endswith("# catatan pengguna\n")
    forced = run(mini_project, str(source), "--unit", "uji", "--timpa")
    assert forced.exit_code == 0 and "catatan pengguna" not in written.read_text()
    _, report = check(mini_project)
    assert not report.errors, [str(d) for d in report.errors]


def test_periksa_prints_the_draft_and_writes_nothing(mini_project, tmp_path):
    source = build(SPECS[0], tmp_path)
    before = files(mini_project)
    result = run(mini_project, str(source), "--unit", "uji", "--periksa")
    assert result.exit_code == 0
    assert "uraian: Menilai kelengkapan laporan" in result.output and "Terbaca:" in result.output
    assert files(mini_project) == before


def test_keluaran_and_unknown_unit(mini_project, tmp_path):
    source = build(SPECS[0], tmp_path)
    assert run(mini_project, str(source), "--unit", "tidak-ada").exit_code == 1
    target = mini_project / "sops" / "lain" / "sop-saya.yaml"
    result = run(mini_project, str(source), "--unit", "uji", "--keluaran", str(target))
    assert result.exit_code == 0 and target.is_file()


TSV = """PEMERINTAH KABUPATEN CONTOH
DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK

NOMOR SOP\t: 400/12/UPTD/2024
TGL PEMBUATAN\t: Maret 2024
TGL REVISI\t: -
DISAHKAN OLEH\t<p>Kepala Dinas Contoh</p><p>SITI CONTOH, S.H.</p><p>NIP. 19800101 200501 2 001</p>
NAMA SOP :\tPENGADUAN MASYARAKAT

**DASAR HUKUM :**

1. Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga;
2. Peraturan Bupati Contoh Nomor 7 Tahun 2023 tentang Layanan

**PERALATAN/PERLENGKAPAN :**

1. Komputer
2. ATK

**PERINGATAN :**

Petugas wajib menjaga kerahasiaan
Berkas disimpan terkunci

**SOP PENGADUAN MASYARAKAT**

No.\tKegiatan\tPelaksana\t\t\tMutu Baku\t\t\tKeterangan
\t\tPetugas Penerima\tKonselor\tKepala UPTD\tKelengkapan\tWaktu\tOutput\t
\t\t\t\t\t\t\t\t
A.\tPenerimaan\t\t\t\t\t\t\t
1\tMenerima pengadu\t\t\t\tBuku tamu\t10 Menit\tData pengadu\t
2\tMelakukan asesmen awal a. wawancara b. mengisi formulir\t\t\t\tFormulir\t30 Menit\tHasil asesmen\t
3\tMelaporkan kepada kepala\t\t\t\tLaporan\t1 hari kerja\tDisposisi\tWaktu disesuaikan

NO\tPROSEDUR\tPENANGGUNG JAWAB\tWAKTU\tKET
1\tMenerima pengadu\tPetugas Penerima\t10 Menit\t
2\tMelakukan asesmen awal\tKonselor\t30 Menit\t
3\tMelaporkan kepada kepala\tKonselor/Kepala UPTD\t1 hari kerja\t
"""


def test_tab_separated_text_imports_like_a_table(mini_project, tmp_path):
    source = tmp_path / "pengaduan.txt"
    source.write_text(TSV)
    result = run(mini_project, str(source))  # the kop is recognised from the text: no --unit
    assert result.exit_code == 0, result.output
    loaded, report = check(mini_project)
    assert not report.errors, [str(d) for d in report.errors]
    sop = next(f.sop for f in loaded.sops if f.path.name == "pengaduan-masyarakat.yaml")
    assert sop.unit == "uji" and sop.nomor == "400/12/UPTD/2024" and str(sop.tanggal_pembuatan) == "Maret 2024"
    assert sop.disahkan_oleh.nama == "SITI CONTOH, S.H." and sop.disahkan_oleh.jabatan == "Kepala Dinas Contoh"
    assert [b.teks for b in sop.peralatan.butir] == ["Komputer", "ATK"]
    # lines without numbers: an unnumbered list, ended by the blank line (not the title below)
    assert [b.teks for b in sop.peringatan.butir] == ["Petugas wajib menjaga kerahasiaan", "Berkas disimpan terkunci"]
    assert sop.peringatan.penomoran == "tanpa"
    assert len(sop.dasar_hukum.butir) == 2 and sop.judul == "SOP PENGADUAN MASYARAKAT"
    assert sop.kegiatan[0].bagian == "A. Penerimaan"
    steps = sop.langkah
    assert [s.uraian for s in steps] == ["Menerima pengadu", "Melakukan asesmen awal", "Melaporkan kepada kepala"]
    assert [s.uraian for s in steps[1].sub] == ["wawancara", "mengisi formulir"]
    assert [str(s.waktu) for s in steps] == ["10 Menit", "30 Menit", "1 hari kerja"]  # as written
    assert steps[2].keterangan == "Waktu disesuaikan"
    # no drawing: pelaksana from the summary table (PENANGGUNG JAWAB), said so in a comment
    assert [s.pelaksana for s in steps] == [["petugas"], ["konselor"], ["konselor", "kepala"]]
    text = (mini_project / "sops" / "uji" / "pengaduan-masyarakat.yaml").read_text()
    assert text.count("# dari tabel ringkasan (PENANGGUNG JAWAB)") == 3
    assert sop.tampilan.ringkasan


@pytest.mark.parametrize("seed", ["002_77a0cd919f422c1d.txt", "003_46ee472fc3223970.txt", "004_33d76ab2d679ae1d.txt"])
def test_seeds_import_and_pass_check(sample_root, tmp_path, seed):
    """The real extractions (HTML left in cells, identity in two columns, "Judul SOP",
    the signatory on one line): the first SOP of each imports and passes the check."""
    path = SEEDS / seed
    if not path.is_file():
        pytest.skip("the shared seeds are not on this machine")
    project = tmp_path / "proyek"
    project.mkdir()
    for name in ("soppress.yaml", "letterheads", "registri"):
        source = sample_root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    result = run(project, str(path))
    assert result.exit_code == 0, result.output
    loaded, report = check(project)
    assert not report.errors, [str(d) for d in report.errors]
    sop = loaded.sops[0].sop
    assert isinstance(sop.disahkan_oleh, str)  # the signatory found in registri/pejabat.yaml by NIP
    assert sop.nomor and "PERIKSA: Nomor" not in result.output and "Nama SOP" not in result.output
    if seed.startswith("003"):
        assert "kegiatan 5: pelaksana" in result.output  # "…/Kabid" names no column: left to the user


def test_a_draft_the_model_rejects_is_not_written(mini_project, tmp_path, monkeypatch):
    """The last safety net: an importer mistake is reported, never written."""
    from ruamel.yaml.comments import CommentedSeq
    from soppress.importer import activity
    monkeypatch.setattr(activity, "to_yaml", lambda *args, **kwargs: CommentedSeq())
    before = files(mini_project)
    result = run(mini_project, str(build(SPECS[0], tmp_path)), "--unit", "uji")
    assert result.exit_code == 1 and "tidak lolos skema SOP" in result.output and "kegiatan" in result.output
    assert files(mini_project) == before


def test_a_numbered_row_without_text_is_left_to_the_user(mini_project, tmp_path):
    source = tmp_path / "kosong.txt"
    source.write_text(TSV.replace("2\tMelakukan asesmen awal a. wawancara b. mengisi formulir", "2\t"))
    result = run(mini_project, str(source), "--unit", "uji")
    assert result.exit_code == 0, result.output
    assert "uraian: BELUM ADA  # PERIKSA: kolom kegiatan kosong" in \
        (mini_project / "sops" / "uji" / "pengaduan-masyarakat.yaml").read_text()


def test_kop_not_recognised_falls_back_to_the_only_kop_with_a_comment(mini_project, tmp_path):
    result = run(mini_project, str(build(SPECS[0], tmp_path)), "--periksa")  # kop "KABUPATEN UJI" is not the project's
    assert result.exit_code == 0
    assert "unit: uji  # TEBAKAN: satu-satunya kop proyek" in result.output


def test_kop_must_be_named_when_the_project_has_several(mini_project, tmp_path):
    shutil.copy(mini_project / "letterheads" / "uji.yaml", mini_project / "letterheads" / "lain.yaml")
    result = run(mini_project, str(build(SPECS[0], tmp_path)))
    assert result.exit_code == 1 and "--unit" in result.output and "lain, uji" in result.output


def test_alternatives_written_as_sub_steps_are_pointed_out(mini_project, tmp_path):
    source = tmp_path / "pilihan.txt"
    source.write_text(TSV.replace("Melakukan asesmen awal a. wawancara b. mengisi formulir",
                                  "Menilai laporan a. apabila lengkap, diteruskan b. jika tidak lengkap, dikembalikan"))
    result = run(mini_project, str(source), "--unit", "uji", "--periksa")
    assert result.exit_code == 0
    assert "sub:  # PERIKSA: sub-kegiatan ini tampak sebagai pilihan" in result.output
    assert "kegiatan 2: sub-kegiatan berupa pilihan?" in result.output


def test_signatory_name_and_nip_on_one_line():
    from soppress.importer.identity import pejabat
    assert pejabat(["Kepala Dinas Contoh", "SITI CONTOH, S.H. NIP. 19800101 200501 2 001"]) == {
        "jabatan": "Kepala Dinas Contoh", "nama": "SITI CONTOH, S.H.", "nip": "19800101 200501 2 001"}
