"""The sample corpus: every SOP of the three seeds, loaded and checked for real content.

Expected counts were read from the seeds (../shared/seeds) independently of the
encoding: numbered activity rows and actor columns of each SOP's table."""
import pytest

from soppress.api import check
from soppress.model import Langkah

# key: (activities, pelaksana columns, nomor SOP as printed)
EXPECTED = {
    "hst/01-pengaduan-masyarakat": (10, 5, "10/160 /Dinas/2026"),
    "hst/02-penjangkauan-korban": (8, 3, "70 / 10 / 01 / 2026"),
    "hst/03-pengelolaan-kasus": (10, 5, "28/1160/D/Sos/2026"),
    "hst/04-mediasi": (17, 4, "78 / 60 / 11 / 2026 / 2026"),
    "hst/05-penampungan-sementara": (10, 5, "70 / No / Dinkes / PPA / 2026"),
    "hst/06-pendampingan-korban": (7, 3, "70 / 2026 / 2026"),
    "kalteng/01-pengaduan-langsung": (4, 3, "061.1/ 500 UPT-PPA/DP3APPKB"),
    "kalteng/02-pengaduan-tidak-langsung": (6, 5, "061.1/581/UPT-PPA/DP3APPKB"),
    "kalteng/03-penjangkauan": (9, 5, "061.1/582/UPT-PPA/DP3APPKB"),
    "kalteng/04-penampungan-sementara": (4, 3, "061-V 583/UPT-PPA/DP3APPKB"),
    "kalteng/05-tindak-lanjut-kasus": (10, 3, "061.1/584/UPT-PPA/DP3APPKB"),
    "kalteng/06-tindak-lanjut-rujukan": (11, 3, "061.1/588/UPT-PPA/DP3APPKB"),
    "kalteng/07-layanan-psikologi": (6, 3, "061.1/596 /UPT-PPA/DP3APPKB"),
    "kalteng/08-pelayanan-mediasi": (7, 3, "061.1/ 587 /UPT-PPA/DP3APPKB"),
    "kalteng/09-pendampingan-hukum": (4, 2, "061.1/588/UPT-PPA/DP3APPKB"),
    "kalteng/10-home-visite": (5, 3, "061.1/584/UPT-PPA/DP3APPKB"),
    "purwakarta/01-rehabilitasi-sosial": (7, 4, "61.1.0.048 / I / 2020"),
}


@pytest.fixture(scope="module")
def corpus(sample_root):
    project, report = check(sample_root)
    return project, report, {f.key: f.sop for f in project.sops}


# The seeds' own mistakes, kept in the corpus on purpose, and what `soppress check`
# says about them (code per SOP). Anything else it says would be spurious.
KALTENG_SPELLINGS = ["02-pengaduan-tidak-langsung", "05-tindak-lanjut-kasus", "06-tindak-lanjut-rujukan",
                     "07-layanan-psikologi", "08-pelayanan-mediasi"]
