"""Read a completed fillable PDF back into a case file.

Field names are the views' stable names (``soppress.views.form``): a field's
``kunci``/``sumber`` and ``<tabel>.<baris>.<kolom>``. Values arrive as pypdf gives
them (``PdfReader(...).get_fields()``): text as text; a choice as the option's
wording (a choice list, as soppress draws it) or, from a radio group, the *index* of
the ticked option (``/0``, ``/1`` … in option order, as weasyprint writes radio
groups); a multiple choice is one tick box per option, ``<name>.<index>``, ``/on``
or ``/Off``.

Only fields with a ``sumber`` reach the case file. The report names fields, never
values."""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from soppress.cases.load import validate_private
from soppress.cases.model import Kasus
from soppress.checks.diagnostics import Position, Report
from soppress.forms.model import Formulir
from soppress.model.waktu import BULAN
from soppress.sources.yamlsrc import Source

_OFF = {"", "off", "/off"}


def pdf_values(path: Path) -> dict[str, Any]:
    """Field name -> value of a fillable PDF (names as given by pypdf)."""
    from pypdf import PdfReader
    values: dict[str, Any] = {}
    for name, f in (PdfReader(path).get_fields() or {}).items():
        value = f.get("/V")
        if isinstance(value, list):
            values[name] = [str(v).lstrip("/") for v in value]
        elif value is not None:
            values[name] = str(value)
    return values


@dataclass
class ReadBack:
    data: dict[str, Any]
    diambil: list[str] = field(default_factory=list)      # case paths filled from the form
    kasus: Kasus | None = None


def _on(value: Any) -> bool:
    return str(value).strip().lower() not in _OFF


def _choice(value: Any, options: list[str]) -> str | None:
    """The option a radio group's export value (its index) or wording names."""
    text = str(value).strip()
    if text.lower() in _OFF:
        return None
    if re.fullmatch(r"/\d+", text) and int(text[1:]) < len(options):
        return options[int(text[1:])]
    text = text.lstrip("/").lower()
    for option in options:
        if option.lower() == text:
            return option
    raise ValueError("not an option")


def _date(value: str) -> str:
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        y, m, d = map(int, text.split("-"))
    elif m_ := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text):
        d, m, y = int(m_[1]), int(m_[2]), int(m_[3])
    elif m_ := re.fullmatch(r"(\d{1,2})\s+(\w+)\s+(\d{4})", text):
        months = [b.lower() for b in BULAN]
        if m_[2].lower() not in months:
            raise ValueError
        d, m, y = int(m_[1]), months.index(m_[2].lower()) + 1, int(m_[3])
    else:
        raise ValueError
    return dt.date(y, m, d).isoformat()


def convert(kind: str, value: Any, options: list[str], values: dict[str, Any], name: str) -> Any:
    """One field's value as the case file holds it; None when left empty.
    Raises ValueError when it cannot be read (the caller names the field)."""
    if kind == "pilihan_ganda":
        ticked = [o for i, o in enumerate(options) if _on(values.get(f"{name}.{i}", "/Off"))]
        if isinstance(value, list):
            ticked += [o for o in options if o in value]
        return ticked or None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "ya_tidak":
        try:
            choice = _choice(value, ["Ya", "Tidak"])
        except ValueError:  # a single tick box
            return _on(value) or None
        return None if choice is None else choice == "Ya"
    if kind == "pilihan":
        return _choice(value, options)
    if kind == "tanggal":
        return _date(str(value))
    if kind == "angka":
        return int(str(value).strip())
    return str(value).strip()


def _put(data: dict, path: str, value: Any) -> None:
    parts = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = data
    for part, nxt in zip(parts, parts[1:]):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append({} if not isinstance(nxt, int) else [])
            node = node[part]
        else:
            if not isinstance(node.get(part), (dict, list)):
                node[part] = empty
            node = node[part]
    last = parts[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def read_back(form: Formulir, values: dict[str, Any], source_name: Path, report: Report,
              base: dict[str, Any] | None = None) -> ReadBack:
    """Merge the form's values into ``base`` (a case file's data) and validate the result."""
    data = copy.deepcopy(base) if base else {}
    result = ReadBack(data)
    pos = Position(source_name, 1, 1)
    for bagian in form.bagian:
        for isian in bagian.isian:
            if not isian.sumber:
                continue
            cells = [(f"{isian.nama}.{r}.{k.nama}", f"{isian.sumber}.{r}.{k.sumber}", k.jenis, k.pilihan)
                     for r in range(isian.baris or 5) for k in isian.kolom if k.sumber] \
                if isian.jenis == "tabel" else [(isian.nama, isian.sumber, isian.jenis, isian.pilihan)]
            for name, path, kind, options in cells:
                try:
                    value = convert(kind, values.get(name), options, values, name)
                except ValueError:
                    report.add(pos, f'isian "{name}" tidak dapat dibaca sebagai {kind}; perbaiki di PDF lalu ulangi',
                               "baca.isian")
                    continue
                if value is not None:
                    _put(data, path, value)
                    result.diambil.append(path)
    _compact(data)
    result.kasus = validate_private(Kasus, Source(source_name, data), report)
    return result


def _compact(data: Any) -> None:
    """Drop table rows left empty (a blank form prints more rows than a case has)."""
    if isinstance(data, dict):
        for value in data.values():
            _compact(value)
    elif isinstance(data, list):
        data[:] = [v for v in data if v not in (None, {}, [])]
        for value in data:
            _compact(value)
