"""Turn pydantic validation errors into located, Indonesian diagnostics.

Messages of our own rules are written in the validators (PydanticCustomError,
whose type is our diagnostic code); this module only phrases pydantic's
generic structural errors (missing key, wrong type, unknown key)."""
from __future__ import annotations

import copy
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from soppress.checks.diagnostics import Report, did_you_mean
from soppress.sources.yamlsrc import Source

M = TypeVar("M", bound=BaseModel)

_JENIS = {
    "string_type": "teks", "int_type": "bilangan bulat", "int_parsing": "bilangan bulat",
    "float_type": "bilangan", "float_parsing": "bilangan", "bool_type": "true atau false",
    "bool_parsing": "true atau false", "list_type": "daftar (butir diawali '- ')",
    "dict_type": "pemetaan (kunci: nilai)", "model_type": "pemetaan (kunci: nilai)",
    "model_attributes_type": "pemetaan (kunci: nilai)",
}


def validate(model: type[M], source: Source, report: Report, *, context: str = "") -> M | None:
    """Validate ``source.data`` as ``model``; on failure add every error to ``report``.

    After reporting, the offending values are pruned and validation is tried once
    more, so that the cross-reference checks can still run on the rest of the file
    (a misspelt key should not hide a wrong pelaksana). The salvaged model is only
    ever used for checking: the report holds errors, so nothing is built from it."""
    data = source.data if source.data is not None else {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    for error in errors:
        _report(model, source, report, error, context)
    pruned = copy.deepcopy(data)
    for error in errors:
        if error["type"] == "missing":
            return None
        _prune(pruned, source.resolve(tuple(error["loc"])))
    try:
        return model.model_validate(pruned)
    except ValidationError:
        return None


def _prune(data: Any, path: tuple) -> None:
    """Delete the value at ``path`` (a mapping key) so a retry can validate the rest."""
    if not path:
        return
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(parent, dict):
        parent.pop(path[-1], None)


def _report(model: type[BaseModel], source: Source, report: Report, error: dict, context: str) -> None:
    loc = tuple(error["loc"])
    kind = error["type"]
    path = source.resolve(loc)
    name = _field_name(loc)
    prefix = context + _where(source, path)
    if kind == "missing":
        pos = source.pos(path)
        report.add(pos, f'{prefix}"{name}" wajib diisi; tambahkan baris "{name}: …"', "skema.wajib")
    elif kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        report.add(source.pos(path, key=True),
                   f'{prefix}kunci "{name}" tidak dikenal{did_you_mean(str(name), known)}; '
                   "perbaiki ejaannya atau hapus", "skema.kunci")
    elif kind in _JENIS:
        report.add(source.pos(path), f'{prefix}"{name}" harus berupa {_JENIS[kind]}', "skema.jenis")
    elif kind == "literal_error":
        report.add(source.pos(path), f'{prefix}"{name}" bernilai "{error["input"]}", padahal yang boleh: '
                   f'{error["ctx"]["expected"].replace(" or ", " atau ")}', "skema.pilihan")
    elif kind == "too_short" and isinstance(error.get("input"), list):
        report.add(source.pos(path), f'{prefix}"{name}" tidak boleh kosong; isi sedikitnya '
                   f'{error["ctx"]["min_length"]} butir', "skema.jumlah")
    elif kind == "string_too_short":
        report.add(source.pos(path), f'{prefix}"{name}" tidak boleh kosong', "skema.wajib")
    elif kind == "value_error":
        report.add(source.pos(path), prefix + str(error["ctx"]["error"]), "skema.nilai")
    elif "." in kind or kind.startswith("skema"):  # our own PydanticCustomError: the type is the code
        report.add(source.pos(path), prefix + error["msg"], kind)
    else:
        report.add(source.pos(path), f'{prefix}nilai "{name}" tidak sah ({error["msg"]})', "skema.nilai")


def _field_name(loc: tuple) -> str:
    for part in reversed(loc):
        if isinstance(part, str) and part not in ("langkah", "bagian", "kunci", "pejabat"):
            return part
    return str(loc[-1]) if loc else "berkas"


def _where(source: Source, path: tuple) -> str:
    """'kegiatan 3: ' when the error sits inside a step (numbered as the model will)."""
    if len(path) < 2 or path[0] != "kegiatan" or not isinstance(path[1], int):
        return ""
    number = 0
    for item in source.data["kegiatan"][: path[1] + 1]:
        if isinstance(item, dict) and "bagian" not in item:
            number = item["no"] if isinstance(item.get("no"), int) else number + 1
    item = source.data["kegiatan"][path[1]]
    return "baris bagian: " if isinstance(item, dict) and "bagian" in item else f"kegiatan {number}: "


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the model reached by walking ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    candidates = _models_in(current)
    return [name for m in candidates for name in m.model_fields]


def _step(tp: Any, part: Any) -> Any:
    for candidate in _models_in(tp) or [tp]:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            if isinstance(part, str) and part in candidate.model_fields:
                return candidate.model_fields[part].annotation
            if isinstance(part, str):  # union tag, e.g. "langkah"
                continue
        origin = typing.get_origin(candidate)
        if origin in (list, tuple) and isinstance(part, int):
            return typing.get_args(candidate)[0]
    for candidate in _models_in(tp):
        if getattr(candidate, "__name__", "").lower() == str(part):
            return candidate
    return None


def _models_in(tp: Any) -> list:
    """Flatten Annotated/Union/Optional into the types they contain."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(tp) for m in _models_in(arg)]
    return [tp]
