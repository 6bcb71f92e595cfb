"""The one model every renderer reads.

Pydantic v2 was chosen over dataclasses/attrs because the same classes give us
validation with exact error paths (mapped back to YAML lines by ``yamlsrc``),
``extra="forbid"`` for unknown keys, and the JSON Schema editors use.

Field names are the YAML keys staff type, so they are Indonesian; the standard's
own terms (pelaksana, mutu baku, dasar hukum) have no English equivalent anyway.
Short forms are normalised by ``mode="before"`` validators so that a short SOP
stays short to write while renderers see one full shape.
"""
from soppress.model.fields import (Butir, Daftar, Model, OptionalTanggal, Pejabat, PejabatRef, Penomoran,
                                   TanggalField, TanggalRevisi, Teks, TeksWajib, Waktu)
from soppress.model.keputusan import Buku, Definisi, Diktum, Keputusan, Lampiran
from soppress.model.project import Kop, Margin, Proyek
from soppress.model.registry import Lembaran, Peraturan
from soppress.model.waktu import Durasi, Tanggal
from soppress.model.sop import (Bagian, Cabang, JudulKolom, Kegiatan, Langkah, MutuBaku, Pelaksana, Simbol, Sop,
                                SubLangkah, Tampilan)

__all__ = ["Bagian", "Buku", "Durasi", "Tanggal", "Butir", "Cabang", "Daftar", "Definisi", "Diktum", "JudulKolom", "Kegiatan",
           "Keputusan", "Kop", "Lampiran", "Langkah", "Lembaran", "Margin", "Model", "MutuBaku", "OptionalTanggal",
           "Pejabat", "PejabatRef", "Pelaksana", "Penomoran", "Peraturan", "Proyek", "Simbol", "Sop", "SubLangkah",
           "Tampilan", "TanggalField", "TanggalRevisi", "Teks", "TeksWajib", "Waktu"]
