"""Load a soppress project: settings, letterheads, registries and SOP sources.

Layout (all paths relative to the project root, the folder holding soppress.yaml):
    soppress.yaml            project settings (paper, margins, font)
    letterheads/<kunci>.yaml letterheads; an SOP names one with ``unit: <kunci>``
    registri/pejabat.yaml    signatories by key       (optional)
    registri/peraturan.yaml  regulations by key       (optional)
    sops/**/*.yaml           one SOP per file
    keputusan/<unit>.yaml    a Keputusan enacting SOPs as its lampiran (optional)

``.yml`` is read like ``.yaml`` (editors and other tools default to it; ignoring
it silently lost SOPs). Every file read must lie inside the project (see
sources.boundary); folders named like a source, links leaving the project and
unreadable files are reported, located, never skipped in silence.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from soppress.checks.diagnostics import Position, Report
from soppress.model import Keputusan, Kop, Pejabat, Peraturan, Proyek, Sop
from soppress.sources.registries import PejabatRegistry, PeraturanRegistry, load_registry
from soppress.checks.schema_errors import validate
from soppress.sources.boundary import BoundaryError, is_inside, reference
from soppress.sources.root import CONFIG_FILE, ProjectError, find_root  # noqa: F401 - re-exported
from soppress.sources.yamlsrc import Source, YamlError, load

SUFFIXES = (".yaml", ".yml")

@dataclass
class SopFile:
    path: Path            # relative to the project root
    source: Source | None
    sop: Sop | None       # None when the file has structural errors

    @property
    def key(self) -> str:
        """'hst/pengaduan-masyarakat': unique within the project."""
        return self.path.relative_to("sops").with_suffix("").as_posix()


@dataclass
class KeputusanFile:
    path: Path
    source: Source | None
    keputusan: Keputusan | None

    @property
    def key(self) -> str:
        return self.path.stem


@dataclass
class Project:
    root: Path
    config: Proyek
    kop: dict[str, Kop] = field(default_factory=dict)
    kop_sources: dict[str, Source] = field(default_factory=dict)  # letterhead key -> its YAML, for positions
    pejabat: dict[str, Pejabat] = field(default_factory=dict)
    peraturan: dict[str, Peraturan] = field(default_factory=dict)
    sops: list[SopFile] = field(default_factory=list)
    keputusan: list[KeputusanFile] = field(default_factory=list)
    # Resolved once by the collection checks (soppress.checks.collection), read by the views:
    citations: dict[int, str] = field(default_factory=dict)  # id(Butir) -> registry key it surely cites
    links: dict[tuple[str, int | None], str] = field(default_factory=dict)  # (SOP key, keterkaitan item
    #   index; None: its pengantar) -> the project SOP it names
    config_source: Source | None = None  # soppress.yaml, for positions

    def sop(self, key: str) -> SopFile | None:
        return next((f for f in self.sops if f.key == key), None)

    def signatory(self, doc: Sop | Keputusan, as_written: bool = False) -> Pejabat | None:
        """The signatory as printed: the registry entry when the document names it by
        key, or writes out a person whose NIP the registry holds (so every document
        prints one spelling). ``as_written``: what the source says, for the checks."""
        ref = doc.disahkan_oleh if isinstance(doc, Sop) else doc.penandatangan
        if isinstance(ref, str):
            return self.pejabat.get(ref)
        if as_written or not ref.nip:
            return ref
        digits = "".join(c for c in ref.nip if c.isdigit())
        return next((p for p in self.pejabat.values()
                     if p.nip and "".join(c for c in p.nip if c.isdigit()) == digits), ref)

    def letterhead(self, sop: Sop) -> Kop | None:
        return self.kop.get(sop.unit)


def load_project(root: Path, report: Report) -> Project:
    """Load everything under ``root``; every problem goes to ``report``."""
    root = root.resolve()
    config_source = _load(root, root / CONFIG_FILE, report)
    config = validate(Proyek, config_source, report) if config_source else None
    project = Project(root=root, config=config or Proyek(nama=root.name), config_source=config_source)

    for file in source_files(root, "letterheads", report, recursive=False):
        source = _load(root, file, report)
        kop = validate(Kop, source, report) if source else None
        if kop:
            project.kop[file.stem] = kop
            project.kop_sources[file.stem] = source
            _check_logo(root, kop, source, report)

    check_templates(root, report)
    project.pejabat, _ = load_registry(root, "pejabat", PejabatRegistry, report)
    project.peraturan, _ = load_registry(root, "peraturan", PeraturanRegistry, report)

    sop_files = source_files(root, "sops", report)
    if not sop_files:
        report.add(Position(Path("sops"), 1, 1), "tidak ada berkas SOP (*.yaml) di folder sops/", "proyek.kosong",
                   severity="peringatan")
    for file in sop_files:
        source = _load(root, file, report)
        sop = validate(Sop, source, report) if source else None
        project.sops.append(SopFile(file.relative_to(root), source, sop))
    for file in source_files(root, "keputusan", report, recursive=False):
        source = _load(root, file, report)
        keputusan = validate(Keputusan, source, report) if source else None
        project.keputusan.append(KeputusanFile(file.relative_to(root), source, keputusan))
    return project


def _load(root: Path, file: Path, report: Report) -> Source | None:
    try:
        source = load(file, file.relative_to(root), root=root)
        report.extend(source.notes)
        return source
    except YamlError as exc:
        report.extend([exc.diagnostic])
        return None


def source_files(root: Path, folder: str, report: Report, recursive: bool = True) -> list[Path]:
    """The ``*.yaml``/``*.yml`` files under ``root/folder``, sorted; what cannot be a
    source there (a folder named like one, a link leaving the project, the same SOP
    written as both .yaml and .yml) is reported instead."""
    base = root / folder
    if not base.exists() and not base.is_symlink():
        return []
    if not is_inside(base, root):
        report.add(Position(Path(folder), 1, 1), f"folder {folder}/ adalah tautan simbolik ke luar proyek; "
                   "soppress hanya membaca berkas di dalam proyek: salin isinya ke dalam proyek",
                   "berkas.di-luar-proyek")
        return []
    found: list[Path] = []
    for here, dirs, files in os.walk(base, onerror=lambda exc: _walk_error(root, exc, report)):
        here_path = Path(here)
        for name in sorted(dirs):
            path = here_path / name
            if path.is_symlink():
                report.add(Position(path.relative_to(root), 1, 1), "folder tautan simbolik (symlink) tidak dibaca; "
                           "pindahkan berkasnya ke folder biasa di dalam proyek", "berkas.tautan-folder",
                           severity="peringatan" if is_inside(path, root) else "galat")
            elif name.lower().endswith(SUFFIXES):
                report.add(Position(path.relative_to(root), 1, 1), "ini folder, bukan berkas sumber; ganti nama "
                           "foldernya (tanpa .yaml/.yml)", "berkas.folder", severity="peringatan")
        if not recursive:
            dirs.clear()
        found += [here_path / name for name in files if name.lower().endswith(SUFFIXES)]
    seen: dict[Path, Path] = {}
    unique = []
    for file in sorted(found):
        key = file.with_suffix("")
        if key in seen:
            report.add(Position(file.relative_to(root), 1, 1), f"{seen[key].name} dan {file.name} adalah SOP yang "
                       "sama (.yaml dan .yml); hapus salah satunya", "berkas.ganda")
            continue
        seen[key] = file
        unique.append(file)
    return unique


def check_templates(root: Path, report: Report) -> None:
    """The project's own templates/ (it may override ours) stay inside the project too."""
    base = root / "templates"
    if not base.exists() and not base.is_symlink():
        return
    files = [base] if base.is_symlink() else [Path(h) / n for h, ds, fs in os.walk(base) for n in ds + fs]
    for path in files:
        if not is_inside(path, root):
            report.add(Position(path.relative_to(root), 1, 1), "templat ini tautan simbolik (symlink) ke luar "
                       "proyek; salin berkasnya ke dalam folder templates/", "berkas.di-luar-proyek")
        elif path.suffix == ".j2" and path.is_file():
            _check_template_syntax(root, path, report)


