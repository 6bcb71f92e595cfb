"""Checks across the whole collection: the mistakes the seeds show SOPs written by
hand make (duplicate numbers, signatories spelled three ways, miscited
regulations, numbering that jumps, dates out of order, flows that dead-end).

They are warnings by default and errors with ``--strict``; each has a code that
``abaikan`` in soppress.yaml (or ``--abaikan`` on the command line) silences, a
code or a code prefix ("dasar-hukum" silences every dasar-hukum.* check)."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from soppress.checks import citations, dates, in_force
from soppress.checks import nip
from soppress.checks.diagnostics import Position, Report
from soppress.model import Butir, Daftar
from soppress.sources.project import Project, SopFile
from soppress.views.text import marker, roman

SECTIONS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")
LINK_SIMILAR = 0.8


class Emitter:
    """Adds collection findings to a report with the configured severity, unless silenced."""

    def __init__(self, report: Report, strict: bool, ignore: Iterable[str]):
        self.report, self.strict, self.ignore = report, strict, set(ignore)

    def __call__(self, pos: Position, message: str, code: str, info: bool = False) -> None:
        if any(code == c or code.startswith(c + ".") for c in self.ignore):
            return
        severity = "catatan" if info else "galat" if self.strict else "peringatan"
        self.report.add(pos, message, code, severity=severity)


def check_collection(project: Project, report: Report, strict: bool = False, ignore: Iterable[str] = ()) -> None:
    emit = Emitter(report, strict, [*project.config.abaikan, *ignore])
    sops = [f for f in project.sops if f.sop is not None]
    decrees = [k for k in project.keputusan if k.keputusan is not None]
    _duplicate_numbers(sops, emit)
    signed = [(f.source, project.signatory(f.sop, as_written=True), "disahkan_oleh") for f in sops]
    signed += [(k.source, project.signatory(k.keputusan, as_written=True), "penandatangan") for k in decrees]
    _signatories(project, signed, emit)
    for f in sops:
        _flow(f, emit)
        dates.check_dates(f, emit)
        _citations(project, f.source, f.sop.dasar_hukum.butir, _item_path(f, "dasar_hukum", 0)[:-1],
                   "dasar hukum", f.sop.dasar_hukum.penomoran, emit)
        _links(project, f, emit)
        for section in SECTIONS:
            _numbering(f, getattr(f.sop, section), _item_path(f, section, 0)[:-1], emit)
    for k in decrees:
        _citations(project, k.source, k.keputusan.mengingat, ("mengingat",), "mengingat", "1.", emit)
        _decree_list(project, k, emit)
    _registry_links(project, emit)


# ---------------------------------------------------------------- across SOPs

def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _duplicate_numbers(sops: list[SopFile], emit: Emitter) -> None:
    by_number: dict[str, list[SopFile]] = defaultdict(list)
    for f in sops:
        by_number[_squeeze(f.sop.nomor)].append(f)
    for number, files in by_number.items():
        for f in files[1:] if len(files) > 1 else []:
            others = ", ".join(str(o.path) for o in files if o is not f)
            emit(f.source.pos(("nomor",)), f'nomor SOP "{number}" juga dipakai oleh {others}; '
                 "setiap SOP perlu nomor sendiri", "koleksi.nomor-ganda")


def _signatories(project: Project, signed: list, emit: Emitter) -> None:
    """The same person (same NIP) must be printed the same way in every SOP and
    Keputusan, and one name must not carry two NIPs. ``signed``: (source, pejabat,
    the key that names the signatory in that source)."""
    seen = [(src, person, key) for src, person, key in signed if person is not None]
    for src, person, key in seen:
        if person.nip:
            for problem in nip.check_nip(person.nip):
                emit(_signatory_pos(src, key, "nip"), problem, "nip.tidak-sah")
        for problem in nip.check_pangkat(person.pangkat, person.golongan):
            emit(_signatory_pos(src, key, "golongan"), problem, "pejabat.pangkat")
    by_nip: dict[str, list] = defaultdict(list)
    by_name: dict[str, list] = defaultdict(list)
    for item in seen:
        if item[1].nip:
            by_nip[nip.digits_of(item[1].nip)].append(item)
        by_name[_name_key(item[1].nama_lengkap)].append(item)
    registered = {nip.digits_of(p.nip): (key, p) for key, p in project.pejabat.items() if p.nip}
    for number, group in by_nip.items():
        if number in registered:  # the registry is the reference spelling
            reg_key, entry = registered[number]
            usual, where = entry.nama_lengkap, f"registri/pejabat.yaml ({reg_key})"
        else:
            names = [p.nama_lengkap for _, p, _ in group]
            usual, where = max(set(names), key=names.count), "dokumen lain"
        for src, person, key in group:
            if person.nama_lengkap != usual:
                emit(_signatory_pos(src, key, "nama"), f'nama penandatangan "{person.nama_lengkap}" berbeda dengan '
                     f'"{usual}" (NIP {person.nip}) di {where}; tulis satu ejaan, sebaiknya lewat registri/pejabat.yaml',
                     "pejabat.nama-beda")
    for group in by_name.values():
        nips = {nip.digits_of(p.nip) for _, p, _ in group if p.nip}
        if len(nips) > 1:
            for src, person, key in group:
                emit(_signatory_pos(src, key, "nip"), f'penandatangan "{person.nama_lengkap}" tercatat dengan '
                     f"{len(nips)} NIP berbeda di proyek ini; periksa NIP-nya", "pejabat.nip-beda")


def _name_key(name: str) -> str:
    """A person's name without titles and punctuation, for grouping."""
    words = re.findall(r"[a-z]+", name.lower())
    titles = {"dr", "drs", "dra", "h", "hj", "ir", "s", "sh", "se", "me", "mm", "kes", "si", "msi", "sos", "pd",
              "m", "st", "ssos", "spd", "mh", "ma"}
    return " ".join(w for w in words if w not in titles and len(w) > 1)


