"""Round trip: every SOP of the sample corpus, built to DOCX by soppress and imported
back with `soppress impor`, gives a source that builds to the same sheet: every cell
of every table (identity, sections, kegiatan, mutu baku, section rows, headings) and
the flowchart picture of every pelaksana cell (its symbol, kegiatan and branches, as
its alternative text says) are equal, and `soppress check` passes on the imports."""
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from soppress.api import check
from soppress.build import build
from soppress.importer import impor

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p.relative_to(ROOT / "sops").with_suffix("").as_posix() for p in (ROOT / "sops").rglob("*.yaml"))
PROJECT_FILES = ("soppress.yaml", "letterheads", "registri", "keputusan", "templates")


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """(originals folder, rebuilt folder, imported project, import results)."""
    base = tmp_path_factory.mktemp("impor")
    first = build(ROOT, base / "asli", formats=["docx"], only=SAMPLES)
    assert not first.report.errors
    project = base / "proyek"
    project.mkdir()
    for name in PROJECT_FILES:  # the same kop, registries and Keputusan; the SOPs come from the DOCX
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.exists():
            shutil.copy(source, project / name)
    results = {key: impor(base / "asli" / f"{key}.docx", project, out=project / "sops" / f"{key}.yaml")
               for key in SAMPLES}
    second = build(project, base / "ulang", formats=["docx"], only=SAMPLES)
    assert not second.report.errors, [str(d) for d in second.report.errors][:5]
    return base / "asli", base / "ulang", project, results


def sheet(path: Path) -> list[list[tuple[str, tuple[str, ...]]]]:
    """Every table row of the document: each cell's text and its pictures' descriptions."""
    rows = []
    for table in Document(str(path)).tables:
        for tr in table._tbl.tr_lst:
            cells = []
            for tc in tr.tc_lst:
                text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
                pictures = tuple(d.get("descr", "") for d in tc.iter("{http://schemas.openxmlformats.org/"
                                                                     "drawingml/2006/wordprocessingDrawing}docPr"))
                cells.append((text, pictures))
            rows.append(cells)
    return rows


@pytest.mark.parametrize("key", SAMPLES)
def test_imported_sop_builds_to_the_same_sheet(round_trip, key):
    originals, rebuilt, _, _ = round_trip
    before, after = sheet(originals / f"{key}.docx"), sheet(rebuilt / f"{key}.docx")
    assert len(before) == len(after)
    for row_before, row_after in zip(before, after):
        assert row_before == row_after


def test_the_flowchart_is_read_from_the_drawing_not_guessed(round_trip):
    _, _, _, results = round_trip
    for key, result in results.items():
        assert not result.notes.todo or all("dasar hukum" in n for n in result.notes.todo), (key, result.notes.todo)
        assert not any("pelaksana" in n or "cabang" in n for n in result.notes.guessed), key
    branched = [k for k, r in results.items() if "cabang:" in r.text]
    assert branched, "the corpus has decisions; their branches must be read back"


def test_dasar_hukum_come_back_as_ref_only_when_the_sheet_prints_the_registry_text(round_trip):
    import re
    from soppress.api import check as load
    originals, _, _, results = round_trip
    registry = load(ROOT)[0].peraturan
    refs = 0
    for key, result in results.items():
        words = " ".join(text for row in sheet(originals / f"{key}.docx") for text, _ in row)
        for ref in re.findall(r"^ *- ref: (\S+)", result.text, re.M):
            refs += 1
            entry = registry[ref]
            assert entry.kutipan in words or entry.kutipan_lengkap in words, (key, ref)
    assert refs > 20  # most of the corpus's dasar hukum print the registry's citation


def test_imports_pass_soppress_check(round_trip):
    _, _, project, _ = round_trip
    _, report = check(project)
    assert not report.errors, [str(d) for d in report.errors][:5]
