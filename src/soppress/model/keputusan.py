"""The Keputusan Kepala Dinas that enacts SOPs as its lampiran, and its SOP book."""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from soppress.model.fields import Butir, Model, OptionalTanggal, PejabatRef, Teks, TeksWajib


DAFTAR_SOP = ("Standar Operasional Prosedur sebagaimana tercantum dalam {lampiran} yang merupakan bagian tidak "
              "terpisahkan dari Keputusan ini, terdiri atas:")


class Diktum(Model):
    """One diktum (KESATU, KEDUA, …): its text, and whether the list of SOPs
    (generated from ``lampiran``) follows it. The diktum that lists the SOPs may leave
    its text to the Keputusan's ``templat_daftar_sop``."""
    teks: Teks | None = Field(None, description="isi diktum (Markdown sebaris); boleh kosong untuk diktum daftar SOP")
    daftar_sop: bool = Field(False, description="true: daftar SOP lampiran dicetak sesudah teks ini")

    @model_validator(mode="after")
    def _needs_text(self) -> "Diktum":
        if not self.teks and not self.daftar_sop:
            raise PydanticCustomError("skema.wajib", 'diktum perlu "teks" (kecuali diktum daftar SOP)')
        return self

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return {"teks": value} if isinstance(value, str) else value


class Lampiran(Model):
    """An SOP enacted by the Keputusan, printed as LAMPIRAN <roman>."""
    sop: TeksWajib = Field(description="kunci SOP, mis. hst/01-pengaduan-masyarakat")
    judul: Teks | None = Field(None, description="judul di daftar diktum; bawaan: nama SOP")

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return {"sop": value} if isinstance(value, str) else value


class Definisi(Model):
    istilah: TeksWajib
    arti: TeksWajib


class Buku(Model):
    """The SOP book (Permenpan RB 35/2012): cover and Penjelasan Singkat Penggunaan."""
    judul: TeksWajib = "STANDAR OPERASIONAL PROSEDUR"
    subjudul: Teks | None = Field(None, description="mis. nama unit kerja")
    tahun: int | None = Field(None, description="bawaan: tahun tanggal Keputusan")
    ruang_lingkup: Teks | None = None
    ringkasan: Teks | None = None
    definisi: list[Definisi] = Field(default_factory=list)


class Keputusan(Model):
    """A Keputusan Kepala Dinas enacting SOPs (keputusan/<unit>.yaml)."""
    unit: TeksWajib = Field(description="kunci kop surat: letterheads/<unit>.yaml")
    nomor: TeksWajib
    jabatan: TeksWajib = Field(description="jabatan penetap, mis. KEPALA DINAS SOSIAL … KABUPATEN …")
    tentang: TeksWajib
    rahmat: bool = Field(False, description="cetak DENGAN RAHMAT TUHAN YANG MAHA ESA")
    menimbang: Annotated[list[Butir], Field(min_length=1)]
    mengingat: Annotated[list[Butir], Field(min_length=1)]
    menetapkan: Teks | None = Field(None, description="teks sesudah 'Menetapkan :'; bawaan: KEPUTUSAN … TENTANG …")
    diktum: Annotated[list[Diktum], Field(min_length=1)]
    ditetapkan_di: TeksWajib
    tanggal: OptionalTanggal = None
    penandatangan: PejabatRef
    lampiran: Annotated[list[Lampiran], Field(min_length=1)]
    buku: Buku = Field(default_factory=Buku, description="sampul dan penjelasan singkat buku SOP")
    templat_daftar_sop: TeksWajib = Field(
        DAFTAR_SOP, description="teks bawaan diktum daftar SOP; {lampiran} menjadi \"Lampiran I sampai dengan "
                                "Lampiran VI\" (atau \"Lampiran I\" bila hanya satu)")
    naskah_diktum: list[Butir] = Field(
        default_factory=list, description="daftar SOP di diktum seperti tertulis di naskah lama (hanya diperiksa; "
                                          "yang dicetak selalu dibuat dari lampiran)")

    @property
    def rujukan(self) -> str:
        """How a lampiran refers to it: KEPUTUSAN … NOMOR … TENTANG …"""
        return f"KEPUTUSAN {self.jabatan} NOMOR {self.nomor} TENTANG {self.tentang}"