def _signatory_pos(src, key: str, field: str) -> Position:
    ref = src.data.get(key)
    return src.pos((key, field) if isinstance(ref, dict) else (key,))


# ---------------------------------------------------------------- one SOP

def _item_path(f: SopFile, section: str, i: int) -> tuple:
    """Where item ``i`` of a section sits in the source: sections are written as a
    plain list or as a mapping with ``butir``."""
    raw = f.source.data.get(section)
    return (section, "butir", i) if isinstance(raw, dict) else (section, i)


def _where(f: SopFile, step) -> tuple:
    return ("kegiatan", f.sop.kegiatan.index(step))


def _flow(f: SopFile, emit: Emitter) -> None:
    sop = f.sop
    steps = {s.no: s for s in sop.langkah}
    if any(n not in steps for s in sop.langkah for n in sop.successors(s)):
        return  # a jump to a missing step is already an error; no cascade of findings
    start = sop.langkah[0]
    reached, todo = {start.no}, [start.no]
    while todo:
        for nxt in sop.successors(steps[todo.pop()]):
            if nxt in steps and nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    for s in sop.langkah:
        targets = [c.ke for c in s.cabang]
        if len(set(targets)) < len(targets):
            emit(f.source.pos(_where(f, s) + ("cabang",)), f"kegiatan {s.no}: dua cabang keputusan menuju kegiatan "
                 "yang sama; setiap pilihan perlu kelanjutannya sendiri", "alur.cabang-sama")
    before: dict[int, list[int]] = {}  # the flow reversed: walked back from the ends, linear in the steps
    for s in sop.langkah:
        for n in sop.successors(s):
            before.setdefault(n, []).append(s.no)
    todo = [s.no for s in sop.langkah if not sop.successors(s)]
    reaches_end = set(todo)
    while todo:
        for prev in before.get(todo.pop(), ()):
            if prev not in reaches_end:
                reaches_end.add(prev)
                todo.append(prev)
    for s in sop.langkah:
        if s.no not in reached:
            emit(f.source.pos(_where(f, s)), f"kegiatan {s.no} tidak dapat dicapai dari kegiatan pertama; "
                 "periksa cabang dan lanjut", "alur.tak-terjangkau")
        elif s.no not in reaches_end:
            emit(f.source.pos(_where(f, s)), f"dari kegiatan {s.no} alur tidak pernah sampai ke akhir; "
                 "periksa cabang dan lanjut", "alur.buntu")


def _registry_links(project: Project, emit: Emitter) -> None:
    """Revocations and amendments in registri/peraturan.yaml name existing entries."""
    problems = in_force.registry_problems(project.peraturan)
    if not problems:
        return
    from soppress.sources.yamlsrc import YamlError, load
    relative = Path("registri") / "peraturan.yaml"
    try:
        source = load(project.root / relative, relative)
    except YamlError:
        return  # already reported when the registry was loaded
    for path, message in problems:
        emit(source.pos(path), message, "registri.kunci")


def _citations(project: Project, src, items: list[Butir], path: tuple, label: str, style: str,
               emit: Emitter) -> None:
    """Written citations (dasar hukum, mengingat) against registri/peraturan.yaml."""
    if not project.peraturan:
        return
    for i, item in enumerate(items):
        found = citations.match(item.teks, project.peraturan) if item.teks and not item.ref else None
        key = item.ref or (found.key if found and (found.printable or found.safe) else None)
        if item.ref or (found and found.printable):  # resolved once, for the views
            project.citations[id(item)] = item.ref or found.key
        problems = (found.problems if found else []) + in_force.problems(item.teks, key, project.peraturan)
        for p in problems:
            emit(src.pos(path + (i,)), f"{label} {marker(style, i)} {p.message}", p.code, info=p.info)


