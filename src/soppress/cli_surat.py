"""``soppress surat buat`` and ``soppress surat massal``: case letters from case files
(registered on the ``surat`` group of ``soppress.cli``).

Messages and progress name files, fields and counts, never a value from a case file.
Outputs go only to the private folder (0700, files 0600), never build/."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from soppress.cli import PROJECT_OPTION, _friendly, _root, surat

FORMATS = ("pdf", "docx")


def _options(func):
    for option in reversed((
        PROJECT_OPTION,
        click.option("--kop", "unit", default=None, help="Unit (kunci kop surat); bawaan: unit pertama di "
                     "letters/surat.yaml."),
        click.option("--isian", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
                     help="Berkas YAML isian surat yang tidak ada di berkas kasus (surat: tujuan, lampiran…; "
                     "rincian: mediator, pihak…)."),
        click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Folder pribadi hasil (bawaan: keluaran-kasus/); tidak boleh di build/."),
        click.option("--redaksi", is_flag=True, help="Tulis versi tersamar: inisial, tanpa NIK/alamat/tanggal "
                     "lahir, identitas anak disembunyikan."),
    )):
        func = option(func)
    return func


def _formats(text: str) -> list[str]:
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.ClickException(f"format tidak dikenal: {', '.join(unknown) or '(kosong)'}; pilih dari "
                                   f"{', '.join(FORMATS)}")
    return chosen


def _fail_on(report, what: str) -> None:
    if report.diagnostics:
        click.echo(report.render_text(), err=True)
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} galat di {what}; perbaiki dulu, lalu ulangi "
                                   "(tidak ada nomor surat yang diambil)")


def _prepare(project_dir: Path | None, jenis: str, unit: str | None, isian: Path | None):
    from soppress.checks.diagnostics import Report
    from soppress.letters.setup import LetterSetup
    from soppress.sources.project import load_project
    root = _root(project_dir)
    report = Report()
    project = load_project(root, report)
    _fail_on(report, "proyek")
    setup = LetterSetup.of_project(project)
    if jenis not in setup.settings.jenis:
        raise click.ClickException(f'jenis surat "{jenis}" tidak dikenal; pilih dari {", ".join(setup.settings.jenis)}')
    units = [u for u in setup.settings.unit if u in setup.kop]
    if unit is None and not units:
        raise click.ClickException("belum ada unit surat (letters/surat.yaml dan letterheads/)")
    return root, setup, unit or units[0], _isian(root, isian)


def _isian(root: Path, file: Path | None) -> dict:
    from soppress.sources.yamlsrc import YamlError, load
    if file is None:
        return {}
    try:
        data = load(file).data or {}
    except YamlError as exc:
        raise click.ClickException(str(exc.diagnostic)) from None
    if not isinstance(data, dict) or set(data) - {"surat", "rincian"}:
        raise click.ClickException(f"{file}: isian surat hanya boleh memuat bagian surat: dan rincian:")
    return data


def _shown(root: Path, path: Path) -> Path:
    return path.relative_to(root) if path.is_relative_to(root) else path


def _write(folder: Path, stem: str, parts: dict[str, bytes]) -> list[Path]:
    from soppress.cases.private import write_private
    return [write_private(folder / f"{stem}.{fmt}", data) for fmt, data in parts.items()]


def _stem(jenis: str, nomor: str, nomor_register: str, redaksi: bool) -> str:
    from soppress.letters.batch import safe_name
    return f"{jenis}{'-samaran' if redaksi else ''}-{safe_name(nomor_register)}-{safe_name(nomor)}"


@surat.command("buat")
@click.argument("jenis")
@click.argument("nomor_register")
@click.option("--kasus", "cases", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder berkas kasus (bawaan: kasus/).")
@click.option("--format", "formats", default="pdf,docx", show_default=True, help="pdf, docx (dipisah koma).")
@_options
@_friendly
def buat(jenis: str, nomor_register: str, cases: Path | None, formats: str, project_dir: Path | None,
         unit: str | None, isian: Path | None, out: Path | None, redaksi: bool) -> None:
    """Isi surat JENIS untuk satu berkas kasus (kasus/NOMOR_REGISTER.yaml) dengan nomor dari register."""
    from soppress.checks.diagnostics import Report
    from soppress.forms import api as forms_api
    from soppress.letters.batch import numbered_letters, render_letters
    chosen = _formats(formats)
    root, setup, unit, data = _prepare(project_dir, jenis, unit, isian)
    report = Report()
    try:
        kasus = forms_api.read_case(forms_api.case_folder(root, cases), nomor_register, report)
    finally:
        if report.diagnostics:
            click.echo(report.render_text(), err=True)
    from soppress.forms.output import private_folder
    folder = private_folder(root, out)   # a wrong folder is refused before a number is taken
    [ctx] = numbered_letters(setup, jenis, unit, [kasus], data, samarkan=redaksi)
    [parts] = render_letters(setup, [ctx], unit, chosen, jobs=1, samarkan=redaksi)
    for path in _write(folder, _stem(jenis, ctx.surat.nomor, nomor_register, redaksi), parts):
        click.echo(f"ditulis: {_shown(root, path)}")


@surat.command("massal")
@click.argument("jenis")
@click.option("--kasus", "cases", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder berkas kasus (bawaan: kasus/).")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="Ekspor CSV, satu baris per kasus (kolom: lihat README).")
@click.option("--format", "formats", default="pdf", show_default=True,
              help="Format berkas per kasus: pdf, docx (dipisah koma); berkas gabungan selalu PDF.")
@click.option("--proses", "jobs", type=click.IntRange(1, 64), default=None, help="Jumlah proses (bawaan: jumlah inti).")
@_options
@_friendly
def massal(jenis: str, cases: Path | None, csv_file: Path | None, formats: str, jobs: int | None,
           project_dir: Path | None, unit: str | None, isian: Path | None, out: Path | None, redaksi: bool) -> None:
    """Isi satu jenis surat untuk banyak kasus: berkas per kasus dan satu PDF gabungan siap cetak bolak-balik."""
    from soppress.checks.diagnostics import Report
    from soppress.forms import api as forms_api
    from soppress.forms.output import private_folder
    from soppress.letters import batch
    if cases is not None and csv_file is not None:
        raise click.ClickException("pilih salah satu: --kasus FOLDER atau --csv BERKAS")
    chosen = _formats(formats)
    root, setup, unit, data = _prepare(project_dir, jenis, unit, isian)
    report = Report()
    if csv_file is not None:
        found = batch.cases_from_csv(csv_file, report)
        source = str(csv_file)
    else:
        folder = forms_api.case_folder(root, cases)
        if not folder.is_dir():
            raise click.ClickException(f"folder kasus {folder} tidak ada")
        found = batch.cases_from_folder(folder, report, jobs)
        source = str(folder)
    _fail_on(report, source)
    if not found:
        raise click.ClickException(f"tidak ada kasus di {source}")
    folder_out = private_folder(root, out)
    ctxs = batch.numbered_letters(setup, jenis, unit, found, data, samarkan=redaksi)
    parts = _render(setup, ctxs, unit, sorted({*chosen, "pdf"}), jobs, redaksi)
    for kasus, ctx, part in zip(found, ctxs, parts):
        _write(folder_out, _stem(jenis, ctx.surat.nomor, kasus.nomor_register, redaksi),
               {fmt: part[fmt] for fmt in chosen})
    combined, blanks = batch.combine([p["pdf"] for p in parts])
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    [path] = _write(folder_out, f"{jenis}{'-samaran' if redaksi else ''}-gabungan-{stamp}", {"pdf": combined})
    click.echo(f"ditulis: {len(ctxs)} surat per kasus ({', '.join(chosen)}) di {_shown(root, folder_out)}/")
    click.echo(f"ditulis: {_shown(root, path)}: {batch.page_count(combined)} halaman, termasuk {blanks} halaman "
               "kosong agar setiap surat mulai di lembar baru saat dicetak bolak-balik")


def _render(setup, ctxs, unit: str, formats: list[str], jobs: int | None, redaksi: bool):
    """Render with a progress bar on a terminal, plain count lines otherwise: counts only."""
    from soppress.letters.batch import render_letters
    total = len(ctxs)
    if sys.stderr.isatty():
        with click.progressbar(length=total, label="menggambar surat", file=sys.stderr, show_pos=True) as bar:
            return render_letters(setup, ctxs, unit, formats, jobs=jobs, progress=bar.update, samarkan=redaksi)
    done = [0]

    def line(n: int) -> None:
        done[0] += n
        click.echo(f"digambar: {done[0]}/{total} surat", err=True)
    return render_letters(setup, ctxs, unit, formats, jobs=jobs, progress=line, samarkan=redaksi)
