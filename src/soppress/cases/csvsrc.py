"""Cases from a CSV export (one row per case, SIMFONI-style tools), onto the case model.

The columns (header row required, order free, unknown columns are an error):

- case fields by their own name: ``nomor_register``, ``tanggal_pengaduan``,
  ``tanggal_kejadian``, ``kanal``, ``bentuk_kekerasan``, ``tempat_kejadian``,
  ``alamat_kejadian``, ``kronologi``, ``kebutuhan``, ``risiko``, ``status``;
- the victim as ``korban_<field>``, the reporter as ``pelapor_<field>``, the person
  reported as ``terlapor_<field>``, with the fields of ``soppress.cases.model.Orang``
  (nama, nik, tempat_lahir, tanggal_lahir, usia, jenis_kelamin, alamat_ktp,
  alamat_domisili, telepon, pendidikan, pekerjaan) plus ``korban_disabilitas``,
  ``pelapor_hubungan_dengan_korban`` and ``terlapor_hubungan``; ``korban_alamat`` and
  the like are read as ``alamat_domisili``;
- ``kondisi_<biologis|psikologis|sosial|spiritual>``.

Cells are separated by commas, semicolons or tabs (whichever the header row uses).
A list column (``bentuk_kekerasan``) separates its items with ``;``. An empty cell is a
field left out. Each row is checked like a case file, by ``cases.load.validate_private``:
messages give the file, the row's line and the column, and the field — never a value.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from soppress.cases.load import validate_private
from soppress.cases.model import Kasus, Korban, Pelapor, Terlapor
from soppress.checks.diagnostics import Position, Report
from soppress.sources.yamlsrc import Source

CASE_COLUMNS = ("nomor_register", "tanggal_pengaduan", "tanggal_kejadian", "kanal", "bentuk_kekerasan",
                "tempat_kejadian", "alamat_kejadian", "kronologi", "kebutuhan", "risiko", "status")
LIST_COLUMNS = {"bentuk_kekerasan"}
PEOPLE = {"korban": Korban, "pelapor": Pelapor, "terlapor": Terlapor}
CONDITIONS = ("biologis", "psikologis", "sosial", "spiritual")
ALIASES = {"alamat": "alamat_domisili"}
TRUE = {"ya", "y", "true", "1", "benar"}


def columns() -> list[str]:
    """Every column the reader knows, in the documented order."""
    names = list(CASE_COLUMNS)
    for role, model in PEOPLE.items():
        names += [f"{role}_{f}" for f in model.model_fields] + [f"{role}_alamat"]
    return names + [f"kondisi_{c}" for c in CONDITIONS]


def _target(column: str) -> tuple | None:
    """Where a column goes in the case data: ("korban", 0, "nama"), ("kanal",), …"""
    if column in CASE_COLUMNS:
        return (column,)
    role, _, field = column.partition("_")
    field = ALIASES.get(field, field)
    if role in PEOPLE and field in PEOPLE[role].model_fields:
        return (role, 0, field) if role != "pelapor" else (role, field)
    if role == "kondisi" and field in CONDITIONS:
        return (role, field)
    return None


@dataclass
class CsvCase:
    line: int
    kasus: Kasus | None


def _row_source(file: Path, line: int, header: list[str], row: list[str], report: Report) -> Source:
    data: dict = {}
    source = Source(file, data, value_pos={(): Position(file, line, 1)})
    for col, (name, cell) in enumerate(zip(header, row), 1):
        cell = cell.strip()
        if not cell:
            continue
        target = _target(name)
        node: dict = data
        for i, part in enumerate(target[:-1]):
            nxt = target[i + 1]
            if isinstance(nxt, int):           # a one-person list: korban[0], terlapor[0]
                node = node.setdefault(part, [{}])[0]
                source.value_pos[target[:i + 2]] = source.value_pos.get(target[:i + 2], Position(file, line, col))
            elif not isinstance(part, int):
                node = node.setdefault(part, {})
        value: object = cell
        if name in LIST_COLUMNS:
            value = [x.strip() for x in cell.split(";") if x.strip()]
        elif target[-1] in ("disabilitas", "kondisi_kedaruratan"):
            value = cell.lower() in TRUE
        node[target[-1]] = value
        source.value_pos[target] = Position(file, line, col)
        source.key_pos[target] = Position(file, line, col)
    return source


def read_csv_cases(file: Path, report: Report, shown: Path | None = None) -> list[CsvCase]:
    """Every row of ``file`` as a case; problems go to ``report`` (never with a value)."""
    shown = shown or file
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        report.add(Position(shown, 1, 1), f"berkas CSV tidak dapat dibaca ({type(exc).__name__}); simpan sebagai "
                   "CSV UTF-8", "kasus.csv")
        return []
    first = text.partition("\n")[0]
    reader = csv.reader(text.splitlines(keepends=True), delimiter=max(",;\t", key=first.count))
    header = [h.strip().lower() for h in next(reader, [])]
    bad = [(i, h) for i, h in enumerate(header, 1) if _target(h) is None]
    for col, _ in bad:   # a header is a column name, not case data; still, name it by position
        report.add(Position(shown, 1, col), f"kolom ke-{col} tidak dikenal; nama kolom yang boleh ada di README "
                   "(bagian Surat massal dari CSV)", "kasus.csv-kolom")
    if not header or "nomor_register" not in header:
        report.add(Position(shown, 1, 1), 'baris judul CSV harus memuat kolom "nomor_register"', "kasus.csv-kolom")
    if report.errors:
        return []
    cases = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            report.add(Position(shown, line, len(header) + 1), "baris ini punya lebih banyak sel daripada baris "
                       "judul; periksa pemisah (koma) di dalam isian", "kasus.csv-sel")
            cases.append(CsvCase(line, None))
            continue
        source = _row_source(shown, line, header, row, report)
        cases.append(CsvCase(line, validate_private(Kasus, source, report)))
    return cases

