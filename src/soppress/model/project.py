"""Project files: settings (soppress.yaml) and letterheads (letterheads/*.yaml)."""
from __future__ import annotations

from typing import Literal

import math

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from soppress.model.fields import Model, Teks, TeksWajib


class Kop(Model):
    """A letterhead (letterheads/<kunci>.yaml)."""
    pemerintah: TeksWajib = Field(description="PEMERINTAH KABUPATEN/KOTA/PROVINSI …")
    dinas: TeksWajib
    unit: Teks | None = Field(None, description="unit kerja, mis. UPTD PPA")
    alamat: Teks | None = None
    kota: Teks | None = Field(None, description="tempat penetapan (Ditetapkan di …)")
    kode_pos: Teks | None = None
    telepon: Teks | None = None
    email: Teks | None = None
    website: Teks | None = None
    logo: Teks | None = Field(None, description="berkas lambang, relatif terhadap folder letterheads/")
    kertas: Literal["A4", "F4"] | None = Field(None, description="bawaan: kertas proyek")
    huruf: Teks | None = Field(None, description="bawaan: huruf proyek")
    margin_naskah_mm: "Margin | None" = Field(None, description="ruang tepi naskah tegak (Keputusan, surat, "
                                                              "formulir); bawaan: pengaturan proyek")
    nomor_halaman: NomorHalaman | None = Field(None, description="letak nomor halaman naskah; bawaan: pengaturan proyek")
    pola_nomor_sop: Teks | None = Field(
        None, description='pola Nomor SOP unit ini, mis. "061.1/{angka}/UPT-PPA/DP3APPKB"; {angka}: bilangan, '
                          '{tahun}: tahun empat angka, {teks}: satu bagian bebas; spasi di sekitar "/" diabaikan')


class Margin(Model):
    atas: float = 15
    bawah: float = 15
    kiri: float = 15
    kanan: float = 15

    @field_validator("atas", "bawah", "kiri", "kanan")
    @classmethod
    def _room(cls, mm: float) -> float:
        """Negative or non-numeric margins; margins too large for the paper are a
        layout limit (checks.limits), since the paper is set elsewhere."""
        if not math.isfinite(mm) or mm < 0:
            raise PydanticCustomError("margin.tidak-sah", "margin harus angka 0 atau lebih (dalam mm)")
        return mm


NomorHalaman = Literal["atas-tengah", "bawah-tengah", "bawah-kanan", "tanpa"]


class Proyek(Model):
    """Project settings (soppress.yaml at the project root)."""
    nama: TeksWajib
    kertas: Literal["A4", "F4"] = "A4"
    margin_mm: Margin = Field(default_factory=Margin, description="ruang tepi lembar SOP (mendatar)")
    margin_naskah_mm: Margin = Field(
        default_factory=lambda: Margin(atas=20, bawah=25, kiri=30, kanan=20),
        description="ruang tepi naskah tegak (Keputusan, surat, formulir): kiri lebih lebar untuk jilid")
    nomor_halaman: NomorHalaman = Field(
        "atas-tengah", description='nomor halaman naskah: "- 2 -" di tengah atas, halaman pertama tanpa nomor')
    huruf: Teks = Field("Liberation Sans", description="huruf bawaan (dikirim bersama paket, setara Arial)")
    kutipan: Literal["singkat", "lengkap"] = Field(
        "singkat", description="dasar hukum dicetak singkat, atau lengkap dengan Lembaran Negara")
    kaji_ulang_bulan: int = Field(12, ge=1, description="jarak kaji ulang SOP bila tidak ada tanggal rencana")
    abaikan: list[str] = Field(default_factory=list,
                               description="kode pemeriksaan koleksi yang tidak dilaporkan, mis. tanggal.revisi-kosong")
