"""Checks of one SOP that need more than its shape: references between steps,
columns, letterheads and registries. Run on structurally valid SOPs."""
from __future__ import annotations

from collections import Counter

from soppress.checks.diagnostics import Report, closest, did_you_mean
from soppress.views.text import roman
from soppress.model import Langkah
from soppress.sources.project import KeputusanFile, Project, SopFile


def check_project(project: Project, report: Report) -> None:
    for sop_file in project.sops:
        if sop_file.sop is not None:
            check_sop(project, sop_file, report)
    for kep in project.keputusan:
        if kep.keputusan is not None:
            check_keputusan(project, kep, report)


def check_keputusan(project: Project, kep: KeputusanFile, report: Report) -> None:
    doc, src = kep.keputusan, kep.source
    if doc.unit not in project.kop:
        report.add(src.pos(("unit",)), f'kop "{doc.unit}" tidak ada di folder letterheads/'
                   f'{did_you_mean(doc.unit, project.kop)}', "keputusan.unit")
    if isinstance(doc.penandatangan, str) and doc.penandatangan not in project.pejabat:
        report.add(src.pos(("penandatangan",)), f'pejabat "{doc.penandatangan}" tidak ada di registri/pejabat.yaml'
                   f'{did_you_mean(doc.penandatangan, project.pejabat)}', "keputusan.pejabat")
    keys = [f.key for f in project.sops]
    seen: set[str] = set()
    for i, item in enumerate(doc.lampiran):
        at = ("lampiran", i)
        if item.sop not in keys:
            report.add(src.pos(at), f'lampiran {roman(i + 1)}: SOP "{item.sop}" tidak ada di folder sops/'
                       f'{did_you_mean(item.sop, keys)}', "keputusan.lampiran")
        elif item.sop in seen:
            report.add(src.pos(at), f'lampiran {roman(i + 1)}: SOP "{item.sop}" sudah menjadi lampiran lain',
                       "keputusan.lampiran")
        seen.add(item.sop)
    if sum(d.daftar_sop for d in doc.diktum) != 1:
        report.add(src.pos(("diktum",)), 'tandai tepat satu diktum dengan "daftar_sop: true": di sanalah '
                   "daftar SOP lampiran dicetak", "keputusan.diktum")
    for i, item in enumerate(doc.mengingat):
        if item.ref and item.ref not in project.peraturan:
            report.add(src.pos(("mengingat", i, "ref")), f'peraturan "{item.ref}" tidak ada di '
                       f'registri/peraturan.yaml{did_you_mean(item.ref, project.peraturan)}', "dasar-hukum.ref")