def _check_template_syntax(root: Path, path: Path, report: Report) -> None:
    shown = path.relative_to(root)
    try:
        import jinja2.sandbox  # only for a project with its own templates
        jinja2.sandbox.SandboxedEnvironment().parse(path.read_text(encoding="utf-8"))
    except jinja2.TemplateSyntaxError as exc:
        report.add(Position(shown, exc.lineno or 1, 1), "sintaks templat Jinja tidak sah di baris ini; periksa "
                   "pasangan {{ }}, {% %} dan {% end… %}", "templat.sintaks")
    except (OSError, UnicodeDecodeError):
        report.add(Position(shown, 1, 1), "templat tidak dapat dibaca sebagai teks UTF-8; simpan ulang sebagai "
                   "UTF-8", "berkas.baca")


def _walk_error(root: Path, exc: OSError, report: Report) -> None:
    where = Path(exc.filename).relative_to(root) if exc.filename else Path(".")
    report.add(Position(where, 1, 1), "folder tidak dapat dibaca (izin ditolak atau rusak); periksa hak aksesnya",
               "berkas.baca")


def _check_logo(root: Path, kop: Kop, source: Source, report: Report) -> None:
    """The logo (and, for an SVG, the PNG of the same name the DOCX uses) must be a
    file inside the project."""
    pos = source.pos(("logo",))
    if not kop.logo:
        return
    try:
        logo = reference(root, root / "letterheads", kop.logo)
    except BoundaryError as exc:
        report.add(pos, f"logo: {exc}", "kop.logo")
        return
    if not logo.is_file():
        report.add(pos, f'berkas logo "{kop.logo}" tidak ada di folder letterheads/; periksa nama berkasnya',
                   "kop.logo")
        return
    raster = logo.with_suffix(".png")
    if raster != logo and (raster.exists() or raster.is_symlink()) and not is_inside(raster, root):
        report.add(pos, f"logo: {raster.name} adalah tautan simbolik ke luar proyek; salin berkasnya ke "
                   "dalam proyek", "kop.logo")
