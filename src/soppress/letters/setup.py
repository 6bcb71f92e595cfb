"""Everything a letter needs from the project: settings, templates, letterheads, the
pejabat registry; and the letter context assembled from them and the case data."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from soppress.checks.diagnostics import Diagnostic, Position, Report
from soppress.errors import UserError
from soppress.letters import templates
from soppress.letters.config import PengaturanSurat, load_settings
from soppress.letters.context import KonteksSurat, Petugas, _date, konteks_dari_dict
from soppress.letters.nomor import Permintaan, Register
from soppress.model import Kop, Margin, Pejabat

DRAFT = "(draf)"
# The nomor register names case numbers: it lives with the case files, outside git
# (.gitignore keeps /kasus/ out), in a folder only its owner can read.
REGISTER_FILE = Path("kasus") / "register-surat.jsonl"


class LetterError(UserError):
    """Problems found while preparing a letter; ``report`` holds them, located."""
    def __init__(self, report: Report):
        super().__init__(report.render_text())
        self.report = report


def letter_error(message: str, code: str, file: Path = Path("letters") / "surat.yaml", line: int = 1) -> LetterError:
    report = Report()
    report.diagnostics.append(Diagnostic(Position(file, line, 1), "galat", message, code))
    return LetterError(report)


@dataclass
class LetterSetup:
    root: Path | None
    settings: PengaturanSurat
    env: SandboxedEnvironment
    kop: dict[str, Kop]
    pejabat: dict[str, Pejabat]
    paper: str = "A4"
    font: str = "Liberation Sans"
    margin: Margin = dataclasses.field(default_factory=lambda: Margin(atas=20, kanan=20, bawah=25, kiri=30))

    @classmethod
    def of_project(cls, project) -> "LetterSetup":
        report = Report()
        settings = load_settings(project.root, report)
        if report.errors:
            raise LetterError(report)
        return cls(project.root, settings, templates.environment(project.root), project.kop, project.pejabat,
                   project.config.kertas, project.config.huruf, project.config.margin_naskah_mm)

    def register(self) -> Register:
        if self.root is None:
            raise letter_error("register nomor surat perlu folder proyek", "surat.register")
        return Register(self.root / REGISTER_FILE)

    def penandatangan(self, unit: str) -> Petugas:
        key = self.settings.unit[unit].penandatangan
        if key not in self.pejabat:
            raise letter_error(f'penandatangan "{key}" unit {unit} tidak ada di registri/pejabat.yaml',
                               "surat.pejabat")
        p = self.pejabat[key]
        return Petugas(nama=p.nama_lengkap, jabatan=p.jabatan, nip=p.nip, pangkat=p.pangkat, golongan=p.golongan)

    def konteks(self, jenis: str, unit: str, data: dict[str, Any], nomor: str = DRAFT) -> KonteksSurat:
        """The context of one letter: the case and letter data in ``data`` ({"kasus", "rincian",
        "surat": {"tanggal", "tujuan", "lampiran", "hal", …}}), the kind's and the unit's
        settings and the signatory from the registry."""
        if jenis not in self.settings.jenis:
            raise letter_error(f'jenis surat "{jenis}" tidak ada di letters/surat.yaml', "surat.jenis")
        if unit not in self.settings.unit or unit not in self.kop:
            raise letter_error(f'unit "{unit}" perlu kop (letterheads/{unit}.yaml) dan entri unit di '
                               "letters/surat.yaml", "surat.unit")
        kind, own = self.settings.jenis[jenis], self.settings.unit[unit]
        given = {k: v for k, v in (data.get("surat") or {}).items() if v is not None}
        surat = {"jenis": jenis, "nomor": nomor, "tempat": self.kop[unit].kota or "", "sifat": kind.sifat,
                 "hal": kind.hal or kind.judul, "lampiran": "-", "tembusan": own.tembusan if kind.tembusan else (),
                 **given, "tanggal": _date(given.get("tanggal")) or dt.date.today()}
        return konteks_dari_dict({"surat": surat, "kasus": data["kasus"], "rincian": data.get("rincian"),
                                  "penandatangan": self.penandatangan(unit)})

    def permintaan(self, unit: str, ctx: KonteksSurat) -> Permintaan:
        kind, own = self.settings.jenis[ctx.surat.jenis], self.settings.unit[unit]
        return Permintaan(unit=unit, kode_unit=own.kode, klasifikasi=kind.klasifikasi, jenis=ctx.surat.jenis,
                          tanggal=ctx.surat.tanggal, kasus=ctx.kasus.nomor_register, seri=kind.seri,
                          pola=own.pola or self.settings.nomor.pola, ulang=self.settings.nomor.mulai_ulang)


def with_nomor(ctx: KonteksSurat, nomor: str) -> KonteksSurat:
    return dataclasses.replace(ctx, surat=dataclasses.replace(ctx.surat, nomor=nomor))
