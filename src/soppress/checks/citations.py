"""Free-text regulation citations, read and matched against registri/peraturan.yaml.

Staff may write a citation out ("Peraturan Pemerintah Nomor 9 Tahun 2008 tentang
…") or cite by key (``ref: pp-9-2008``). A written citation is parsed into its
instrument (kind, and the region or ministry that issued it), number, year and
title, and looked up in the registry.

The rule for what is printed (``printable_ref``): a written citation is printed
**as written** unless its jenis, nomor and tahun all agree with one registry entry
(and it names a title); then the registry's canonical form may be printed, and the
check says so. Every other difference is a warning carrying the suggestion, never a
rewrite; ``soppress rapikan`` applies the safe suggestions to the source files."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from soppress.checks.citation_reader import (AMENDMENT_START, Parsed, kind_and_issuer, kind_of, parse, squeeze,  # noqa: F401 (re-exported)
                                             same_issuer, same_number)
from soppress.model import Peraturan

# Abbreviations staff write in titles, expanded before titles are compared.
_ABBREVIATIONS = {
    "pns": "pegawai negeri sipil", "asn": "aparatur sipil negara", "sop": "standar operasional prosedur",
    "spm": "standar pelayanan minimal", "tppo": "tindak pidana perdagangan orang",
    "kdrt": "kekerasan dalam rumah tangga", "ppa": "perlindungan perempuan dan anak",
    "uptd": "unit pelaksana teknis daerah", "ttg": "tentang",
}


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    words = _WORD.findall(text.lower())
    return tuple(part for w in words for part in _ABBREVIATIONS.get(w, w).split())


@lru_cache(maxsize=8192)
def similarity(a: str, b: str) -> float:
    """How alike two titles are (0–1), word by word. Cached: a check compares the same
    registry titles and SOP names again for every citation and keterkaitan item."""
    return difflib.SequenceMatcher(None, _words(a), _words(b)).ratio()


@dataclass(frozen=True)
class Problem:
    code: str
    message: str           # Indonesian
    info: bool = False     # a note (what is printed), not a warning


@dataclass
class Match:
    """The outcome of looking a written citation up in the registry."""
    key: str | None = None      # the registry entry it names, or plausibly means
    printable: bool = False     # jenis, nomor and tahun agree: the registry's form may be printed
    safe: bool = False          # `rapikan` may replace the text by ``ref: key`` (the user reviews the diff)
    problems: list[Problem] = field(default_factory=list)

    @property
    def certain(self) -> bool:
        """The older name of ``printable`` (what the sheet may print from the registry)."""
        return self.printable


TITLE_SIMILAR = 0.8
AS_WRITTEN = "lembar mencetak teks seperti tertulis"


def printable_ref(text: str, registry: dict[str, Peraturan]) -> str | None:
    """The registry key whose canonical citation may be printed for ``text``: only
    when jenis (with its issuer), nomor and tahun all agree with that entry and a
    title is written. Otherwise None: print the text as written."""
    found = match(text, registry)
    return found.key if found.printable else None


def _entry_kind(entry: Peraturan) -> tuple[str, str | None] | None:
    return _kind_of_jenis(entry.jenis)


@lru_cache(maxsize=1024)
def _kind_of_jenis(jenis: str) -> tuple[str, str | None] | None:
    """A registry has a few dozen distinct jenis, read for every citation checked."""
    return kind_and_issuer(jenis)


def _cite(entry: Peraturan, key: str) -> str:
    return f'"{entry.kutipan}" (ref: {key})'


def match(text: str, registry: dict[str, Peraturan]) -> Match:
    parsed = parse(text)
    if parsed is None:
        if re.match(r"\s*(tentang|ttg\.?)\s", text, re.IGNORECASE):
            return Match(problems=[Problem("dasar-hukum.pecahan",
                                           "butir ini hanya berisi judul (tentang …) tanpa jenis, nomor dan tahun "
                                           "peraturan; bila ini lanjutan butir sebelumnya, gabungkan keduanya "
                                           "menjadi satu butir")])
        return Match(problems=[Problem("dasar-hukum.tak-dikenal",
                                       "tidak terbaca sebagai kutipan peraturan (jenis, Nomor, Tahun, tentang)")])
    if parsed.kind == "kuhp" or parsed.issuer == "":
        same_kind = {k: p for k, p in registry.items() if (_entry_kind(p) or ("", None))[0] == parsed.kind}
        if parsed.kind == "kuhp":  # cited by name only; printed as written
            return Match(key=next(iter(same_kind), None))
        return _issuer_missing(parsed, same_kind)
    pool = _pool(parsed, registry)
    result = Match()
    if parsed.tahun_tertulis:
        result.problems.append(Problem("dasar-hukum.tahun-format", f'tahun ditulis tidak baku ("{parsed.tahun_tertulis}"); '
                                       f'tulis "Tahun {parsed.tahun or "TTTT"}"'))
    exact = _exact_in(parsed, pool)
    if exact:
        _exact(text, parsed, exact, registry[exact], result)
        return result
    _nearest(parsed, pool, result)
    if result.key is None:
        result.problems.append(Problem("dasar-hukum.tak-terdaftar", "peraturan ini tidak ada di registri/peraturan.yaml; "
                                       f"tambahkan entrinya; {AS_WRITTEN}" + _other_kind_hint(parsed, registry)))
    return result


def _pool(parsed: Parsed, registry: dict[str, Peraturan]) -> dict[str, Peraturan]:
    """The entries of the same instrument and issuer: the only plausible matches."""
    return {k: p for k, p in registry.items() if (kind := _entry_kind(p)) and kind[0] == parsed.kind
            and same_issuer(parsed.issuer, kind[1])}


def exact_key(parsed: Parsed, registry: dict[str, Peraturan]) -> str | None:
    """The entry whose jenis (with issuer), nomor and tahun all agree with ``parsed``."""
    return _exact_in(parsed, _pool(parsed, registry))


def _exact_in(parsed: Parsed, pool: dict[str, Peraturan]) -> str | None:
    return next((k for k, p in pool.items() if same_number(parsed.nomor, p.nomor) and parsed.tahun == p.tahun), None)


def _exact(text: str, parsed: Parsed, key: str, entry: Peraturan, result: Match) -> None:
    result.key, result.safe = key, True
    if not parsed.tentang:
        result.problems.append(Problem("dasar-hukum.judul", f"judul (tentang …) tidak ditulis; {AS_WRITTEN}; "
                                       f"registri: {_cite(entry, key)}"))
    else:
        result.printable = True
        if similarity(parsed.tentang, entry.tentang) < TITLE_SIMILAR:
            result.problems.append(Problem("dasar-hukum.judul", "judul berbeda dari registri; karena jenis, nomor dan "
                                           f"tahunnya cocok, lembar mencetak bentuk registri: {_cite(entry, key)}"))
        elif _normal(AMENDMENT_START.split(squeeze(text), maxsplit=1)[0]) not in (_normal(entry.kutipan),
                                                                           _normal(entry.kutipan_lengkap)):
            result.problems.append(Problem("dasar-hukum.bentuk-registri",
                                           f"dicetak dalam bentuk registri: {_cite(entry, key)}", info=True))
    _check_lembaran(parsed, entry, result)


def _normal(text: str) -> str:
    return squeeze(text).rstrip(" .;,")


def _nearest(parsed: Parsed, pool: dict[str, Peraturan], result: Match) -> None:
    """A plausible entry of the same instrument and issuer: the same number without a
    year, or the same title with another number or year. Printed as written."""
    if parsed.tahun is None and not parsed.tahun_tertulis:
        numbered = [k for k, p in pool.items() if same_number(parsed.nomor, p.nomor)]
        if numbered:
            scores = sorted(((similarity(parsed.tentang or "", pool[k].tentang), k) for k in numbered), reverse=True)
            key = scores[0][1]
            clear = len(scores) == 1 or (scores[0][0] >= 0.6 and scores[0][0] - scores[1][0] >= 0.2)
            result.key, result.safe = key, clear
            result.problems.append(Problem("dasar-hukum.tahun", f"tahun peraturan tidak ditulis; {AS_WRITTEN}; "
                                           f"registri: {_cite(pool[key], key)}"))
            return
    if not parsed.tentang:
        return
    score, key = max(((similarity(parsed.tentang, p.tentang), k) for k, p in pool.items()), default=(0.0, None))
    if key is None or score < TITLE_SIMILAR:
        return
    entry = pool[key]
    parts = []
    if not same_number(parsed.nomor, entry.nomor):
        parts.append(f"nomor tertulis {parsed.nomor}" if parsed.nomor else "nomor tidak ditulis")
    if parsed.tahun != entry.tahun:
        parts.append(f"tahun tertulis {parsed.tahun}" if parsed.tahun else "tahun tidak terbaca")
    written = " dan ".join(parts)
    result.key, result.safe = key, True
    result.problems.append(Problem("dasar-hukum.nomor", f"{written}, berbeda dengan peraturan berjudul sama di registri "
                                   f"{_cite(entry, key)}; {AS_WRITTEN}"))


def _issuer_missing(parsed: Parsed, same_kind: dict[str, Peraturan]) -> Match:
    numbered = [k for k, p in same_kind.items() if same_number(parsed.nomor, p.nomor) and parsed.tahun == p.tahun]
    hint = f"; di registri: {_cite(same_kind[numbered[0]], numbered[0])}" if len(numbered) == 1 else ""
    return Match(key=numbered[0] if len(numbered) == 1 else None, problems=[Problem(
        "dasar-hukum.penerbit", f"wilayah atau instansi penetapnya tidak ditulis (mis. \"Peraturan Bupati "
        f"Purwakarta\"); {AS_WRITTEN}{hint}")])


def _other_kind_hint(parsed: Parsed, registry: dict[str, Peraturan]) -> str:
    """An entry with the same number, year and issuer but another jenis (a Perda
    written for a Perbup): named so the user can check, never taken as the match."""
    for key, entry in registry.items():
        kind = _entry_kind(entry)
        if (kind and kind[0] != parsed.kind and kind[1] is not None and same_issuer(parsed.issuer, kind[1])
                and same_number(parsed.nomor, entry.nomor) and parsed.tahun == entry.tahun):
            return f"; registri mencatat nomor dan tahun ini dengan jenis lain: {_cite(entry, key)} — periksa jenisnya"
    return ""


def _check_lembaran(parsed: Parsed, entry: Peraturan, result: Match) -> None:
    if parsed.ln and not entry.ln and entry.bn:
        result.problems.append(Problem("dasar-hukum.lembaran",
                                       f"peraturan ini diundangkan dalam Berita Negara Tahun {entry.bn.tahun} Nomor "
                                       f"{entry.bn.nomor}, bukan Lembaran Negara"))
        return
    if parsed.ln and entry.ln and (str(parsed.ln[1]) != str(entry.ln.nomor) or
                                   (parsed.ln[0] is not None and parsed.ln[0] != entry.ln.tahun)):
        result.problems.append(Problem("dasar-hukum.lembaran",
                                       f"Lembaran Negara berbeda dari registri: seharusnya Tahun {entry.ln.tahun} "
                                       f"Nomor {entry.ln.nomor}"))
    if parsed.tln and entry.tln and parsed.tln != str(entry.tln):
        result.problems.append(Problem("dasar-hukum.lembaran",
                                       f"Tambahan Lembaran Negara berbeda dari registri: seharusnya Nomor {entry.tln}"))