SEED_FINDINGS = {
    *{(key, "tanggal.revisi-kosong") for key in EXPECTED},            # Tanggal Revisi left empty or "-"
    ("kalteng/09-pendampingan-hukum", "koleksi.nomor-ganda"),           # 061.1/588 used twice
    ("kalteng/10-home-visite", "koleksi.nomor-ganda"),                  # 061.1/584 used twice
    *{(f"kalteng/{k}", "pejabat.nama-beda") for k in KALTENG_SPELLINGS},  # one NIP, several spellings
    ("hst/06-pendampingan-korban", "pejabat.nama-beda"),                # "Svahbidin"
    ("hst/02-penjangkauan-korban", "daftar.nomor"),                     # peringatan jumps from 6 to 8
    ("hst/06-pendampingan-korban", "daftar.nomor"),                     # keterkaitan numbered from 7
    # miscited regulations, against registri/peraturan.yaml
    *{(f"hst/{k}", code) for k in ["01-pengaduan-masyarakat", "02-penjangkauan-korban", "03-pengelolaan-kasus",
                                    "04-mediasi", "05-penampungan-sementara", "06-pendampingan-korban"]
      for code in ("dasar-hukum.judul",      # Permenpan RB 35/2012 "tentang penyusunan SOP"
                   "dasar-hukum.tahun")},    # Permen PP-PA "Nomor 1 tentang SPM …" without its year
    ("kalteng/01-pengaduan-langsung", "dasar-hukum.judul"),        # Permen 1/2010 split: no "tentang" …
    ("kalteng/01-pengaduan-langsung", "dasar-hukum.pecahan"),     # … and "tentang …" as an item of its own
    ("kalteng/02-pengaduan-tidak-langsung", "dasar-hukum.judul"),  # Permen 1/2010 "SPM untuk …"
    ("kalteng/03-penjangkauan", "dasar-hukum.judul"),              # the same, and Permen 5/2010 without title
    ("kalteng/04-penampungan-sementara", "dasar-hukum.judul"),     # the same two
    ("purwakarta/01-rehabilitasi-sosial", "dasar-hukum.judul"),    # UU 35/2014 "tentang Perlindungan Anak"
    ("purwakarta/01-rehabilitasi-sosial", "dasar-hukum.tak-terdaftar"),  # "Peraturan Daeran … No.103"
    ("purwakarta/01-rehabilitasi-sosial", "dasar-hukum.dicabut"),  # PP 53/2010, revoked by PP 94/2021
    ("purwakarta/01-rehabilitasi-sosial", "formulir.tidak-ada"),  # "Formulir Pelayanan": no such form in forms/
    ("kalteng/04-penampungan-sementara", "alur.cabang-sama"),      # "menempatkan" and "menolak" both go to 4
    *{(key, "keterkaitan.diri-sendiri") for key in [                   # keterkaitan naming the SOP itself
        "hst/05-penampungan-sementara", "hst/06-pendampingan-korban", "kalteng/01-pengaduan-langsung",
        "kalteng/02-pengaduan-tidak-langsung", "kalteng/03-penjangkauan", "kalteng/04-penampungan-sementara"]},
    # Nomor SOP against the unit's pola_nomor_sop (letterheads/*.yaml)
    ("hst/03-pengelolaan-kasus", "sop.nomor-pola"),          # "28/1160/D/Sos/2026": five parts
    ("hst/04-mediasi", "sop.nomor-pola"),                    # "78 / 60 / 11 / 2026 / 2026"
    ("hst/05-penampungan-sementara", "sop.nomor-pola"),      # "70 / No / Dinkes / PPA / 2026"
    ("hst/06-pendampingan-korban", "sop.nomor-pola"),        # "70 / 2026 / 2026"
    ("kalteng/01-pengaduan-langsung", "sop.nomor-pola"),     # "061.1/ 500 UPT-PPA/…": no "/" before UPT
    ("kalteng/04-penampungan-sementara", "sop.nomor-pola"),  # "061-V 583/…"
    # "Rehabilitas" for "Rehabilitasi" in three keterkaitan: the peta draws one node, check asks to agree
    *{(f"hst/{k}", "keterkaitan.ejaan") for k in ["02-penjangkauan-korban", "03-pengelolaan-kasus", "04-mediasi"]},
    # the six HST SOPs name no tanggal efektif: they take the Keputusan's
    *{(f"hst/{k}", "tanggal.efektif-keputusan") for k in ["01-pengaduan-masyarakat", "02-penjangkauan-korban",
                                                           "03-pengelolaan-kasus", "04-mediasi",
                                                           "05-penampungan-sementara", "06-pendampingan-korban"]},
}


# Seed 002's Keputusan (keputusan/hst.yaml), line by line of its Mengingat and diktum.
KEPUTUSAN_FINDINGS = [
    ("mengingat 3.", "dasar-hukum.lembaran"),   # UU 25/2009: TLN 5083 for 5038
    ("mengingat 4.", "dasar-hukum.judul"),      # UU 35/2014 "tentang Perlindungan Anak" …
    ("mengingat 4.", "dasar-hukum.lembaran"),   # … with the LN …
    ("mengingat 4.", "dasar-hukum.lembaran"),   # … and the TLN of UU 23/2002
    ("mengingat 5.", "dasar-hukum.judul"),      # UU 23/2014 "Pemerintah Daerah" …
    ("mengingat 5.", "dasar-hukum.dicabut"),    # … "diubah terakhir dengan" UU 11/2020, revoked
    ("mengingat 7.", "dasar-hukum.nomor"),      # the TPPO regulation as PP Nomor 8 Tahun 2008
    ("mengingat 8.", "dasar-hukum.lembaran"),   # PP 18/2016: TLN 5888 for 5887
    ("mengingat 11.", "dasar-hukum.judul"),     # Permen 1/2010 "SPM Untuk Perempuan …"
    ("mengingat 12.", "dasar-hukum.judul"),     # Permenpan RB 35/2012 "… Administrasi Pemerintah"
    ("mengingat 13.", "dasar-hukum.lembaran"),  # Permen PPPA 4/2018 given Lembaran Negara numbers
    ("nama penandatangan", "pejabat.nama-beda"),  # "Dys. H. Syahbidin"
    ("lampiran I ", "keputusan.diktum-hilang"),   # the list of SOPs leaves out LAMPIRAN I …
    ("daftar SOP di diktum memuat", "keputusan.diktum-jumlah"),
    ("daftar SOP di diktum bernomor", "keputusan.diktum-nomor"),  # … and starts at 2
    ("menimbang b.", "keputusan.menimbang-jenis"),  # "perlu menetapkan Peraturan Bupati" in a Keputusan
    # Mengingat items printed without the LN/TLN/BN/LD numbers the others carry (registry lacks them)
    *[(f"mengingat {n}.", "mengingat.tak-seragam") for n in (6, 9, 10, 11, 12, 14, 16)],
]


