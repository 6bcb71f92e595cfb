"""Indonesian formatting shared by every document: terbilang, dates and day names,
the berita acara opening, roman numerals, NIP groups, pangkat from golongan.

Terbilang is written from a table here rather than taken from a library: num2words
(lang="id") keeps "satu ribu" above a million and the ``terbilang`` package is wrong
for 101000 (REFERENCE.md §6). Dates and day and month names come from babel's CLDR
data (locale "id").
"""
from __future__ import annotations

import datetime as dt
import re

LOCALE = "id"

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Scale words for groups of three digits, from the lowest group up.
_SCALES = ("", "ribu", "juta", "miliar", "triliun")
TERBILANG_MAX = 10 ** (3 * len(_SCALES)) - 1   # 999 999 999 999 999


def _below_thousand(n: int) -> list[str]:
    """Words for 1..999 (nothing for 0)."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_UNITS[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [_UNITS[rest - 10], "belas"]
    elif rest >= 20:
        tens, unit = divmod(rest, 10)
        words += [_UNITS[tens], "puluh"] + ([_UNITS[unit]] if unit else [])
    elif rest:
        words.append(_UNITS[rest])
    return words


def terbilang(n: int) -> str:
    """An integer 0 … 999 999 999 999 999 in words: 1000 "seribu", 101000 "seratus satu
    ribu", 1001000 "satu juta seribu", 1000000 "satu juta" ("se-" only for ratus, ribu
    and the teens/tens: sepuluh, sebelas)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"terbilang: bilangan bulat, bukan {type(n).__name__}")
    if not 0 <= n <= TERBILANG_MAX:
        raise ValueError(f"terbilang: {n} di luar 0 … {TERBILANG_MAX}")
    if n == 0:
        return _UNITS[0]
    words: list[str] = []
    for power in range(len(_SCALES) - 1, -1, -1):
        group = n // 10 ** (3 * power) % 1000
        if not group:
            continue
        if power == 1 and group == 1:
            words.append("seribu")
        else:
            words += _below_thousand(group) + ([_SCALES[power]] if power else [])
    return " ".join(words)


def number_words(n: int) -> str:
    """1..99 in capitals (SATU, SEBELAS, DUA PULUH SATU), as diktum ordinals use them."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    return terbilang(n).upper()


def diktum_ordinal(n: int) -> str:
    """KESATU, KEDUA, …, KESEBELAS, KEDUA BELAS, KEDUA PULUH SATU."""
    return "KE" + number_words(n)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """Roman numerals, for LAMPIRAN I, II, … and months in nomor surat."""
    if n < 1:
        raise ValueError(n)
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def bulan_romawi(day: dt.date) -> str:
    """The month of ``day`` in roman numerals (…/XII/2026)."""
    return roman(day.month)


# ------------------------------------------------------------------ dates

def _format(day: dt.date, pattern: str) -> str:
    from babel.dates import format_date   # imported on first use: babel takes ~0.2 s to load
    return format_date(day, pattern, locale=LOCALE)


def tanggal(day: dt.date) -> str:
    """11 Januari 2021."""
    return _format(day, "d MMMM y")


def hari(day: dt.date) -> str:
    """Senin … Minggu."""
    return _format(day, "EEEE")


def nama_bulan(day: dt.date) -> str:
    return _format(day, "MMMM")


def hari_tanggal(day: dt.date) -> str:
    """Senin, 11 Januari 2021."""
    return f"{hari(day)}, {tanggal(day)}"


def tanggal_terbilang(day: dt.date) -> str:
    """The date written out as a berita acara opens: "Senin tanggal sebelas bulan
    Januari tahun dua ribu dua puluh satu"."""
    return f"{hari(day)} tanggal {terbilang(day.day)} bulan {nama_bulan(day)} tahun {terbilang(day.year)}"


def pembuka_berita_acara(day: dt.date, angka: bool = False) -> str:
    """"Pada hari ini Senin tanggal sebelas bulan Januari tahun dua ribu dua puluh satu",
    followed by "(11-01-2021)" when ``angka``."""
    text = f"Pada hari ini {tanggal_terbilang(day)}"
    return f"{text} ({day:%d-%m-%Y})" if angka else text


def angka_terbilang(n: int) -> str:
    """"3 (tiga)", as letters count lampiran and rangkap."""
    return f"{n} ({terbilang(n)})"


# ------------------------------------------------------------------ NIP and pangkat

def nip_digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def nip_cetak(text: str | None) -> str | None:
    """An 18-digit NIP in its printed groups, "19680411 199303 1 009"; anything else
    (a PPPK or honorer number of another length) as written."""
    if not text:
        return text
    d = nip_digits(text)
    if len(d) != 18:
        return text.strip()
    return f"{d[:8]} {d[8:14]} {d[14]} {d[15:]}"


# Pangkat for each golongan ruang (PP 99/2000).
PANGKAT = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur", "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}


def golongan_key(golongan: str) -> str:
    """' iii / D ' -> 'III/d', the key of PANGKAT."""
    key = golongan.strip().replace(" ", "")
    head, _, tail = key.partition("/")
    return f"{head.upper()}/{tail.lower()}" if tail else head.upper()


def pangkat(golongan: str | None) -> str | None:
    """The pangkat of a golongan ruang ("IV/c" -> "Pembina Utama Muda"); None if unknown."""
    return PANGKAT.get(golongan_key(golongan)) if golongan else None


def pangkat_golongan(pangkat_: str | None, golongan: str | None) -> str | None:
    """"Pembina Utama Muda (IV/c)": the pangkat taken from the golongan when not written."""
    if golongan:
        key = golongan_key(golongan)
        name = pangkat_ or PANGKAT.get(key)
        return f"{name} ({key})" if name else key
    return pangkat_
