"""Letters laid out together (letters.pdf): each part is the letter as drawn alone, with
its own page numbers and title."""
import io
import re

from pypdf import PdfReader

from letters_data import case_data
from soppress.letters.build import buat_surat_banyak
from soppress.letters.nomor import Register
from soppress.letters.pdf import letters_pdf
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
