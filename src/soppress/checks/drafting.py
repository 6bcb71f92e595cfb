"""Tata naskah checks: what a Bagian Hukum sends back (seed 002 shows each).

- a Keputusan whose "Menetapkan" is empty, or whose diktum repeats its title;
- a Menimbang that names another instrument than the document ("perlu menetapkan
  Peraturan Bupati" in a Keputusan Kepala Dinas);
- a Mengingat printed unevenly: one item without the Lembaran/Berita numbers its jenis
  carries while the others have them;
- an SOP number that does not follow its unit's pattern (``pola_nomor_sop``);
- a letterhead still using the sample lambang;
- an SOP enacted by a Keputusan that names no tanggal efektif (it takes the Keputusan's).

Warnings like the collection checks (errors with --strict, codes silenceable). Run
after the collection checks: the Mengingat check reads the citations they resolved."""
from __future__ import annotations

import re
from typing import Iterable

from soppress.checks import citations
from soppress.checks.collection import Emitter
from soppress.checks.diagnostics import Report
from soppress.sources.project import KeputusanFile, Project
from soppress.views.text import marker, typo_same

SAMPLE_LAMBANG = "lambang-contoh"
# Which publication numbers a regulation of each kind is cited with.
PUBLICATION = {"uu": ("ln", "tln"), "perppu": ("ln", "tln"), "pp": ("ln", "tln"), "perpres": ("ln",),
               "permenpan-rb": ("bn",), "permen-pppa": ("bn",), "perda": ("ld",)}
PUBLICATION_NAMES = {"ln": "Lembaran Negara", "tln": "Tambahan Lembaran Negara", "bn": "Berita Negara",
                     "ld": "Lembaran Daerah"}
_MENETAPKAN = re.compile(r"\bperlu\s+menetapkan\s+(?P<what>(keputusan|peraturan|instruksi|surat edaran)\b[^,;]*)",
                         re.IGNORECASE)


def check_drafting(project: Project, report: Report, strict: bool = False, ignore: Iterable[str] = ()) -> None:
    emit = Emitter(report, strict, [*project.config.abaikan, *ignore])
    for k in project.keputusan:
        if k.keputusan is not None:
            _keputusan(project, k, emit)
    enacted = {item.sop for k in project.keputusan if k.keputusan for item in k.keputusan.lampiran}
    for f in project.sops:
        if f.sop is None:
            continue
        kop = project.kop.get(f.sop.unit)
        if kop and kop.pola_nomor_sop and not matches_pattern(f.sop.nomor, kop.pola_nomor_sop):
            emit(f.source.pos(("nomor",)), f'Nomor SOP "{f.sop.nomor}" tidak mengikuti pola nomor unit ini '
                 f'("{kop.pola_nomor_sop}", letterheads/{f.sop.unit}.yaml)', "sop.nomor-pola")
        if f.key in enacted and f.sop.tanggal_efektif is None:
            emit(f.source.pos(("nomor",)), "Tanggal Efektif tidak ditulis; SOP ini ditetapkan sebagai lampiran "
                 "Keputusan, maka dicetak tanggal Keputusan itu (tulis tanggal_efektif bila berbeda)",
                 "tanggal.efektif-keputusan")
    _spellings(project, emit)
    for key, kop in project.kop.items():
        if kop.logo and kop.logo.startswith(SAMPLE_LAMBANG):
            emit(project.kop_sources[key].pos(("logo",)), f'kop "{key}" masih memakai lambang contoh ({kop.logo}); ganti dengan '
                 "lambang daerah yang resmi sebelum naskah ditandatangani (lihat README: Kop dan lambang)",
                 "kop.lambang-contoh")


