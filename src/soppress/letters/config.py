"""Letter settings: ``letters/surat.yaml`` of the project over the package's defaults.

    nomor:                      # the numbering scheme (see soppress.letters.nomor)
      pola: "{klasifikasi}/{urut:03d}/{unit}/{bulan_romawi}/{tahun}"
      mulai_ulang: tahunan      # tahunan | bulanan | tidak
    unit:                       # per letterhead (letterheads/<kunci>.yaml)
      hst: {kode: UPTD.PPA, penandatangan: kadis-hst, tembusan: [...]}
    jenis:                      # per letter kind; the project's entries override the package's
      rujukan: {judul: …, klasifikasi: "400.10", sifat: Rahasia, rahasia: true, …}
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import Field, ValidationError, create_model, field_validator

from soppress.checks.diagnostics import Report
from soppress.checks.schema_errors import validate
from soppress.letters.nomor import DEFAULT_POLA, check_pola
from soppress.model import Margin
from soppress.model.fields import Model, Teks, TeksWajib
from soppress.sources.yamlsrc import YamlError, load

SETTINGS_FILE = "surat.yaml"
DEFAULTS = Path(__file__).parent / "defaults" / SETTINGS_FILE


class Penomoran(Model):
    pola: TeksWajib = Field(DEFAULT_POLA, description="pola nomor surat, mis. {klasifikasi}/{urut:03d}/{unit}/"
                                                      "{bulan_romawi}/{tahun}")
    mulai_ulang: Literal["tahunan", "bulanan", "tidak"] = "tahunan"

    @field_validator("pola")
    @classmethod
    def _pola(cls, value: str) -> str:
        problems = check_pola(value)
        if problems:
            raise ValueError(problems[0])
        return value


class UnitSurat(Model):
    """The letters of one unit (a letterhead key)."""
    kode: TeksWajib = Field(description="kode unit dalam nomor surat, mis. UPTD.PPA")
    penandatangan: TeksWajib = Field(description="kunci pejabat di registri/pejabat.yaml")
    tembusan: list[TeksWajib] = Field(default_factory=list, description="tembusan bawaan surat unit ini")
    pola: Teks | None = Field(None, description="pola nomor khusus unit ini")


class JenisSurat(Model):
    """One letter kind."""
    judul: TeksWajib
    klasifikasi: TeksWajib = Field(description="kode klasifikasi arsip (Permendagri 83/2022)")
    seri: TeksWajib = Field("umum", description="jenis yang seri-nya sama berbagi satu nomor urut")
    sifat: TeksWajib = "Biasa"
    hal: Teks | None = None
    rahasia: bool = Field(False, description="cetak tanda RAHASIA (surat memuat data kasus)")
    tembusan: bool = Field(False, description="surat ini memuat tembusan")


class PengaturanSurat(Model):
    nomor: Penomoran = Field(default_factory=Penomoran)
    margin_mm: Margin | None = Field(None, description="ruang tepi surat; bawaan: margin_naskah_mm kop unit "
                                                     "atau soppress.yaml, seperti Keputusan")
    unit: dict[str, UnitSurat] = Field(default_factory=dict)
    jenis: dict[str, JenisSurat] = Field(default_factory=dict)


# A project's entry for a kind the package ships needs only the fields it changes.
JenisTimpa = create_model("JenisTimpa", __base__=Model,
                          **{name: (Optional[f.annotation], None) for name, f in JenisSurat.model_fields.items()})


class PengaturanProyek(PengaturanSurat):
    jenis: dict[str, JenisTimpa] = Field(default_factory=dict)  # type: ignore[assignment]


def load_settings(root: Path | None, report: Report) -> PengaturanSurat:
    """The package's defaults, then the project's ``letters/surat.yaml`` over them:
    ``nomor`` and ``margin_mm`` as a whole, units by key, kinds field by field."""
    settings, _ = _read(PengaturanSurat, DEFAULTS, Path("(bawaan)") / SETTINGS_FILE, report)
    settings = settings or PengaturanSurat()
    file = root / "letters" / SETTINGS_FILE if root else None
    if not (file and file.is_file()):
        return settings
    own, source = _read(PengaturanProyek, file, file.relative_to(root), report)
    if own is None:
        return settings
    jenis = dict(settings.jenis)
    for key, entry in own.jenis.items():
        base = settings.jenis[key].model_dump() if key in settings.jenis else {}
        try:
            jenis[key] = JenisSurat.model_validate({**base, **entry.model_dump(exclude_unset=True)})
        except ValidationError as exc:
            missing = sorted({str(e["loc"][0]) for e in exc.errors() if e["type"] == "missing"})
            report.add(source.pos(("jenis", key), key=True),
                       f'jenis surat "{key}" tidak ada di bawaan paket, jadi perlu diisi lengkap: '
                       f'{", ".join(missing) or "periksa isinya"}', "surat.jenis")
    return PengaturanSurat(
        nomor=own.nomor if "nomor" in own.model_fields_set else settings.nomor,
        margin_mm=own.margin_mm if "margin_mm" in own.model_fields_set else settings.margin_mm,
        unit={**settings.unit, **own.unit}, jenis=jenis)


def _read(model, file: Path, shown: Path, report: Report):
    try:
        source = load(file, shown)
    except YamlError as exc:
        report.extend([exc.diagnostic])
        return None, None
    return validate(model, source, report), source