def test_keputusan_mistakes_are_found_and_nothing_else(corpus):
    _, report, _ = corpus
    found = [d for d in report.diagnostics if str(d.pos.file) == "keputusan/hst.yaml" and d.severity != "catatan"]
    assert all(d.severity == "peringatan" for d in found)

    def label(d):
        return next((p for p, c in KEPUTUSAN_FINDINGS if d.message.startswith(p) and c == d.code), d.message[:50])

    assert sorted((label(d), d.code) for d in found) == sorted(KEPUTUSAN_FINDINGS)


def test_corpus_has_no_errors_and_every_seed_sop(corpus):
    project, report, sops = corpus
    assert report.errors == []
    assert set(sops) == set(EXPECTED), "every seed SOP is encoded, and nothing else"


def test_check_reports_the_seed_mistakes_and_nothing_else(corpus):
    _, report, _ = corpus
    found = {(str(d.pos.file)[len("sops/"):-len(".yaml")], d.code) for d in report.diagnostics
             if str(d.pos.file).startswith("sops/") and d.severity != "catatan"}
    assert found == SEED_FINDINGS


def test_duplicate_numbers_name_the_other_sop(corpus):
    _, report, _ = corpus
    messages = [d.message for d in report.diagnostics if d.code == "koleksi.nomor-ganda"]
    assert any("061.1/588/UPT-PPA/DP3APPKB" in m and "06-tindak-lanjut-rujukan" in m for m in messages)
    assert any("061.1/584/UPT-PPA/DP3APPKB" in m and "05-tindak-lanjut-kasus" in m for m in messages)


def test_signatory_spellings_are_all_found(corpus):
    _, report, sops = corpus
    spellings = {sops[f"kalteng/{k}"].disahkan_oleh.nama for k in KALTENG_SPELLINGS}
    assert len(spellings) >= 3
    messages = " ".join(d.message for d in report.diagnostics if d.code == "pejabat.nama-beda")
    assert all(f'"{name}"' in messages for name in spellings)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_counts_and_number(corpus, key):
    steps, columns, nomor = EXPECTED[key]
    sop = corpus[2][key]
    assert len(sop.langkah) == steps
    assert len(sop.pelaksana) == columns
    assert sop.nomor == nomor
    assert sop.simbol(sop.langkah[0]) == "mulai" and sop.simbol(sop.langkah[-1]) == "selesai"
    for step in sop.langkah:  # every step's pelaksana resolves to a column
        assert all(sop.pelaksana_of(ref) for ref in step.pelaksana), step.no


def test_decisions_of_pengaduan_tidak_langsung(corpus):
    sop = corpus[2]["kalteng/02-pengaduan-tidak-langsung"]
    decisions = {s.no: s for s in sop.langkah if sop.simbol(s) == "keputusan"}
    assert sorted(decisions) == [2, 3]
    assert [c.ke for c in decisions[2].cabang] == [3, 6]
    assert sop.cabang_labels(decisions[2]) == ["Ya", "Tidak"]
    assert [c.ke for c in decisions[3].cabang] == [4, 5]
    assert sop.kegiatan[0].bagian == "A. Proses Penerimaan Pengaduan Tdk Langsung"
    assert decisions[2].waktu.satuan == "hari kerja" and decisions[2].waktu.min == 5
    assert str(sop.total_waktu()) == "35 menit + 18 hari kerja"


def test_rehabilitasi_sosial_summary_and_multi_pelaksana(corpus):
    sop = corpus[2]["purwakarta/01-rehabilitasi-sosial"]
    assert sop.tampilan.ringkasan and sop.tampilan.legenda
    assert str(sop.tanggal_pembuatan) == "Januari 2020"
    step6 = sop.langkah[5]
    assert len(step6.pelaksana) == 3  # Pendamping P2TP2A / Kasi … / Kabid, from the summary table
    assert str(sop.total_waktu()) == "760 menit"