def check_sop(project: Project, sop_file: SopFile, report: Report) -> None:
    sop, src = sop_file.sop, sop_file.source

    if sop.unit not in project.kop:
        report.add(src.pos(("unit",)), f'kop "{sop.unit}" tidak ada di folder letterheads/'
                   f'{did_you_mean(sop.unit, project.kop)}; buat letterheads/{sop.unit}.yaml atau perbaiki "unit"',
                   "sop.unit")
    if isinstance(sop.disahkan_oleh, str) and sop.disahkan_oleh not in project.pejabat:
        report.add(src.pos(("disahkan_oleh",)), f'pejabat "{sop.disahkan_oleh}" tidak ada di registri/pejabat.yaml'
                   f'{did_you_mean(sop.disahkan_oleh, project.pejabat)}', "sop.pejabat")
    for i, item in enumerate(sop.dasar_hukum.butir):
        if item.ref and item.ref not in project.peraturan:
            report.add(src.pos(("dasar_hukum", i, "ref")), f'peraturan "{item.ref}" tidak ada di '
                       f'registri/peraturan.yaml{did_you_mean(item.ref, project.peraturan)}', "dasar-hukum.ref")

    names = [n for p in sop.pelaksana for n in p.names]
    for name, count in Counter(n for p in sop.pelaksana for n in set(p.names)).items():
        if count > 1:
            report.add(src.pos(("pelaksana",)), f'nama pelaksana "{name}" dipakai lebih dari satu kolom; '
                       "beri setiap kolom nama atau kode yang berbeda", "pelaksana.ganda")

    used: set[str] = set()
    numbers = Counter(step.no for step in sop.langkah)
    index = {id(k): i for i, k in enumerate(sop.kegiatan)}
    for step in sop.langkah:
        at = ("kegiatan", index[id(step)])
        where = f"kegiatan {step.no}: "
        listed = isinstance(src.data["kegiatan"][at[1]].get("pelaksana"), list)
        for j, ref in enumerate(step.pelaksana):
            path = at + ("pelaksana", j) if listed else at + ("pelaksana",)
            _check_pelaksana(sop, src, report, path, where, ref, names, used)
        for s, sub in enumerate(step.sub):
            for ref in sub.pelaksana:
                _check_pelaksana(sop, src, report, at + ("sub", s, "pelaksana"), where, ref, names, used)
        if numbers[step.no] > 1:
            report.add(src.pos(at + ("no",) if "no" in src.data["kegiatan"][at[1]] else at),
                       f"{where}nomor {step.no} dipakai lebih dari satu kegiatan; nomor kegiatan harus unik",
                       "kegiatan.nomor-ganda")
        _check_flow(sop, src, report, step, at, where, numbers)

    for column in sop.pelaksana:
        if not set(column.names) & used:
            report.add(src.pos(("pelaksana", sop.pelaksana.index(column))),
                       f'pelaksana "{column.label}" tidak melakukan kegiatan apa pun; hapus kolomnya atau '
                       "tambahkan ke kegiatan", "pelaksana.tidak-dipakai", severity="peringatan")


def _check_pelaksana(sop, src, report, path, where, ref, names, used) -> None:
    if sop.pelaksana_of(ref) is None:
        report.add(src.pos(path), f'{where}pelaksana "{ref}" tidak ada di daftar pelaksana'
                   f'{did_you_mean(ref, names)}', "kegiatan.pelaksana")
        ref = closest(ref, names) or ref  # a misspelt column is still a used column
    used.add(ref)


def _check_flow(sop, src, report, step: Langkah, at: tuple, where: str, numbers: Counter) -> None:
    symbol = sop.simbol(step)
    if step.cabang and symbol != "keputusan":
        report.add(src.pos(at + ("simbol",)), f'{where}kegiatan bercabang harus bersimbol "keputusan", bukan '
                   f'"{symbol}"', "kegiatan.simbol")
    if symbol == "keputusan" and len(step.cabang) < 2:
        report.add(src.pos(at + ("cabang",)), f"{where}keputusan perlu sedikitnya dua cabang "
                   "(mis. cabang: [{ke: 4}, {ke: 2, label: Tidak}])", "kegiatan.cabang")
    for c, branch in enumerate(step.cabang):
        if branch.ke not in numbers:
            report.add(src.pos(at + ("cabang", c, "ke")) if isinstance(src.data["kegiatan"][at[1]]["cabang"][c], dict)
                       else src.pos(at + ("cabang", c)),
                       f"{where}cabang menuju kegiatan {branch.ke} yang tidak ada"
                       f"{did_you_mean(str(branch.ke), [str(n) for n in numbers])}", "kegiatan.cabang")
        elif branch.ke == step.no:
            report.add(src.pos(at + ("cabang", c)), f"{where}cabang menuju kegiatan ini sendiri", "kegiatan.cabang")
    if step.lanjut is not None:
        if step.lanjut not in numbers:
            report.add(src.pos(at + ("lanjut",)), f"{where}lanjut ke kegiatan {step.lanjut} yang tidak ada",
                       "kegiatan.lanjut")
        if symbol == "selesai":
            report.add(src.pos(at + ("lanjut",)), f'{where}kegiatan "selesai" tidak punya kegiatan lanjutan',
                       "kegiatan.lanjut")
