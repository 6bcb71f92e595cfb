"""Load ``forms/*.yaml`` with located messages, like SOPs: structure by the schema,
then the rules a schema cannot say (unique names, sources that exist in the case
file, choices that match the case file's closed lists)."""
from __future__ import annotations

import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from soppress.cases.model import Kasus
from soppress.checks.diagnostics import Report, did_you_mean
from soppress.checks.schema_errors import _models_in, _step, validate
from soppress.forms.model import Formulir
from soppress.sources.yamlsrc import Source, YamlError, load

FOLDER = "forms"


@dataclass
class FormFile:
    path: Path                  # relative to the project root
    source: Source | None
    form: Formulir | None

    @property
    def key(self) -> str:
        return self.path.stem


def load_forms(root: Path, report: Report) -> list[FormFile]:
    files = []
    for path in sorted((root / FOLDER).glob("*.yaml")):
        rel = path.relative_to(root)
        try:
            source = load(path, rel)
        except YamlError as exc:
            report.extend([exc.diagnostic])
            files.append(FormFile(rel, None, None))
            continue
        form = validate(Formulir, source, report)
        if form is not None:
            check_form(form, source, report)
        files.append(FormFile(rel, source, form))
    return files


def case_type(path: str) -> Any:
    """The type at a dotted path of the case file (``korban.0.nama``), or None."""
    tp: Any = Kasus
    for part in path.split("."):
        tp = _step(tp, int(part) if part.isdigit() else part)
        if tp is None:
            return None
    return tp


def literal_choices(tp: Any) -> tuple[str, ...] | None:
    for arg in _models_in(tp):
        if typing.get_origin(arg) is list:
            return literal_choices(typing.get_args(arg)[0])
        if typing.get_origin(arg) is typing.Literal:
            return typing.get_args(arg)
    return None


def _fields_of(tp: Any) -> list[str]:
    return [n for m in _models_in(tp) if hasattr(m, "model_fields") for n in m.model_fields]


def check_form(form: Formulir, source: Source, report: Report) -> None:
    seen: dict[str, tuple] = {}
    for b, bagian in enumerate(form.bagian):
        for i, isian in enumerate(bagian.isian):
            at = ("bagian", b, "isian", i)
            if isian.nama in seen:
                report.add(source.pos(at), f'nama isian "{isian.nama}" sudah dipakai isian lain; beri "kunci" '
                           "yang berbeda", "formulir.kunci-ganda")
            seen[isian.nama] = at
            if isian.jenis in ("pilihan", "pilihan_ganda") and not isian.pilihan:
                report.add(source.pos(at), f'isian "{isian.label}" berjenis {isian.jenis} tetapi tanpa "pilihan"',
                           "formulir.pilihan")
            if (isian.jenis == "tabel") != bool(isian.kolom):
                report.add(source.pos(at), f'isian "{isian.label}": "kolom" hanya dan harus ada pada jenis tabel',
                           "formulir.kolom")
            if isian.sumber and form.kasus:
                tp = _check_source(isian.sumber, isian.pilihan, source, at + ("sumber",), report)
                for k, kolom in enumerate(isian.kolom):
                    if kolom.sumber and tp is not None:
                        _check_source(f"{isian.sumber}.0.{kolom.sumber}", kolom.pilihan, source,
                                      at + ("kolom", k, "sumber"), report)
            elif isian.sumber:
                report.add(source.pos(at + ("sumber",)), 'formulir ini "kasus: false" sehingga "sumber" tidak dipakai',
                           "formulir.sumber", "peringatan")


def _check_source(path: str, pilihan: list[str], source: Source, at: tuple, report: Report) -> Any:
    tp = case_type(path)
    if tp is None:
        parts = path.split(".")
        parent = case_type(".".join(parts[:-1])) if len(parts) > 1 else Kasus
        report.add(source.pos(at), f'sumber "{path}" tidak ada di berkas kasus'
                   f'{did_you_mean(parts[-1], _fields_of(parent)) if parent is not None else ""}; '
                   "lihat soppress schema kasus", "formulir.sumber")
        return None
    allowed = literal_choices(tp)
    if allowed and pilihan:
        extra = [p for p in pilihan if p not in allowed]
        if extra:
            report.add(source.pos(at), f'pilihan {", ".join(extra)} tidak ada di daftar berkas kasus untuk '
                       f'"{path}" ({", ".join(allowed)})', "formulir.pilihan")
    return tp
