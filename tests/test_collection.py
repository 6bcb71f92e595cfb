"""Collection checks: each with a case that passes and one that fails."""
import datetime as dt
import json
import shutil

import pytest
from click.testing import CliRunner

from soppress.api import check
from soppress.cli import main
from soppress.checks.nip import check_nip, is_pppk
from soppress.sources.project import load_project
from soppress.checks.diagnostics import Report
from soppress.checks.review import add_months, review_status

REGISTRY = """
uu-23-2004:
  jenis: Undang-Undang
  nomor: "23"
  tahun: 2004
  tentang: Penghapusan Kekerasan dalam Rumah Tangga
  ln: {tahun: 2004, nomor: "95"}
  tln: "4419"
pp-9-2008:
  jenis: Peraturan Pemerintah
  nomor: "9"
  tahun: 2008
  tentang: Tata Cara dan Mekanisme Pelayanan Terpadu bagi Saksi dan/atau Korban Tindak Pidana Perdagangan Orang
  ln: {tahun: 2008, nomor: "22"}
  tln: "4818"
permen-pppa-1-2010:
  jenis: Peraturan Menteri Negara Pemberdayaan Perempuan dan Perlindungan Anak
  nomor: "1"
  tahun: 2010
  tentang: Standar Pelayanan Minimal Bidang Layanan Terpadu bagi Perempuan dan Anak Korban Kekerasan
  bn: {tahun: 2010, nomor: "56"}
"""


def codes(root, **kw):
    _, report = check(root, **kw)
    return [(d.code, d.severity) for d in report.sorted()]


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def second_sop(root, **changes):
    """A copy of the mini SOP under another name, with some text replaced."""
    target = root / "sops" / "kedua.yaml"
    shutil.copy(root / "sops" / "contoh.yaml", target)
    for old, new in changes.items():
        edit(target, old, new)
    return target


@pytest.fixture
def proyek(mini_project):
    (mini_project / "registri").mkdir()
    (mini_project / "registri" / "peraturan.yaml").write_text(REGISTRY)
    return mini_project


def test_clean_project_has_no_findings(proyek):
    assert codes(proyek) == []


def test_duplicate_nomor(proyek):
    second_sop(proyek, **{"nama: Layanan Pengaduan Langsung": "nama: Layanan Kedua"})
    assert ("koleksi.nomor-ganda", "peringatan") in codes(proyek)
    second_sop(proyek, **{"nomor: 400/001/UPTD-PPA/2026": "nomor: 400/002/UPTD-PPA/2026",
                          "nama: Layanan Pengaduan Langsung": "nama: Layanan Kedua"})
    assert "koleksi.nomor-ganda" not in [c for c, _ in codes(proyek)]


def test_strict_turns_findings_into_errors_and_codes_can_be_silenced(proyek):
    second_sop(proyek)
    assert ("koleksi.nomor-ganda", "galat") in codes(proyek, strict=True)
    assert "koleksi.nomor-ganda" not in [c for c, _ in codes(proyek, ignore=["koleksi"])]
    config = proyek / "soppress.yaml"
    config.write_text(config.read_text() + "abaikan: [koleksi.nomor-ganda]\n")
    assert "koleksi.nomor-ganda" not in [c for c, _ in codes(proyek, strict=True)]


def test_strict_check_exits_1(proyek):
    second_sop(proyek)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--proyek", str(proyek)]).exit_code == 0
    result = runner.invoke(main, ["check", "--proyek", str(proyek), "--strict"])
    assert result.exit_code == 1 and "[koleksi.nomor-ganda]" in result.output
    result = runner.invoke(main, ["check", "--proyek", str(proyek), "--strict", "--abaikan", "koleksi.nomor-ganda"])
    assert result.exit_code == 0


def test_signatory_spelled_differently(proyek):
    second_sop(proyek, **{"nomor: 400/001/UPTD-PPA/2026": "nomor: 400/002/UPTD-PPA/2026",
                          "nama: Dra. Contoh Saja, M.Si": "nama: Dra. Contoh Saya, M.Si"})
    assert "pejabat.nama-beda" in [c for c, _ in codes(proyek)]


def test_same_name_two_nips(proyek):
    second_sop(proyek, **{"nomor: 400/001/UPTD-PPA/2026": "nomor: 400/002/UPTD-PPA/2026",
                          "nip: 19700101 199503 2 001": "nip: 19700101 199503 2 002"})
    found = [c for c, _ in codes(proyek)]
    assert "pejabat.nip-beda" in found and "pejabat.nama-beda" not in found


