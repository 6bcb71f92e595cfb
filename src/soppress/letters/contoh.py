"""A synthetic letter context with every field filled: to check templates (every
name a template uses must exist) and to show a letter without a case. Obviously
invented values only."""
from __future__ import annotations

import datetime as dt
from typing import Any


def data_contoh(tanggal: dt.date | None = None) -> dict[str, Any]:
    day = (tanggal or dt.date.today()).isoformat()
    orang = {"nama": "Nama Contoh", "nik": "0000000000000000", "tanggal_lahir": "2000-01-01", "umur": 20,
             "jenis_kelamin": "perempuan", "alamat": "Alamat Contoh", "pekerjaan": "Contoh",
             "hubungan": "contoh"}
    petugas = {"nama": "Petugas Contoh", "jabatan": "Jabatan Contoh", "nip": "000000000000000000",
               "golongan": "III/a"}
    return {
        "surat": {"tanggal": day, "tujuan": {"nama": "Lembaga Contoh"}},
        "kasus": {"nomor_register": "CONTOH-001", "tanggal_pengaduan": day, "bentuk_kekerasan": ["contoh"],
                  "tempat_kejadian": "Tempat Contoh", "kronologi": "Kronologi contoh.", "kondisi": "Kondisi contoh.",
                  "korban": [orang], "pelapor": orang, "terlapor": [orang], "layanan": ["Layanan contoh"]},
        "rincian": {"pihak": [orang, orang], "petugas": [petugas], "mediator": petugas, "saksi": [orang],
                    "tempat_kegiatan": "Tempat Contoh", "tanggal_kegiatan": day, "butir": ["Butir contoh"],
                    "dokumen": ["Dokumen contoh"], "layanan": ["Layanan contoh"], "maksud": "Maksud contoh",
                    "dasar": ["Dasar contoh"], "lama": "1 (satu) hari"},
    }

