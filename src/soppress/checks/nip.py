"""NIP (Nomor Induk Pegawai) checks.

A PNS NIP has 18 digits: birth date YYYYMMDD, TMT CPNS YYYYMM, gender (1 male,
2 female), a 3-digit sequence; printed "19680411 199303 1 009". A PPPK number has
the same length but its middle part is not a month (e.g. "202121"): such numbers
are checked for birth date and gender only."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from soppress.views.indonesia import PANGKAT, nip_cetak


@dataclass(frozen=True)
class NipInfo:
    digits: str
    lahir: dt.date | None
    pppk: bool

    @property
    def printed(self) -> str:
        return nip_cetak(self.digits)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def check_nip(text: str) -> list[str]:
    """Problems with a NIP, as Indonesian phrases (empty when valid)."""
    d = digits_of(text)
    if re.search(r"[^\d\s.]", text.strip()):
        return [f'NIP "{text}" memuat karakter selain angka']
    if len(d) != 18:
        return [f'NIP "{text}" berisi {len(d)} angka, seharusnya 18']
    problems = []
    try:
        born = dt.date(int(d[:4]), int(d[4:6]), int(d[6:8]))
    except ValueError:
        return [f'NIP "{text}": tanggal lahir {d[6:8]}-{d[4:6]}-{d[:4]} tidak ada di kalender']
    if born.year < 1930 or born > dt.date.today():
        problems.append(f'NIP "{text}": tahun lahir {born.year} tidak masuk akal')
    tmt_year, tmt_month = int(d[8:12]), int(d[12:14])
    pppk = not 1 <= tmt_month <= 12
    if not pppk:
        eighteen = dt.date(born.year + 18, born.month, min(born.day, 28))
        if dt.date(tmt_year, tmt_month, 28) < eighteen:
            problems.append(f'NIP "{text}": TMT {tmt_month:02d}/{tmt_year} sebelum usia 18 tahun')
    if d[14] not in "12":
        problems.append(f'NIP "{text}": angka jenis kelamin (ke-15) harus 1 atau 2, bukan {d[14]}')
    return problems


def is_pppk(text: str) -> bool:
    d = digits_of(text)
    return len(d) == 18 and not 1 <= int(d[12:14]) <= 12


_GOLONGAN = re.compile(r"\(?\s*\b(?P<ruang>IV|III|II|I)\s*[/.\-]?\s*(?P<huruf>[a-eA-E])\b\s*\)?")


def split_inline(text: str | None) -> tuple[str | None, str | None]:
    """'Pembina Utama Muda (IV/b)' -> ('Pembina Utama Muda', 'IV/b'): the pangkat and
    the golongan ruang written in one field, in any of the usual forms (IV/b, IV.b, IV-b)."""
    if not text:
        return None, None
    found = None
    for m in _GOLONGAN.finditer(text):
        found = m  # the golongan is written last: "Penata Tingkat I (III/d)"
    if found is None:
        return text.strip() or None, None
    pangkat = (text[:found.start()] + text[found.end():]).strip(" ,/-")
    return pangkat or None, f"{found['ruang']}/{found['huruf'].lower()}"


def check_pangkat(pangkat: str | None, golongan: str | None) -> list[str]:
    """The pangkat must be the one of the golongan ruang (PP 99/2000), wherever the two
    are written: in their own fields, or together in either ("Pembina Utama Muda (IV/b)")."""
    p_name, p_gol = split_inline(pangkat)
    g_name, g_gol = split_inline(golongan) if golongan else (None, None)
    if golongan and g_gol is None:
        return [f'golongan "{golongan}" tidak dikenal; tulis seperti III/d atau IV/c']
    if p_gol and g_gol and p_gol != g_gol:
        return [f'golongan ditulis dua kali dan berbeda: {p_gol} (di pangkat) dan {g_gol}']
    key = g_gol or p_gol
    if key is None:
        return []
    if key not in PANGKAT:
        return [f'golongan "{key}" tidak dikenal; tulis seperti III/d atau IV/c']
    for name in filter(None, (p_name, g_name)):
        if name.lower() != PANGKAT[key].lower():
            return [f'pangkat "{name}" tidak sesuai golongan {key}; seharusnya "{PANGKAT[key]}"']
    return []
