"""A form definition (``forms/<nama>.yaml``): title, sections, fields.

A dinas changes or adds a form by editing YAML only. Each field has a stable
``kunci`` (its name in a fillable PDF and in the read-back); a field with a
``sumber`` is filled from that dotted path of the case file (``korban.0.nama``)."""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field

from soppress.model.fields import Model, Teks, TeksWajib

JenisIsian = Literal["teks", "paragraf", "tanggal", "angka", "pilihan", "pilihan_ganda", "ya_tidak",
                     "tanda_tangan", "tabel"]
JenisKolom = Literal["teks", "tanggal", "angka", "pilihan", "ya_tidak", "tanda_tangan"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


class Kolom(Model):
    """A column of a ``tabel`` field."""
    label: TeksWajib
    kunci: str | None = Field(None, description="nama kolom; bawaan: sumber, atau label tanpa spasi")
    sumber: str | None = Field(None, description="jalur data kasus relatif terhadap baris, mis. tanggal")
    jenis: JenisKolom = "teks"
    pilihan: list[str] = Field(default_factory=list)
    lebar: float | None = Field(None, description="lebar kolom (mm)")

    @property
    def nama(self) -> str:
        return self.kunci or self.sumber or slug(self.label)


class Isian(Model):
    """One field of a form."""
    label: TeksWajib
    kunci: str | None = Field(None, description="nama isian yang tetap (nama field PDF isian); "
                              "bawaan: sumber, atau label tanpa spasi")
    jenis: JenisIsian = "teks"
    wajib: bool = False
    wajib_bila_anak: bool = Field(False, description="wajib diisi bila ada korban berusia di bawah 18 tahun")
    sumber: str | None = Field(None, description="jalur data kasus yang mengisinya, mis. korban.0.nama")
    pilihan: list[str] = Field(default_factory=list, description="pilihan (jenis pilihan, pilihan_ganda)")
    baris: Annotated[int, Field(ge=1, le=40)] | None = Field(
        None, description="baris tulis (paragraf) atau baris kosong (tabel)")
    lebar: float | None = Field(None, description="lebar jawaban yang diharapkan (mm); bawaan: sisa baris")
    kolom: list[Kolom] = Field(default_factory=list, description="kolom (jenis tabel)")
    baris_tetap: list[str] = Field(default_factory=list,
                                   description="tabel: label baris yang sudah tercetak di kolom pertama")
    keterangan: Teks | None = None

    @property
    def nama(self) -> str:
        return self.kunci or self.sumber or slug(self.label)


class Bagian(Model):
    """A section: optional title, lead-in text, numbered statements, then fields."""
    judul: Teks | None = None
    pengantar: Teks | None = Field(None, description="paragraf sebelum isian (Markdown)")
    butir: list[Teks] = Field(default_factory=list, description="pernyataan bernomor (mis. isi persetujuan)")
    isian: list[Isian] = Field(default_factory=list)
    penutup: Teks | None = Field(None, description="paragraf sesudah isian")
    wajib_bila_anak: bool = Field(False, description="seluruh bagian wajib diisi bila ada korban anak")


class Formulir(Model):
    nama: TeksWajib = Field(description="nama formulir sebagaimana disebut SOP, mis. Formulir Konsultasi")
    alias: list[str] = Field(default_factory=list, description="nama lain yang dipakai SOP untuk formulir ini")
    judul: TeksWajib = Field(description="judul tercetak, mis. FORMULIR KONSULTASI")
    kasus: bool = Field(True, description="formulir ini diisi dari berkas kasus (false: survei, disposisi)")
    rahasia: bool = Field(True, description='tanda "RAHASIA" di setiap halaman')
    bagian: Annotated[list[Bagian], Field(min_length=1)]

    def fields(self):
        """Every field, with its section."""
        return [(b, i) for b in self.bagian for i in b.isian]
