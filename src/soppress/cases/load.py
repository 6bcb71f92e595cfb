"""Load and validate case files with located messages that never carry a value.

``soppress.checks.schema_errors.validate`` phrases some messages with the offending
value (a wrong choice, a wrong date, the misspelt key in "maksud Anda"), which is right
for an SOP and wrong for a case file. Here every pydantic error is phrased from its
*location* only: the dotted field path, the allowed choices, the expected type. The
pydantic input, message and context are never read, except for our own
PydanticCustomError messages (type with a dot), which are written value-free."""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from soppress.cases.model import Kasus
from soppress.checks.diagnostics import Diagnostic, Report, closest
from soppress.checks.schema_errors import _JENIS, _known_keys, _step
from soppress.sources.yamlsrc import Source, YamlError, load

_DATE = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type",
         "datetime_parsing", "date_future", "date_past"}
_SAFE_YAML = {"yaml.kunci-ganda": "sebuah kunci ditulis dua kali di sini; hapus salah satunya"}


@dataclass
class CaseFile:
    path: Path
    source: Source | None
    kasus: Kasus | None


def read_case_file(path: Path, report: Report, shown: Path | None = None) -> CaseFile:
    """One case file; problems go to ``report`` (named by field, never by value)."""
    try:
        source = load(path, shown or path)
    except YamlError as exc:
        d = exc.diagnostic
        report.extend([Diagnostic(d.pos, d.severity, _SAFE_YAML.get(d.code, d.message), d.code)])
        return CaseFile(path, None, None)
    return CaseFile(path, source, validate_private(Kasus, source, report))


def load_case(path: Path, report: Report, shown: Path | None = None) -> Kasus | None:
    return read_case_file(path, report, shown).kasus


def load_cases(folder: Path, report: Report) -> list[CaseFile]:
    return [read_case_file(p, report) for p in sorted(folder.glob("*.yaml"))]


def validate_private(model: Any, source: Source, report: Report) -> Any:
    data = source.data if source.data is not None else {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
    for error in errors:
        _report(model, source, report, tuple(error["loc"]), error["type"],
                error["msg"] if "." in error["type"] else None)
    return None


def dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "berkas"


def _report(model: Any, source: Source, report: Report, loc: tuple, kind: str, own: str | None) -> None:
    path = source.resolve(loc)
    pos = source.pos(path)
    if kind == "missing":
        name = dotted(path + (loc[-1],))
        report.add(pos, f'"{name}" wajib diisi; tambahkan baris "{loc[-1]}: …"', "kasus.wajib")
    elif kind == "extra_forbidden":
        # the unknown key itself is not repeated: it is what the user typed
        hint = closest(str(loc[-1]), _known_keys(model, loc[:-1]))
        suggestion = f' (maksud Anda "{hint}"?)' if hint else ""
        report.add(source.pos(path, key=True), f'kunci tidak dikenal di "{dotted(path[:-1])}"{suggestion}; '
                   "perbaiki ejaannya atau hapus", "kasus.kunci")
    elif own is not None:
        report.add(pos, f'"{dotted(path)}": {own}', kind)
    elif kind == "literal_error":
        report.add(pos, f'"{dotted(path)}" bukan salah satu pilihan yang boleh: {_choices(model, loc)}',
                   "kasus.pilihan")
    elif kind in _DATE:
        report.add(pos, f'"{dotted(path)}" bukan tanggal yang sah; tulis TTTT-BB-HH', "kasus.tanggal")
    elif kind in _JENIS:
        report.add(pos, f'"{dotted(path)}" harus berupa {_JENIS[kind]}', "kasus.jenis")
    elif kind in ("too_short", "string_too_short"):
        report.add(pos, f'"{dotted(path)}" tidak boleh kosong', "kasus.wajib")
    else:
        report.add(pos, f'"{dotted(path)}" tidak sah; periksa isinya', "kasus.nilai")


def _choices(model: Any, loc: tuple) -> str:
    """The allowed values of the Literal field at ``loc``, from the model (not the error)."""
    tp: Any = model
    for part in loc:
        nxt = _step(tp, part)
        if nxt is None:
            break
        tp = nxt
    for arg in _flatten(tp):
        if typing.get_origin(arg) is typing.Literal:
            return ", ".join(f'"{a}"' for a in typing.get_args(arg))
    return "lihat soppress schema kasus"


def _flatten(tp: Any) -> list:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _flatten(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType, list):
        return [x for a in typing.get_args(tp) for x in _flatten(a)]
    return [tp]
