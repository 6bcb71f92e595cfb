"""Legal text never changes silently: what a written citation prints, what `check`
says about it, revoked regulations, and `soppress rapikan`."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from soppress.api import check
from soppress.checks import citations
from soppress.cli import main
from soppress.model import Peraturan
from soppress.views.common import citation_text

REGISTRY = """
uu-23-2004:
  jenis: Undang-Undang
  nomor: "23"
  tahun: 2004
  tentang: Penghapusan Kekerasan dalam Rumah Tangga
uu-23-2014:
  jenis: Undang-Undang
  nomor: "23"
  tahun: 2014
  tentang: Pemerintahan Daerah
  diubah_dengan: [uu-9-2015, uu-11-2020, uu-6-2023]
uu-9-2015:
  jenis: Undang-Undang
  nomor: "9"
  tahun: 2015
  tentang: Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
uu-11-2020:
  jenis: Undang-Undang
  nomor: "11"
  tahun: 2020
  tentang: Cipta Kerja
  dicabut_oleh: perppu-2-2022
  diganti_oleh: uu-6-2023
perppu-2-2022:
  jenis: Peraturan Pemerintah Pengganti Undang-Undang
  nomor: "2"
  tahun: 2022
  tentang: Cipta Kerja
uu-6-2023:
  jenis: Undang-Undang
  nomor: "6"
  tahun: 2023
  tentang: Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang
pp-91-2010:
  jenis: Peraturan Pemerintah
  nomor: "91"
  tahun: 2010
  tentang: Tata Cara Contoh Pelayanan Terpadu
perbup-contoh-209-2017:
  jenis: Peraturan Bupati Contoh
  nomor: "209"
  tahun: 2017
  tentang: Pelayanan Terpadu Perlindungan Anak
kepbup-contoh-209-2017:
  jenis: Keputusan Bupati Contoh
  nomor: "209"
  tahun: 2017
  tentang: Pembentukan Satuan Tugas Perlindungan Anak
perbup-lain-12-2019:
  jenis: Peraturan Bupati Lain
  nomor: "12"
  tahun: 2019
  tentang: Pelayanan Terpadu Perlindungan Anak
