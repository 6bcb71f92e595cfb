"""Command line: parses options, calls the library, prints Indonesian messages.

User errors exit 1 with a message, never a traceback. Unexpected internal errors
print a short note on how to report them (without case data) and exit 2."""
from __future__ import annotations

import atexit
import functools
import gc
import os
import sys
from pathlib import Path

import click

from soppress.errors import UserError
from soppress.sources.root import CONFIG_FILE, ProjectError, find_root

# At exit everything is dropped at once: the interpreter's last garbage collections need
# not walk the loaded project and libraries (about 0.1 s of a 0.5 s `check`).
atexit.register(gc.freeze)

# Only click and soppress.errors load at start, so that --help answers at once: the model
# (pydantic), the checks and the renderers (weasyprint, docx, PIL, fontTools, graphviz) are
# imported inside the commands that use them (tests/test_fast_start.py keeps it so).

# The kinds of `soppress schema` (model.jsonschema.SCHEMAS; a test keeps the two equal), named
# here so that --help does not load the model.
SCHEMA_KINDS = ("sop", "keputusan", "kop", "proyek", "pejabat", "peraturan", "kasus", "formulir")

PROJECT_OPTION = click.option("--proyek", "project_dir", type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER",
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
            if type(exc).__module__.startswith("jinja2"):  # a project's own template (templates/), sandboxed
                raise click.ClickException(f"templat proyek gagal dijalankan ({type(exc).__name__}); periksa "
                                           "templat di folder templates/ atau hapus templat itu untuk memakai "
                                           "bawaan") from None
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


def _hint(exc: click.BadParameter) -> str:
    if exc.param_hint:
        return exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint)
    if isinstance(exc.param, click.Argument):
        return exc.param.human_readable_name
    if exc.param is not None:
        return " / ".join(exc.param.opts)
    return "nilai"


def usage_message(exc: click.ClickException) -> str:
    """Click's own errors (English, from its gettext catalogue) told in Indonesian."""
    if isinstance(exc, click.exceptions.NoSuchOption):
        near = f" (yang mirip: {', '.join(exc.possibilities)})" if exc.possibilities else ""
        return f"opsi tidak dikenal: {exc.option_name}{near}"
    if isinstance(exc, click.exceptions.NoSuchCommand):
        near = f" (yang mirip: {', '.join(exc.possibilities)})" if exc.possibilities else ""
        return f"perintah tidak dikenal: {exc.command_name}{near}"
    if isinstance(exc, click.MissingParameter):
        return f"{_hint(exc)} wajib diisi"
    if isinstance(exc, click.BadParameter):
        kind = exc.param.type if exc.param is not None else None
        if isinstance(kind, click.Choice):
            return f"nilai {_hint(exc)} tidak sah; pilih salah satu: {', '.join(map(str, kind.choices))}"
        if isinstance(kind, click.DateTime):
            return f"nilai {_hint(exc)} harus tanggal TTTT-BB-HH, misalnya 2026-07-01"
        if isinstance(kind, click.Path):
            return f"nilai {_hint(exc)} bukan folder atau berkas yang dapat dipakai"
        return f"nilai {_hint(exc)} tidak sah"
    if isinstance(exc, click.BadOptionUsage):
        return f"opsi {exc.option_name} perlu diberi nilai"
    if isinstance(exc, click.UsageError):
        if "extra argument" in exc.message:
            return "argumen berlebih; lihat --help untuk cara memakai perintah ini"
        return "perintah tidak dapat dibaca; lihat --help"
    return exc.format_message()  # our own ClickExceptions carry Indonesian messages


