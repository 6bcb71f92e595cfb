"""Library API behind the ``formulir``, ``kasus`` and ``skm`` commands."""
from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from soppress.cases.load import CaseFile, load_case, load_cases
from soppress.cases.model import Kasus
from soppress.cases.store import FOLDER as CASES, case_path
from soppress.checks.diagnostics import Position, Report
from soppress.errors import UserError
from soppress.forms import fill, skm
from soppress.forms.load import load_forms
from soppress.forms.model import Formulir
from soppress.sources.project import Project
from soppress.layout.page import PAPER
from soppress.views.blocks import Document, Kop, PageSpec
from soppress.views.common import kop_block, naskah_page
from soppress.views.form import Mode, form_view
from soppress.views.monev import monev_view


class FormsError(UserError):
    """A user-facing problem (message in Indonesian)."""


def project_kop(project: Project, unit: str | None = None) -> Kop | None:
    """The letterhead forms are printed on: ``unit`` or the project's only/first kop."""
    if unit is not None:
        if unit not in project.kop:
            raise FormsError(f'kop "{unit}" tidak ada di letterheads/; pilih dari {", ".join(project.kop)}')
        return kop_block(project.kop[unit])
    return kop_block(next(iter(project.kop.values()))) if project.kop else None


def project_page(project: Project, landscape: bool = False, unit: str | None = None) -> PageSpec:
    """The page forms are printed on, for the kop they carry (``unit``, or the
    project's first): a naskah page as the Keputusan's (the unit's paper and
    ``margin_naskah_mm``, else the project's); landscape sheets (monitoring) turn
    that paper and take the SOP sheets' ``margin_mm``."""
    kop = project.kop.get(unit) if unit else next(iter(project.kop.values()), None)
    if kop is not None and not landscape:
        return naskah_page(project, kop)
    short, long = PAPER[(kop.kertas if kop else None) or project.config.kertas]
    m = project.config.margin_mm if landscape else project.config.margin_naskah_mm
    width, height = (long, short) if landscape else (short, long)
    return PageSpec(width, height, m.atas, m.kanan, m.bawah, m.kiri)


def forms(root: Path, report: Report) -> dict[str, Formulir]:
    files = load_forms(root, report)
    return {f.key: f.form for f in files if f.form is not None}


def find_form(all_forms: dict[str, Formulir], name: str) -> tuple[str, Formulir]:
    """By file name (konsultasi), form name or alias (case-insensitive)."""
    wanted = " ".join(name.lower().split())
    for key, form in all_forms.items():
        if wanted == key or wanted in (n.lower() for n in [form.nama, *form.alias]):
            return key, form
    raise FormsError(f'formulir "{name}" tidak ada di forms/; pilih dari {", ".join(all_forms)}')


def blank_documents(project: Project, all_forms: dict[str, Formulir], kop: Kop | None,
                    modes: tuple[Mode, ...] = ("kosong", "isian")) -> list[tuple[str, Document]]:
    """Every form in every mode, and the monitoring sheet of every SOP: (relative name, Document)."""
    page, wide = project_page(project), project_page(project, landscape=True)
    docs = [(f"{key}-{mode}", form_view(form, kop, mode, page=page)) for key, form in all_forms.items()
            for mode in modes]
    for f in project.sops:
        if f.sop is not None:
            docs += [(f"monev/{f.key.replace('/', '-')}-{mode}", monev_view(f.sop, kop, mode, wide)) for mode in modes]
    return docs


def filled_document(project: Project, form: Formulir, case: Kasus, kop: Kop | None,
                    mode: Mode = "terisi") -> tuple[Document, list[str]]:
    """The form filled from the case, and the required fields the case leaves empty
    (as 'label (sumber)': names, never values)."""
    missing = [f'{i.label} ({i.sumber})' for i in fill.missing_required(form, case)]
    return form_view(form, kop, mode, case, project_page(project), project.pejabat), missing


def case_folder(root: Path, folder: Path | None) -> Path:
    return (folder or root / CASES).resolve()


def read_case(folder: Path, nomor: str, report: Report) -> Kasus:
    path = case_path(folder, nomor)
    if not path.is_file():
        raise FormsError(f"berkas kasus dengan nomor register itu tidak ada di {folder}")
    case = load_case(path, report)
    if case is None:
        raise FormsError("berkas kasus memuat galat; perbaiki dulu (lihat soppress kasus periksa)")
    return case


@dataclass
class Pemeriksaan:
    cases: list[CaseFile]
    report: Report


def check_cases(project: Project, folder: Path) -> Pemeriksaan:
    """Validate every case file of ``folder``; also the folder's and files' modes and
    officers named by registry key (all reported by field, never by value)."""
    report = Report()
    if not folder.is_dir():
        raise FormsError(f"folder kasus {folder} tidak ada")
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        report.add(Position(folder, 1, 1), "folder kasus dapat dibaca pengguna lain; jalankan chmod 700 pada "
                   "folder ini", "kasus.izin", "peringatan")
    cases = load_cases(folder, report)
    for c in cases:
        if stat.S_IMODE(c.path.stat().st_mode) & 0o077:
            report.add(Position(c.path, 1, 1), "berkas kasus dapat dibaca pengguna lain; jalankan chmod 600",
                       "kasus.izin", "peringatan")
        if c.kasus is None:
            continue
        for i, layanan in enumerate(c.kasus.layanan):
            for j, petugas in enumerate(layanan.petugas):
                if isinstance(petugas, str) and petugas not in project.pejabat:
                    report.add(c.source.pos(("layanan", i, "petugas", j)),
                               f'"layanan.{i}.petugas.{j}" bukan kunci registri/pejabat.yaml;'
                               " tambahkan pejabatnya ke registri atau tulis lengkap (jabatan, nama, nip)",
                               "kasus.petugas", "peringatan")
    return Pemeriksaan(cases, report)


def survey_answers(source: Path, survey: Formulir, report: Report) -> list[tuple[int, ...]]:
    """Answers from a CSV file, or from a folder of filled survey PDFs (and CSVs)."""
    from soppress.forms.readback import pdf_values
    options = {i.nama: tuple(i.pilihan) for _, i in survey.fields() if i.nama in skm.KEYS}
    files = [source] if source.is_file() else sorted(
        p for p in source.iterdir() if p.suffix.lower() in (".csv", ".pdf"))
    answers: list[tuple[int, ...]] = []
    for path in files:
        if path.suffix.lower() == ".csv":
            answers += skm.read_csv(path, options, report)
        else:
            raw = pdf_values(path)
            values = {k: _radio(raw.get(k), options[k]) for k in skm.KEYS}
            one = skm.one(values, options, Position(path, 1, 1), report)
            if one:
                answers.append(one)
    return answers


def _radio(value: str | None, options: tuple[str, ...]) -> str | None:
    """A radio group's export value (/0 … /3, the option's index) as the answer 1-4."""
    if value and value.startswith("/") and value[1:].isdigit() and int(value[1:]) < len(options):
        return str(int(value[1:]) + 1)
    return value.lstrip("/") if value else None