"""
WRONG_NUMBER = "Peraturan Pemerintah Nomor 1 Tahun 2010 tentang Tata Cara Contoh Pelayanan Terpadu"
ORIGINAL = "  - Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga"


@pytest.fixture
def registry():
    import yaml
    return {k: Peraturan.model_validate(v) for k, v in yaml.safe_load(REGISTRY).items()}


@pytest.fixture
def proyek(mini_project):
    (mini_project / "registri").mkdir()
    (mini_project / "registri" / "peraturan.yaml").write_text(REGISTRY)
    return mini_project


def with_item(root, text, comment=""):
    sop = root / "sops" / "contoh.yaml"
    body = sop.read_text()
    assert ORIGINAL in body
    sop.write_text(body.replace(ORIGINAL, f"  - {json.dumps(text)}{comment}"))
    return sop


def findings(root, prefix="dasar-hukum"):
    _, report = check(root)
    return [d for d in report.diagnostics if d.code.startswith(prefix)]


# ---------------------------------------------------------------- what is printed

def test_wrong_number_is_printed_as_written_with_a_warning(proyek):
    with_item(proyek, WRONG_NUMBER)
    project, _ = check(proyek)  # the checks resolve what is printed
    item = project.sops[0].sop.dasar_hukum.butir[0]
    assert citation_text(project, item) == WRONG_NUMBER  # not "… Nomor 91 Tahun 2010 …"
    (warning,) = findings(proyek)
    assert warning.severity == "peringatan" and warning.code == "dasar-hukum.nomor"
    assert "nomor tertulis 1" in warning.message and "(ref: pp-91-2010)" in warning.message
    assert "seperti tertulis" in warning.message and "maksud Anda" not in warning.message


def test_wrong_number_is_printed_as_written_in_the_built_sheet(proyek, tmp_path):
    with_item(proyek, WRONG_NUMBER)
    result = CliRunner().invoke(main, ["build", "--proyek", str(proyek), "--format", "html",
                                       "--keluaran", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "contoh.html").read_text()
    assert "Nomor 1 Tahun 2010" in html and "Nomor 91 Tahun 2010" not in html
    assert "dasar-hukum.nomor" in result.output


def test_different_title_with_agreeing_jenis_nomor_tahun_prints_the_registry_and_says_so(registry):
    text = "Peraturan Pemerintah Nomor 91 Tahun 2010 tentang Sesuatu yang Lain Sama Sekali"
    assert citations.printable_ref(text, registry) == "pp-91-2010"
    (problem,) = citations.match(text, registry).problems
    assert problem.code == "dasar-hukum.judul" and not problem.info
    assert "lembar mencetak bentuk registri" in problem.message


@pytest.mark.parametrize("text", [
    "Peraturan Pemerintah Nomor 91 tentang Tata Cara Contoh Pelayanan Terpadu",            # no year
    "Peraturan Pemerintah Nomor 91 Tahun 2011 tentang Tata Cara Contoh Pelayanan Terpadu",  # another year
    "Peraturan Presiden Nomor 91 Tahun 2010 tentang Tata Cara Contoh Pelayanan Terpadu",   # another jenis
    "Peraturan Pemerintah Nomor 91 Tahun 2010",                                             # no title
    "Peraturan Bupati Lain Nomor 209 Tahun 2017 tentang Pelayanan Terpadu Perlindungan Anak",  # another region
])
def test_anything_but_agreeing_jenis_nomor_tahun_prints_as_written(registry, text):
    assert citations.printable_ref(text, registry) is None
    assert citations.match(text, registry).problems  # and is warned about


def test_form_only_difference_is_a_note(registry):
    text = "Undang-Undang Nomor 23 tahun 2004 tentang Penghapusan Kekerasan Dalam Rumah Tangga;"
    assert citations.printable_ref(text, registry) == "uu-23-2004"
    (problem,) = citations.match(text, registry).problems
    assert problem.info and problem.code == "dasar-hukum.bentuk-registri"
    assert citations.match(registry["uu-23-2004"].kutipan, registry).problems == []


def test_title_fragment_is_detected_not_printed_twice(proyek):
    """kalteng/01: "… Nomor 01 Tahun 2010" then "tentang Standar …" as a second item."""
    sop = proyek / "sops" / "contoh.yaml"
    sop.write_text(sop.read_text().replace(ORIGINAL, "  - Peraturan Pemerintah Nomor 91 Tahun 2010\n"
                                                     "  - tentang Tata Cara Contoh Pelayanan Terpadu;"))
    project, _ = check(proyek)
    first, second = project.sops[0].sop.dasar_hukum.butir
    printed = citation_text(project, first) + " " + citation_text(project, second)
    assert printed.count("Tata Cara Contoh Pelayanan Terpadu") == 1
    codes = {d.code for d in findings(proyek)}
    assert "dasar-hukum.pecahan" in codes and "dasar-hukum.tak-dikenal" not in codes


# ---------------------------------------------------------------- the reader

@pytest.mark.parametrize("text, kind, issuer", [
    ("Keputusan Bupati Contoh Nomor 209 Tahun 2017 tentang Pembentukan Satuan Tugas", "kepbup", "contoh"),
    ("Keputusan Gubernur Kalimantan Tengah Nomor 5 Tahun 2020 tentang Tim", "kepgub", "kalimantan tengah"),
    ("Keputusan Walikota Bogor Nomor 5 Tahun 2020 tentang Tim", "kepwali", "bogor"),
    ("Keputusan Menteri Sosial Nomor 5 Tahun 2020 tentang Tim", "kepmen", "sosial"),
    ("Instruksi Presiden Nomor 5 Tahun 2014 tentang Gerakan Nasional", "inpres", None),
    ("Instruksi Bupati Contoh Nomor 1 Tahun 2021 tentang Gerakan", "instruksi-bupati", "contoh"),
    ("Surat Edaran Menteri Dalam Negeri Nomor 400 Tahun 2020 tentang Pedoman", "se-menteri", "dalam negeri"),
    ("Surat Edaran Gubernur Jawa Barat Nomor 1 Tahun 2020 tentang Pedoman", "se-gubernur", "jawa barat"),
    ("Peraturan Wali Kota Bogor Nomor 3 Tahun 2020 tentang Pedoman", "perwali", "bogor"),
    ("Peraturan Daerah Kota Bogor Nomor 3 Tahun 2020 tentang Pedoman", "perda", "kota bogor"),
    ("Peraturan Menteri Sosial Nomor 3 Tahun 2020 tentang Pedoman", "permen", "sosial"),
    ("Peraturan Presiden Nomor 3 Tahun 2020 tentang Pedoman", "perpres", None),
    ("Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja", "perppu", None),
    ("Keputusan Presiden Nomor 3 Tahun 2020 tentang Pedoman", "keppres", None),
])
def test_every_instrument_a_dinas_cites_is_read(text, kind, issuer):
    parsed = citations.parse(text)
    assert (parsed.kind, parsed.issuer, parsed.tahun) == (kind, issuer, int(text.split("Tahun ")[1][:4]))


def _kind_one_pattern_at_a_time(text):
    """The reader before its patterns were joined into one: each kind's pattern in turn."""
    from soppress.checks import citation_reader as reader
    low = reader.squeeze(text).lower()
    for kind, pattern, has_issuer in reader._KINDS:
        found = re.match(pattern, low)
        if found:
            if not has_issuer:
                return kind, None
            rest = low[found.end():]
            end = reader._ISSUER_END.search(rest)
            return kind, reader._issuer(rest[:end.start()] if end else rest)
    return None