def _decree_list(project: Project, k, emit: Emitter) -> None:
    """The list of SOPs as an old Keputusan printed it (naskah_diktum) against its
    lampiran: numbering from 1 without gaps, every lampiran listed, titles that
    name the lampiran's SOP. The build always prints the list from the lampiran."""
    doc, src = k.keputusan, k.source
    if not doc.naskah_diktum:
        return
    written = doc.naskah_diktum
    for i, item in enumerate(written):
        if item.nomor and item.nomor.strip().rstrip(".)") != str(i + 1):
            emit(src.pos(("naskah_diktum", i)), f'daftar SOP di diktum bernomor "{item.nomor}" pada butir ke-{i + 1}; '
                 "penomoran harus mulai dari 1 tanpa loncatan (yang dicetak dibuat dari lampiran)", "keputusan.diktum-nomor")
            break
    titles = [item.teks for item in written]
    for i, lamp in enumerate(doc.lampiran):
        target = project.sop(lamp.sop)
        names = [n for n in (lamp.judul, target.sop.nama if target and target.sop else None) if n]
        if not any(citations.similarity(_strip_sop(t), _strip_sop(n)) >= LINK_SIMILAR for t in titles for n in names):
            emit(src.pos(("lampiran", i)), f"lampiran {roman(i + 1)} ({names[0] if names else lamp.sop}) tidak "
                 "tercantum di daftar SOP diktum naskah", "keputusan.diktum-hilang")
    if len(written) != len(doc.lampiran):
        emit(src.pos(("naskah_diktum",)), f"daftar SOP di diktum memuat {len(written)} butir, padahal lampirannya "
             f"{len(doc.lampiran)}", "keputusan.diktum-jumlah")


def link_target(project: Project, f: SopFile, item: Butir) -> SopFile | None:
    """The project SOP a keterkaitan item names: by key, or by a title close enough."""
    if item.sop:
        return next((o for o in project.sops if o.key == item.sop), None)
    if item.luar or not item.teks:
        return None
    best, score = None, 0.0
    for other in project.sops:
        if other.sop is None:
            continue
        for title in filter(None, (other.sop.nama, other.sop.judul)):
            s = citations.similarity(_strip_sop(item.teks), _strip_sop(title))
            if s > score:
                best, score = other, s
    return best if score >= LINK_SIMILAR else None


_SOP_WORDS = re.compile(r"\b(standar operasional prosedur|sop|layanan|pelayanan)\b", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _strip_sop(text: str) -> str:
    return _SOP_WORDS.sub(" ", text)


def _links(project: Project, f: SopFile, emit: Emitter) -> None:
    section = f.sop.keterkaitan
    items = list(enumerate(section.butir))
    if section.pengantar and not section.butir:
        items = [(None, Butir(teks=section.pengantar))]
    for i, item in items:
        path = _item_path(f, "keterkaitan", i) if i is not None else ("keterkaitan",)
        if item.sop and link_target(project, f, item) is None:
            emit(f.source.pos(path), f'keterkaitan menunjuk SOP "{item.sop}" yang tidak ada di proyek ini',
                 "keterkaitan.tak-dikenal")
            continue
        target = link_target(project, f, item)
        if target is not None:
            project.links[(f.key, i)] = target.key
        if target is f:
            emit(f.source.pos(path), "keterkaitan menyebut SOP ini sendiri; hapus butir ini atau sebut SOP lain",
                 "keterkaitan.diri-sendiri")
        elif target is None and not item.luar:
            emit(f.source.pos(path), f'keterkaitan "{item.teks}" tidak menunjuk SOP proyek ini; tulis '
                 '"sop: <kunci>" atau tandai "luar: true" bila SOP instansi lain', "keterkaitan.tak-dikenal")


def _numbering(f: SopFile, section: Daftar, path: tuple, emit: Emitter) -> None:
    """Written numbers (``nomor``) must follow on from the list's own numbering."""
    _numbering_items(f, section.butir, section.penomoran, path, emit)


def _numbering_items(f: SopFile, items: list[Butir], style: str, path: tuple, emit: Emitter) -> None:
    if style in ("-", "•", "tanpa"):
        return
    reported = False  # one finding per list: the first place its numbering goes astray
    for i, item in enumerate(items):
        expected = marker(style, i)
        if not reported and item.nomor and item.nomor.strip().rstrip(".)") != expected.rstrip(".)"):
            emit(f.source.pos(path + (i,)), f'butir ke-{i + 1} bernomor "{item.nomor}", padahal urutannya '
                 f'"{expected}"; penomoran daftar loncat atau tidak dimulai dari awal', "daftar.nomor")
            reported = True
        _numbering_items(f, item.butir, item.penomoran, path + (i, "butir"), emit)
