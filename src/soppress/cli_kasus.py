"""Commands for forms, case files and the SKM (registered on ``soppress.cli.main``).

Messages name files and fields, never a value from a case file."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from soppress.cli import PROJECT_OPTION, _friendly, _root, main

# The model and the renderers load only when a command runs (soppress --help stays fast).
Report = forms_api = private_folder = write = load_project = None


def _imports() -> None:
    global Report, forms_api, private_folder, write, load_project
    from soppress.checks.diagnostics import Report
    from soppress.forms import api as forms_api
    from soppress.forms.output import private_folder, write
    from soppress.sources.project import load_project

FORMATS = ("pdf", "docx")


def _fail_on(report: Report, what: str) -> None:
    if report.diagnostics:
        click.echo(report.render_text(), err=True)
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} galat di {what}; perbaiki dulu, lalu ulangi")


def _formats(text: str) -> list[str]:
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise click.ClickException(f"format tidak dikenal: {', '.join(unknown)}; pilih dari {', '.join(FORMATS)}")
    return chosen


def _setup(project_dir: Path | None):
    root = _root(project_dir)
    report = Report()
    project = load_project(root, report)
    forms = forms_api.forms(root, report)
    _fail_on(report, "forms/ atau proyek")
    return root, project, forms


def _shown(root: Path, path: Path) -> Path:
    return path.relative_to(root) if path.is_relative_to(root) else path


@main.group()
def formulir() -> None:
    """Formulir baku (forms/*.yaml): cetak blanko, isi dari berkas kasus, baca kembali."""
    _imports()


@formulir.command("daftar")
@PROJECT_OPTION
@_friendly
def daftar(project_dir: Path | None) -> None:
    """Daftar formulir di forms/."""
    _imports()
    _, _, forms = _setup(project_dir)
    for key, form in forms.items():
        click.echo(f"{key:26} {form.nama} ({len(form.fields())} isian)")


@formulir.command("cetak")
@PROJECT_OPTION
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder hasil (bawaan: build/formulir/).")
@click.option("--format", "formats", default="pdf,docx", show_default=True, help="pdf, docx (dipisah koma).")
@click.option("--kop", "unit", default=None, help="Kunci kop surat (letterheads/<kunci>.yaml).")
@_friendly
def cetak(project_dir: Path | None, out: Path | None, formats: str, unit: str | None) -> None:
    """Cetak semua formulir kosong (blanko dan PDF isian) serta lembar monev setiap SOP."""
    _imports()
    root, project, forms = _setup(project_dir)
    folder = out or root / "build" / "formulir"
    for name, doc in forms_api.blank_documents(project, forms, forms_api.project_kop(project, unit)):
        for fmt in _formats(formats):
            if fmt == "docx" and doc.mode == "isian":
                continue  # fillable fields are a PDF feature
            click.echo(f"ditulis: {_shown(root, write(doc, folder / f'{name}.{fmt}', fmt, root))}")


@formulir.command("isi")
@click.argument("nama")
@click.argument("nomor_register")
@PROJECT_OPTION
@click.option("--kasus", "cases", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder berkas kasus (bawaan: kasus/).")
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder pribadi hasil (bawaan: keluaran-kasus/); tidak boleh di build/.")
@click.option("--format", "formats", default="pdf,docx", show_default=True, help="pdf, docx (dipisah koma).")
@click.option("--isian", "fillable", is_flag=True, help="PDF isian yang sudah terisi dari berkas kasus.")
@click.option("--kop", "unit", default=None, help="Kunci kop surat.")
@_friendly
def isi(nama: str, nomor_register: str, project_dir: Path | None, cases: Path | None, out: Path | None,
        formats: str, fillable: bool, unit: str | None) -> None:
    """Isi satu formulir dari satu berkas kasus (hasil di folder pribadi, izin 0600)."""
    _imports()
    root, project, forms = _setup(project_dir)
    key, form = forms_api.find_form(forms, nama)
    if not form.kasus:
        raise click.ClickException(f"{key} bukan formulir kasus; cetak kosong dengan soppress formulir cetak")
    report = Report()
    case = forms_api.read_case(forms_api.case_folder(root, cases), nomor_register, report)
    folder = private_folder(root, out)
    doc, missing = forms_api.filled_document(project, form, case, forms_api.project_kop(project, unit),
                                             "isian" if fillable else "terisi")
    for field in missing:
        click.echo(f"peringatan: isian wajib kosong di berkas kasus: {field}", err=True)
    for fmt in (["pdf"] if fillable else _formats(formats)):
        target = folder / f"{key}-{nomor_register.replace('/', '-')}{'-isian' if fillable else ''}.{fmt}"
        click.echo(f"ditulis: {_shown(root, write(doc, target, fmt, root))}")


@formulir.command("baca")
@click.argument("pdf", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--formulir", "nama", required=True, help="Nama formulir (mis. pencatatan-pengaduan).")
@PROJECT_OPTION
@click.option("--kasus", "cases", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder berkas kasus (bawaan: kasus/).")
@_friendly
def baca(pdf: Path, nama: str, project_dir: Path | None, cases: Path | None) -> None:
    """Baca PDF isian yang sudah diisi petugas ke berkas kasus (digabung bila sudah ada)."""
    _imports()
    from soppress.cases.private import private_dir
    from soppress.cases.store import case_path, write_case
    from soppress.forms.readback import pdf_values, read_back
    from soppress.sources.yamlsrc import YamlError, load
    root, _, forms = _setup(project_dir)
    _, form = forms_api.find_form(forms, nama)
    folder = private_dir(forms_api.case_folder(root, cases))
    values = pdf_values(pdf)
    nomor = str(values.get("nomor_register") or "").strip()
    if not nomor:
        raise click.ClickException('isian "nomor_register" kosong di PDF; isi nomor register lalu ulangi')
    existing = case_path(folder, nomor)
    base = None
    if existing.is_file():
        try:
            base = load(existing).data
        except YamlError:
            raise click.ClickException(f"{_shown(root, existing)} tidak dapat dibaca; perbaiki dulu") from None
    report = Report()
    result = read_back(form, values, pdf, report, base)
    click.echo(f"diambil dari PDF ({len(result.diambil)} isian): {', '.join(result.diambil) or '-'}")
    _fail_on(report, str(pdf))
    path = write_case(folder, result.data)
    click.echo(f"{'digabung ke' if base else 'ditulis'}: {_shown(root, path)}")


@main.group()
def kasus() -> None:
    """Berkas kasus (kasus/*.yaml): data pribadi, di luar git."""
    _imports()


@kasus.command("periksa")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@PROJECT_OPTION
@_friendly
def periksa(folder: Path | None, project_dir: Path | None) -> None:
    """Periksa semua berkas kasus di satu folder (bawaan: kasus/)."""
    _imports()
    root = _root(project_dir)
    project = load_project(root, Report())
    result = forms_api.check_cases(project, forms_api.case_folder(root, folder))
    if result.report.diagnostics:
        click.echo(result.report.render_text(), err=True)
    errors = len(result.report.errors)
    click.echo(f"{len(result.cases)} berkas kasus diperiksa: {errors} galat, "
               f"{len(result.report.diagnostics) - errors} peringatan.", err=bool(errors))
    if errors:
        sys.exit(1)


@main.command()
@click.argument("sumber", type=click.Path(exists=True, path_type=Path))
@PROJECT_OPTION
@click.option("--cara", type=click.Choice(["tepat", "baku"]), default="tepat", show_default=True,
              help="tepat: bobot 1/9 tanpa pembulatan antara; baku: bobot 0,111 dan NRR tertimbang dibulatkan.")
@click.option("--keluaran", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tulis laporan satu halaman ke berkas ini (.pdf atau .docx).")
@_friendly
def skm(sumber: Path, project_dir: Path | None, cara: str, out: Path | None) -> None:
    """Hitung Indeks Kepuasan Masyarakat dari CSV atau folder PDF survei terisi."""
    _imports()
    from soppress.forms import skm as skm_lib
    from soppress.views.skm import skm_view
    root, project, forms = _setup(project_dir)
    _, survey = forms_api.find_form(forms, "survei-kepuasan")
    report = Report()
    answers = forms_api.survey_answers(sumber, survey, report)
    if report.diagnostics:
        click.echo(report.render_text(), err=True)
    if not answers:
        raise click.ClickException("tidak ada jawaban survei yang lengkap untuk dihitung")
    hasil = skm_lib.compute(answers, cara)
    for i, (name, nrr) in enumerate(zip(skm_lib.UNSUR, hasil.nrr), 1):
        click.echo(f"U{i} {name:42} NRR {nrr:.2f}".replace(".", ","))
    click.echo(f"{hasil.responden} responden; IKM {hasil.ikm:.3f}; IKM unit pelayanan {hasil.konversi}; "
               f"mutu {hasil.mutu} ({hasil.kinerja})".replace(".", ","))
    if out is not None:
        fmt = out.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise click.ClickException("--keluaran harus berakhiran .pdf atau .docx")
        write(skm_view(hasil, forms_api.project_kop(project), page=forms_api.project_page(project)), out, fmt, root)
        click.echo(f"ditulis: {_shown(root, out)}")