def test_one_joined_pattern_reads_every_citation_as_the_patterns_in_turn_did():
    """Every written citation and jenis of the corpus, and each kind's own spellings cut at
    every word (where an earlier, shorter pattern could win), read the same."""
    import yaml
    from soppress.checks import citation_reader as reader
    root = Path(__file__).resolve().parents[1]
    texts = []
    for path in [*root.glob("sops/**/*.yaml"), *root.glob("keputusan/*.yaml")]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in (data.get("dasar_hukum") or []) if isinstance(data.get("dasar_hukum"), list) else \
                (data.get("dasar_hukum") or {}).get("butir", []):
            texts.append(item if isinstance(item, str) else item.get("teks") or "")
        texts += [m if isinstance(m, str) else m.get("teks") or "" for m in data.get("mengingat") or []]
    registry = yaml.safe_load((root / "registri" / "peraturan.yaml").read_text(encoding="utf-8"))
    texts += [entry["jenis"] for entry in registry.values()]
    for _, pattern, _ in reader._KINDS:
        for spelling in re.sub(r"[()?\\]|\\b", "", pattern).split("|"):
            words = (spelling.replace("[- ]", "-").replace("[ae]", "a").replace("[hn]", "h") + " Contoh Nomor 1 "
                     "Tahun 2020 tentang Hal").split()
            texts += [" ".join(words[:n]) for n in range(1, len(words) + 1)]
    assert len(texts) > 300
    for text in texts:
        assert reader.kind_and_issuer(text) == _kind_one_pattern_at_a_time(text), text


def test_keputusan_bupati_is_matched_to_its_own_jenis(registry):
    text = "Keputusan Bupati Contoh Nomor 209 Tahun 2017 tentang Pembentukan Satuan Tugas Perlindungan Anak"
    found = citations.match(text, registry)
    assert found.key == "kepbup-contoh-209-2017" and found.printable
    assert all(p.code != "dasar-hukum.tak-dikenal" for p in found.problems)


def test_suggestions_never_name_another_region_or_jenis(registry):
    # same title as perbup-contoh-209-2017, but another region: no suggestion of it
    other_region = citations.match("Peraturan Bupati Lain Nomor 1 Tahun 2017 tentang Pelayanan Terpadu "
                                   "Perlindungan Anak", registry)
    assert other_region.key in (None, "perbup-lain-12-2019")
    assert "perbup-contoh" not in " ".join(p.message for p in other_region.problems)
    # a Peraturan Gubernur with a registry title is not matched to the Peraturan Bupati
    other_kind = citations.match("Peraturan Gubernur Contoh Nomor 209 Tahun 2017 tentang Pelayanan Terpadu "
                                 "Perlindungan Anak", registry)
    assert other_kind.key is None and not other_kind.safe
    # an unreadable text gets no "closest entry" at all
    (problem,) = citations.match("Kebijakan kepala dinas tentang pelayanan terpadu perlindungan anak", registry).problems
    assert "ref:" not in problem.message


def test_malformed_year_is_reported_as_malformed(registry):
    found = citations.match("Undang-Undang Nomor 23 Tahun,2004 tentang Penghapusan Kekerasan dalam Rumah Tangga",
                            registry)
    codes = [p.code for p in found.problems]
    assert "dasar-hukum.tahun-format" in codes and "dasar-hukum.tahun" not in codes
    assert any('"Tahun,2004"' in p.message for p in found.problems)
    assert found.key == "uu-23-2004"


# ---------------------------------------------------------------- revoked regulations

def test_revoked_regulation_cited_directly_is_warned(proyek):
    with_item(proyek, "Undang-Undang Nomor 11 Tahun 2020 tentang Cipta Kerja")
    (warning,) = [d for d in findings(proyek) if d.code == "dasar-hukum.dicabut"]
    assert "Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022" in warning.message
    assert "Undang-Undang Nomor 6 Tahun 2023" in warning.message