@pytest.mark.parametrize("value, valid", [
    ("19720804 199203 1 004", True),
    ("19680717 199903 2 006", True),
    ("19850101 202121 1 001", True),    # PPPK: middle part is not a month, not checked as TMT
    ("19720230 199203 1 004", False),   # 30 February
    ("19720804 198503 1 004", False),   # TMT at 12 years old
    ("19720804 199203 3 004", False),   # gender digit 3
    ("19720804 199203 1 04", False),    # 17 digits
    ("1972O804 199203 1 004", False),   # letter O
])
def test_nip_validity(value, valid):
    assert (check_nip(value) == []) is valid


def test_pppk_detection():
    assert is_pppk("19850101 202121 1 001") and not is_pppk("19720804 199203 1 004")


def test_invalid_nip_is_reported(proyek):
    edit(proyek / "sops" / "contoh.yaml", "nip: 19700101 199503 2 001", "nip: 19700101 198503 2 001")
    assert "nip.tidak-sah" in [c for c, _ in codes(proyek)]


def test_dates_out_of_order(proyek):
    edit(proyek / "sops" / "contoh.yaml", "tanggal_pembuatan: 2026-01-05", "tanggal_pembuatan: 2026-02-05")
    assert "tanggal.urutan" in [c for c, _ in codes(proyek)]


def test_month_precision_dates_compare_by_month(proyek):
    edit(proyek / "sops" / "contoh.yaml", "tanggal_pembuatan: 2026-01-05", "tanggal_pembuatan: 2026-01")
    assert "tanggal.urutan" not in [c for c, _ in codes(proyek)]


def test_empty_tanggal_revisi(proyek):
    edit(proyek / "sops" / "contoh.yaml", "tanggal_revisi: {rencana: 2027-01-12}\n", "")
    assert "tanggal.revisi-kosong" in [c for c, _ in codes(proyek)]


def test_unreachable_and_dead_end_steps(proyek):
    sop = proyek / "sops" / "contoh.yaml"
    edit(sop, "    cabang: [4, 2]", "    cabang: [2, 2]")
    found = [c for c, _ in codes(proyek)]
    assert "alur.tak-terjangkau" in found and "alur.buntu" in found


def test_decision_branches_to_the_same_step(proyek):
    edit(proyek / "sops" / "contoh.yaml", "    cabang: [4, 2]", "    cabang: [4, 4]")
    assert "alur.cabang-sama" in [c for c, _ in codes(proyek)]


def test_numbering_gap(proyek):
    edit(proyek / "sops" / "contoh.yaml", "dasar_hukum:\n  - Undang-Undang",
         "dasar_hukum:\n  - {teks: Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga"
         ", nomor: '1'}\n  - {teks: Peraturan Pemerintah Nomor 9 Tahun 2008 tentang Tata Cara dan Mekanisme Pelayanan "
         "Terpadu bagi Saksi dan/atau Korban Tindak Pidana Perdagangan Orang, nomor: '3'}\n  - Undang-Undang")
    assert [c for c, _ in codes(proyek)].count("daftar.nomor") == 1


@pytest.mark.parametrize("citation, code", [
    ("Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga", None),
    ("Peraturan Pemerintah Nomor 8 Tahun 2008 tentang Tata cara dan Mekanisme Pelayanan Terpadu bagi saksi dan/atau "
     "Korban Tindak Pidana Perdagangan Orang", "dasar-hukum.nomor"),
    ("Peraturan Menteri Negara Pemberdayaan Perempuan dan Perlindungan Anak Nomor 1 tentang Standar Pelayanan "
     "Minimal untuk Perempuan dan Anak Korban Kekerasan", "dasar-hukum.tahun"),
    ("Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga (Lembaran Negara Republik "
     "Indonesia Tahun 2002 Nomor 109, Tambahan Lembaran Negara Republik Indonesia Nomor 4235)", "dasar-hukum.lembaran"),
    ("Undang-Undang Nomor 23 Tahun 2004 tentang Pemerintahan Daerah", "dasar-hukum.judul"),
    ("Peraturan Presiden Nomor 69 Tahun 2008 tentang Gugus Tugas", "dasar-hukum.tak-terdaftar"),
    ("Kebijakan kepala dinas tentang pelayanan", "dasar-hukum.tak-dikenal"),
])
def test_free_text_citations_against_registry(proyek, citation, code):
    edit(proyek / "sops" / "contoh.yaml", "  - Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam "
         "Rumah Tangga", f"  - {json.dumps(citation)}")
    found = [c for c, severity in codes(proyek) if c.startswith("dasar-hukum") and severity != "catatan"]
    assert set(found) == ({code} if code else set())


