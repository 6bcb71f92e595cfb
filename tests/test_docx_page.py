"""Every portrait naskah takes its paper and margins where the Keputusan does
(views.common.naskah_page: the unit's ``margin_naskah_mm``, else soppress.yaml's):
forms, and letters unless letters/surat.yaml sets its own ``margin_mm``; landscape
monitoring sheets take the SOP sheets' ``margin_mm``. The DOCX sections carry
exactly these pages (one page-setup helper for naskah and SOP sheets)."""
import io
import shutil
from pathlib import Path

import pytest
from docx import Document as WordDocument

from letters_data import case_data
from soppress.checks.diagnostics import Report
from soppress.forms import api as forms_api
from soppress.letters.build import buat_surat
from soppress.letters.nomor import Register
from soppress.letters.setup import LetterSetup
from soppress.render.docx.document import to_docx
from soppress.sources.project import load_project
from soppress.views.blocks import PageSpec

ROOT = Path(__file__).parents[1]
PROJECT_MARGIN = "{atas: 21, bawah: 27, kiri: 33, kanan: 18}"
UNIT_MARGIN = "{atas: 24, bawah: 22, kiri: 35, kanan: 16}"


@pytest.fixture
def root(tmp_path):
    """The sample project, F4, with its own naskah margins and the HST unit's."""
    root = tmp_path / "proyek"
    for name in ("letterheads", "registri", "letters", "forms"):
        shutil.copytree(ROOT / name, root / name)
    config = (ROOT / "soppress.yaml").read_text(encoding="utf-8")
    assert "margin_naskah_mm" not in config and "kertas: F4" in config
    (root / "soppress.yaml").write_text(config + f"margin_naskah_mm: {PROJECT_MARGIN}\n", encoding="utf-8")
    kop = root / "letterheads" / "hst.yaml"
    kop.write_text(kop.read_text(encoding="utf-8") + f"margin_naskah_mm: {UNIT_MARGIN}\n", encoding="utf-8")
    return root


def spec(margin: str, width=215.0, height=330.0) -> PageSpec:
    m = dict(part.split(": ") for part in margin.strip("{}").split(", "))
    return PageSpec(width, height, float(m["atas"]), float(m["kanan"]), float(m["bawah"]), float(m["kiri"]))


def docx_page(data: bytes) -> PageSpec:
    section = WordDocument(io.BytesIO(data)).sections[0]
    mm = [round(v.mm, 1) for v in (section.page_width, section.page_height, section.top_margin,
                                    section.right_margin, section.bottom_margin, section.left_margin)]
    return PageSpec(*mm)


def test_forms_take_the_naskah_page_of_their_unit(root):
    project = load_project(root, Report())
    assert forms_api.project_page(project, unit="hst") == spec(UNIT_MARGIN)
    assert forms_api.project_page(project, unit="kalteng") == spec(PROJECT_MARGIN)
    m = project.config.margin_mm
    assert forms_api.project_page(project, landscape=True) == PageSpec(330.0, 215.0, m.atas, m.kanan, m.bawah, m.kiri)
    first = next(iter(project.kop))
    kop = forms_api.project_kop(project)
    docs = dict(forms_api.blank_documents(project, forms_api.forms(root, Report()), kop, modes=("kosong",)))
    page = spec(UNIT_MARGIN if first == "hst" else PROJECT_MARGIN)
    assert docs["konsultasi-kosong"].sections[0].page == page
    assert docx_page(to_docx(docs["konsultasi-kosong"], root)) == page  # the DOCX section, as set up


def test_letters_take_the_naskah_page_unless_surat_yaml_sets_one(root, tmp_path):
    def letter(unit):
        setup = LetterSetup.of_project(load_project(root, Report()))
        return buat_surat(setup, "surat-tugas", unit, case_data(), Register(tmp_path / f"{unit}.jsonl"))

    doc = letter("hst")
    assert doc.sections[0].page == spec(UNIT_MARGIN)
    assert docx_page(to_docx(doc, root)) == spec(UNIT_MARGIN)
    kop = root / "letterheads" / "hst.yaml"
    kop.write_text(kop.read_text(encoding="utf-8").replace(f"margin_naskah_mm: {UNIT_MARGIN}\n", ""), encoding="utf-8")
    assert letter("hst").sections[0].page == spec(PROJECT_MARGIN)
    own = "{atas: 12, bawah: 14, kiri: 26, kanan: 11}"
    settings = root / "letters" / "surat.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"margin_mm: {own}\n", encoding="utf-8")
    assert letter("hst").sections[0].page == spec(own)
