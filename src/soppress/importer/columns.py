"""The activity table's heading: which grid column holds the number, the kegiatan,
each pelaksana, each mutu baku and the keterangan; the column-index row below it."""
from __future__ import annotations

from dataclasses import dataclass, field

from soppress.importer.grid import Table, squash

NO = {"no", "nomor", "no urut"}
KEGIATAN = {"kegiatan", "aktivitas", "uraian kegiatan", "uraian", "prosedur", "langkah kegiatan"}
PELAKSANA = {"pelaksana", "pelaksanaan", "pelaku"}
MUTU = {"mutu baku"}
KETERANGAN = {"keterangan", "ket"}
DEFAULT_HEADS = {"no": "No", "kegiatan": "Kegiatan", "pelaksana": "Pelaksana", "mutu_baku": "Mutu Baku",
                 "kelengkapan": "Kelengkapan", "waktu": "Waktu", "output": "Output", "keterangan": "Keterangan"}


@dataclass
class Columns:
    no: int
    kegiatan: int
    lanes: list[int]
    lane_names: list[str]
    mutu: dict[str, int]                 # kelengkapan | waktu | output → column
    keterangan: int | None
    body_start: int                      # first body row
    index_row: bool = False              # a "1 2 3 …" row under the heading
    heads: dict[str, str] = field(default_factory=dict)   # heading texts as written


def _mutu_kind(text: str) -> str | None:
    s = squash(text)
    if "waktu" in s:
        return "waktu"
    if "output" in s or "hasil" in s or "keluaran" in s:
        return "output"
    if "kelengkapan" in s or "persyaratan" in s or "syarat" in s:
        return "kelengkapan"
    return None


def find_columns(table: Table) -> Columns | None:
    """The columns of an activity table, or None when ``table`` is not one."""
    if len(table.rows) < 2:
        return None
    top, second = table.rows[0].texts(), table.rows[1].texts()
    top = _fill_spans(top, second)
    kinds = [_kind(t) for t in top]
    if "kegiatan" not in kinds or "pelaksana" not in kinds:
        return None
    lanes = [i for i, k in enumerate(kinds) if k == "pelaksana"]
    names = [second[i].strip() for i in lanes]
    if not all(names):
        return None
    mutu = {}
    for i, k in enumerate(kinds):
        if k == "mutu":
            kind = _mutu_kind(second[i])
            if kind and kind not in mutu:
                mutu[kind] = i
    no = kinds.index("no") if "no" in kinds else 0
    ket = kinds.index("keterangan") if "keterangan" in kinds else None
    heads = {"no": top[no], "kegiatan": top[kinds.index("kegiatan")], "pelaksana": top[lanes[0]]}
    if mutu:
        heads["mutu_baku"] = top[next(iter(mutu.values()))]
    for kind, i in mutu.items():
        heads[kind] = second[i]
    if ket is not None:
        heads["keterangan"] = top[ket]
    cols = Columns(no, kinds.index("kegiatan"), lanes, names, mutu, ket, 2, heads=heads)
    if len(table.rows) > 2 and _is_index_row(table.rows[2].texts()):
        cols.index_row, cols.body_start = True, 3
    return cols


def _kind(text: str) -> str | None:
    s = squash(text)
    for kind, words in (("no", NO), ("kegiatan", KEGIATAN), ("pelaksana", PELAKSANA), ("mutu", MUTU),
                        ("keterangan", KETERANGAN)):
        if s in words:
            return kind
    return None


def _fill_spans(top: list[str], second: list[str]) -> list[str]:
    """Text input has no merged cells: "Pelaksana" then empty cells over the
    pelaksana names. An empty heading cell with a name below belongs to the heading
    on its left."""
    out = list(top)
    for i in range(1, len(out)):
        if not out[i].strip() and i < len(second) and second[i].strip() and out[i - 1].strip():
            out[i] = out[i - 1]
    return out


def _is_index_row(texts: list[str]) -> bool:
    numbers = [t.strip() for t in texts]
    return all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == list(range(1, len(numbers) + 1))


def same_heading(a: Table, b: Table) -> bool:
    """A table continuing the activity table on the next page repeats its heading."""
    return len(a.rows) > 1 and len(b.rows) > 1 and a.rows[0].texts() == b.rows[0].texts() \
        and a.rows[1].texts() == b.rows[1].texts()
