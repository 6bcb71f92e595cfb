"""Date checks of one SOP: pembuatan <= pengesahan <= efektif, an empty Tanggal
Revisi, and the revision history (riwayat_revisi) against nomor_revisi,
tanggal_revisi and tanggal_efektif. ``emit`` is the collection's Emitter."""
from __future__ import annotations

from soppress.model import Tanggal
from soppress.sources.project import SopFile


def check_dates(f: SopFile, emit) -> None:
    sop = f.sop
    order = [("tanggal_pembuatan", sop.tanggal_pembuatan), ("tanggal_pengesahan", sop.tanggal_pengesahan),
             ("tanggal_efektif", sop.tanggal_efektif)]
    known = [(name, d) for name, d in order if d is not None]
    for (a, da), (b, db) in zip(known, known[1:]):
        if _later(da, db):
            emit(f.source.pos((b,)), f'{b.replace("_", " ")} ({db}) mendahului {a.replace("_", " ")} ({da}); '
                 "urutannya pembuatan ≤ pengesahan ≤ efektif", "tanggal.urutan")
    if sop.tanggal_revisi is None or sop.tanggal_revisi.tanggal is None:
        emit(f.source.pos(("tanggal_revisi",) if "tanggal_revisi" in f.source.data else ()),
             "Tanggal Revisi kosong; isi tanggal revisi terakhir, atau rencana kaji ulang "
             "(tanggal_revisi: {rencana: TTTT-BB-HH})", "tanggal.revisi-kosong")
    _history(f, emit)


def _history(f: SopFile, emit) -> None:
    """riwayat_revisi in date order, after the SOP was made, agreeing with nomor_revisi
    and tanggal_revisi; tanggal_efektif not before the latest revision."""
    sop, history = f.sop, f.sop.riwayat_revisi
    for i, (before, after) in enumerate(zip(history, history[1:]), start=1):
        if _later(before.tanggal, after.tanggal):
            emit(f.source.pos(("riwayat_revisi", i, "tanggal")), f"revisi {after.nomor} ({after.tanggal}) bertanggal "
                 f"sebelum revisi {before.nomor} ({before.tanggal}); tulis riwayat urut dari yang pertama",
                 "tanggal.riwayat-urutan")
    made = sop.tanggal_pembuatan
    for i, rev in enumerate(history):
        if made and _later(made, rev.tanggal):
            emit(f.source.pos(("riwayat_revisi", i, "tanggal")), f"revisi {rev.nomor} ({rev.tanggal}) mendahului "
                 f"tanggal pembuatan ({made})", "tanggal.riwayat-urutan")
    latest = history[-1] if history else None
    revisi = sop.tanggal_revisi if sop.tanggal_revisi and not sop.tanggal_revisi.rencana else None
    if latest and revisi and revisi.tanggal and revisi.tanggal.iso != latest.tanggal.iso:
        emit(f.source.pos(("tanggal_revisi",)), f"Tanggal Revisi ({revisi.tanggal}) berbeda dengan revisi terakhir "
             f"di riwayat_revisi ({latest.tanggal})", "tanggal.riwayat-beda")
    if latest and sop.nomor_revisi and sop.nomor_revisi.strip().lstrip("0") != latest.nomor.strip().lstrip("0"):
        emit(f.source.pos(("nomor_revisi",)), f'nomor revisi "{sop.nomor_revisi}" berbeda dengan revisi terakhir di '
             f'riwayat_revisi ("{latest.nomor}")', "tanggal.riwayat-beda")
    last_date = latest.tanggal if latest else revisi.tanggal if revisi else None
    if last_date and sop.tanggal_efektif and _later(last_date, sop.tanggal_efektif):
        emit(f.source.pos(("tanggal_efektif",)), f"tanggal efektif ({sop.tanggal_efektif}) mendahului revisi terakhir "
             f"({last_date}); perbarui tanggal_efektif untuk revisi ini", "tanggal.efektif-sebelum-revisi")


def _later(a: Tanggal, b: Tanggal) -> bool:
    """Is ``a`` certainly later than ``b`` (month-only dates compare by month)?"""
    if a.hari is None or b.hari is None:
        return (a.tahun, a.bulan) > (b.tahun, b.bulan)
    return a.as_date() > b.as_date()
