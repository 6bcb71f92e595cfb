"""Field types and parts shared by every document kind: text, dates, durations,
signatories and numbered lists. See ``soppress.model`` for the design."""
from __future__ import annotations


from typing import Annotated, Any, Literal, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field,
                      PlainValidator, Tag, WithJsonSchema, model_validator)
from pydantic_core import PydanticCustomError

from soppress.model.waktu import (FLEKSIBEL_WORDS, SATUAN, Durasi, Tanggal, TanggalError, WaktuError,
                                  parse_durasi, parse_tanggal)


class Model(BaseModel):
    # defer_build: a model's validator is built when it first validates, not when its class is
    # defined. ``check`` validates a handful of top-level documents (Sop, Keputusan, Kop, ...);
    # building every nested model and every model of other commands (Kasus, the letters')
    # at import cost it about 40 ms. Validation and its errors are the same.
    model_config = ConfigDict(extra="forbid", defer_build=True)


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


# The characters an ECMA-262 pattern may escape in unicode mode (JSON Schema patterns
# are ECMA-262; validators such as ajv compile them with the "u" flag, where an
# escaped space or letter is a syntax error). Python's re.escape also escapes spaces.
ECMA_SYNTAX = set("^$\\.*+?()[]{}|/")


def _any_case(word: str) -> str:
    """A case-insensitive JSON Schema (ECMA regex has no flags) pattern for ``word``."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else f"\\{c}" if c in ECMA_SYNTAX else c
                   for c in word)


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


class Revisi(Model):
    """One entry of an SOP's revision history (riwayat_revisi)."""
    nomor: TeksWajib = Field(description="nomor revisi, mis. 1 atau 01")
    tanggal: TanggalField = Field(description="tanggal revisi TTTT-BB-HH")
    perubahan: TeksWajib = Field(description="apa yang diubah")
    oleh: Teks | None = Field(None, description="siapa yang mengubah atau mengesahkan (jabatan/tim)")


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

