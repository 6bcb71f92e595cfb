"""The one model every renderer reads.

Pydantic v2 was chosen over dataclasses/attrs because the same classes give us
validation with exact error paths (mapped back to YAML lines by ``yamlsrc``),
``extra="forbid"`` for unknown keys, and the JSON Schema editors use.

Field names are the YAML keys staff type, so they are Indonesian; the standard's
own terms (pelaksana, mutu baku, dasar hukum) have no English equivalent anyway.
Short forms are normalised by ``mode="before"`` validators so that a short SOP
stays short to write while renderers see one full shape.
"""
from __future__ import annotations

import re

from typing import Annotated, Any, Literal, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field,
                      PlainValidator, Tag, WithJsonSchema, model_validator)
from pydantic_core import PydanticCustomError

from .waktu import (FLEKSIBEL_WORDS, SATUAN, Durasi, Tanggal, TanggalError, WaktuError, parse_durasi,
                    parse_tanggal)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _to_text(value: Any) -> Any:
    """YAML reads `nomor_revisi: 1` or an unspaced NIP as a number: keep it as text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


_TEXT_SCHEMA = {"type": ["string", "number"]}
Teks = Annotated[str, BeforeValidator(_to_text), WithJsonSchema(_TEXT_SCHEMA)]
TeksWajib = Annotated[str, BeforeValidator(_to_text), Field(min_length=1),
                      WithJsonSchema({"type": ["string", "number"], "minLength": 1})]


def _parse_waktu(value: Any) -> Durasi:
    if isinstance(value, Durasi):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("waktu.satuan", 'waktu "{v}" tanpa satuan; tulis misalnya "{v} menit"', {"v": value})
    if not isinstance(value, str):
        raise PydanticCustomError("skema.jenis", 'waktu harus berupa teks, misalnya "15 menit"')
    try:
        return parse_durasi(value)
    except WaktuError:
        raise PydanticCustomError(
            "waktu.format",
            'waktu "{v}" tidak dapat dibaca; tulis misalnya "15 menit", "15 - 30 menit", "2 jam", '
            '"3 hari", "5 hari kerja" atau "Sesuai waktu layanan"', {"v": value}) from None


def _any_case(word: str) -> str:
    """A case-insensitive JSON Schema (ECMA regex has no flags) pattern for ``word``."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


_WAKTU_PATTERN = (r"^\s*(\d+([.,]\d+)?\s*((-|–|—|[sS]\.?[dD]\.?|sampai)\s*\d+([.,]\d+)?\s*)?("
                  + "|".join(_any_case(u) for u in sorted(SATUAN, key=len, reverse=True)) + r")\.?|("
                  + "|".join(_any_case(w) for w in FLEKSIBEL_WORDS) + r").*)\s*$")
Waktu = Annotated[Durasi, PlainValidator(_parse_waktu), WithJsonSchema({
    "type": "string",
    "description": 'Lama kegiatan: "15 menit", "15 - 30 menit", "2 jam", "5 hari kerja", "Sesuai waktu layanan"',
    "pattern": _WAKTU_PATTERN,
})]


def _parse_tanggal(value: Any) -> Tanggal:
    if isinstance(value, Tanggal):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("skema.jenis", "tanggal harus ditulis TTTT-BB-HH, misalnya 2022-07-20")
    try:
        return parse_tanggal(value)
    except TanggalError as exc:
        raise PydanticCustomError("tanggal.tidak-sah", str(exc)) from None


TanggalField = Annotated[Tanggal, PlainValidator(_parse_tanggal), WithJsonSchema({
    "type": "string", "pattern": r"^(\d{4}-\d{1,2}(-\d{1,2})?|\s*-?\s*)$",
    "description": "TTTT-BB-HH, atau TTTT-BB bila hanya bulannya diketahui",
})]


def _none_if_dash(value: Any) -> Any:
    """Sheets write '-' for 'no date'; accept it as empty."""
    return None if isinstance(value, str) and value.strip() in ("", "-") else value


OptionalTanggal = Annotated[Union[TanggalField, None], BeforeValidator(_none_if_dash)]

# ---------------------------------------------------------------- identity parts