def test_citation_suggests_the_registry_entry(proyek):
    edit(proyek / "sops" / "contoh.yaml", "  - Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam "
         "Rumah Tangga", "  - Peraturan Pemerintah Nomor 8 Tahun 2008 tentang Tata cara dan Mekanisme Pelayanan "
         "Terpadu bagi saksi dan/atau Korban Tindak Pidana Perdagangan Orang")
    _, report = check(proyek)
    (finding,) = [d for d in report.diagnostics if d.code == "dasar-hukum.nomor"]
    assert '"Peraturan Pemerintah Nomor 9 Tahun 2008' in finding.message and "(ref: pp-9-2008)" in finding.message
    assert "maksud Anda" not in finding.message  # the sheet has decided: printed as written
    assert "seperti tertulis" in finding.message
    assert finding.pos.line == 14  # the dasar hukum item itself


def test_keterkaitan(proyek):
    sop = proyek / "sops" / "contoh.yaml"
    edit(sop, "pelaksana:\n", "keterkaitan:\n  - SOP Rujukan ke Rumah Sakit\npelaksana:\n")
    assert "keterkaitan.tak-dikenal" in [c for c, _ in codes(proyek)]
    edit(sop, "  - SOP Rujukan ke Rumah Sakit", "  - {teks: SOP Rujukan ke Rumah Sakit, luar: true}")
    assert codes(proyek) == []
    second_sop(proyek, **{"nomor: 400/001/UPTD-PPA/2026": "nomor: 400/002/UPTD-PPA/2026",
                          "nama: Layanan Pengaduan Langsung": "nama: Layanan Rujukan Korban"})
    edit(sop, "  - {teks: SOP Rujukan ke Rumah Sakit, luar: true}", "  - SOP Layanan Rujukan Korban")
    assert codes(proyek) == []  # names a project SOP by its title
    edit(sop, "  - SOP Layanan Rujukan Korban", "  - {sop: tidak-ada}")
    assert "keterkaitan.tak-dikenal" in [c for c, _ in codes(proyek)]
    edit(sop, "  - {sop: tidak-ada}", "  - {sop: contoh}")
    assert "keterkaitan.diri-sendiri" in [c for c, _ in codes(proyek)]


