"""View pieces every document shares: the kop, signatures, printed citations."""
from __future__ import annotations

import re

from soppress.layout.page import PAPER
from soppress.model import Butir, Kop, Pejabat
from soppress.sources.project import Project
from soppress.views import blocks


NBSP = "\u00a0"


def kop_address(kop: Kop) -> str:
    """One line of address and contacts; each label stays with its value (no break)."""
    place = " ".join(x for x in (kop.kota, kop.kode_pos) if x)
    parts = [", ".join(x for x in (kop.alamat, place) if x) if kop.alamat else ""]
    parts += [f"Telepon{NBSP}{kop.telepon}" if kop.telepon else "", f"Email:{NBSP}{kop.email}" if kop.email else "",
              f"Laman:{NBSP}{kop.website}" if kop.website else ""]
    return " · ".join(p for p in parts if p)


def naskah_page(project: Project, kop: Kop) -> blocks.PageSpec:
    """A portrait naskah (Keputusan, letter, form): the unit's paper and naskah margins."""
    short, long = PAPER[kop.kertas or project.config.kertas]
    m = kop.margin_naskah_mm or project.config.margin_naskah_mm
    return blocks.PageSpec(short, long, m.atas, m.kanan, m.bawah, m.kiri)


def page_numbers(project: Project, kop: Kop) -> blocks.PageNumbers:
    return blocks.PageNumbers(position=kop.nomor_halaman or project.config.nomor_halaman)


def kop_block(kop: Kop, with_unit: bool = True) -> blocks.Kop:
    return blocks.Kop(kop.pemerintah, kop.dinas, kop.unit if with_unit else None, kop_address(kop),
                      f"letterheads/{kop.logo}" if kop.logo else None)


def signature_block(person: Pejabat, before: tuple[str, ...] = (), room: float = 20.0, upper: bool = False,
                    comma: bool = False, width: float = 85.0) -> blocks.Signature:
    jabatan = person.jabatan.upper() if upper else person.jabatan
    return blocks.Signature(jabatan + ("," if comma else ""), person.nama_lengkap, person.nip,
                            person.pangkat_golongan, before, room, width)


def citation_text(project: Project, butir: Butir, long: bool | None = None) -> str:
    """What a list item prints. A regulation is printed from the registry (short or
    long form: as asked, else as the project prefers) when the collection checks
    resolved the item to an entry (by key, or a written citation that surely means
    it); otherwise the item's own text (the check warns)."""
    key = project.citations.get(id(butir))
    if key is None or key not in project.peraturan:
        return butir.teks
    entry = project.peraturan[key]
    if long is None:
        long = project.config.kutipan == "lengkap"
    text = entry.kutipan_lengkap if long else entry.kutipan
    amended = re.search(r"\s+(sebagaimana telah\b.*)$", butir.teks or "", re.S)
    return f"{text} {amended.group(1).rstrip(' ;.')}" if amended else text  # the amendments, as written
