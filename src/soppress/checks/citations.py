"""Free-text regulation citations, read and matched against registri/peraturan.yaml.

Staff may write a citation out ("Peraturan Pemerintah Nomor 9 Tahun 2008 tentang
…") or cite by key (``ref: pp-9-2008``). A written citation is parsed into kind,
number, year and title and looked up in the registry; what does not agree (a wrong
number or year, a missing year, wrong Lembaran Negara numbers, a title that differs)
is reported with the registry's own citation as the suggestion, and the sheet
prints the registry's citation whenever the match is certain."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from soppress.model import Peraturan

# Kinds of regulation, matched on the start of the citation (case-insensitive, after
# squeezing spaces). Order matters: longer, more specific forms first.
_KINDS = [
    ("kuhp", r"kitab undang[- ]undang hukum pidana"),
    ("perppu", r"peraturan pemerintah pengganti undang[- ]undang|perppu"),
    ("uu", r"undang[- ]undang|uu\b"),
    ("pp", r"peraturan pemerintah|pp\b"),
    ("perpres", r"peraturan presiden|perpres\b"),
    ("permenpan-rb", r"(peraturan menteri (negara )?(p[ae]n?dayagunaan|pendayagunaan) aparatur negara"
                     r"( dan reformasi birokrasi)?|permen ?pan( ?rb| reformasi birokrasi)?)\b"),
    ("permen-pppa", r"(peraturan menteri (negara )?pemberdayaan perempuan( dan perlindungan anak)?|"
                    r"permeneg pp (dan|&) ?pa|permen ?pppa|permen pp ?pa)\b"),
    ("perda", r"peraturan daera[hn]\b|perda\b"),
    ("pergub", r"peraturan gubernur|pergub\b"),
    ("perbup", r"peraturan bupati|perbup\b"),
    ("perwali", r"peraturan wali ?kota|perwali\b"),
]
_NUMBER = re.compile(
    r"\b(?:nomor|no\.?|no,)\s*(?P<nomor>[0-9][\w.\-/]*?)(?=[\s,;]|$)"
    r"(?:\s*,?\s*tahun\s+(?P<tahun>\d{4}))?", re.IGNORECASE)
_TENTANG = re.compile(r"\b(?:tentang|ttg\.?)\s+(?P<tentang>.+)$", re.IGNORECASE | re.S)
_LN = re.compile(r"(?<!Tambahan )Lembaran Negara Republik Indonesia(?: Tahun (?P<tahun>\d{4}))?\s+Nomor\s+(?P<nomor>\d+)"
                 r"(?:\s+Tahun\s+(?P<tahun2>\d{4}))?", re.IGNORECASE)
_TLN = re.compile(r"Tambahan Lembaran Negara Republik Indonesia\s+(?:Nomor\s+)?(?P<nomor>\d+)", re.IGNORECASE)


def _squeeze(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def kind_of(text: str) -> str | None:
    low = _squeeze(text).lower()
    for kind, pattern in _KINDS:
        if re.match(pattern, low):
            return kind
    return None


@dataclass
class Parsed:
    kind: str
    nomor: str | None
    tahun: int | None
    tentang: str | None
    ln: tuple[int | None, str] | None = None
    tln: str | None = None


def parse(text: str) -> Parsed | None:
    """Read a written citation; None when it is not recognisably one."""
    flat = _squeeze(text)
    kind = kind_of(flat)
    if kind is None:
        return None
    number = _NUMBER.search(flat)
    tentang = _TENTANG.search(flat)
    title = None
    if tentang:
        # the publication reference is the last parenthesis; a title may quote an older one inside it
        title = re.split(r"\s+sebagaimana telah", tentang["tentang"])[0]
        cuts = [m.start() for m in re.finditer(r"\s*\((Lembaran|Berita) Negara", title)]
        if cuts and title.rstrip(" .;,").endswith(")"):
            title = title[:cuts[-1]]
        title = title.strip(" .;,")
    main = re.split(r"\s+sebagaimana telah", flat)[0]  # an amendment clause cites the amending law's LN
    lns = list(_LN.finditer(main))
    ln = lns[-1] if lns else None
    tln = _TLN.search(main)
    return Parsed(
        kind=kind,
        nomor=number["nomor"].strip(".,") if number else None,
        tahun=int(number["tahun"]) if number and number["tahun"] else None,
        tentang=title,
        ln=((int(ln["tahun"] or ln["tahun2"]) if (ln["tahun"] or ln["tahun2"]) else None), ln["nomor"]) if ln else None,
        tln=tln["nomor"] if tln else None,
    )


def _same_number(a: str | None, b: str) -> bool:
    return a is not None and a.lstrip("0") == str(b).lstrip("0")


# Abbreviations staff write in titles, expanded before titles are compared.
_ABBREVIATIONS = {
    "pns": "pegawai negeri sipil", "asn": "aparatur sipil negara", "sop": "standar operasional prosedur",
    "spm": "standar pelayanan minimal", "tppo": "tindak pidana perdagangan orang",
    "kdrt": "kekerasan dalam rumah tangga", "ppa": "perlindungan perempuan dan anak",
    "uptd": "unit pelaksana teknis daerah", "ttg": "tentang",
}


def _words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [part for w in words for part in _ABBREVIATIONS.get(w, w).split()]


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b)).ratio()


@dataclass
class Match:
    """The outcome of looking a written citation up in the registry."""
    key: str | None = None            # the registry entry it is (or most likely means)
    certain: bool = False             # safe to print the registry's citation instead
    problems: list[tuple[str, str]] = field(default_factory=list)  # (code, Indonesian message)


TITLE_SIMILAR = 0.8


def match(text: str, registry: dict[str, Peraturan]) -> Match:
    parsed = parse(text)
    if parsed is None:
        return Match(problems=[("dasar-hukum.tak-dikenal",
                                "tidak terbaca sebagai kutipan peraturan (jenis, Nomor, Tahun, tentang)"
                                + _closest_hint(text, registry))])
    same_kind = {k: p for k, p in registry.items() if kind_of(p.jenis) == parsed.kind}
    exact = [k for k, p in same_kind.items() if _same_number(parsed.nomor, p.nomor) and parsed.tahun == p.tahun]
    if parsed.kind == "kuhp":
        exact = list(same_kind)[:1]
    if exact:
        key = exact[0]
        entry = registry[key]
        result = Match(key=key, certain=True)
        if parsed.tentang and parsed.kind != "kuhp" and similarity(parsed.tentang, entry.tentang) < TITLE_SIMILAR:
            result.problems.append(("dasar-hukum.judul", f'judul berbeda dari registri: "{entry.kutipan}"'))
        if not parsed.tentang and parsed.kind != "kuhp":
            result.problems.append(("dasar-hukum.judul", f'judul (tentang …) tidak ditulis; registri: "{entry.kutipan}"'))
        _check_lembaran(parsed, entry, result)
        return result
    by_title = sorted(((similarity(parsed.tentang or "", p.tentang), k) for k, p in same_kind.items()
                      if parsed.tentang), reverse=True)
    if parsed.tahun is None:
        numbered = [k for k, p in same_kind.items() if _same_number(parsed.nomor, p.nomor)]
        if numbered:
            scores = sorted(((similarity(parsed.tentang or "", same_kind[k].tentang), k) for k in numbered),
                            reverse=True)
            key = scores[0][1]
            clear = len(scores) == 1 or (scores[0][0] >= 0.6 and scores[0][0] - scores[1][0] >= 0.2)
            return Match(key=key, certain=clear, problems=[(
                "dasar-hukum.tahun", f'tahun peraturan tidak ditulis; maksud Anda "{registry[key].kutipan}"?')])
    if by_title and by_title[0][0] >= TITLE_SIMILAR:
        key = by_title[0][1]
        entry = registry[key]
        what = "nomor" if not _same_number(parsed.nomor, entry.nomor) else "tahun"
        if parsed.tahun is not None and not _same_number(parsed.nomor, entry.nomor) and parsed.tahun != entry.tahun:
            what = "nomor dan tahun"
        return Match(key=key, certain=True, problems=[(
            "dasar-hukum.nomor", f'{what} berbeda dari registri; maksud Anda "{entry.kutipan}"?')])
    return Match(problems=[("dasar-hukum.tak-terdaftar",
                            "peraturan ini tidak ada di registri/peraturan.yaml; tambahkan entrinya"
                            + _closest_hint(text, registry))])


def _check_lembaran(parsed: Parsed, entry: Peraturan, result: Match) -> None:
    if parsed.ln and not entry.ln and entry.bn:
        result.problems.append(("dasar-hukum.lembaran",
                                f"peraturan ini diundangkan dalam Berita Negara Tahun {entry.bn.tahun} Nomor "
                                f"{entry.bn.nomor}, bukan Lembaran Negara"))
        return
    if parsed.ln and entry.ln and (str(parsed.ln[1]) != str(entry.ln.nomor) or
                                   (parsed.ln[0] is not None and parsed.ln[0] != entry.ln.tahun)):
        result.problems.append(("dasar-hukum.lembaran",
                                f"Lembaran Negara berbeda dari registri: seharusnya Tahun {entry.ln.tahun} "
                                f"Nomor {entry.ln.nomor}"))
    if parsed.tln and entry.tln and parsed.tln != str(entry.tln):
        result.problems.append(("dasar-hukum.lembaran",
                                f"Tambahan Lembaran Negara berbeda dari registri: seharusnya Nomor {entry.tln}"))


def _closest_hint(text: str, registry: dict[str, Peraturan]) -> str:
    if not registry:
        return ""
    score, key = max((similarity(text, p.kutipan), k) for k, p in registry.items())
    return f'; yang paling mirip: "{registry[key].kutipan}" (ref: {key})' if score >= 0.5 else ""
