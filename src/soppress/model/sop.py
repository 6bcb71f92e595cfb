"""The SOP: identity, pelaksana columns and the kegiatan of its flowchart."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, ConfigDict, Discriminator, Field, PrivateAttr, Tag, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from soppress.model.fields import (Daftar, Model, OptionalTanggal, PejabatRef, Revisi, TanggalRevisi, Teks,
                                   TeksWajib, Waktu, _none_if_dash)
from soppress.model.waktu import Durasi


class Pelaksana(Model):
    """A flowchart column (actor)."""
    nama: TeksWajib = Field(description="judul kolom lengkap")
    singkat: Teks | None = Field(None, description="label pendek, dipakai di kegiatan dan ringkasan")
    kode: str | None = Field(None, description="kunci pendek untuk dirujuk di kegiatan")

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return {"nama": value} if isinstance(value, str) else value

    @property
    def names(self) -> list[str]:
        """Every name a step may use to refer to this column."""
        return [n for n in (self.kode, self.singkat, self.nama) if n]

    @property
    def label(self) -> str:
        return self.singkat or self.nama


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


PelaksanaRefs = Annotated[list[str], BeforeValidator(_as_list), WithJsonSchema({
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    "description": "nama, singkatan atau kode kolom pelaksana; daftar bila dikerjakan beberapa pelaksana"})]
Simbol = Literal["mulai", "proses", "keputusan", "selesai"]


class Cabang(Model):
    """A decision branch: where the flow goes, and the label on the arrow."""
    ke: int = Field(description="nomor kegiatan tujuan (boleh mundur atau maju)")
    label: Teks | None = Field(None, description="label panah; bawaan Ya lalu Tidak")

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return {"ke": value} if isinstance(value, int) and not isinstance(value, bool) else value


class MutuBaku(Model):
    kelengkapan: Teks | None = None
    waktu: Waktu | None = None
    output: Teks | None = None


class SubLangkah(MutuBaku):
    """A sub-step "a. … b. …" of one kegiatan, with its own mutu baku (seed 002)."""
    uraian: TeksWajib
    pelaksana: PelaksanaRefs = Field(default_factory=list, description="bawaan: pelaksana kegiatannya")
    keterangan: Teks | None = None

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return {"uraian": value} if isinstance(value, str) else value


class Langkah(MutuBaku):
    """One numbered kegiatan of the flowchart table."""
    no: int | None = Field(None, description="nomor kegiatan; bawaan: nomor sebelumnya + 1")
    uraian: Teks = Field("", description="uraian kegiatan; boleh kosong bila seluruhnya berupa sub-kegiatan")
    pelaksana: Annotated[PelaksanaRefs, Field(min_length=1)]
    simbol: Simbol | None = Field(None, description="bawaan: mulai (pertama), selesai (terakhir), "
                                  "keputusan (bila ada cabang), proses (lainnya)")
    cabang: list[Cabang] = Field(default_factory=list)
    lanjut: int | None = Field(None, description="kegiatan berikutnya bila bukan kegiatan di bawahnya")
    sub: list[SubLangkah] = Field(default_factory=list)
    sub_terpisah: bool = Field(False, description="setiap sub-kegiatan di barisnya sendiri")
    keterangan: Teks | None = None

    @model_validator(mode="after")
    def _needs_text(self) -> "Langkah":
        if not self.uraian.strip() and not self.sub:
            raise PydanticCustomError("skema.wajib", '"uraian" wajib diisi (atau tulis sub-kegiatan di "sub")')
        return self

    @property
    def durations(self) -> list[Durasi]:
        if self.waktu:
            return [self.waktu]
        return [s.waktu for s in self.sub if s.waktu]


class Bagian(Model):
    """A section row spanning the table ("A. Proses Penerimaan Pengaduan Langsung")."""
    bagian: TeksWajib


def _kegiatan_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        return "bagian" if "bagian" in value else "langkah"
    if isinstance(value, (Bagian, Langkah)):
        return "bagian" if isinstance(value, Bagian) else "langkah"
    return None


Kegiatan = Annotated[
    Union[Annotated[Langkah, Tag("langkah")], Annotated[Bagian, Tag("bagian")]],
    Discriminator(_kegiatan_kind, custom_error_type="skema.jenis",
                  custom_error_message="setiap kegiatan ditulis sebagai pemetaan (uraian, pelaksana, ...) "
                                       "atau baris bagian (bagian: ...)"),
]

# ---------------------------------------------------------------- display


class JudulKolom(Model):
    """Column headings as the unit prints them. The number column's key is written
    ``nomor``: YAML 1.1 tools (PyYAML's safe_load, many CI scripts) read a key ``no``
    as the boolean false. ``no`` is still accepted; renderers read ``.no``."""
    model_config = ConfigDict(extra="forbid", defer_build=True, json_schema_extra=lambda schema, _: schema[
        "properties"].update(nomor={"type": ["string", "number"], "description": "judul kolom nomor, mis. \"NO\""}))

    no: Teks = Field("No", description='ejaan lama kunci "nomor"; masih diterima')
    kegiatan: Teks = "Kegiatan"
    pelaksana: Teks = "Pelaksana"
    mutu_baku: Teks = "Mutu Baku"
    kelengkapan: Teks = "Kelengkapan"
    waktu: Teks = "Waktu"
    output: Teks = "Output"
    keterangan: Teks = "Keterangan"

    @model_validator(mode="before")
    @classmethod
    def _nomor(cls, value: Any) -> Any:
        if not isinstance(value, dict) or ("nomor" not in value and False not in value):
            return value
        value = dict(value)
        if "no" in value:
            raise PydanticCustomError("skema.kunci-ganda", 'tulis judul kolom nomor sekali saja: "nomor" (bukan juga "no")')
        value["no"] = value.pop("nomor") if "nomor" in value else value.pop(False)
        return value


class Tampilan(Model):
    baris_indeks: bool = Field(False, description="baris nomor kolom 1 2 3 … di bawah judul tabel")
    ringkasan: bool = Field(False, description="tabel ringkasan NO, PROSEDUR, PENANGGUNG JAWAB, WAKTU, KET")
    legenda: bool = Field(False, description="keterangan simbol bagan alir")
    kapital: bool = Field(True, description="judul lembar, judul bagian identitas dan judul kolom dicetak dengan "
                                            "huruf kapital; false: seperti ditulis")
    judul_kolom: JudulKolom = Field(default_factory=JudulKolom)

# ---------------------------------------------------------------- the SOP


class Sop(Model):
    """One SOP source file."""
    unit: TeksWajib = Field(description="kunci kop surat: letterheads/<unit>.yaml")
    nomor: TeksWajib = Field(description="Nomor SOP sesuai tata naskah dinas")
    nomor_revisi: Teks | None = None
    tanggal_pembuatan: OptionalTanggal = None
    tanggal_revisi: Annotated[Union[TanggalRevisi, None], BeforeValidator(_none_if_dash)] = None
    tanggal_efektif: OptionalTanggal = None
    tanggal_pengesahan: OptionalTanggal = None
    riwayat_revisi: list[Revisi] = Field(default_factory=list, description="riwayat revisi, urut dari yang pertama: "
                                         "nomor, tanggal, perubahan, oleh")
    disahkan_oleh: PejabatRef
    nama: TeksWajib = Field(description="nama/judul SOP")
    judul: Teks | None = Field(None, description='judul di atas lembar, mis. "SOP LAYANAN MEDIASI"')
    dasar_hukum: Daftar = Field(default_factory=Daftar)
    kualifikasi_pelaksana: Daftar = Field(default_factory=Daftar)
    keterkaitan: Daftar = Field(default_factory=Daftar)
    peralatan: Daftar = Field(default_factory=Daftar, description="peralatan/perlengkapan")
    peringatan: Daftar = Field(default_factory=Daftar)
    pencatatan: Daftar = Field(default_factory=Daftar, description="pencatatan dan pendataan")
    pelaksana: Annotated[list[Pelaksana], Field(min_length=1)]
    kegiatan: Annotated[list[Kegiatan], Field(min_length=1)]
    tampilan: Tampilan = Field(default_factory=Tampilan)
    # (kegiatan list, its length, steps, id(step) -> position): steps and their order looked up
    # in constant time, so flow checks stay linear on long SOPs (pydantic's __eq__ is deep,
    # so list.index(step) compared whole steps). Rebuilt when kegiatan is replaced or resized.
    _order: tuple | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _number_steps(self) -> "Sop":
        """Give unnumbered steps the previous number + 1 (so numbers are always set)."""
        previous = 0
        for step in self.kegiatan:
            if isinstance(step, Langkah):
                if step.no is None:
                    step.no = previous + 1
                previous = step.no
        return self

    # -- derived views every renderer shares

    def _steps(self) -> tuple[list[Langkah], dict[int, int]]:
        order = self._order
        if order is None or order[0] is not self.kegiatan or order[1] != len(self.kegiatan):
            steps = [k for k in self.kegiatan if isinstance(k, Langkah)]
            order = self._order = (self.kegiatan, len(self.kegiatan), steps, {id(s): i for i, s in enumerate(steps)})
        return order[2], order[3]

    @property
    def langkah(self) -> list[Langkah]:
        return list(self._steps()[0])

    def simbol(self, step: Langkah) -> Simbol:
        """The flowchart symbol of a step: explicit, or by position and branches."""
        if step.simbol:
            return step.simbol
        if step.cabang:
            return "keputusan"
        steps = self._steps()[0]
        if step is steps[0]:
            return "mulai"
        if step is steps[-1]:
            return "selesai"
        return "proses"

    def successors(self, step: Langkah) -> list[int]:
        """Numbers of the steps the flow goes to after ``step`` (none after an end)."""
        if step.cabang:
            return [c.ke for c in step.cabang]
        if self.simbol(step) == "selesai":
            return []
        if step.lanjut is not None:
            return [step.lanjut]
        steps, position = self._steps()
        i = position[id(step)]
        return [steps[i + 1].no] if i + 1 < len(steps) else []

    def cabang_labels(self, step: Langkah) -> list[str]:
        defaults = ["Ya", "Tidak"]
        return [c.label or (defaults[i] if i < 2 else "") for i, c in enumerate(step.cabang)]

    def pelaksana_of(self, ref: str) -> Pelaksana | None:
        for p in self.pelaksana:
            if ref in p.names:
                return p
        return None

    def total_waktu(self):
        from soppress.model.waktu import total
        return total(d for step in self.langkah for d in step.durations)
