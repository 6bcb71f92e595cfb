"""Nomor surat: a configurable pattern and a register that hands out numbers.

The pattern is a ``str.format`` pattern over a closed set of names, checked before
use (no attribute or index access, no conversions), e.g.
``{klasifikasi}/{urut:03d}/{unit}/{bulan_romawi}/{tahun}`` -> ``400.10/007/UPTD.PPA/I/2026``.

The register is a JSON-lines file in the project's private case folder (it names the
case's nomor register, so it stays outside git; it never holds victim data). Each line
records one number handed out: nomor, unit, seri, periode, urut, jenis, tanggal, kasus.
Numbers are handed out under an exclusive ``fcntl.flock`` on the register file: read
the last urut of the (unit, seri, periode), append the next, fsync, unlock — so two
commands running at once never get the same number and leave no gap. The sequence
restarts each year (``tahunan``), each month (``bulanan``) or never (``tidak``).
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import string
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from soppress.errors import UserError
from soppress.views.indonesia import bulan_romawi

DEFAULT_POLA = "{klasifikasi}/{urut:03d}/{unit}/{bulan_romawi}/{tahun}"
POLA_FIELDS = ("klasifikasi", "urut", "unit", "bulan_romawi", "bulan", "tahun", "seri")
ULANG = ("tahunan", "bulanan", "tidak")


class NomorError(UserError):
    """A pattern or register problem, in Indonesian (never naming case values)."""


def check_pola(pola: str) -> list[str]:
    """Problems with a nomor pattern, as Indonesian phrases (empty when usable)."""
    try:
        parts = list(string.Formatter().parse(pola))
    except ValueError as exc:
        return [f"pola nomor tidak dapat dibaca ({exc}); tulis nama di antara kurung kurawal, mis. {{urut:03d}}"]
    problems, names = [], set()
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in POLA_FIELDS:
            problems.append(f'pola nomor: "{{{name}}}" tidak dikenal; yang boleh: '
                            + ", ".join(f"{{{f}}}" for f in POLA_FIELDS))
            continue
        names.add(name)
        if conversion or (spec and not (name in ("urut", "bulan", "tahun") and re.fullmatch(r"0?\d{0,2}d?", spec))):
            problems.append(f'pola nomor: format "{{{name}:{spec}}}" tidak didukung; pakai mis. {{urut:03d}}')
    if "urut" not in names and not problems:
        problems.append("pola nomor harus memuat {urut} (nomor urut)")
    return problems


def format_nomor(pola: str, *, urut: int, tanggal: dt.date, klasifikasi: str = "", unit: str = "",
                 seri: str = "") -> str:
    problems = check_pola(pola)
    if problems:
        raise NomorError(problems[0])
    return pola.format(klasifikasi=klasifikasi, urut=urut, unit=unit, seri=seri, tahun=tanggal.year,
                       bulan=tanggal.month, bulan_romawi=bulan_romawi(tanggal))


def periode(tanggal: dt.date, ulang: str) -> str:
    """The period a sequence runs in: "2026" (tahunan), "2026-01" (bulanan), "" (tidak)."""
    if ulang not in ULANG:
        raise NomorError(f'mulai_ulang "{ulang}" tidak dikenal; pilih salah satu: {", ".join(ULANG)}')
    return {"tahunan": f"{tanggal.year}", "bulanan": f"{tanggal:%Y-%m}", "tidak": ""}[ulang]


@dataclass(frozen=True)
class Permintaan:
    """What a letter asks the register for."""
    unit: str                 # letterhead key
    kode_unit: str            # as printed in the nomor
    klasifikasi: str
    jenis: str                # letter kind
    tanggal: dt.date          # the letter's date: decides the period and the roman month
    kasus: str = ""           # the case's nomor register (no victim data)
    seri: str = "umum"        # numbering series: kinds sharing a seri share one sequence
    pola: str = DEFAULT_POLA
    ulang: str = "tahunan"


@dataclass(frozen=True)
class Entri:
    """One line of the register: the number handed out and the letter that got it."""
    nomor: str
    unit: str
    seri: str
    periode: str
    urut: int
    jenis: str
    tanggal: str
    kasus: str
    dibuat: str


class Register:
    def __init__(self, path: Path):
        self.path = Path(path)

    def ambil(self, permintaan: Permintaan) -> Entri:
        """The next number for one letter."""
        return self.ambil_banyak([permintaan])[0]

    def ambil_banyak(self, permintaan: Iterable[Permintaan]) -> list[Entri]:
        """The next numbers for several letters, in order, under one lock (a batch)."""
        asks = list(permintaan)
        for ask in asks:
            for problem in check_pola(ask.pola):
                raise NomorError(problem)
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with open(fd, "r+", encoding="utf-8", closefd=False) as fh:
                last = self._last(fh.read())
            lines, entries = [], []
            now = dt.datetime.now().isoformat(timespec="seconds")
            for ask in asks:
                key = (ask.unit, ask.seri, periode(ask.tanggal, ask.ulang))
                last[key] = urut = last.get(key, 0) + 1
                nomor = format_nomor(ask.pola, urut=urut, tanggal=ask.tanggal, klasifikasi=ask.klasifikasi,
                                     unit=ask.kode_unit, seri=ask.seri)
                entry = Entri(nomor, ask.unit, ask.seri, key[2], urut, ask.jenis, ask.tanggal.isoformat(),
                              ask.kasus, now)
                entries.append(entry)
                lines.append(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
            os.write(fd, "".join(lines).encode("utf-8"))   # O_APPEND: one write at the end
            os.fsync(fd)
            return entries
        finally:
            os.close(fd)                                     # releases the lock

    def entri(self) -> list[Entri]:
        if not self.path.exists():
            return []
        return list(self._read(self.path.read_text(encoding="utf-8")))

    def _last(self, text: str) -> dict[tuple[str, str, str], int]:
        last: dict[tuple[str, str, str], int] = {}
        for e in self._read(text):
            key = (e.unit, e.seri, e.periode)
            last[key] = max(last.get(key, 0), e.urut)
        return last

    def _read(self, text: str) -> Iterable[Entri]:
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                yield Entri(**json.loads(line))
            except (ValueError, TypeError) as exc:
                raise NomorError(f"{self.path}:{number}: baris register nomor surat rusak ({type(exc).__name__}); "
                                 "perbaiki atau hapus baris itu lalu ulangi") from None
