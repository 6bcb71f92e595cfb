"""The letter context: the named fields a letter template sees.

Built from a plain dict today (tests, samples, a CSV row) with ``konteks_dari_dict``;
``soppress.cases`` will build the same objects from a case file. Templates read
attributes (``kasus.korban[0].nama``, ``penandatangan.nip``); every value they print is
encoded as text (see ``templates.encode``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from soppress.views import indonesia as idn


@dataclass(frozen=True)
class Orang:
    """A person of the case (korban, pelapor, terlapor, a party, a witness)."""
    nama: str
    nik: str | None = None
    tanggal_lahir: dt.date | None = None
    jenis_kelamin: str | None = None      # perempuan / laki-laki
    umur: int | None = None
    alamat: str | None = None
    pekerjaan: str | None = None
    hubungan: str | None = None           # e.g. "ibu kandung korban"
    anak: bool = False                    # under 18 on the date of the incident


@dataclass(frozen=True)
class Petugas:
    """A signatory or an officer: from registri/pejabat.yaml or the case's layanan."""
    nama: str
    jabatan: str = ""
    nip: str | None = None
    pangkat: str | None = None
    golongan: str | None = None
    instansi: str | None = None

    @property
    def nip_cetak(self) -> str | None:
        return idn.nip_cetak(self.nip)

    @property
    def pangkat_golongan(self) -> str | None:
        return idn.pangkat_golongan(self.pangkat, self.golongan)


@dataclass(frozen=True)
class Tujuan:
    """The addressee: "Yth. <nama>" / "di <tempat>"."""
    nama: str
    tempat: str = "Tempat"
    alamat: str | None = None


@dataclass(frozen=True)
class Kasus:
    nomor_register: str
    tanggal_pengaduan: dt.date | None = None
    bentuk_kekerasan: tuple[str, ...] = ()
    tempat_kejadian: str | None = None
    kronologi: str | None = None
    kondisi: str | None = None
    korban: tuple[Orang, ...] = ()
    pelapor: Orang | None = None
    terlapor: tuple[Orang, ...] = ()
    layanan: tuple[str, ...] = ()         # services given so far


@dataclass(frozen=True)
class Surat:
    jenis: str
    nomor: str
    tanggal: dt.date
    tempat: str                           # where it is signed (the letterhead's kota)
    sifat: str = "Biasa"
    lampiran: str = "-"
    hal: str = ""
    tujuan: Tujuan | None = None
    tembusan: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rincian:
    """What one letter adds to the case: the parties, the points agreed, the documents."""
    pihak: tuple[Orang, ...] = ()         # PIHAK PERTAMA, PIHAK KEDUA (mediasi, kesepakatan)
    petugas: tuple[Petugas, ...] = ()     # the pendamping assigned (surat tugas), the receiver (serah terima)
    mediator: Petugas | None = None
    saksi: tuple[Orang, ...] = ()
    tempat_kegiatan: str | None = None    # where a mediasi or a handover took place
    tanggal_kegiatan: dt.date | None = None
    butir: tuple[str, ...] = ()           # points agreed, tasks
    dokumen: tuple[str, ...] = ()         # documents attached or handed over
    layanan: tuple[str, ...] = ()         # services asked of the receiver / agreed with the client
    maksud: str | None = None             # the purpose of a rujukan or a placement
    dasar: tuple[str, ...] = ()           # the grounds of a surat tugas
    lama: str | None = None               # how long (a placement, an assignment)
    rangkap: int = 2


@dataclass(frozen=True)
class KonteksSurat:
    surat: Surat
    kasus: Kasus
    penandatangan: Petugas
    rincian: Rincian = field(default_factory=Rincian)
    dirahasiakan: bool = False            # a redacted rendering

    def as_template_context(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# ---------------------------------------------------------------- from a plain dict

def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _build(cls, data: Any):
    """A dataclass from a dict: nested people, officers and lists by field type."""
    if data is None or isinstance(data, cls):
        return data
    values = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        v, t = data[f.name], str(f.type)
        if "tuple[Orang" in t:
            v = tuple(_build(Orang, x) for x in v)
        elif "tuple[Petugas" in t:
            v = tuple(_build(Petugas, x) for x in v)
        elif t.startswith("tuple"):
            v = tuple(v)
        elif "Orang" in t:
            v = _build(Orang, v)
        elif "Petugas" in t:
            v = _build(Petugas, v)
        elif "Tujuan" in t:
            v = _build(Tujuan, v)
        elif "dt.date" in t:
            v = _date(v)
        values[f.name] = v
    return cls(**values)


def konteks_dari_dict(data: dict[str, Any]) -> KonteksSurat:
    """A letter context from plain data: {"surat": {…}, "kasus": {…}, "penandatangan": {…},
    "rincian": {…}}, dates as ISO strings or dates."""
    return KonteksSurat(surat=_build(Surat, data["surat"]), kasus=_build(Kasus, data["kasus"]),
                        penandatangan=_build(Petugas, data["penandatangan"]),
                        rincian=_build(Rincian, data.get("rincian") or {}))
