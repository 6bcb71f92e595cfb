"""Regulations cited as in force that the registry marks revoked or replaced.

registri/peraturan.yaml may say of an entry ``dicabut_oleh`` (revoked by),
``diganti_oleh`` (replaced by) and ``diubah_dengan`` (its amendments, in order).
A citation is warned about when it names a revoked regulation, directly (by key or
written out) or in its amendment clause ("… sebagaimana telah diubah terakhir
dengan Undang-Undang Nomor 11 Tahun 2020 …"), and when the clause's last amendment
is not the registry's last."""
from __future__ import annotations

import re

from soppress.checks import citations
from soppress.checks.citations import Problem
from soppress.model import Peraturan

_CLAUSE = re.compile(r"\bsebagaimana telah\b(?P<clause>.*)$", re.IGNORECASE | re.S)
# An amending regulation starts after "dengan", a comma or "dan" (not after "atas":
# that is the title of the amendment quoting the regulation it amends).
_START = re.compile(r"(?:\bdengan|,|;|\bdan)\s+(?=(?:undang|peraturan|keputusan|uu\b|pp\b|perppu|perpres|perda|perbup|"
                    r"pergub|perwali|permen))", re.IGNORECASE)


def _name(value: str, registry: dict[str, Peraturan]) -> str:
    return registry[value].nama_singkat if value in registry else value


def _revoked(key: str, registry: dict[str, Peraturan]) -> str | None:
    entry = registry[key]
    if not entry.dicabut_oleh and not entry.diganti_oleh:
        return None
    by, new = entry.dicabut_oleh, entry.diganti_oleh
    if by and by == new:
        return f"dicabut dan diganti oleh {_name(by, registry)}"
    parts = [f"dicabut oleh {_name(by, registry)}" if by else "", f"diganti {_name(new, registry)}" if new else ""]
    return " dan ".join(p for p in parts if p)


def amendments_cited(text: str, registry: dict[str, Peraturan]) -> list[tuple[str, str | None]]:
    """The amending regulations an amendment clause names: (as written, registry key or None)."""
    clause = _CLAUSE.search(" ".join(text.split()))
    if not clause:
        return []
    body = clause["clause"]
    starts = [m.end() for m in _START.finditer(body)]
    found = []
    for start, end in zip(starts, starts[1:] + [len(body)]):
        segment = body[start:end].strip(" ,;.")
        parsed = citations.parse(segment)
        if parsed is None or parsed.nomor is None:
            continue
        exact = citations.exact_key(parsed, registry)
        found.append((f"{segment.split(' tentang ')[0]}", exact))
    return found


def problems(text: str | None, key: str | None, registry: dict[str, Peraturan]) -> list[Problem]:
    """Warnings for one dasar hukum / mengingat item: ``key`` is the entry it cites
    (by ``ref`` or by a written citation that names it), ``text`` what is written."""
    result = []
    if key and key in registry:
        revoked = _revoked(key, registry)
        if revoked:
            result.append(Problem("dasar-hukum.dicabut", f"{registry[key].nama_singkat} dikutip sebagai dasar hukum, "
                                  f"padahal sudah {revoked}; kutip peraturan yang berlaku"))
    cited = amendments_cited(text or "", registry)
    for written, amend in cited:
        revoked = _revoked(amend, registry) if amend else None
        if revoked:
            result.append(Problem("dasar-hukum.dicabut", f"perubahan yang dikutip, {written}, sudah {revoked}; "
                                  "perbarui rumusan \"sebagaimana telah diubah\""))
    chain = registry[key].diubah_dengan if key and key in registry else []
    if cited and chain and cited[-1][1] != chain[-1]:
        result.append(Problem("dasar-hukum.perubahan", f"perubahan terakhir yang dikutip ({cited[-1][0]}) bukan "
                              f"perubahan terakhir menurut registri: {_name(chain[-1], registry)}"))
    return result


def registry_problems(registry: dict[str, Peraturan]) -> list[tuple[tuple, str]]:
    """Keys in dicabut_oleh / diganti_oleh / diubah_dengan that name no registry entry
    (a value with a space is a written citation, accepted as text): (path, message)."""
    found = []
    for key, entry in registry.items():
        refs = [(("dicabut_oleh",), entry.dicabut_oleh), (("diganti_oleh",), entry.diganti_oleh)]
        refs += [(("diubah_dengan", i), v) for i, v in enumerate(entry.diubah_dengan)]
        for path, value in refs:
            if value and " " not in value.strip() and value not in registry:
                found.append(((key, *path), f'"{value}" bukan kunci registri/peraturan.yaml; tulis kunci entri yang '
                                            "ada, atau kutipan lengkapnya"))
    return found
