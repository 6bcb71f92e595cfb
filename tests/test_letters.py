"""Case letters as blocks: every default kind filled, numbered from the register,
redacted, safe against template code in case values, overridable per project."""
import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from letters_data import SECRETS, case_data
from soppress.checks.diagnostics import Report
from soppress.letters.build import buat_surat, buat_surat_banyak
from soppress.letters.config import load_settings
from soppress.letters.nomor import Register
from soppress.letters.redact import samarkan
from soppress.letters.setup import LetterError, LetterSetup
from soppress.letters import markup
from soppress.letters.templates import LetterTemplateError, environment
from soppress.sources.project import load_project
from soppress.views import blocks as b
from soppress.views import indonesia as idn

ROOT = Path(__file__).parents[1]
KINDS = ["surat-tugas", "rujukan", "rumah-perlindungan", "kesepakatan-layanan", "berita-acara-mediasi",
         "perjanjian-mediasi", "serah-terima"]


@pytest.fixture
def project_dir(tmp_path):
    """A copy of the sample project's settings, letterheads, registries and letters."""
    for name in ("letterheads", "registri", "letters"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "soppress.yaml", tmp_path)
    return tmp_path


def setup_of(root: Path) -> LetterSetup:
    return LetterSetup.of_project(load_project(root, Report()))


def texts(block) -> list[str]:
    """Every string a block prints, depth first."""
    if isinstance(block, str):
        return [block]
    if isinstance(block, (tuple, list)):
        return [t for x in block for t in texts(x)]
    if isinstance(block, b.Document):
        return texts([s.blocks for s in block.sections]) + [block.title, block.subject, block.author]
    if isinstance(block, b.Heading):
        return list(block.lines)
    if isinstance(block, b.Paragraph):
        return [block.text]
    if isinstance(block, b.Fields):
        return [t for r in block.rows for t in [r.label, *texts(r.value)]]
    if isinstance(block, b.NumberedList):
        return [t for i in block.items for t in [i.marker, i.text, *texts(i.children or ())]]
    if isinstance(block, b.Signature):
        return [x for x in (*block.before, block.jabatan, block.nama, block.nip, block.pangkat) if x]
    if isinstance(block, b.Signatures):
        return texts(block.signatures)
    if isinstance(block, b.Kop):
        return [block.pemerintah, block.dinas, block.unit or "", block.address]
    return []


def all_text(doc) -> str:
    return "\n".join(texts(doc))


def blocks_of(doc, kind):
    found = []

    def walk(x):
        if isinstance(x, kind):
            found.append(x)
        if isinstance(x, (list, tuple)):
            for y in x:
                walk(y)
        elif isinstance(x, b.Fields):
            for r in x.rows:
                walk(r.value)
        elif isinstance(x, b.Signatures):
            walk(x.signatures)
    walk(list(doc.sections[0].blocks))
    return found


@pytest.mark.parametrize("jenis", KINDS)
def test_every_kind_filled_numbered_and_signed(project_dir, jenis):
    setup = setup_of(project_dir)
    reg = setup.register()
    doc = buat_surat(setup, jenis, "hst", case_data(), reg)
    text = all_text(doc)
    entry = reg.entri()[-1]
    assert entry.jenis == jenis and entry.kasus == "REG-2026-0007"
    assert entry.nomor in text and entry.nomor.endswith("/UPTD.PPA/I/2026")
    assert "REG-2026-0007" in text
    kop = doc.sections[0].blocks[0]
    assert isinstance(kop, b.Kop) and kop.pemerintah == "PEMERINTAH KABUPATEN HULU SUNGAI TENGAH"
    signer = [s for s in blocks_of(doc, b.Signature) if s.nama == "Drs. H. Syahbidin, M.E"]
    kinds_with_kadis = {"surat-tugas", "rujukan", "rumah-perlindungan", "kesepakatan-layanan", "serah-terima"}
    assert bool(signer) == (jenis in kinds_with_kadis)
    if signer:
        assert signer[0].nip == "19720804 199203 1 004"
    setting = setup.settings.jenis[jenis]
    assert (doc.marking == "RAHASIA") == setting.rahasia
    assert ("Tembusan:" in text) == setting.tembusan
    assert doc.private
    assert reg.path == project_dir / "kasus" / "register-surat.jsonl"
    assert reg.path.stat().st_mode & 0o777 == 0o600 and reg.path.parent.stat().st_mode & 0o777 == 0o700
    assert all(isinstance(t, b.Plain) for t in texts(list(doc.sections[0].blocks[1:])))