class TanggalRevisi(Model):
    """Tanggal Revisi: the date of the last revision, or the planned review date."""
    tanggal: OptionalTanggal = None
    rencana: bool = Field(False, description="true: tanggal rencana kaji ulang, bukan tanggal revisi")

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"rencana"} and not isinstance(value["rencana"], bool):
            return {"tanggal": value["rencana"], "rencana": True}  # {rencana: 2027-07-01}
        if isinstance(value, dict):
            return value
        return {"tanggal": value}


class Pejabat(Model):
    """A signatory, written out in the SOP or (by key) in registri/pejabat.yaml."""
    jabatan: TeksWajib
    nama: TeksWajib = Field(description="nama tanpa gelar bila gelar ditulis terpisah, atau nama lengkap")
    gelar_depan: Teks | None = Field(None, description="mis. Drs. H.")
    gelar_belakang: Teks | None = Field(None, description="mis. M.E")
    nip: Teks | None = None
    pangkat: Teks | None = Field(None, description="pangkat, mis. Pembina Utama Muda")
    golongan: Teks | None = Field(None, description="golongan ruang, mis. IV/c")

    @property
    def nama_lengkap(self) -> str:
        """The name as printed: with its titles."""
        name = " ".join(x for x in (self.gelar_depan, self.nama) if x)
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name

    @property
    def pangkat_golongan(self) -> str | None:
        if self.pangkat and self.golongan:
            return f"{self.pangkat} ({self.golongan})"
        return self.pangkat or self.golongan


def _pejabat_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "kunci"
    if isinstance(value, (dict, Pejabat)):
        return "pejabat"
    return None


PejabatRef = Annotated[
    Union[Annotated[str, Tag("kunci")], Annotated[Pejabat, Tag("pejabat")]],
    Discriminator(_pejabat_kind, custom_error_type="skema.jenis",
                  custom_error_message="tulis kunci pejabat dari registri atau pemetaan jabatan, nama, nip"),
]

# ---------------------------------------------------------------- numbered lists

Penomoran = Literal["1.", "1)", "a.", "a)", "-", "•", "tanpa"]


class Butir(Model):
    """One item of a list section; may carry its own nested list."""
    teks: Teks = Field("", description="teks butir (Markdown: **tebal**, *miring*)")
    ref: str | None = Field(None, description="kunci peraturan di registri/peraturan.yaml (dasar hukum)")
    sop: str | None = Field(None, description="keterkaitan: kunci SOP proyek ini, mis. kalteng/03-penjangkauan")
    luar: bool = Field(False, description="keterkaitan: SOP instansi lain, di luar proyek ini")
    nomor: Teks | None = Field(None, description="nomor tertulis bila berbeda dari urutan (mis. salah ketik di naskah asli)")
    penomoran: Penomoran = "a."
    butir: list["Butir"] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return {"teks": value} if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _needs_text(self) -> "Butir":
        if not self.teks and not self.ref and not self.sop:
            raise PydanticCustomError("skema.wajib", 'butir perlu "teks", "ref" atau "sop"')
        return self


class Daftar(Model):
    """An identity section (dasar hukum, peringatan, ...): optional heading
    override, optional lead-in paragraph, and numbered items."""
    judul: Teks | None = Field(None, description="judul bagian bila berbeda dari judul baku")
    pengantar: Teks | None = Field(None, description="paragraf sebelum butir")
    penomoran: Penomoran = "1."
    butir: list[Butir] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, list):
            return {"butir": value}
        if isinstance(value, str):
            return {"pengantar": value}
        return value

    @property
    def kosong(self) -> bool:
        return not self.pengantar and not self.butir

# ---------------------------------------------------------------- pelaksana and kegiatan


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
    """Column headings as the unit prints them."""
    no: Teks = "No"
    kegiatan: Teks = "Kegiatan"
    pelaksana: Teks = "Pelaksana"
    mutu_baku: Teks = "Mutu Baku"
    kelengkapan: Teks = "Kelengkapan"
    waktu: Teks = "Waktu"
    output: Teks = "Output"
    keterangan: Teks = "Keterangan"


