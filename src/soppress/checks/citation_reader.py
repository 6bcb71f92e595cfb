"""Reading a written regulation citation: its instrument (kind, and the region or
ministry that issued it), number, year (and whether the year is written properly),
title and publication references. Matching against the registry is in
``soppress.checks.citations``."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Instruments, matched on the start of the citation (lower case, spaces squeezed).
# Order matters: longer, more specific forms first. ``issuer``: the words after the
# instrument name say who issued it (a region, a ministry), and must agree too.
_KINDS: list[tuple[str, str, bool]] = [
    ("kuhp", r"kitab undang[- ]undang hukum pidana", False),
    ("perppu", r"peraturan pemerintah pengganti undang[- ]undang|perppu\b", False),
    ("uu", r"undang[- ]undang|uu\b", False),
    ("pp", r"peraturan pemerintah|pp\b", False),
    ("perpres", r"peraturan presiden|perpres\b", False),
    ("keppres", r"keputusan presiden|keppres\b", False),
    ("inpres", r"instruksi presiden|inpres\b", False),
    ("permenpan-rb", r"(peraturan menteri (negara )?(p[ae]n?dayagunaan|pendayagunaan) aparatur negara"
                     r"( dan reformasi birokrasi)?|permen ?pan( ?rb| reformasi birokrasi)?)\b", False),
    ("permen-pppa", r"(peraturan menteri (negara )?pemberdayaan perempuan( dan perlindungan anak)?|"
                    r"permeneg pp (dan|&) ?pa|permen ?pppa|permen pp ?pa)\b", False),
    ("permen", r"peraturan menteri|permen\b", True),
    ("kepmen", r"keputusan menteri|kepmen\b", True),
    ("instruksi-menteri", r"instruksi menteri", True),
    ("se-menteri", r"surat edaran menteri|se menteri\b", True),
    ("perda", r"peraturan daera[hn]\b|perda\b", True),
    ("pergub", r"peraturan gubernur|pergub\b", True),
    ("perbup", r"peraturan bupati|perbup\b", True),
    ("perwali", r"peraturan wali ?kota|perwali\b|perwako\b", True),
    ("kepgub", r"keputusan gubernur|kepgub\b", True),
    ("kepbup", r"keputusan bupati|kepbup\b", True),
    ("kepwali", r"keputusan wali ?kota|kepwal\b", True),
    ("instruksi-gubernur", r"instruksi gubernur", True),
    ("instruksi-bupati", r"instruksi bupati", True),
    ("instruksi-walikota", r"instruksi wali ?kota", True),
    ("se-gubernur", r"surat edaran gubernur", True),
    ("se-bupati", r"surat edaran bupati", True),
    ("se-walikota", r"surat edaran wali ?kota", True),
    ("keputusan-kepala", r"keputusan kepala", True),
    ("surat-edaran", r"surat edaran", True),
]
_ISSUER_END = re.compile(r"\b(?:nomor|no\b|no\.|tahun|tentang)", re.IGNORECASE)
# Words that do not tell issuers apart ("Kabupaten Purwakarta" = "Purwakarta"; "Kota" does).
_ISSUER_NOISE = {"kabupaten", "kab", "provinsi", "prov", "republik", "indonesia", "negara", "daerah"}
_NUMBER = re.compile(
    r"\b(?:nomor|no\.?|no,)\s*[:.]?\s*(?P<nomor>[0-9][\w.\-/]*?)(?=[\s,;]|$)"
    r"(?:\s*,?\s*tahun(?P<sep>[\s,.:;]*)(?P<tahun>\d+))?", re.IGNORECASE)
_TENTANG = re.compile(r"\b(?:tentang|ttg\.?)\s+(?P<tentang>.+)$", re.IGNORECASE | re.S)
AMENDMENT_START = re.compile(r"\s+(?=sebagaimana telah\b)", re.IGNORECASE)
_LN = re.compile(r"(?<!Tambahan )Lembaran Negara Republik Indonesia(?: Tahun (?P<tahun>\d{4}))?\s+Nomor\s+(?P<nomor>\d+)"
                 r"(?:\s+Tahun\s+(?P<tahun2>\d{4}))?", re.IGNORECASE)
_TLN = re.compile(r"Tambahan Lembaran Negara Republik Indonesia\s+(?:Nomor\s+)?(?P<nomor>\d+)", re.IGNORECASE)


def squeeze(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# All kinds in one pattern, one group per kind in _KINDS's order: at the start of the text,
# the alternatives are tried in order, so the first kind that matches wins, as it did when
# each pattern was tried in turn (one compiled pattern instead of 28 looked up per citation).
_ANY_KIND = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern, _) in enumerate(_KINDS)))


def kind_and_issuer(text: str) -> tuple[str, str | None] | None:
    """(kind, issuer words or None when the kind has no issuer)."""
    low = squeeze(text).lower()
    found = _ANY_KIND.match(low)
    if not found:
        return None
    i = next(i for i in range(len(_KINDS)) if found.group(f"k{i}") is not None)
    kind, _, has_issuer = _KINDS[i]
    if not has_issuer:
        return kind, None
    rest = low[found.end():]
    end = _ISSUER_END.search(rest)
    return kind, _issuer(rest[:end.start()] if end else rest)


def kind_of(text: str) -> str | None:
    found = kind_and_issuer(text)
    return found[0] if found else None


def _issuer(words: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z0-9]+", words.lower()) if w not in _ISSUER_NOISE)


def same_issuer(a: str | None, b: str | None) -> bool:
    """Do two issuers name the same region or ministry ("hst" = "hulu sungai tengah")?"""
    if a is None or b is None:
        return a is None and b is None
    initials = lambda s: "".join(w[0] for w in s.split())  # noqa: E731
    return bool(a) and bool(b) and (a == b or a.replace(" ", "") == initials(b) or b.replace(" ", "") == initials(a))


@dataclass
class Parsed:
    kind: str
    issuer: str | None        # None: the kind has no issuer; "": an issuer is needed but not written
    nomor: str | None
    tahun: int | None
    tentang: str | None
    tahun_tertulis: str | None = None   # the year as written when it is malformed ("Tahun,2004")
    ln: tuple[int | None, str] | None = None
    tln: str | None = None


def parse(text: str) -> Parsed | None:
    """Read a written citation; None when it is not recognisably one."""
    flat = squeeze(text)
    found = kind_and_issuer(flat)
    if found is None:
        return None
    main = AMENDMENT_START.split(flat, maxsplit=1)[0]  # an amendment clause cites other regulations
    number = _NUMBER.search(main)
    tentang = _TENTANG.search(main)
    title = None
    if tentang:
        # the publication reference is the last parenthesis; a title may quote an older one inside it
        title = tentang["tentang"]
        cuts = [m.start() for m in re.finditer(r"\s*\((Lembaran|Berita) Negara", title)]
        if cuts and title.rstrip(" .;,").endswith(")"):
            title = title[:cuts[-1]]
        title = title.strip(" .;,") or None
    lns = list(_LN.finditer(main))
    ln = lns[-1] if lns else None
    tln = _TLN.search(main)
    tahun, malformed = None, None
    if number and number["tahun"]:
        if len(number["tahun"]) == 4:
            tahun = int(number["tahun"])
        if len(number["tahun"]) != 4 or number["sep"] != " ":
            malformed = number.group(0)[number.group(0).lower().rindex("tahun"):]
    return Parsed(
        kind=found[0], issuer=found[1],
        nomor=number["nomor"].strip(".,") if number else None,
        tahun=tahun, tentang=title, tahun_tertulis=malformed,
        ln=((int(ln["tahun"] or ln["tahun2"]) if (ln["tahun"] or ln["tahun2"]) else None), ln["nomor"]) if ln else None,
        tln=tln["nomor"] if tln else None,
    )


def same_number(a: str | None, b: str) -> bool:
    return a is not None and a.lstrip("0") == str(b).lstrip("0")
