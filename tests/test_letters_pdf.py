"""Letters laid out together (letters.pdf): each part is the letter as drawn alone, with
its own page numbers and title."""
import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from letters_data import case_data
from soppress.letters.build import buat_surat_banyak
from soppress.letters.nomor import Register
from soppress.letters.pdf import _LetterHTML, _shared_styles, _ua_stylesheet_text, letters_html, letters_pdf
from soppress.render.pdf.document import to_pdf
from test_letters_render import setup  # noqa: F401 - the module's fixture


def pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def test_each_letter_of_a_run_is_the_letter_drawn_alone(setup, tmp_path):  # noqa: F811
    docs = buat_surat_banyak(setup, "rujukan", "hst", [case_data()] * 3, Register(tmp_path / "r.jsonl"))
    together = letters_pdf(docs, setup.root)
    assert len(together) == 3
    for doc, part in zip(docs, together):
        alone = pages(to_pdf(doc, setup.root))
        got = pages(part)
        assert len(got) == len(alone) == 2
        assert got == alone                                   # the same text, page by page
        assert "- 2 -" in got[1] and not re.search(r"- \d+ -", got[0])  # numbering restarts per letter
        assert PdfReader(io.BytesIO(part)).metadata.title == doc.title


def images(data: bytes, work: Path) -> list[bytes]:
    """Each page as a PNG at 60 dpi (pdftoppm), as bytes of its pixels."""
    work.mkdir()
    (work / "x.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", "60", str(work / "x.pdf"), str(work / "p")], check=True)
    return [Image.open(png).tobytes() for png in sorted(work.glob("p*.png"))]


@pytest.mark.parametrize("jenis", ["rujukan", "surat-tugas", "serah-terima"])
def test_a_letter_of_a_run_looks_exactly_like_the_letter_drawn_alone(setup, tmp_path, jenis):  # noqa: F811
    """Kinds without a row of several signatures (the one thing LETTER_CSS lays out
    differently): the run's styles as classes, its trimmed user-agent stylesheet and its
    anchors leave every pixel where the general renderer puts it."""
    docs = buat_surat_banyak(setup, jenis, "hst", [case_data(), case_data(child=False)], Register(tmp_path / "r.jsonl"))
    for i, (doc, part) in enumerate(zip(docs, letters_pdf(docs, setup.root))):
        assert images(part, tmp_path / f"run{i}") == images(to_pdf(doc, setup.root), tmp_path / f"alone{i}")


def test_inline_styles_become_shared_classes_that_still_win():
    body, rules = _shared_styles('<p class="par" style="text-align: right; margin-bottom: 1.5mm">a</p>'
                                 '<td style="width: 25.0mm">b</td><td style="width: 25.0mm">c &quot;d&quot;</td>'
                                 '<img src="x.svg" alt="">')
    assert body == ('<p class="par gaya-0">a</p><td class="gaya-1">b</td><td class="gaya-1">c &quot;d&quot;</td>'
                    '<img src="x.svg" alt="">')
    assert rules.splitlines() == [".gaya-0 { text-align: right !important; margin-bottom: 1.5mm !important }",
                                  ".gaya-1 { width: 25.0mm !important }"]
    odd = '<p style="content: &quot;&lt;/style&gt;&quot;">x</p>'   # would end the <style> element: kept inline
    assert _shared_styles(odd) == (odd, "")


def test_the_letter_html_has_no_inline_style_and_the_trimmed_user_agent_sheet_is_used(setup, tmp_path,  # noqa: F811
                                                                                      monkeypatch):
    docs = buat_surat_banyak(setup, "rujukan", "hst", [case_data()] * 2, Register(tmp_path / "r.jsonl"))
    assert " style=" not in letters_html(docs, setup.root).split("<body>")[1]
    from weasyprint.html import UA
    assert "::footnote-call" in UA and "::note-marker" in UA  # what the trim removes is still there to remove
    kept = [rule.split("{")[0].strip() for rule in _ua_stylesheet_text().split("}") if "::" in rule.split("{")[0]]
    assert kept and not any("note-" in selector for selector in kept)
    calls = []
    original = _LetterHTML._ua_stylesheets
    monkeypatch.setattr(_LetterHTML, "_ua_stylesheets", lambda self, forms=False: calls.append(1) or original(self, forms))
    letters_pdf(docs, setup.root)
    assert calls, "weasyprint no longer asks HTML._ua_stylesheets for its user-agent stylesheet"


def test_a_chunk_is_drawn_with_fewer_garbage_collections_and_the_thresholds_come_back(setup, tmp_path,  # noqa: F811
                                                                                      monkeypatch):
    import gc
    from soppress import collector
    from soppress.letters import batch
    seen = []
    monkeypatch.setattr("soppress.letters.pdf.letters_pdf", lambda docs, root: seen.append(gc.get_threshold()) or
                        [b"%PDF"] * len(docs))
    monkeypatch.setattr(batch, "_SETUP", setup)
    before = gc.get_threshold()
    ctxs = batch.numbered_letters(setup, "rujukan", "hst", [], None)  # no case: the register is not touched
    assert batch._draw(ctxs, "hst", ("pdf",), {}) == []
    assert seen == [(collector.YOUNG, *before[1:])] and gc.get_threshold() == before
