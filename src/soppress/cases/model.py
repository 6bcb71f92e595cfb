"""The case file (``kasus/<nomor-register>.yaml``).

Fields follow the KemenPPPA intake form (SAPA 129), the SIMFONI PPA categories and the
register prints of working systems (../shared/FORMS.md §1, §3; REFERENCE.md §4). The
SIMFONI categories are closed lists. Every message written here names the field,
never its value."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from soppress.model.fields import Model, Pejabat, Teks, TeksWajib

Kanal = Literal["langsung", "hotline 129", "WhatsApp", "surat/email", "rujukan"]
BentukKekerasan = Literal["Fisik", "Psikis", "Seksual", "Eksploitasi", "Trafficking", "Penelantaran", "Lainnya"]
TempatKejadian = Literal["Rumah Tangga", "Tempat Kerja", "Sekolah", "Fasilitas Umum",
                         "Lembaga Pendidikan Kilat", "Lainnya"]
HubunganPelaku = Literal["Orang Tua", "Keluarga/Saudara", "Suami/Istri", "Tetangga", "Pacar/Teman", "Guru",
                         "Majikan", "Rekan Kerja", "Lainnya"]
JenisLayanan = Literal["Pengaduan", "Kesehatan", "Bantuan Hukum", "Penegakan Hukum", "Rehabilitasi Sosial",
                       "Reintegrasi Sosial", "Pemulangan", "Pendampingan Tokoh Agama", "Mediasi"]
JenisKelamin = Literal["Laki-laki", "Perempuan"]
Status = Literal["baru", "dalam penanganan", "dirujuk", "selesai", "ditutup"]
JenisTerminasi = Literal["Terminasi Kasus Selesai", "Terminasi Kasus Ditutup"]
# SIMFONI PPA age brackets (FORMS.md §1)
KELOMPOK_USIA = ((0, 5, "0-5"), (6, 12, "6-12"), (13, 17, "13-17"), (18, 24, "18-24"), (25, 44, "25-44"),
                 (45, 59, "45-59"), (60, 200, "60+"))
DEWASA = 18  # UU 35/2014 Pasal 1 angka 1: a child is anyone under 18


def _nik(value: str | None) -> str | None:
    if value is None:
        return None
    digits = value.replace(" ", "")
    if not (digits.isdigit() and len(digits) == 16):
        raise PydanticCustomError("kasus.nik", "NIK harus 16 angka")
    return digits


class Orang(Model):
    """A person as the intake form records them (korban, pelapor or terlapor)."""
    nama: TeksWajib = Field(description="nama lengkap")
    nik: Teks | None = Field(None, description="Nomor Induk Kependudukan, 16 angka")
    tempat_lahir: Teks | None = None
    tanggal_lahir: dt.date | None = None
    usia: Annotated[int, Field(ge=0, le=130)] | None = Field(
        None, description="usia (tahun) bila tanggal lahir tidak diketahui")
    jenis_kelamin: JenisKelamin | None = None
    alamat_ktp: Teks | None = Field(None, description="alamat lengkap sesuai KTP")
    alamat_domisili: Teks | None = None
    telepon: Teks | None = None
    pendidikan: Teks | None = Field(None, description="pendidikan terakhir")
    pekerjaan: Teks | None = None

    @model_validator(mode="after")
    def _check_nik(self):
        self.nik = _nik(self.nik)
        return self

    def usia_pada(self, tanggal: dt.date) -> int | None:
        """Age in whole years on ``tanggal`` (from the birth date, else the recorded age)."""
        if self.tanggal_lahir is None:
            return self.usia
        born = self.tanggal_lahir
        return tanggal.year - born.year - ((tanggal.month, tanggal.day) < (born.month, born.day))


class Korban(Orang):
    disabilitas: bool = False
    kondisi_kedaruratan: bool = False


class Pelapor(Orang):
    hubungan_dengan_korban: Teks | None = Field(None, description="pelapor siapanya korban")


class Terlapor(Orang):
    nama: Teks | None = Field(None, description="nama, bila diketahui")  # type: ignore[assignment]
    hubungan: HubunganPelaku = Field(description="hubungan pelaku dengan korban (SIMFONI)")


class Kondisi(Model):
    """Kondisi biologis, psikologis, sosial dan spiritual korban (SAPA 129)."""
    biologis: Teks | None = None
    psikologis: Teks | None = None
    sosial: Teks | None = None
    spiritual: Teks | None = None


Petugas = Union[str, Pejabat]   # a key of registri/pejabat.yaml, or written out


class Layanan(Model):
    jenis: JenisLayanan
    tanggal: dt.date
    petugas: list[Petugas] = Field(default_factory=list, description="kunci registri/pejabat.yaml atau ditulis lengkap")
    instansi: Teks | None = None
    keterangan: Teks | None = None


class Rujukan(Model):
    tanggal: dt.date
    instansi: TeksWajib
    layanan: JenisLayanan | None = None
    alasan: Teks | None = None


class Terminasi(Model):
    tanggal: dt.date
    jenis: JenisTerminasi
    keterangan: Teks | None = Field(None, description="alasan terminasi")
    catatan_supervisor: Teks | None = None


class Kasus(Model):
    nomor_register: TeksWajib
    tanggal_pengaduan: dt.date
    tanggal_kejadian: dt.date | None = None
    kanal: Kanal
    pelapor: Pelapor | None = Field(None, description="kosongkan bila korban melapor sendiri")
    korban: Annotated[list[Korban], Field(min_length=1)]
    terlapor: list[Terlapor] = Field(default_factory=list)
    bentuk_kekerasan: Annotated[list[BentukKekerasan], Field(min_length=1)]
    tempat_kejadian: TempatKejadian
    alamat_kejadian: Teks | None = None
    kronologi: Teks | None = None
    kondisi: Kondisi = Field(default_factory=Kondisi)
    kebutuhan: Teks | None = Field(None, description="kebutuhan dan harapan korban")
    risiko: Literal["tinggi", "sedang", "rendah"] | None = None
    layanan: list[Layanan] = Field(default_factory=list)
    rujukan: list[Rujukan] = Field(default_factory=list)
    status: Status = "baru"
    terminasi: Terminasi | None = None

    @model_validator(mode="after")
    def _consistent(self):
        if self.tanggal_kejadian and self.tanggal_kejadian > self.tanggal_pengaduan:
            raise PydanticCustomError("kasus.tanggal", "tanggal_kejadian sesudah tanggal_pengaduan; periksa keduanya")
        if self.status in ("selesai", "ditutup") and self.terminasi is None:
            raise PydanticCustomError("kasus.terminasi", 'status selesai/ditutup memerlukan bagian "terminasi"')
        if self.terminasi is not None and self.status not in ("selesai", "ditutup"):
            raise PydanticCustomError("kasus.terminasi", 'ada "terminasi" tetapi status belum selesai/ditutup')
        for i, k in enumerate(self.korban):
            if k.tanggal_lahir and k.tanggal_lahir > self.tanggal_acuan:
                raise PydanticCustomError("kasus.tanggal", "korban.{i}.tanggal_lahir sesudah tanggal kejadian",
                                          {"i": i})
        return self

    @property
    def tanggal_acuan(self) -> dt.date:
        """The date a victim's age is taken on: the incident, else the complaint."""
        return self.tanggal_kejadian or self.tanggal_pengaduan

    def anak(self, korban: Korban) -> bool | None:
        """Under 18 on the date of the incident; None when neither birth date nor age is known."""
        usia = korban.usia_pada(self.tanggal_acuan)
        return None if usia is None else usia < DEWASA

    @property
    def ada_anak(self) -> bool:
        """Any korban is (or may be: age unknown counts as a child, the safe side) a child."""
        return any(self.anak(k) is not False for k in self.korban)

    def kelompok_usia(self, korban: Korban) -> str | None:
        usia = korban.usia_pada(self.tanggal_acuan)
        return None if usia is None else next(label for lo, hi, label in KELOMPOK_USIA if lo <= usia <= hi)
