"""Lettered items inside flowchart cells ("a. … b. …", written in the text or as
sub-steps) hang: the marker stands in the indent, the item's later lines align
under its first word, in the HTML/PDF and in the DOCX (issue 11)."""
import re
import subprocess
import zipfile

import pytest

from soppress.build import build
from soppress.views.sop import Lines, items

KEY = "kalteng/02-pengaduan-tidak-langsung"   # kegiatan 2 and 3 write "a. …" and "b. …" items


def test_items_split_a_lead_and_lettered_items():
    text = "Petugas menelaah:\na. pertama yang\n   panjang\nb) kedua\n10. kesepuluh"
    assert items(text) == Lines("Petugas menelaah:", (("a.", "pertama yang\npanjang"), ("b)", "kedua"),
                                                      ("10.", "kesepuluh")))
    assert items("Tanpa butir. a. di tengah baris bukan butir") == Lines("Tanpa butir. a. di tengah baris bukan butir")
    assert items(None) == Lines("")


@pytest.fixture(scope="module")
def built(sample_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("gantung")
    result = build(sample_root, out, formats=["pdf", "html", "docx"], only=[KEY], jobs=1)
    assert not result.failed
    return out, result.sheets[KEY]


def _lines_of_kegiatan(pdf, page, sheet):
    """(x of first word, words) of every text line in the Kegiatan column, in mm."""
    html = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    k = 25.4 / 72
    left = sheet.view.page.margin.kiri + sheet.view.cols.no
    right = left + sheet.view.cols.kegiatan
    out = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", html, re.S):
        words = re.findall(r'xMin="([\d.]+)"[^>]*>([^<]*)</word>', line)
        if words and left < float(words[0][0]) * k < right:
            out.append((float(words[0][0]) * k, [w for _, w in words]))
    return out


def test_pdf_item_lines_hang_under_the_first_word(built):
    out, sheet = built
    lines = [l for page in sheet.plan.page_numbers for l in _lines_of_kegiatan(out / f"{KEY}.pdf", page, sheet)]
    starts = [i for i, (_, words) in enumerate(lines) if words[0] in ("a.", "b.")]
    assert len(starts) >= 4
    left = sheet.view.page.margin.kiri + sheet.view.cols.no
    for i in starts:
        marker_x, _ = lines[i]
        follow_x, follow = lines[i + 1]
        if follow[0] in ("a.", "b."):
            continue
        assert marker_x < left + 2.5, "the marker stands at the cell's text edge"
        assert follow_x == pytest.approx(marker_x + 4.0, abs=0.4), (follow, follow_x, marker_x)


def test_html_sets_items_as_hanging_blocks(built):
    out, _ = built
    html = (out / f"{KEY}.html").read_text(encoding="utf-8")
    assert html.count('<div class="sub"><span class="m">a.</span>') >= 2
    assert re.search(r"\.alir \.sub \{ padding-left: 4mm; \}", html)
    assert re.search(r"\.alir \.sub \.m \{ display: inline-block; width: 4mm; margin-left: -4mm; \}", html)


def test_docx_items_have_a_hanging_indent(built):
    out, _ = built
    xml = zipfile.ZipFile(out / f"{KEY}.docx").read("word/document.xml").decode()
    paragraphs = re.findall(r"<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>", xml, re.S)
    items_ = [p for p in paragraphs if re.search(r"<w:t[^>]*>[ab]\.</w:t>", p.replace("\t", ""))
              or re.search(r"<w:t[^>]*>[ab]\.", p)]
    assert len(items_) >= 4
    for p in items_:
        ind = re.search(r"<w:ind ([^>]*)/>", p)
        assert ind, p[:300]
        attrs = dict(re.findall(r'w:(\w+)="(\d+)"', ind.group(1)))
        assert int(attrs["left"]) == pytest.approx(227, abs=2) and int(attrs["hanging"]) == pytest.approx(227, abs=2)
