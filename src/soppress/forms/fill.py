"""Values of a case file at a form's dotted paths, as the text a form prints."""
from __future__ import annotations

import datetime as dt
from typing import Any

from soppress.cases.model import Kasus
from soppress.forms.model import Formulir, Isian
from soppress.model.fields import Pejabat
from soppress.model.waktu import BULAN


def get(obj: Any, path: str) -> Any:
    """The value at ``korban.0.nama``; None when any step is missing. ``usia`` of a
    person without a recorded age is computed on the case's reference date."""
    root = obj
    for part in path.split("."):
        if obj is None:
            return None
        if isinstance(obj, list):
            obj = obj[int(part)] if part.isdigit() and int(part) < len(obj) else None
        elif part == "usia" and isinstance(root, Kasus) and getattr(obj, "usia", None) is None \
                and hasattr(obj, "usia_pada"):
            obj = obj.usia_pada(root.tanggal_acuan)
        else:
            obj = getattr(obj, part, None)
    return obj


def tanggal(value: dt.date) -> str:
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def text(value: Any, pejabat: dict[str, Pejabat] | None = None) -> str | tuple[str, ...] | None:
    """How a case value is printed on a form (a tuple for a multiple choice)."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, dt.date):
        return tanggal(value)
    if isinstance(value, list):
        items = [text(v, pejabat) for v in value]
        if all(isinstance(v, str) for v in value):
            return tuple(i for i in items if i)
        return ", ".join(str(i) for i in items if i)
    if isinstance(value, Pejabat):
        return value.nama_lengkap
    return str(value)


def petugas_text(value: Any, pejabat: dict[str, Pejabat]) -> str | None:
    """Officers of a layanan: registry keys resolved to names."""
    names = [(pejabat[p].nama_lengkap if p in pejabat else p) if isinstance(p, str) else p.nama_lengkap
             for p in value or []]
    return ", ".join(names) or None


def required(isian: Isian, wajib_bila_anak: bool, case: Kasus | None) -> bool:
    return isian.wajib or ((isian.wajib_bila_anak or wajib_bila_anak) and (case is None or case.ada_anak))


def missing_required(form: Formulir, case: Kasus) -> list[Isian]:
    """Required fields filled from the case file that the case file leaves empty
    (reported by label and path, never by value)."""
    return [i for b in form.bagian for i in b.isian
            if i.sumber and required(i, b.wajib_bila_anak, case) and text(get(case, i.sumber)) is None]
