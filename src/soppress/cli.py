"""Command line: parses options, calls the library, prints Indonesian messages.

User errors exit 1 with a message, never a traceback. Unexpected internal errors
print a short note on how to report them (without case data) and exit 2."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import api
from .project import ProjectError, find_root
from .schema import schema as make_schema, write_schemas

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
        except ProjectError as exc:
            raise click.ClickException(str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - last line of defence
            click.echo(f"soppress: galat internal ({type(exc).__name__}). Ini kesalahan program, bukan data "
                       "Anda. Laporkan ke pengembang dengan perintah yang dijalankan dan versi soppress; "
                       "jangan lampirkan data kasus.", err=True)
            sys.exit(2)
    return wrapper


def _root(project_dir: Path | None) -> Path:
    if project_dir is not None:
        if not (project_dir / "soppress.yaml").is_file():
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


@main.command()
@PROJECT_OPTION
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", help="Bentuk laporan.")
@_friendly
def check(project_dir: Path | None, fmt: str) -> None:
    """Periksa semua SOP, kop dan registri proyek."""
    root = _root(project_dir)
    project, report = api.check(root)
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
@click.argument("jenis", type=click.Choice(["sop", "kop", "proyek"]), default="sop")
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Tulis semua skema ke folder ini (mis. build/schema) alih-alih mencetak satu skema.")
@_friendly
def schema(jenis: str, out: Path | None) -> None:
    """Cetak JSON Schema format sumber (untuk editor seperti VS Code)."""
    import json
    if out is not None:
        for path in write_schemas(out):
            click.echo(f"ditulis: {path}")
        return
    click.echo(json.dumps(make_schema(jenis), ensure_ascii=False, indent=2))


@main.command()
@PROJECT_OPTION
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder hasil (bawaan: build/ di folder proyek).")
@click.option("--format", "formats", default="pdf,html", show_default=True,
              help="Format hasil, dipisah koma: pdf, html.")
@click.option("--sop", "only", multiple=True, help="Hanya SOP ini (mis. kalteng/02-pengaduan-tidak-langsung).")
@_friendly
def build(project_dir: Path | None, out: Path | None, formats: str, only: tuple[str, ...]) -> None:
    """Periksa proyek lalu buat lembar SOP (PDF dan HTML) di build/."""
    from .build import FORMATS, build as run_build
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise click.ClickException(f"format tidak dikenal: {', '.join(unknown)}; pilih dari {', '.join(FORMATS)}")
    root = _root(project_dir)
    result = run_build(root, out, chosen, list(only) or None)
    if result.report.diagnostics:
        click.echo(result.report.render_text(), err=True)
    if result.report.errors:
        click.echo(f"{len(result.report.errors)} galat: tidak ada berkas yang dibuat. Perbaiki dulu, lalu ulangi.",
                   err=True)
        sys.exit(1)
    for path in result.written:
        click.echo(f"ditulis: {path.relative_to(root) if path.is_relative_to(root) else path}")
