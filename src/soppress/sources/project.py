"""Load a soppress project: settings, letterheads, registries and SOP sources.

Layout (all paths relative to the project root, the folder holding soppress.yaml):
    soppress.yaml            project settings (paper, margins, font)
    letterheads/<kunci>.yaml letterheads; an SOP names one with ``unit: <kunci>``
    registri/pejabat.yaml    signatories by key       (optional)
    registri/peraturan.yaml  regulations by key       (optional)
    sops/**/*.yaml           one SOP per file
    keputusan/<unit>.yaml    a Keputusan enacting SOPs as its lampiran (optional)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from soppress.checks.diagnostics import Position, Report
from soppress.model import Keputusan, Kop, Pejabat, Peraturan, Proyek, Sop
from soppress.sources.registries import PejabatRegistry, PeraturanRegistry, load_registry
from soppress.checks.schema_errors import validate
from soppress.sources.root import CONFIG_FILE, ProjectError, find_root  # noqa: F401 - re-exported
from soppress.sources.yamlsrc import Source, YamlError, load


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
    pejabat: dict[str, Pejabat] = field(default_factory=dict)
    peraturan: dict[str, Peraturan] = field(default_factory=dict)
    sops: list[SopFile] = field(default_factory=list)
    keputusan: list[KeputusanFile] = field(default_factory=list)
    # Resolved once by the collection checks (soppress.checks.collection), read by the views:
    citations: dict[int, str] = field(default_factory=dict)  # id(Butir) -> registry key it surely cites
    links: dict[tuple[str, int | None], str] = field(default_factory=dict)  # (SOP key, keterkaitan item
    #   index; None: its pengantar) -> the project SOP it names

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
    project = Project(root=root, config=config or Proyek(nama=root.name))

    for file in sorted((root / "letterheads").glob("*.yaml")):
        source = _load(root, file, report)
        kop = validate(Kop, source, report) if source else None
        if kop:
            project.kop[file.stem] = kop
            if kop.logo and not (root / "letterheads" / kop.logo).is_file():
                report.add(source.pos(("logo",)), f'berkas logo "{kop.logo}" tidak ada di folder letterheads/; '
                           "periksa nama berkasnya", "kop.logo")

    project.pejabat, _ = load_registry(root, "pejabat", PejabatRegistry, report)
    project.peraturan, _ = load_registry(root, "peraturan", PeraturanRegistry, report)

    sop_files = sorted((root / "sops").rglob("*.yaml")) if (root / "sops").is_dir() else []
    if not sop_files:
        report.add(Position(Path("sops"), 1, 1), "tidak ada berkas SOP (*.yaml) di folder sops/", "proyek.kosong",
                   severity="peringatan")
    for file in sop_files:
        source = _load(root, file, report)
        sop = validate(Sop, source, report) if source else None
        project.sops.append(SopFile(file.relative_to(root), source, sop))
    for file in sorted((root / "keputusan").glob("*.yaml")) if (root / "keputusan").is_dir() else []:
        source = _load(root, file, report)
        keputusan = validate(Keputusan, source, report) if source else None
        project.keputusan.append(KeputusanFile(file.relative_to(root), source, keputusan))
    return project


def _load(root: Path, file: Path, report: Report) -> Source | None:
    try:
        return load(file, file.relative_to(root))
    except YamlError as exc:
        report.extend([exc.diagnostic])
        return None