def test_surat_dinas_header_and_addressee(project_dir):
    doc = buat_surat(setup_of(project_dir), "rujukan", "hst", case_data(), Register(project_dir / "r.jsonl"))
    fields = {r.label: r.value for f in blocks_of(doc, b.Fields) for r in f.rows}
    assert fields["Sifat"] == "Rahasia" and fields["Lampiran"] == "1 (satu) berkas"
    assert fields["Hal"] == "Rujukan Layanan Korban"
    assert fields["NIK"] == SECRETS["korban_nik"]           # the full letter carries the identity
    paragraphs = [p for p in blocks_of(doc, b.Paragraph)]
    assert paragraphs[0].text == "Barabai, 11 Januari 2026" and paragraphs[0].align == "right"
    assert "Yth. Kepala Rumah Sakit Umum Daerah Contoh" in [p.text for p in paragraphs]


def test_berita_acara_opening_and_parties(project_dir):
    doc = buat_surat(setup_of(project_dir), "berita-acara-mediasi", "hst", case_data(),
                     Register(project_dir / "r.jsonl"))
    text = all_text(doc)
    assert "Pada hari ini Minggu tanggal sebelas bulan Januari tahun dua ribu dua puluh enam" in text
    assert "rangkap 2 (dua)" in text
    parties = blocks_of(doc, b.Signatures)[0].signatures
    assert [s.jabatan for s in parties] == ["PIHAK PERTAMA", "PIHAK KEDUA"]
    assert [s.nama for s in parties] == [SECRETS["ibu"], SECRETS["terlapor"]]
    mediator = [s for s in blocks_of(doc, b.Signature) if s.jabatan == "Mediator"][0]
    assert mediator.pangkat == "Penata (III/c)" and mediator.nip == "19850115 201001 2 003"


def test_perjanjian_carries_the_meterai_note(project_dir):
    doc = buat_surat(setup_of(project_dir), "perjanjian-mediasi", "hst", case_data(),
                     Register(project_dir / "r.jsonl"))
    assert "Meterai Rp10.000" in blocks_of(doc, b.Signatures)[0].signatures[0].before
    assert "Bea Meterai" in all_text(doc)


def _identifying(key, value) -> list[str]:
    """The value as it could be printed; a name also by each of its parts."""
    if isinstance(value, dt.date):
        return [value.isoformat(), idn.tanggal(value), f"{value:%d-%m-%Y}"]
    return [value] + (value.split() if key in ("korban", "ibu", "terlapor") else [])


@pytest.mark.parametrize("jenis", KINDS)
def test_redacted_letter_holds_no_identifying_value(project_dir, jenis):
    doc = buat_surat(setup_of(project_dir), jenis, "hst", case_data(), Register(project_dir / "r.jsonl"),
                     samarkan=True)
    text = all_text(doc).lower()
    for key, value in SECRETS.items():
        for shown in _identifying(key, value):
            assert shown.lower() not in text, (key, jenis)


def test_redaction_names_the_child_as_the_law_does(project_dir):
    setup, reg = setup_of(project_dir), Register(project_dir / "r.jsonl")
    child = all_text(buat_surat(setup, "rujukan", "hst", case_data(child=True), reg, samarkan=True))
    assert "Anak Korban" in child and "M.K." not in child               # no initials for a child
    assert "Orang Tua/Wali Anak" in child                               # nor the parent's name (Pasal 19)
    assert "B.P." in child                                              # an adult terlapor: initials
    adult = all_text(buat_surat(setup, "rujukan", "hst", case_data(child=False), reg, samarkan=True))
    assert "M.K." in adult and "Anak Korban" not in adult and "R.S." in adult


INJECTED = ["{{ 7*7 }}", "{% for x in range(3) %}X{% endfor %}", "{{ ''.__class__.__mro__ }}",
            "baris\n# JUDUL PALSU\n@ttd 0\n| Palsu | isian\n1. butir palsu", "<b>&amp;</b>"]


