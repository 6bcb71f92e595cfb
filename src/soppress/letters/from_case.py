"""Letter data from a case file (``soppress.cases.model.Kasus``, branch ``cases``).

Written against the case model's field names without importing it (the two land
separately): korban/pelapor/terlapor with nama, nik, tanggal_lahir, usia,
jenis_kelamin, alamat_domisili/alamat_ktp, pekerjaan; ``Kasus.anak(korban)``;
bentuk_kekerasan, tempat_kejadian/alamat_kejadian, kronologi, kondisi (biologis,
psikologis, sosial, spiritual), layanan (jenis, tanggal, keterangan).
The result is the plain data ``LetterSetup.konteks`` takes.
"""
from __future__ import annotations

from typing import Any

from soppress.views import indonesia as idn

_CONDITIONS = ("biologis", "psikologis", "sosial", "spiritual")


def _orang(person, kasus, hubungan: str | None = None, unknown_is_child: bool = True) -> dict[str, Any] | None:
    """A person as the letter context's ``Orang``; a child when under 18 on the
    incident's date, and when the age is unknown and ``unknown_is_child`` (the safe
    side for redaction)."""
    if person is None:
        return None
    usia_pada = getattr(person, "usia_pada", None)
    umur = usia_pada(kasus.tanggal_acuan) if usia_pada else getattr(person, "usia", None)
    return {
        "nama": person.nama or "",
        "nik": person.nik,
        "tanggal_lahir": person.tanggal_lahir,
        "jenis_kelamin": (person.jenis_kelamin or "").lower() or None,
        "umur": umur,
        "alamat": getattr(person, "alamat_domisili", None) or getattr(person, "alamat_ktp", None),
        "pekerjaan": getattr(person, "pekerjaan", None),
        "hubungan": hubungan,
        "anak": unknown_is_child if umur is None else umur < 18,
    }


def _kondisi(kondisi) -> str | None:
    parts = [f"{name.capitalize()}: {getattr(kondisi, name)}" for name in _CONDITIONS
             if kondisi is not None and getattr(kondisi, name, None)]
    return "; ".join(parts) or None


def data_dari_kasus(kasus, *, surat: dict[str, Any] | None = None,
                    rincian: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``{"surat", "kasus", "rincian"}`` data of one letter for ``kasus``."""
    korban = [_orang(k, kasus) for k in kasus.korban]
    pelapor = kasus.pelapor
    terlapor = [_orang(t, kasus, hubungan=t.hubungan) for t in kasus.terlapor]
    for item in terlapor:                         # a terlapor without a name stays unnamed
        item["nama"] = item["nama"] or "(tidak diketahui)"
    return {
        "surat": dict(surat or {}),
        "kasus": {
            "nomor_register": kasus.nomor_register,
            "tanggal_pengaduan": kasus.tanggal_pengaduan,
            "bentuk_kekerasan": list(kasus.bentuk_kekerasan),
            "tempat_kejadian": kasus.alamat_kejadian or kasus.tempat_kejadian,
            "kronologi": kasus.kronologi,
            "kondisi": _kondisi(kasus.kondisi),
            "korban": korban,
            "pelapor": _orang(pelapor, kasus, hubungan=getattr(pelapor, "hubungan_dengan_korban", None),
                              unknown_is_child=False),
            "terlapor": terlapor,
            "layanan": [f"{x.jenis} ({idn.tanggal(x.tanggal)})" + (f": {x.keterangan}" if x.keterangan else "")
                        for x in kasus.layanan],
        },
        "rincian": dict(rincian or {}),
    }