def test_revoked_regulation_cited_by_key_is_warned(proyek):
    sop = proyek / "sops" / "contoh.yaml"
    sop.write_text(sop.read_text().replace(ORIGINAL, "  - {ref: uu-11-2020}"))
    assert [d.code for d in findings(proyek)] == ["dasar-hukum.dicabut"]


def test_revoked_amendment_in_a_mengingat_clause_is_warned(registry):
    from soppress.checks import in_force
    text = ("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah diubah beberapa kali "
            "terakhir dengan Undang-Undang Nomor 11 Tahun 2020 tentang Cipta Kerja")
    codes = [p.code for p in in_force.problems(text, "uu-23-2014", registry)]
    assert codes == ["dasar-hukum.dicabut", "dasar-hukum.perubahan"]
    current = text.replace("Nomor 11 Tahun 2020 tentang Cipta Kerja", "Nomor 6 Tahun 2023 tentang Penetapan …")
    assert in_force.problems(current, "uu-23-2014", registry) == []


# ---------------------------------------------------------------- rapikan

def test_rapikan_turns_the_wrong_number_into_a_ref_and_keeps_comments(proyek):
    sop = with_item(proyek, WRONG_NUMBER, comment="   # seperti di naskah")
    sop.write_text("# Komentar kepala berkas: tetap ada.\n" + sop.read_text())
    before = sop.read_text()
    runner = CliRunner()
    preview = runner.invoke(main, ["rapikan", "--proyek", str(proyek), "--periksa"])
    assert preview.exit_code == 0, preview.output
    assert "+  - {ref: pp-91-2010} # seperti di naskah" in preview.output
    assert f'-  - "{WRONG_NUMBER}"' in preview.output
    assert sop.read_text() == before  # --periksa writes nothing
    done = runner.invoke(main, ["rapikan", "--proyek", str(proyek)])
    assert done.exit_code == 0, done.output
    after = sop.read_text()
    assert "# Komentar kepala berkas: tetap ada." in after and "# seperti di naskah" in after
    assert "{ref: pp-91-2010}" in after and WRONG_NUMBER not in after
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["  - {ref: pp-91-2010} # seperti di naskah"]  # nothing else moved
    assert [d.code for d in findings(proyek)] == []
    assert "Tidak ada yang perlu dirapikan" in runner.invoke(main, ["rapikan", "--proyek", str(proyek)]).output


def test_rapikan_leaves_unsure_citations_alone(proyek):
    sop = with_item(proyek, "Peraturan Presiden Nomor 69 Tahun 2008 tentang Gugus Tugas")  # not in the registry
    before = sop.read_text()
    result = CliRunner().invoke(main, ["rapikan", "--proyek", str(proyek)])
    assert result.exit_code == 0 and sop.read_text() == before


def test_registry_revocation_keys_must_exist(proyek):
    registry = proyek / "registri" / "peraturan.yaml"
    registry.write_text(registry.read_text().replace("diganti_oleh: uu-6-2023", "diganti_oleh: uu-6-2032"))
    _, report = check(proyek)
    (finding,) = [d for d in report.diagnostics if d.code == "registri.kunci"]
    assert '"uu-6-2032"' in finding.message and str(finding.pos.file) == "registri/peraturan.yaml"
    assert finding.pos.line == REGISTRY.splitlines().index("  diganti_oleh: uu-6-2023") + 1


def test_rapikan_writes_atomically(proyek, monkeypatch):
    import os
    from soppress import rapikan
    sop = with_item(proyek, WRONG_NUMBER)
    before = sop.read_text()
    plan = rapikan.plan(proyek)
    assert len(plan.changes) == 1

    def crash(*args):
        raise OSError("disk penuh")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        rapikan.apply(proyek, plan.changes)
    assert sop.read_text() == before                       # the original is intact …
    assert sorted(p.name for p in sop.parent.iterdir()) == ["contoh.yaml"]  # … and no temporary file is left


def test_rapikan_skips_a_file_with_errors(proyek):
    sop = with_item(proyek, WRONG_NUMBER)
    sop.write_text(sop.read_text().replace("nomor: 400/001/UPTD-PPA/2026\n", ""))
    result = CliRunner().invoke(main, ["rapikan", "--proyek", str(proyek)])
    assert result.exit_code == 0 and WRONG_NUMBER in sop.read_text()
    assert "sops/contoh.yaml: berkas memuat galat" in result.output