@pytest.mark.parametrize("value", INJECTED)
def test_case_values_are_never_template_code_or_markup(project_dir, value):
    data = case_data()
    data["kasus"]["kronologi"] = value
    data["kasus"]["korban"][0]["nama"] = value
    doc = buat_surat(setup_of(project_dir), "rujukan", "hst", data, Register(project_dir / "r.jsonl"))
    fields = {r.label: r.value for f in blocks_of(doc, b.Fields) for r in f.rows}
    assert fields["Kronologi Singkat"] == value and fields["Nama"] == value   # printed exactly as typed
    text = all_text(doc)
    assert "49" not in text and "XXX" not in text and "JUDUL PALSU" not in [
        line for h in blocks_of(doc, b.Heading) for line in h.lines]
    assert len(blocks_of(doc, b.Heading)) == 0 and len(blocks_of(doc, b.Signature)) == 1


@pytest.mark.parametrize("printed", ["{{ v }}", "{{ v|safe }}", "{{ v|e }}", "{{ v|forceescape }}", "{{ [v, v]|join }}",
                                     "{{ v|replace('a', 'b') }}", "{{ v|upper }}", "{{ v ~ '' }}", "{{ v|indent(2) }}",
                                     "{% autoescape false %}{{ v }}{% endautoescape %}"])
def test_no_filter_lets_a_value_open_markup(printed):
    env = environment(None)
    out = env.from_string(printed).render(v="x\n# PALSU\n@ttd 0\n| a | b")
    blocks = markup.parse(out, [b.Signature("j", "n")])
    assert [type(x) for x in blocks] == [b.Paragraph]


def test_sandbox_refuses_python_internals(project_dir):
    (project_dir / "letters" / "rujukan.md.j2").write_text(
        '{% extends "!bawaan/rujukan.md.j2" %}\n{% block isi %}\n{{ kasus.__class__.__init__.__globals__ }}\n'
        "{% endblock %}\n")
    with pytest.raises(LetterTemplateError) as err:
        buat_surat(setup_of(project_dir), "rujukan", "hst", case_data(), Register(project_dir / "r.jsonl"))
    assert str(err.value.diagnostic.pos) == "letters/rujukan.md.j2:3:1"


def test_override_changes_that_letter_only_and_can_extend_the_default(project_dir):
    (project_dir / "letters" / "rujukan.md.j2").write_text(
        '{% extends "!bawaan/rujukan.md.j2" %}\n{% block isi %}\nKalimat pembuka milik dinas.\n\n'
        "{{ super() }}{% endblock %}\n")
    setup, reg = setup_of(project_dir), Register(project_dir / "r.jsonl")
    rujukan = all_text(buat_surat(setup, "rujukan", "hst", case_data(), reg))
    assert "Kalimat pembuka milik dinas." in rujukan and "Maksud dan Tujuan Rujukan" in rujukan
    for other in ("rumah-perlindungan", "surat-tugas"):
        assert "Kalimat pembuka milik dinas." not in all_text(buat_surat(setup, other, "hst", case_data(), reg))
    # the package's defaults alone know nothing of it
    package_only = LetterSetup.of_project(load_project(project_dir, Report()))
    package_only.env = __import__("soppress.letters.templates", fromlist=["environment"]).environment(None)
    assert "Kalimat pembuka" not in all_text(buat_surat(package_only, "rujukan", "hst", case_data(), reg))


BROKEN = [
    ("{% extends \"!bawaan/rujukan.md.j2\" %}\n{% block isi %}\nTeks\n{% if kasus %}\n{% endblock %}\n", 5,
     "surat.templat-sintaks"),
    ("{% extends \"!bawaan/rujukan.md.j2\" %}\n{% block isi %}\nTeks\n\n{{ kasus.nama_salah }}\n{% endblock %}\n",
     5, "surat.templat-isian"),
    ("@kanan {{ surat.tempat }}\n\n{{ tidak_ada }}\n", 3, "surat.templat-isian"),
    ("{% extends \"!bawaan/rujukan.md.j2\" %}\n{% block isi %}\n\n@knan Teks\n{% endblock %}\n", 4, "surat.markup"),
]


