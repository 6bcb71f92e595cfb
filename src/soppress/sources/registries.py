"""Registries shared by every document of a project: pejabat (signatories) and
peraturan (regulations). SOPs, the Keputusan and letters name entries by key."""
from __future__ import annotations

from pathlib import Path

from pydantic import RootModel

from soppress.checks.diagnostics import Report
from soppress.model import Pejabat, Peraturan
from soppress.checks.schema_errors import validate
from soppress.sources.yamlsrc import Source, YamlError, load

REGISTRY_DIR = "registri"


class PejabatRegistry(RootModel[dict[str, Pejabat]]):
    pass


class PeraturanRegistry(RootModel[dict[str, Peraturan]]):
    pass


def load_registry(root: Path, name: str, model, report: Report) -> tuple[dict, Source | None]:
    file = root / REGISTRY_DIR / f"{name}.yaml"
    if not file.exists() and not file.is_symlink():
        return {}, None
    try:
        source = load(file, file.relative_to(root), root=root)
        report.extend(source.notes)
    except YamlError as exc:
        report.extend([exc.diagnostic])
        return {}, None
    registry = validate(model, source, report)
    return (registry.root if registry else {}), source