def test_penjangkauan_sub_steps_on_own_rows(corpus):
    sop = corpus[2]["hst/02-penjangkauan-korban"]
    step2, step3 = sop.langkah[1], sop.langkah[2]
    assert step2.sub_terpisah and len(step2.sub) == 3
    assert len(step3.sub) == 6
    assert (step3.sub[4].waktu.min, step3.sub[4].waktu.max) == (30, 120)
    flexible = [d for s in sop.langkah for d in s.durations if d.fleksibel]
    assert flexible and flexible[0].teks == "Sesuai waktu layanan"


def test_seed_mistakes_are_kept(corpus):
    sops = corpus[2]
    # seed 004 uses 584 and 588 twice each: the collection checks must find that later
    numbers = [s.nomor for k, s in sops.items() if k.startswith("kalteng/")]
    assert numbers.count("061.1/584/UPT-PPA/DP3APPKB") == 2
    assert numbers.count("061.1/588/UPT-PPA/DP3APPKB") == 2
    # seed 002, lampiran II: peringatan jumps from 6 to 8
    peringatan = sops["hst/02-penjangkauan-korban"].peringatan.butir
    assert [b.nomor for b in peringatan][-1] == "8"
    # the signatory's name is spelled in several ways across seed 004
    names = {s.disahkan_oleh.nama for k, s in sops.items() if k.startswith("kalteng/")}
    assert len(names) >= 3
    # seed 002 cites the TPPO regulation as PP Nomor 9 Tahun 2008 in its SOPs
    assert any("Nomor 9 tahun 2008" in b.teks for b in sops["hst/01-pengaduan-masyarakat"].dasar_hukum.butir)


def test_every_step_has_text(corpus):
    for key, sop in corpus[2].items():
        for step in sop.langkah:
            assert isinstance(step, Langkah)
            assert step.uraian.strip() or all(s.uraian.strip() for s in step.sub), (key, step.no)


def test_miscited_regulations_are_named(corpus):
    _, report, _ = corpus
    by_file = {}
    for d in report.diagnostics:
        if d.code.startswith("dasar-hukum"):
            by_file.setdefault(str(d.pos.file), []).append(d.message)
    hst = " ".join(by_file["sops/hst/01-pengaduan-masyarakat.yaml"])
    assert "dasar hukum 8. tahun peraturan tidak ditulis" in hst
    assert "Nomor 1 Tahun 2010 tentang Standar Pelayanan Minimal Bidang Layanan Terpadu" in hst
    assert "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan" in hst
    purwakarta = " ".join(by_file["sops/purwakarta/01-rehabilitasi-sosial.yaml"])
    assert "ref: perbup-purwakarta-103-2020" in purwakarta


def test_citations_are_printed_as_written_unless_jenis_nomor_tahun_agree(corpus):
    """A written dasar hukum item prints the registry's citation only when its jenis,
    nomor and tahun agree with the entry (and `check` then says so); every other item
    prints exactly as written, and carries a warning."""
    from soppress.checks import citations
    from soppress.views.common import citation_text
    project, report, sops = corpus
    said = {(str(d.pos.file), d.pos.line): d for d in report.diagnostics if d.code.startswith("dasar-hukum")}
    from_registry = as_written = 0
    for f in project.sops:
        for i, item in enumerate(f.sop.dasar_hukum.butir):
            key = citations.printable_ref(item.teks, project.peraturan)
            text = citation_text(project, item)
            raw = f.source.data["dasar_hukum"]
            line = f.source.pos(("dasar_hukum", "butir", i) if isinstance(raw, dict) else ("dasar_hukum", i)).line
            if key:
                entry = project.peraturan[key]
                parsed = citations.parse(item.teks)
                assert (citations.kind_of(entry.jenis), entry.tahun) == (parsed.kind, parsed.tahun)
                assert citations.same_number(parsed.nomor, entry.nomor)
                assert text == entry.kutipan
                if " ".join(item.teks.split()).rstrip(" ;.") != entry.kutipan:
                    assert (str(f.path), line) in said, (f.key, i)  # check says what is printed
                from_registry += 1
            else:
                assert text == item.teks, (f.key, i)
                if not item.teks.lower().startswith("kitab undang"):
                    assert said[(str(f.path), line)].severity == "peringatan", (f.key, i)
                as_written += 1
    assert from_registry >= 100 and as_written >= 10