class Tampilan(Model):
    baris_indeks: bool = Field(False, description="baris nomor kolom 1 2 3 … di bawah judul tabel")
    ringkasan: bool = Field(False, description="tabel ringkasan NO, PROSEDUR, PENANGGUNG JAWAB, WAKTU, KET")
    legenda: bool = Field(False, description="keterangan simbol bagan alir")
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

    @property
    def langkah(self) -> list[Langkah]:
        return [k for k in self.kegiatan if isinstance(k, Langkah)]

    def simbol(self, step: Langkah) -> Simbol:
        """The flowchart symbol of a step: explicit, or by position and branches."""
        if step.simbol:
            return step.simbol
        if step.cabang:
            return "keputusan"
        steps = self.langkah
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
        steps = self.langkah
        i = steps.index(step)
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
        from .waktu import total
        return total(d for step in self.langkah for d in step.durations)


# ---------------------------------------------------------------- project files


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


class Margin(Model):
    atas: float = 15
    bawah: float = 15
    kiri: float = 15
    kanan: float = 15


class Proyek(Model):
    """Project settings (soppress.yaml at the project root)."""
    nama: TeksWajib
    kertas: Literal["A4", "F4"] = "A4"
    margin_mm: Margin = Field(default_factory=Margin)
    huruf: Teks = Field("Liberation Sans", description="huruf bawaan (dikirim bersama paket, setara Arial)")
    kutipan: Literal["singkat", "lengkap"] = Field(
        "singkat", description="dasar hukum dicetak singkat, atau lengkap dengan Lembaran Negara")
    kaji_ulang_bulan: int = Field(12, ge=1, description="jarak kaji ulang SOP bila tidak ada tanggal rencana")
    abaikan: list[str] = Field(default_factory=list,
                               description="kode pemeriksaan koleksi yang tidak dilaporkan, mis. tanggal.revisi-kosong")


class Lembaran(Model):
    """A publication reference: Lembaran/Berita Negara or Lembaran/Berita Daerah."""
    tahun: int
    nomor: TeksWajib


class Peraturan(Model):
    """A regulation in registri/peraturan.yaml."""
    jenis: TeksWajib = Field(description="Undang-Undang, Peraturan Pemerintah, Peraturan Menteri …, Peraturan Daerah …")
    nomor: TeksWajib
    tahun: int
    tentang: TeksWajib
    ln: Lembaran | None = Field(None, description="Lembaran Negara Republik Indonesia")
    tln: Teks | None = Field(None, description="nomor Tambahan Lembaran Negara Republik Indonesia")
    bn: Lembaran | None = Field(None, description="Berita Negara Republik Indonesia")
    ld: Lembaran | None = Field(None, description="Lembaran/Berita Daerah")
    catatan: Teks | None = Field(None, description="catatan penyusun (tidak dicetak)")

    @property
    def kutipan(self) -> str:
        """Short citation: 'Undang-Undang Nomor 23 Tahun 2004 tentang …'."""
        return f"{self.jenis} Nomor {self.nomor} Tahun {self.tahun} tentang {self.tentang}"

    @property
    def kutipan_lengkap(self) -> str:
        """Long citation with its publication references, as in a Keputusan's Mengingat."""
        refs = []
        if self.ln:
            refs.append(f"Lembaran Negara Republik Indonesia Tahun {self.ln.tahun} Nomor {self.ln.nomor}")
        if self.tln:
            refs.append(f"Tambahan Lembaran Negara Republik Indonesia Nomor {self.tln}")
        if self.bn:
            refs.append(f"Berita Negara Republik Indonesia Tahun {self.bn.tahun} Nomor {self.bn.nomor}")
        if self.ld:
            refs.append(f"Lembaran Daerah Tahun {self.ld.tahun} Nomor {self.ld.nomor}")
        return self.kutipan + (f" ({', '.join(refs)})" if refs else "")


class Diktum(Model):
    """One diktum (KESATU, KEDUA, …): its text, and whether the list of SOPs
    (generated from ``lampiran``) follows it."""
    teks: TeksWajib = Field(description="isi diktum (Markdown sebaris)")
    daftar_sop: bool = Field(False, description="true: daftar SOP lampiran dicetak sesudah teks ini")

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
    naskah_diktum: list[Butir] = Field(
        default_factory=list, description="daftar SOP di diktum seperti tertulis di naskah lama (hanya diperiksa; "
                                          "yang dicetak selalu dibuat dari lampiran)")

    @property
    def rujukan(self) -> str:
        """How a lampiran refers to it: KEPUTUSAN … NOMOR … TENTANG …"""
        return f"KEPUTUSAN {self.jabatan} NOMOR {self.nomor} TENTANG {self.tentang}"