@pytest.mark.parametrize("source, line, code", BROKEN)
def test_broken_override_is_located_and_takes_no_number(project_dir, source, line, code):
    (project_dir / "letters" / "rujukan.md.j2").write_text(source)
    reg = Register(project_dir / "r.jsonl")
    with pytest.raises((LetterTemplateError, LetterError)) as err:
        buat_surat(setup_of(project_dir), "rujukan", "hst", case_data(), reg)
    d = getattr(err.value, "diagnostic", None) or err.value.report.diagnostics[0]
    assert (str(d.pos.file), d.pos.line, d.code) == ("letters/rujukan.md.j2", line, code)
    assert SECRETS["korban"] not in str(d)
    assert reg.entri() == []                 # a failed letter takes no number


def test_cli_reports_a_broken_override_with_exit_1(project_dir):
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "soppress", "surat", "periksa", "--proyek", str(project_dir)]
    ok = subprocess.run(run, capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    (project_dir / "letters" / "serah-terima.md.j2").write_text("# JUDUL\n{{ rincian.tidak_ada }}\n")
    bad = subprocess.run(run, capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "letters/serah-terima.md.j2:2:1: galat:" in bad.stderr and "Traceback" not in bad.stderr


def test_batch_numbers_in_order(project_dir):
    reg = Register(project_dir / "r.jsonl")
    docs = buat_surat_banyak(setup_of(project_dir), "surat-tugas", "hst", [case_data()] * 3, reg)
    numbers = [h.lines[1] for d in docs for h in blocks_of(d, b.Heading)]
    assert numbers == [f"NOMOR: 800.1.11.1/{n:03d}/UPTD.PPA/I/2026" for n in (1, 2, 3)]


def _strings(value) -> list[str]:
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, (tuple, list)):
        return [s for x in value for s in _strings(x)]
    if isinstance(value, dt.date):
        return _identifying("tanggal", value)
    return [str(value)] if value is not None else []


def test_redacted_context_holds_no_identifying_value(project_dir):
    """The redaction is a function on the context: even a project template that prints
    ``korban.nik`` or ``alamat`` without asking ``dirahasiakan`` has nothing to print."""
    ctx = samarkan(setup_of(project_dir).konteks("rujukan", "hst", case_data()))
    assert ctx.dirahasiakan
    held = "\n".join(_strings(ctx)).lower()
    for key, value in SECRETS.items():
        for shown in _identifying(key, value):
            assert shown.lower() not in held, key


def _case_like():
    """A stand-in shaped like soppress.cases.model.Kasus (branch cases), synthetic values."""
    from types import SimpleNamespace as NS

    def person(**kw):
        base = dict(nik=None, tanggal_lahir=None, usia=None, jenis_kelamin=None, alamat_ktp=None,
                    alamat_domisili=None, pekerjaan=None)
        p = NS(**{**base, **kw})
        p.usia_pada = lambda day: (day.year - p.tanggal_lahir.year) if p.tanggal_lahir else p.usia
        return p
    s = SECRETS
    korban = person(nama=s["korban"], nik=s["korban_nik"], tanggal_lahir=s["korban_lahir"],
                    jenis_kelamin="Perempuan", alamat_domisili=s["korban_alamat"])
    kasus = NS(nomor_register="REG-2026-0007", tanggal_pengaduan=dt.date(2026, 1, 5),
               tanggal_acuan=dt.date(2026, 1, 4), korban=[korban],
               pelapor=person(nama=s["ibu"], nik=s["ibu_nik"], hubungan_dengan_korban="ibu kandung"),
               terlapor=[person(nama=s["terlapor"], usia=45, hubungan="Tetangga")],
               bentuk_kekerasan=["Fisik"], tempat_kejadian="Rumah Tangga", alamat_kejadian=s["korban_alamat"],
               kronologi="Korban dipukul.", kondisi=NS(biologis="memar", psikologis="takut", sosial=None,
                                                        spiritual=None),
               layanan=[NS(jenis="Pengaduan", tanggal=dt.date(2026, 1, 5), keterangan=None)])
    kasus.anak = lambda k: k.usia_pada(kasus.tanggal_acuan) < 18
    return kasus


def test_letter_data_from_a_case_file(project_dir):
    from soppress.letters.from_case import data_dari_kasus
    data = data_dari_kasus(_case_like(), surat={"tanggal": "2026-01-11", "tujuan": {"nama": "RSUD Contoh"}},
                           rincian={"maksud": "Pemeriksaan medis"})
    korban = data["kasus"]["korban"][0]
    assert (korban["umur"], korban["anak"], korban["alamat"]) == (11, True, SECRETS["korban_alamat"])
    assert data["kasus"]["pelapor"]["anak"] is False and data["kasus"]["pelapor"]["hubungan"] == "ibu kandung"
    assert data["kasus"]["kondisi"] == "Biologis: memar; Psikologis: takut"
    assert data["kasus"]["layanan"] == ["Pengaduan (5 Januari 2026)"]
    setup = setup_of(project_dir)
    text = all_text(buat_surat(setup, "rujukan", "hst", data, Register(project_dir / "r.jsonl"), samarkan=True))
    assert "Anak Korban" in text
    assert samarkan(setup.konteks("rujukan", "hst", data)).kasus.pelapor.nama == "Orang Tua/Wali Anak"
    # an unnamed terlapor stays unnamed, and its placeholder is not taken for a name in free text
    unnamed = data_dari_kasus(_case_like(), surat={"tanggal": "2026-01-11"})
    unnamed["kasus"]["terlapor"][0]["nama"] = "(tidak diketahui)"
    unnamed["kasus"]["kronologi"] = "Pelaku tidak diketahui namanya."
    hidden = samarkan(setup.konteks("rujukan", "hst", unnamed)).kasus
    assert hidden.terlapor[0].nama == "(tidak diketahui)" and hidden.kronologi == "Pelaku tidak diketahui namanya."
    for key in ("korban", "korban_nik", "korban_alamat", "ibu", "ibu_nik", "terlapor"):
        assert SECRETS[key] not in text


def test_broken_letter_settings_are_located(project_dir):
    settings = project_dir / "letters" / "surat.yaml"
    settings.write_text(settings.read_text().replace("{urut:03d}", "{urut.__class__}")
                        .replace("penandatangan: kadis-kalteng", "penandatangn: kadis-kalteng"))
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "soppress", "surat", "periksa", "--proyek", str(project_dir)],
                         capture_output=True, text=True, env=env)
    lines = settings.read_text().splitlines()
    pola = next(i for i, line in enumerate(lines, 1) if "pola:" in line)
    typo = next(i for i, line in enumerate(lines, 1) if "penandatangn:" in line)
    assert run.returncode == 1
    assert re.search(rf"letters/surat\.yaml:{pola}:\d+: galat: pola nomor: \"\{{urut\.__class__\}}\" tidak dikenal",
                     run.stderr)
    assert f"letters/surat.yaml:{typo}:5: galat: kunci \"penandatangn\" tidak dikenal" in run.stderr


