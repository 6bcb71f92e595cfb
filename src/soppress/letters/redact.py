"""The redacted letter context, for anything that leaves the case file.

- an adult's name becomes initials ("Sri Wahyuni" -> "S.W.");
- a child's name becomes the role UU 11/2012 (SPPA) uses — "Anak Korban", "Anak Saksi",
  "Anak" — and the names of a child's parents or guardian are hidden too (Pasal 19(2):
  nama Anak, nama orang tua, alamat, and anything that reveals the child's identity);
- NIK, address and birth date are dropped; the place of the incident too (often a home);
- free text (kronologi, kondisi, points agreed, documents) has every name, name part,
  NIK, address and birth date of those people replaced by the same stand-ins.
Officers (the signatory, pendamping, mediator) act in office and keep their names.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Iterable

from soppress.letters.context import KonteksSurat, Orang
from soppress.views import indonesia as idn

HIDDEN = "(dirahasiakan)"
_PARENT = re.compile(r"\b(ayah|ibu|bapak|orang\s*tua|wali|kakek|nenek|paman|bibi)\b", re.IGNORECASE)


def initials(name: str) -> str:
    return "".join(part[0].upper() + "." for part in re.split(r"[\s,.]+", name) if part[:1].isalpha())


def _unnamed(person: Orang) -> bool:
    """No real name recorded: "", or a placeholder such as "(tidak diketahui)"."""
    return not person.nama.strip() or person.nama.startswith("(")


def _stand_in(person: Orang, role: str, child_case: bool) -> str:
    if person.anak:
        return {"korban": "Anak Korban", "saksi": "Anak Saksi", "terlapor": "Anak"}.get(role, "Anak")
    if child_case and person.hubungan and _PARENT.search(person.hubungan):
        return "Orang Tua/Wali Anak"
    return person.nama if _unnamed(person) else initials(person.nama)


def samarkan(ctx: KonteksSurat) -> KonteksSurat:
    """The same context with the people of the case hidden (see the module docstring)."""
    kasus, rincian = ctx.kasus, ctx.rincian
    child_case = any(p.anak for p in (*kasus.korban, *kasus.terlapor, *rincian.saksi, *rincian.pihak))
    people: list[tuple[Orang, str]] = [(p, "korban") for p in kasus.korban] + [(p, "terlapor") for p in kasus.terlapor]
    people += [(kasus.pelapor, "pelapor")] if kasus.pelapor else []
    people += [(p, "saksi") for p in rincian.saksi] + [(p, "pihak") for p in rincian.pihak]
    # one stand-in per name; a role ("Anak Korban") wins over initials when a person has two roles
    by_name: dict[str, str] = {}
    for p, role in people:
        if by_name.get(p.nama, ".").endswith("."):
            by_name[p.nama] = _stand_in(p, role, child_case)
    secrets = _secrets(((p, by_name[p.nama]) for p, _ in people))

    def person(p: Orang | None) -> Orang | None:
        if p is None:
            return None
        return dataclasses.replace(p, nama=by_name[p.nama], nik=None, tanggal_lahir=None, alamat=None,
                                   hubungan=scrub(p.hubungan, secrets))

    kasus = dataclasses.replace(
        kasus, korban=tuple(map(person, kasus.korban)), terlapor=tuple(map(person, kasus.terlapor)),
        pelapor=person(kasus.pelapor), tempat_kejadian=HIDDEN if kasus.tempat_kejadian else None,
        kronologi=scrub(kasus.kronologi, secrets), kondisi=scrub(kasus.kondisi, secrets),
        layanan=tuple(scrub(x, secrets) for x in kasus.layanan))
    rincian = dataclasses.replace(
        rincian, pihak=tuple(map(person, rincian.pihak)), saksi=tuple(map(person, rincian.saksi)),
        butir=tuple(scrub(x, secrets) for x in rincian.butir), dokumen=tuple(scrub(x, secrets) for x in rincian.dokumen),
        layanan=tuple(scrub(x, secrets) for x in rincian.layanan), maksud=scrub(rincian.maksud, secrets),
        tempat_kegiatan=scrub(rincian.tempat_kegiatan, secrets))
    surat = dataclasses.replace(ctx.surat, hal=scrub(ctx.surat.hal, secrets))
    return dataclasses.replace(ctx, kasus=kasus, rincian=rincian, surat=surat, dirahasiakan=True)


def _secrets(people: Iterable[tuple[Orang, str]]) -> list[tuple[re.Pattern, str]]:
    """(pattern, replacement) for every identifying value, longest first."""
    pairs: dict[str, str] = {}
    for p, stand_in in people:
        if not _unnamed(p):
            pairs[p.nama] = stand_in
            for part in re.split(r"[\s,.]+", p.nama):
                if len(part) >= 3:
                    pairs.setdefault(part, stand_in)
        for value in (p.nik, p.alamat):
            if value:
                pairs[value] = HIDDEN
        if p.nik:
            pairs[idn.nip_digits(p.nik)] = HIDDEN
        if p.tanggal_lahir:
            for shown in (p.tanggal_lahir.isoformat(), idn.tanggal(p.tanggal_lahir), f"{p.tanggal_lahir:%d-%m-%Y}",
                          f"{p.tanggal_lahir:%d/%m/%Y}"):
                pairs[shown] = HIDDEN
    return [(re.compile(r"(?<!\w)" + re.escape(k) + r"(?!\w)", re.IGNORECASE), v)
            for k, v in sorted(pairs.items(), key=lambda kv: -len(kv[0]))]


def scrub(text: str | None, secrets: list[tuple[re.Pattern, str]]) -> str | None:
    if not text:
        return text
    for pattern, replacement in secrets:
        text = pattern.sub(replacement, text)
    return text