def test_review_status(proyek):
    project = load_project(proyek, Report())
    (row,) = review_status(project, dt.date(2027, 1, 1))
    assert (row.kaji_ulang, row.status, row.sisa_hari) == ("2027-01-12", "segera", 11)
    (row,) = review_status(project, dt.date(2026, 6, 1))
    assert row.status == "baik"
    (row,) = review_status(project, dt.date(2027, 2, 1))
    assert row.status == "terlambat" and row.sisa_hari == -20
    edit(proyek / "sops" / "contoh.yaml", "tanggal_revisi: {rencana: 2027-01-12}\n", "")
    (row,) = review_status(load_project(proyek, Report()), dt.date(2027, 2, 1))
    assert row.kaji_ulang == "2027-01-12"  # efektif + 12 months
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_status_command_json(proyek):
    result = CliRunner().invoke(main, ["status", "--proyek", str(proyek), "--tanggal", "2027-01-01",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["status"] == "segera"
    text = CliRunner().invoke(main, ["status", "--proyek", str(proyek), "--tanggal", "2027-01-01"]).output
    assert "contoh" in text and "segera (11 hari lagi)" in text and "1 perlu dikaji ulang" in text


PEJABAT = """
kadis:
  jabatan: Kepala Dinas PPPA Kabupaten Contoh
  gelar_depan: Dra.
  nama: Contoh Saja
  gelar_belakang: M.Si
  nip: 19700101 199503 2 001
  pangkat: Pembina Utama Muda
  golongan: IV/c
"""


def test_signatory_by_key_is_printed_from_the_registry(proyek, tmp_path):
    from soppress.build import build
    (proyek / "registri" / "pejabat.yaml").write_text(PEJABAT)
    sop = proyek / "sops" / "contoh.yaml"
    text = sop.read_text()
    start, end = text.index("disahkan_oleh:"), text.index("nama: Layanan")
    sop.write_text(text[:start] + "disahkan_oleh: kadis\n" + text[end:])
    assert codes(proyek) == []
    build(proyek, tmp_path, formats=["html"])
    html = (tmp_path / "contoh.html").read_text()
    assert "Dra. Contoh Saja, M.Si" in html and "Pembina Utama Muda (IV/c)" in html and "19700101 199503 2 001" in html


def test_registry_spelling_is_the_reference(proyek):
    (proyek / "registri" / "pejabat.yaml").write_text(PEJABAT.replace("nama: Contoh Saja", "nama: Contoh Sajah"))
    _, report = check(proyek)
    (finding,) = [d for d in report.diagnostics if d.code == "pejabat.nama-beda"]
    assert "registri/pejabat.yaml (kadis)" in finding.message and '"Dra. Contoh Sajah, M.Si"' in finding.message


def test_pangkat_must_match_golongan(proyek):
    edit(proyek / "sops" / "contoh.yaml", "  nip: 19700101 199503 2 001",
         "  nip: 19700101 199503 2 001\n  pangkat: Penata\n  golongan: IV/c")
    _, report = check(proyek)
    (finding,) = [d for d in report.diagnostics if d.code == "pejabat.pangkat"]
    assert 'seharusnya "Pembina Utama Muda"' in finding.message
    edit(proyek / "sops" / "contoh.yaml", "  pangkat: Penata\n", "  pangkat: Pembina Utama Muda\n")
    assert "pejabat.pangkat" not in [c for c, _ in codes(proyek)]


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
penandatangan:
  jabatan: Kepala Dinas PPPA Kabupaten Contoh
  nama: Dra. Contoh Saja, M.Si
  nip: 19700101 199503 2 001
lampiran:
  - contoh
"""


@pytest.fixture
def with_keputusan(proyek):
    (proyek / "keputusan").mkdir()
    (proyek / "keputusan" / "uji.yaml").write_text(KEPUTUSAN)
    return proyek


def test_clean_keputusan(with_keputusan):
    assert codes(with_keputusan) == []


def test_keputusan_references(with_keputusan):
    k = with_keputusan / "keputusan" / "uji.yaml"
    edit(k, "  - contoh\n", "  - contoh\n  - tidak-ada\n  - contoh\n")
    _, report = check(with_keputusan)
    messages = [d.message for d in report.errors if d.code == "keputusan.lampiran"]
    assert any('lampiran II: SOP "tidak-ada" tidak ada' in m for m in messages)
    assert any('lampiran III: SOP "contoh" sudah menjadi lampiran lain' in m for m in messages)


def test_keputusan_needs_one_list_diktum(with_keputusan):
    edit(with_keputusan / "keputusan" / "uji.yaml", "daftar_sop: true", "daftar_sop: false")
    assert ("keputusan.diktum", "galat") in codes(with_keputusan)


def test_keputusan_mengingat_is_checked_against_the_registry(with_keputusan):
    k = with_keputusan / "keputusan" / "uji.yaml"
    edit(k, "Nomor 23 Tahun 2004", "Nomor 23 Tahun 2003")  # the same title: the year is wrong
    _, report = check(with_keputusan)
    (finding,) = [d for d in report.diagnostics if d.code.startswith("dasar-hukum")]
    assert finding.code == "dasar-hukum.nomor" and finding.message.startswith("mengingat 1. tahun tertulis 2003")
    edit(k, "tentang Penghapusan Kekerasan dalam Rumah Tangga", "tentang Ketenagakerjaan")
    assert "dasar-hukum.tak-terdaftar" in [c for c, _ in codes(with_keputusan)]


def test_keputusan_signatory_joins_the_consistency_check(with_keputusan):
    edit(with_keputusan / "keputusan" / "uji.yaml", "nama: Dra. Contoh Saja", "nama: Dra. Contoh Saya")
    assert "pejabat.nama-beda" in [c for c, _ in codes(with_keputusan)]


def test_old_diktum_list_against_lampiran(with_keputusan):
    k = with_keputusan / "keputusan" / "uji.yaml"
    k.write_text(k.read_text() + "naskah_diktum:\n  - {teks: Layanan Pengaduan Langsung, nomor: '1'}\n")
    assert codes(with_keputusan) == []
    k.write_text(k.read_text().replace("nomor: '1'", "nomor: '2'"))
    assert "keputusan.diktum-nomor" in [c for c, _ in codes(with_keputusan)]
    k.write_text(k.read_text().replace("teks: Layanan Pengaduan Langsung", "teks: Layanan Mediasi"))
    assert "keputusan.diktum-hilang" in [c for c, _ in codes(with_keputusan)]


def test_broken_keputusan_is_reported_and_nothing_is_built(with_keputusan, tmp_path):
    from soppress.cli import main as cli
    k = with_keputusan / "keputusan" / "uji.yaml"
    edit(k, "tanggal: 2026-01-20", "tanggal: 2026-02-31")
    edit(k, "penandatangan:", "penandatangn:")
    result = CliRunner().invoke(cli, ["build", "--proyek", str(with_keputusan), "--keluaran", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert 'keputusan/uji.yaml:15:10: galat: tanggal "2026-02-31" tidak ada di kalender' in result.output
    assert 'kunci "penandatangn" tidak dikenal (maksud Anda "penandatangan"?)' in result.output
    assert not (tmp_path / "out").exists()