def test_copy_a_default_template_to_edit(project_dir):
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "soppress", "surat", "salin", "rujukan", "--proyek", str(project_dir)]
    first = subprocess.run(run, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    copied = project_dir / "letters" / "rujukan.md.j2"
    assert copied.read_text() == (ROOT / "src/soppress/letters/defaults/rujukan.md.j2").read_text()
    again = subprocess.run(run, capture_output=True, text=True, env=env)
    assert again.returncode == 1 and "sudah ada" in again.stderr
    typo = subprocess.run(run[:5] + ["rujukn"] + run[6:], capture_output=True, text=True, env=env)
    assert typo.returncode == 1 and 'maksud Anda "rujukan"' in typo.stderr


def test_project_settings_change_a_kind_field_by_field(project_dir):
    settings = project_dir / "letters" / "surat.yaml"
    settings.write_text(settings.read_text() + "jenis:\n  rujukan:\n    klasifikasi: \"463.1\"\n"
                        "  surat-baru:\n    sifat: Segera\n")
    report = Report()
    merged = load_settings(project_dir, report)
    assert merged.jenis["rujukan"].klasifikasi == "463.1"
    assert merged.jenis["rujukan"].judul == "Surat Pengantar Rujukan" and merged.jenis["rujukan"].rahasia
    [problem] = report.errors
    assert problem.code == "surat.jenis" and "judul, klasifikasi" in problem.message
    assert problem.pos.line == len(settings.read_text().splitlines()) - 1
