"""Review status of every SOP: version, tanggal efektif, the review date, and
whether the review is overdue or due within 30 days."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field

from soppress.sources.project import Project

DUE_DAYS = 30
LABELS = {"terlambat": "TERLAMBAT", "segera": "segera", "baik": "baik", "tanpa-tanggal": "tanpa tanggal"}


@dataclass
class SopStatus:
    sop: str               # project key
    nomor: str
    versi: str             # nomor revisi, "-" when never revised
    efektif: str           # as printed on the sheet ("-" when unknown)
    kaji_ulang: str | None  # review date, ISO
    status: str            # terlambat | segera | baik | tanpa-tanggal
    sisa_hari: int | None  # days left until review (negative: overdue)
    total_waktu: str = "-"  # sum of the kegiatan's waktu (ranges kept, "sesuai waktu layanan" said)
    riwayat: list[dict] = field(default_factory=list)  # riwayat_revisi: nomor, tanggal (ISO), perubahan, oleh

    def as_dict(self) -> dict:
        return asdict(self)


def add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def review_status(project: Project, today: dt.date) -> list[SopStatus]:
    """The planned review date when the SOP gives one; otherwise the last revision
    (or the effective, approval or creation date) plus the project's interval."""
    # an SOP enacted by a Keputusan takes effect on the Keputusan's date unless it names its own
    enacted = {item.sop: k.keputusan.tanggal for k in project.keputusan if k.keputusan and k.keputusan.tanggal
               for item in k.keputusan.lampiran}
    result = []
    for f in project.sops:
        sop = f.sop
        if sop is None:
            continue
        revisi = sop.tanggal_revisi
        efektif = sop.tanggal_efektif or enacted.get(f.key) or sop.tanggal_pengesahan  # as the sheet prints it
        if revisi and revisi.rencana and revisi.tanggal:
            review = revisi.tanggal.as_date()
        else:
            base = (revisi.tanggal if revisi and revisi.tanggal else None) or efektif or sop.tanggal_pembuatan
            review = add_months(base.as_date(), project.config.kaji_ulang_bulan) if base else None
        if review is None:
            status, left = "tanpa-tanggal", None
        else:
            left = (review - today).days
            status = "terlambat" if left < 0 else "segera" if left <= DUE_DAYS else "baik"
        history = [{"nomor": r.nomor, "tanggal": r.tanggal.iso, "perubahan": r.perubahan, "oleh": r.oleh}
                   for r in sop.riwayat_revisi]
        result.append(SopStatus(f.key, sop.nomor, sop.nomor_revisi or "-", str(efektif or "-"),
                                review.isoformat() if review else None, status, left, str(sop.total_waktu()), history))
    return result
