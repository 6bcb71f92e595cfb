"""Command line: parses options, calls the library, prints Indonesian messages.

User errors exit 1 with a message, never a traceback. Unexpected internal errors
print a short note on how to report them (without case data) and exit 2."""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from soppress.errors import UserError
from soppress.sources.root import CONFIG_FILE, ProjectError, find_root

# Only click and soppress.errors load at start, so that --help answers at once: the model
# (pydantic), the checks and the renderers (weasyprint, docx, PIL, fontTools, graphviz) are
# imported inside the commands that use them (tests/test_fast_start.py keeps it so).

PROJECT_OPTION = click.option("--proyek", "project_dir", type=click.Path(file_okay=False, path_type=Path),
                              default=None, help="Folder proyek (bawaan: folder ini atau induknya yang "
                              "memuat soppress.yaml).")


def _friendly(func):
    """Turn internal failures into a short report note instead of a traceback."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except UserError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # output piped into head, less, …: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - last line of defence
            if os.environ.get("SOPPRESS_DEBUG") == "1":
                raise
            click.echo(f"soppress: galat internal ({type(exc).__name__}). Ini kesalahan program, bukan data "
                       "Anda. Laporkan ke pengembang dengan perintah yang dijalankan dan versi soppress; "
                       "jangan lampirkan data kasus. (SOPPRESS_DEBUG=1 menampilkan rinciannya.)", err=True)
            sys.exit(2)
    return wrapper


def _root(project_dir: Path | None) -> Path:
    if project_dir is not None:
        if not (project_dir / CONFIG_FILE).is_file():
            raise ProjectError(f"{project_dir}/soppress.yaml tidak ada; --proyek harus menunjuk folder proyek")
        return project_dir.resolve()
    return find_root(Path.cwd())


class _Group(click.Group):
    def main(self, *args, **kwargs):
        click.ClickException.exit_code = 1
        return super().main(*args, **kwargs)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="soppress", message="soppress %(version)s")
def main() -> None:
    """soppress: menyusun dan menerbitkan SOP (Permenpan RB 35/2012)."""


STRICT_OPTION = click.option("--strict", is_flag=True,
                             help="Temuan pemeriksaan koleksi dihitung sebagai galat, bukan peringatan.")
IGNORE_OPTION = click.option("--abaikan", "ignore", multiple=True, metavar="KODE",
                             help="Jangan laporkan temuan berkode ini (boleh awalan, mis. dasar-hukum); boleh diulang.")


@main.command()
@PROJECT_OPTION
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", help="Bentuk laporan.")
@STRICT_OPTION
@IGNORE_OPTION
@_friendly
def check(project_dir: Path | None, fmt: str, strict: bool, ignore: tuple[str, ...]) -> None:
    """Periksa semua SOP, kop dan registri proyek, satu per satu dan sebagai koleksi."""
    from soppress import api
    root = _root(project_dir)
    project, report = api.check(root, strict=strict, ignore=ignore)
    if fmt == "json":
        click.echo(report.render_json())
    elif report.diagnostics:
        click.echo(report.render_text(), err=True)
    errors, warnings = len(report.errors), len(report.diagnostics) - len(report.errors)
    if fmt == "teks":
        click.echo(f"{len(project.sops)} SOP diperiksa: {errors} galat, {warnings} peringatan.",
                   err=bool(errors))
    if errors:
        sys.exit(1)


@main.command()
@click.argument("jenis", type=click.Choice(["sop", "keputusan", "kop", "proyek", "pejabat", "peraturan"]),
                default="sop")
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Tulis semua skema ke folder ini (mis. build/schema) alih-alih mencetak satu skema.")
@_friendly
def schema(jenis: str, out: Path | None) -> None:
    """Cetak JSON Schema format sumber (untuk editor seperti VS Code)."""
    import json
    from soppress.model.jsonschema import schema as make_schema, write_schemas
    if out is not None:
        for path in write_schemas(out):
            click.echo(f"ditulis: {path}")
        return
    click.echo(json.dumps(make_schema(jenis), ensure_ascii=False, indent=2))


@main.command()
@PROJECT_OPTION
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder hasil (bawaan: build/ di folder proyek).")
@click.option("--format", "formats", default="pdf,html,docx", show_default=True,
              help="Format hasil, dipisah koma: pdf, html, docx.")
@click.option("--sop", "only", multiple=True, help="Hanya SOP ini (mis. kalteng/02-pengaduan-tidak-langsung).")
@click.option("--paksa", is_flag=True, help="Buat ulang semua dokumen, juga yang tidak berubah.")
@click.option("-j", "--proses", "jobs", type=click.IntRange(min=1), default=None,
              help="Jumlah proses yang bekerja bersamaan (bawaan: semua inti prosesor).")
@click.option("-q", "--senyap", "quiet", is_flag=True, help="Hanya tampilkan ringkasan dan galat.")
@_friendly
def build(project_dir: Path | None, out: Path | None, formats: str, only: tuple[str, ...], paksa: bool,
          jobs: int | None, quiet: bool) -> None:
    """Periksa proyek lalu buat lembar SOP (PDF, HTML dan DOCX) di build/.

    Hanya dokumen yang sumbernya (atau kop, registri, templat, pengaturan) berubah sejak
    build terakhir yang dibuat ulang."""
    from soppress.build import FORMATS, build as run_build
    from soppress.progress import BuildProgress, summary
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise click.ClickException(f"format tidak dikenal: {', '.join(unknown)}; pilih dari {', '.join(FORMATS)}")
    root = _root(project_dir)
    progress = BuildProgress(quiet)
    try:
        result = run_build(root, out, chosen, list(only) or None, jobs=jobs, force=paksa, progress=progress)
    finally:
        progress.close()
    if result.report.diagnostics and not quiet:
        click.echo(result.report.render_text(), err=True)
    elif result.report.errors:  # -q: errors still, warnings not
        click.echo("\n".join(str(d) for d in result.report.errors), err=True)
    if result.report.errors:
        click.echo(f"{len(result.report.errors)} galat: tidak ada berkas yang dibuat. Perbaiki dulu, lalu ulangi.",
                   err=True)
        sys.exit(1)
    for document, message in result.failed:
        click.echo(f"gagal: {document}: {message}", err=True)
    click.echo(summary(result), err=bool(result.failed))
    if result.failed:
        sys.exit(1)


@main.command()
@PROJECT_OPTION
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", help="Bentuk laporan.")
@click.option("--tanggal", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Hitung seolah-olah hari ini tanggal ini (TTTT-BB-HH); bawaan: hari ini.")
@_friendly
def status(project_dir: Path | None, fmt: str, today) -> None:
    """Daftar SOP dengan versi, tanggal efektif dan jadwal kaji ulangnya."""
    import datetime as dt
    import json
    from soppress import api
    from soppress.checks.review import DUE_DAYS, LABELS, review_status
    root = _root(project_dir)
    project, report = api.check(root)
    if report.errors:
        click.echo(report.render_text(), err=True)
        raise click.ClickException("proyek memuat galat; perbaiki dulu (lihat soppress check)")
    rows = review_status(project, today.date() if today else dt.date.today())
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    click.echo(f"{'SOP':38} {'versi':>5}  {'efektif':18} {'kaji ulang':10}  status")
    for r in rows:
        left = "" if r.sisa_hari is None else (f" ({-r.sisa_hari} hari lewat)" if r.sisa_hari < 0
                                                else f" ({r.sisa_hari} hari lagi)")
        click.echo(f"{r.sop:38} {r.versi:>5}  {r.efektif:18} {r.kaji_ulang or '-':10}  {LABELS[r.status]}{left}")
    due = sum(r.status in ("terlambat", "segera") for r in rows)
    click.echo(f"{len(rows)} SOP; {due} perlu dikaji ulang (terlambat atau dalam {DUE_DAYS} hari).")
