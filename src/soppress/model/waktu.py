"""Durations (``waktu`` in mutu baku) and calendar dates, parsed from the text
staff write, with the original text kept for display."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
         "Agustus", "September", "Oktober", "November", "Desember")

# Units a duration may be written in, with their canonical name.
SATUAN = {
    "menit": "menit", "mnt": "menit",
    "jam": "jam",
    "hari kerja": "hari kerja",
    "hari": "hari",
    "minggu": "minggu", "pekan": "minggu",
    "bulan": "bulan",
}
# Phrases that mean "as long as the service takes": valid, but not summable.
FLEKSIBEL_WORDS = ("sesuai", "menyesuaikan", "disesuaikan", "tergantung")
FLEKSIBEL = re.compile(r"^(" + "|".join(FLEKSIBEL_WORDS) + r")\b", re.IGNORECASE)
_DURASI = re.compile(
    r"^(?P<min>\d+(?:[.,]\d+)?)\s*(?:(?:-|–|—|s\.?d\.?|sampai)\s*(?P<max>\d+(?:[.,]\d+)?))?\s*"
    r"(?P<satuan>" + "|".join(sorted(map(re.escape, SATUAN), key=len, reverse=True)) + r")\.?$",
    re.IGNORECASE,
)


class WaktuError(ValueError):
    pass


@dataclass(frozen=True)
class Durasi:
    teks: str                 # as written, shown on the sheet
    min: float | None = None  # None when fleksibel
    max: float | None = None
    satuan: str | None = None  # canonical unit, see SATUAN
    fleksibel: bool = False   # "Sesuai waktu layanan"

    def __str__(self) -> str:
        return self.teks


def parse_durasi(text: str) -> Durasi:
    """'15 menit', '15 – 30 Menit', '5 hari kerja', 'Sesuai waktu layanan'."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise WaktuError("waktu kosong")
    if FLEKSIBEL.match(cleaned):
        return Durasi(teks=cleaned, fleksibel=True)
    m = _DURASI.match(cleaned)
    if not m:
        raise WaktuError(cleaned)
    lo = float(m["min"].replace(",", "."))
    hi = float(m["max"].replace(",", ".")) if m["max"] else lo
    if hi < lo:
        raise WaktuError(cleaned)
    return Durasi(teks=cleaned, min=lo, max=hi, satuan=SATUAN[m["satuan"].lower()])


@dataclass(frozen=True)
class TotalWaktu:
    """A sum of durations, kept per kind of unit: clock time (minutes), calendar
    days and working days are not convertible into each other."""
    menit: tuple[float, float] = (0, 0)
    hari: tuple[float, float] = (0, 0)
    hari_kerja: tuple[float, float] = (0, 0)
    fleksibel: int = 0  # how many steps last "sesuai waktu layanan"

    def __str__(self) -> str:
        parts = [
            f"{_num(lo)} {unit}" if lo == hi else f"{_num(lo)}–{_num(hi)} {unit}"
            for (lo, hi), unit in ((self.menit, "menit"), (self.hari, "hari"), (self.hari_kerja, "hari kerja"))
            if hi
        ]
        if not parts:
            return "Sesuai waktu layanan" if self.fleksibel else "-"
        return " + ".join(parts) + (" + sesuai waktu layanan" if self.fleksibel else "")


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}".replace(".", ",")


_TO_MINUTES = {"menit": 1, "jam": 60}
_TO_DAYS = {"hari": 1, "minggu": 7, "bulan": 30}


def total(durations: Iterable[Durasi]) -> TotalWaktu:
    menit = [0.0, 0.0]
    hari = [0.0, 0.0]
    kerja = [0.0, 0.0]
    fleksibel = 0
    for d in durations:
        if d.fleksibel:
            fleksibel += 1
            continue
        if d.satuan in _TO_MINUTES:
            acc, factor = menit, _TO_MINUTES[d.satuan]
        elif d.satuan == "hari kerja":
            acc, factor = kerja, 1
        else:
            acc, factor = hari, _TO_DAYS[d.satuan]
        acc[0] += d.min * factor
        acc[1] += d.max * factor
    return TotalWaktu(tuple(menit), tuple(hari), tuple(kerja), fleksibel)


class TanggalError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Tanggal:
    """A date, possibly known only to the month ("Januari 2020")."""
    tahun: int
    bulan: int
    hari: int | None = None

    def __str__(self) -> str:
        if self.hari is None:
            return f"{BULAN[self.bulan - 1]} {self.tahun}"
        return f"{self.hari} {BULAN[self.bulan - 1]} {self.tahun}"

    @property
    def iso(self) -> str:
        return f"{self.tahun:04d}-{self.bulan:02d}" + (f"-{self.hari:02d}" if self.hari else "")

    def as_date(self) -> dt.date:
        """The first day it can mean, for comparisons."""
        return dt.date(self.tahun, self.bulan, self.hari or 1)


_TANGGAL = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def parse_tanggal(text: str) -> Tanggal:
    m = _TANGGAL.match(text.strip())
    if not m:
        raise TanggalError(f'tanggal "{text}" tidak dapat dibaca; tulis TTTT-BB-HH (misalnya 2022-07-20) '
                           "atau TTTT-BB bila hanya bulannya yang diketahui")
    year, month, day = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        raise TanggalError(f'tanggal "{text}" tidak ada di kalender; periksa bulan dan harinya') from None
    return Tanggal(year, month, day)