class _Formatter(click.HelpFormatter):
    """--help in Indonesian: click writes its headings in English."""
    HEADINGS = {"Options": "Opsi", "Commands": "Perintah", "Arguments": "Argumen"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[OPSI]").replace("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]...")
        super().write_usage(prog, args, prefix or "Pemakaian: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(self.HEADINGS.get(heading, heading))


class _Context(click.Context):
    formatter_class = _Formatter


def _help_option(self, ctx):
    option = click.Command.get_help_option(self, ctx)
    if option is not None:
        option.help = "Tampilkan bantuan ini lalu keluar."
    return option


class _Command(click.Command):
    context_class = _Context
    get_help_option = _help_option


class _Group(click.Group):
    context_class = _Context
    command_class = _Command
    group_class = type  # subgroups (surat, formulir, kasus) are _Group too: Indonesian help
    get_help_option = _help_option

    def main(self, args=None, prog_name=None, **kwargs):
        """Every error a user reads is Indonesian, exit 1: click's own errors are
        caught here (standalone mode off) instead of printing "Error: …"."""
        try:
            code = super().main(args, prog_name, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help())
            sys.exit(0)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "soppress"
            click.echo(f"soppress: galat: {usage_message(exc)}\nBantuan: {command} --help", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            click.echo(f"soppress: galat: {usage_message(exc)}", err=True)
            sys.exit(1)
        except click.Abort:
            click.echo("soppress: dibatalkan.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="soppress", message="soppress %(version)s", help="Tampilkan versi lalu keluar.")
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
@click.option("--catatan", "notes", is_flag=True,
              help="Tampilkan juga catatan (mis. butir dasar hukum yang dicetak dalam bentuk registri).")
@_friendly
def check(project_dir: Path | None, fmt: str, strict: bool, ignore: tuple[str, ...], notes: bool) -> None:
    """Periksa semua SOP, kop dan registri proyek, satu per satu dan sebagai koleksi."""
    from soppress import api
    root = _root(project_dir)
    project, report = api.check(root, strict=strict, ignore=ignore)
    if fmt == "json":
        click.echo(report.render_json())
        if report.errors:
            sys.exit(1)
        return
    shown = report if notes else report.without_notes()
    if shown.diagnostics:
        click.echo(shown.render_text(), err=True)
    errors, warnings, infos = report.counts()
    hint = f" {infos} catatan tidak ditampilkan (lihat --catatan)." if infos and not notes else ""
    click.echo(f"{len(project.sops)} SOP diperiksa:{hint} {errors} galat, {warnings} peringatan.",
               err=bool(errors))
    if errors:
        sys.exit(1)


@main.command()
@click.argument("jenis", type=click.Choice(SCHEMA_KINDS),
                default="sop")
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER", default=None,
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
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), metavar="FOLDER", default=None,
              help="Folder hasil (bawaan: build/ di folder proyek).")
@click.option("--format", "formats", default="pdf,html,docx", metavar="FORMAT",
              help="Format hasil, dipisah koma: pdf, html, docx, arsip (PDF/A-3 yang membawa sumber YAML-nya); "
                   "bawaan: pdf, html dan docx.")
@click.option("--sop", "only", multiple=True, metavar="KUNCI", help="Hanya SOP ini (mis. kalteng/02-pengaduan-tidak-langsung).")
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
    unknown = [key for key in only if not any((root / "sops" / f"{key}{ext}").is_file() for ext in (".yaml", ".yml"))]
    if unknown:
        raise click.ClickException(f"SOP tidak dikenal: {', '.join(unknown)}; tulis kuncinya seperti "
                                   "kalteng/02-pengaduan-tidak-langsung (lihat soppress status)")
    progress = BuildProgress(quiet)
    try:
        result = run_build(root, out, chosen, list(only) or None, jobs=jobs, force=paksa, progress=progress)
    finally:
        progress.close()
    if result.report.errors:
        click.echo("\n".join(str(d) for d in result.report.errors), err=True)
    elif not quiet:
        shown, rest = split_report(result.report.without_notes(), only)
        if shown.diagnostics:
            click.echo(shown.render_text(), err=True)
        if rest:
            click.echo(f"{rest} peringatan lain untuk SOP yang tidak dibuat kali ini (lihat soppress check).",
                       err=True)
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
@click.option("--periksa", "dry_run", is_flag=True, help="Tampilkan perubahannya saja (diff); jangan tulis berkas.")
@_friendly
def rapikan(project_dir: Path | None, dry_run: bool) -> None:
    """Terapkan saran pemeriksaan yang aman ke berkas sumber (mis. kutipan dasar hukum menjadi ref:)."""
    from soppress import rapikan as fixes
    root = _root(project_dir)
    plan = fixes.plan(root)
    for change in plan.changes:
        click.echo(change.diff(), nl=False)
    for note in plan.skipped:
        click.echo(f"dilewati: {note}", err=True)
    if not plan.changes:
        click.echo("Tidak ada yang perlu dirapikan.")
        return
    if dry_run:
        click.echo(f"{len(plan.changes)} berkas akan diubah (pratinjau; jalankan tanpa --periksa untuk menulis).")
        return
    fixes.apply(root, plan.changes)
    click.echo(f"{len(plan.changes)} berkas diubah. Periksa perubahannya sebelum mencetak ulang.")


def split_report(report, only: tuple[str, ...]):
    """For ``build --sop``: (the diagnostics to show, how many warnings are left out).
    Shown: every error (it stops the build), and the warnings of the SOPs being built."""
    from soppress.checks.diagnostics import Report
    if not only:
        return report, 0
    files = {Path("sops") / f"{key}.yaml" for key in only}
    shown = [d for d in report.diagnostics if d.severity == "galat" or Path(d.pos.file) in files]
    return Report(shown), len(report.diagnostics) - len(shown)


@main.command()
@PROJECT_OPTION
@click.option("--format", "fmt", type=click.Choice(["teks", "json"]), default="teks", help="Bentuk laporan.")
@click.option("--tanggal", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="TTTT-BB-HH",
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
        click.echo(f"{'':38} total waktu: {r.total_waktu}")
        for rev in r.riwayat:
            by = f" (oleh {rev['oleh']})" if rev["oleh"] else ""
            click.echo(f"{'':38} revisi {rev['nomor']}, {rev['tanggal']}: {rev['perubahan']}{by}")
    due = sum(r.status in ("terlambat", "segera") for r in rows)
    click.echo(f"{len(rows)} SOP; {due} perlu dikaji ulang (terlambat atau dalam {DUE_DAYS} hari).")


@main.command()
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--keluaran", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Tulis sumbernya ke folder ini (bawaan: hanya daftar nama).")
@_friendly
def sumber(berkas: Path, out: Path | None) -> None:
    """Ambil kembali sumber YAML yang dibawa PDF arsip (soppress build --format arsip)."""
    from soppress.outputs import write_atomic
    from soppress.render.pdf.archive import attached_sources
    found = attached_sources(berkas)
    for name, data in found.items():
        if out is None:
            click.echo(f"{name} ({len(data)} bait)")
            continue
        target = out / Path(name).name  # a name from the PDF never leaves the chosen folder
        if target.exists():
            raise click.ClickException(f"{target} sudah ada; pilih folder lain agar berkas itu tidak tertimpa")
        click.echo(f"ditulis: {write_atomic(target, data)}")


@main.command()
@PROJECT_OPTION
@click.option("--port", type=click.IntRange(0, 65535), default=8765, metavar="PORT",
              help="Port di 127.0.0.1 (bawaan: 8765; 0: pilih port yang kosong).")
@click.option("--tanpa-browser", "no_browser", is_flag=True, help="Jangan buka browser.")
@click.option("--kasus", "cases", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              metavar="FOLDER", help="Tampilkan juga formulir yang diisi dari berkas kasus di folder ini "
              "(bawaan: tanpa data kasus). Tetap di memori, tidak pernah disimpan ke disk.")
@_friendly
def pratinjau(project_dir: Path | None, port: int, no_browser: bool, cases: Path | None) -> None:
    """Pratinjau langsung di browser: halaman diperbarui sendiri setiap berkas sumber disimpan.

    Hanya dapat dibuka dari komputer ini (127.0.0.1). Tidak ada berkas yang ditulis."""
    from soppress.preview.server import serve
    serve(_root(project_dir), port, cases=cases, open_browser=not no_browser,
          echo=lambda m: click.echo(m, err=True))


@main.command()
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@PROJECT_OPTION
@click.option("--unit", default=None, metavar="KUNCI", help="Kunci kop (letterheads/KUNCI.yaml); bawaan: dikenali "
              "dari teks kop dokumen.")
@click.option("--keluaran", "out", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="BERKAS",
              help="Berkas YAML yang ditulis (bawaan: sops/<unit>/<nama-sop>.yaml).")
@click.option("--timpa", "replace", is_flag=True, help="Timpa berkas keluaran bila sudah ada.")
@click.option("--periksa", "dry_run", is_flag=True, help="Tampilkan hasilnya saja; jangan tulis berkas.")
@_friendly
def impor(berkas: Path, project_dir: Path | None, unit: str | None, out: Path | None, replace: bool,
          dry_run: bool) -> None:
    """Impor SOP dari Word (.docx) atau teks bertab (.txt) menjadi draf sumber YAML."""
    from soppress.importer import impor as run
    result = run(berkas, _root(project_dir), unit=unit, out=out, replace=replace, dry_run=dry_run)
    if dry_run:
        click.echo(result.text, nl=False)
    for line in result.notes.lines():
        click.echo(line, err=dry_run)
    if result.written:
        click.echo(f"ditulis: {result.target}. Periksa komentar PERIKSA/TEBAKAN, lalu jalankan `soppress check`.")


from soppress import cli_kasus  # noqa: E402,F401  (formulir, kasus, skm commands)
@main.group()
def surat() -> None:
    """Surat kasus: templat di folder letters/ proyek (bawaan paket sebagai cadangan)."""


@surat.command("periksa")
@PROJECT_OPTION
@_friendly
def surat_periksa(project_dir: Path | None) -> None:
    """Coba setiap templat surat pada data contoh (sintetis) untuk setiap unit."""
    from soppress.checks.diagnostics import Report
    from soppress.letters.check import periksa_surat
    from soppress.sources.project import load_project
    project = load_project(_root(project_dir), Report())
    report = periksa_surat(project)
    if report.diagnostics:
        click.echo(report.render_text(), err=True)
    click.echo(f"templat surat diperiksa: {len(report.errors)} galat.", err=bool(report.errors))
    if report.errors:
        sys.exit(1)


@surat.command("salin")
@click.argument("jenis")
@PROJECT_OPTION
@_friendly
def surat_salin(jenis: str, project_dir: Path | None) -> None:
    """Salin templat bawaan JENIS ke folder letters/ proyek untuk diubah."""
    from soppress.letters.templates import copy_default
    try:
        target = copy_default(_root(project_dir), jenis)
    except (FileNotFoundError, FileExistsError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"templat disalin ke {target}; surat {jenis} kini memakai berkas ini")


from soppress import cli_surat  # noqa: E402,F401  (surat buat, surat massal)
