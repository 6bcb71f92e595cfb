"""Pelaksana (and other) headings fit their column: broken once from the font's
metrics, at word boundaries or after "/", hyphenated at Indonesian syllable breaks
only where a word is too wide, smaller type only as a last resort; the PDF and the
DOCX print the same lines (issue 11)."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from libreoffice import convert, needs_soffice
from soppress.build import build
from soppress.layout.flowchart import text_width
from soppress.layout.headings import HEAD_PT, PAD, PT_MM, fit

KEY = "kalteng/03-penjangkauan"   # "PETUGAS PENGADUAN/ADMINISTRASI UPT-PPA" in a narrow A4 lane


def _width(line: str, pt: float) -> float:
    return text_width(line, pt * PT_MM, bold=True)


def test_words_wrap_whole_when_they_fit():
    h = fit("KEPALA UPT-PPA", 20.0)
    assert h.lines == ("KEPALA", "UPT-PPA") and h.pt == HEAD_PT
    assert fit("PETUGAS PENDAMPING / KONSELOR", 24.0).lines == ("PETUGAS", "PENDAMPING /", "KONSELOR")


def test_a_too_wide_word_is_hyphenated_at_a_syllable_break():
    h = fit("PETUGAS ADMINISTRASI", 19.0)
    assert h.pt == HEAD_PT, "hyphenation comes before smaller type"
    assert h.lines == ("PETUGAS", "ADMINIS-", "TRASI")       # KBBI: ad·mi·nis·tra·si
    h = fit("PENDAMPINGAN", 15.0)
    assert "".join(h.lines).replace("-", "") == "PENDAMPINGAN" and len(h.lines) > 1
    cuts = [len("".join(h.lines[:i + 1]).replace("-", "")) for i in range(len(h.lines) - 1)]
    assert set(cuts) <= {3, 6, 10}, h.lines  # pen·dam·ping·an


def test_smaller_type_only_as_a_last_resort():
    h = fit("KONSELOR / KONSULTAN HUKUM / PSIKOLOG / PEKERJA SOSIAL / PENDAMPING KORBAN", 19.0)
    assert h.pt < HEAD_PT
    for line in h.lines:
        assert _width(line, h.pt) <= 19.0 - 2 * PAD


@pytest.mark.parametrize("width", [9.0, 13.0, 17.0, 19.0, 22.0, 30.0])
@pytest.mark.parametrize("text", ["PETUGAS PENGADUAN/ADMINISTRASI UPT-PPA", "KETERANGAN", "KELENGKAPAN",
                                  "PETUGAS PENDAMPING / KONSELOR", "NO."])
def test_every_line_fits_and_no_letter_is_lost(text, width):
    h = fit(text, width)
    for line in h.lines:
        assert _width(line, h.pt) <= width - 2 * PAD, (line, h.pt)
    joined = "".join(h.lines)
    assert re.sub(r"[\s-]", "", joined) == re.sub(r"[\s-]", "", text)


@pytest.fixture(scope="module")
def a4_build(sample_root, tmp_path_factory):
    project = tmp_path_factory.mktemp("a4") / "proyek"
    for name in ("sops", "letterheads", "registri", "keputusan", "soppress.yaml"):
        source = sample_root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    config = project / "soppress.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("kertas: F4", "kertas: A4"), encoding="utf-8")
    out = project / "build"
    result = build(project, out, formats=["pdf", "docx"], only=[KEY], jobs=1)
    assert not result.failed
    return out, result.sheets[KEY]


def _words(pdf: Path, page: int) -> list[tuple[str, float, float, float]]:
    """(word, xMin, xMax, yMin) in mm of one page, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    k = 25.4 / 72
    return [(w, float(a) * k, float(b) * k, float(y) * k) for a, y, b, w in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)]


def _lane_heading_words(pdf: Path, page: int, sheet) -> list[list[str]]:
    """The words printed inside each lane's column, in the second heading row."""
    cols, margin = sheet.view.cols, sheet.view.page.margin
    top_of_body = sheet.plan.row_tops[sheet.layout.pages[0][0]]
    second_row = top_of_body - sum(sheet.plan.header_heights[1:])
    out = []
    x = margin.kiri + cols.lanes_x
    words = [w for w in _words(pdf, page) if second_row < w[3] < top_of_body]
    for lane_w in cols.lanes:
        inside = [w for w in words if w[1] >= x + 0.25 and w[2] <= x + lane_w - 0.25]
        touching = [w for w in words if w[1] < x + lane_w and w[2] > x and w not in inside]
        assert not touching, f"heading words across a lane border: {touching}"
        out.append([w[0] for w in sorted(inside, key=lambda w: (w[3], w[1]))])
        x += lane_w
    return out


def test_pdf_headings_stay_inside_their_lane_and_print_the_views_lines(a4_build):
    out, sheet = a4_build
    printed = _lane_heading_words(out / f"{KEY}.pdf", sheet.plan.page_numbers[0], sheet)
    expected = [" ".join(h.lines).split() for h in sheet.view.table_heads.lanes]
    assert printed == expected
    assert any(len(h.lines) > 2 for h in sheet.view.table_heads.lanes)  # the narrow, long one


@needs_soffice
def test_docx_breaks_the_headings_where_the_pdf_does(a4_build, tmp_path):
    out, sheet = a4_build
    pdf = convert([out / f"{KEY}.docx"], tmp_path)[0]
    pages = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True).stdout
    number = next(i for i, page in enumerate(pages.split("\f"), start=1) if "MUTU BAKU" in page)
    printed = _lane_heading_words(pdf, number, sheet)
    assert printed == [" ".join(h.lines).split() for h in sheet.view.table_heads.lanes]