def _keputusan(project: Project, k: KeputusanFile, emit: Emitter) -> None:
    doc, src = k.keputusan, k.source
    title = f"Keputusan {doc.jabatan} tentang {doc.tentang}"
    if doc.menetapkan is not None and not doc.menetapkan.strip():
        emit(src.pos(("menetapkan",)), '"Menetapkan :" kosong; menurut tata naskah diikuti judul keputusan '
             "(KEPUTUSAN … TENTANG …): hapus baris menetapkan agar judul itu dicetak", "keputusan.menetapkan-kosong")
    for i, diktum in enumerate(doc.diktum):
        if diktum.teks and citations.similarity(diktum.teks, title) >= 0.75:
            emit(src.pos(("diktum", i)), f"diktum ke-{i + 1} mengulang judul keputusan; judul ditulis sesudah "
                 '"Menetapkan :", dan diktum KESATU memuat isi yang ditetapkan', "keputusan.diktum-judul")
    for i, item in enumerate(doc.menimbang):
        found = _MENETAPKAN.search(item.teks or "")
        if found and not found.group("what").lower().startswith("keputusan"):
            what = " ".join(found.group("what").split()[:2])
            emit(src.pos(("menimbang", i)), f'menimbang {marker("a.", i)} menyebut "perlu menetapkan {what}", '
                 "padahal naskah ini Keputusan; sebut jenis naskah yang ditetapkan", "keputusan.menimbang-jenis")
    _mengingat(project, k, emit)


def _mengingat(project: Project, k: KeputusanFile, emit: Emitter) -> None:
    """Every Mengingat item cited the same way: with the numbers its jenis carries."""
    doc, src = k.keputusan, k.source
    missing = []
    for i, item in enumerate(doc.mengingat):
        key = project.citations.get(id(item))
        entry = project.peraturan.get(key) if key else None
        kind = citations.kind_of(entry.jenis if entry else (item.teks or ""))
        wanted = PUBLICATION.get(kind or "", ())
        have = {f for f in wanted if entry is not None and getattr(entry, f)} if entry else \
            {f for f in wanted if PUBLICATION_NAMES[f].lower() in (item.teks or "").lower()}
        lacking = [f for f in wanted if f not in have]
        if lacking:
            missing.append((i, lacking))
    if missing and len(missing) < len(doc.mengingat):
        for i, lacking in missing:
            names = " dan ".join(PUBLICATION_NAMES[f] for f in lacking)
            emit(src.pos(("mengingat", i)), f"mengingat {marker('1.', i)} dicetak tanpa nomor {names}, padahal butir "
                 "lain mencantumkannya; lengkapi registri/peraturan.yaml agar semua butir dikutip seragam",
                 "mengingat.tak-seragam")


def matches_pattern(nomor: str, pattern: str) -> bool:
    """``pattern``: literal text with {angka} (digits), {tahun} (four digits) and {teks}
    (one part without "/"); spaces around "/" are ignored on both sides."""
    def norm(text: str) -> str:
        return re.sub(r"\s*/\s*", "/", text.strip())
    regex = ""
    for part in re.split(r"(\{angka\}|\{tahun\}|\{teks\})", norm(pattern)):
        regex += {"{angka}": r"\d+", "{tahun}": r"\d{4}", "{teks}": r"[^/]+"}.get(part, re.escape(part))
    return re.fullmatch(regex, norm(nomor)) is not None


def _spellings(project: Project, emit: Emitter) -> None:
    """The same outside SOP named with a typo in one of its words in another item: the
    peta draws it once; the sources should agree ("Rehabilitasi" / "Rehabilitas")."""
    seen: list[tuple[str, str]] = []  # (text, where)
    for f in project.sops:
        if f.sop is None:
            continue
        for i, item in enumerate(f.sop.keterkaitan.butir):
            if not item.teks or (f.key, i) in project.links:
                continue
            text = " ".join(item.teks.rstrip(".").split())
            other = next(((t, w) for t, w in seen if t.lower() != text.lower() and typo_same(t, text)), None)
            if other:
                emit(f.source.pos(("keterkaitan", "butir", i) if "butir" in (f.source.data.get("keterkaitan") or {})
                                  else ("keterkaitan", i)),
                     f'keterkaitan "{text}" ditulis "{other[0]}" di {other[1]}; samakan ejaannya (peta keterkaitan '
                     "menggambarnya sebagai satu SOP)", "keterkaitan.ejaan")
            seen.append((text, str(f.path)))
