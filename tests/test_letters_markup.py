"""The letter markup parser on its own: each line kind, nesting, and its errors."""
import pytest

from soppress.letters import markup
from soppress.views import blocks as b

SIG = [b.Signature("Kepala", "Nama Satu"), b.Signature("PIHAK KEDUA", "Nama Dua")]


def test_each_line_kind():
    text = """# BERITA ACARA
# NOMOR: 1/2/3

| Dasar |
  1. Satu
  2. Dua
     a. Dua a
| Kepada |
  | Nama | Contoh
  | NIP | 1
| Waktu | Tiga hari

Paragraf satu
berlanjut di sini.

- butir
@kanan Barabai, 1 Januari 2026
@halaman-baru
Penutup.
@ttd 0 @ttd 1
"""
    blocks = markup.parse(text, SIG)
    kinds = [type(x).__name__ for x in blocks]
    assert kinds == ["Heading", "Fields", "Paragraph", "NumberedList", "Paragraph", "PageBreak", "Paragraph",
                     "Signatures"]
    assert blocks[0].lines == ("BERITA ACARA", "NOMOR: 1/2/3")
    dasar, kepada, waktu = blocks[1].rows
    assert [i.text for i in dasar.value.items] == ["Satu", "Dua"]
    assert dasar.value.items[1].children.items[0].marker == "a."
    assert [r.label for r in kepada.value[0].rows] == ["Nama", "NIP"]
    assert waktu.value == "Tiga hari"
    assert blocks[2].text == "Paragraf satu berlanjut di sini."
    assert blocks[4].align == "right" and blocks[4].text == "Barabai, 1 Januari 2026"
    assert blocks[6].keep_with_next                        # the closing stays with the signatures
    assert [s.nama for s in blocks[7].signatures] == ["Nama Satu", "Nama Dua"]


def test_decodes_character_references_into_plain_text():
    [p] = markup.parse("Nilai &#35; &#60;b&#62; &#123;&#123; 7*7 &#125;&#125;")
    assert p.text == "Nilai # <b> {{ 7*7 }}" and isinstance(p.text, b.Plain)


@pytest.mark.parametrize("text, line", [("Teks\n@tidak-ada x\n", 2), ("@ttd 5\n", 1), ("|  | isi\n", 1),
                                        ("1. butir\n   | Nama | x\n", 2)])
def test_problems_name_the_line(text, line):
    with pytest.raises(markup.MarkupError) as err:
        markup.parse(text, SIG)
    assert err.value.line == line
