"""The packaging step every DOCX goes through: the shipped Liberation Sans embedded
(subset, obfuscated, under the font-table name the runs ask for) and the same
bytes for the same source. The font check reads the file as the spec says
(ECMA-376 Part 1, §17.8.1), not through the code under test."""
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from fontTools.ttLib import TTFont
from lxml import etree

from libreoffice import DEJAVU_ONLY, assert_liberation, convert, fonts_used, needs_soffice
from soppress.build import build
from soppress.render.docx import package
from soppress.resources import FONT_DIR

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
FACE_OF = {"embedRegular": "Regular", "embedBold": "Bold", "embedItalic": "Italic", "embedBoldItalic": "BoldItalic"}


def embedded_fonts(path: Path) -> dict[str, dict[str, TTFont]]:
    """Font-table entry name -> {face: the embedded font, de-obfuscated}."""
    with zipfile.ZipFile(path) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
        names = z.namelist()
        rels = "word/_rels/fontTable.xml.rels"
        targets = {rel.get("Id"): rel.get("Target") for rel in etree.fromstring(z.read(rels))} if rels in names else {}
        found = {}
        for entry in table.iter(f"{W}font"):
            for embed in entry:
                if embed.tag.removeprefix(W) not in FACE_OF:
                    continue
                data = z.read("word/" + targets[embed.get(f"{R}id")])
                key = bytes.fromhex(embed.get(f"{W}fontKey").strip("{}").replace("-", ""))[::-1]
                plain = bytes(b ^ key[i % 16] for i, b in enumerate(data[:32])) + data[32:]
                found.setdefault(entry.get(f"{W}name"), {})[FACE_OF[embed.tag.removeprefix(W)]] = TTFont(io.BytesIO(plain))
    return found


def run_faces(doc) -> set[str]:
    names = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}
    runs = [r for p in doc.paragraphs for r in p.runs] + \
        [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    return {names[bool(r.bold), bool(r.italic)] for r in runs if r.text.strip()}


@pytest.fixture
def italic_project(mini_project):
    sop = mini_project / "sops" / "contoh.yaml"
    sop.write_text(sop.read_text().replace("menyampaikan pengaduan", "menyampaikan *informed consent* — ±5 ‘kasus’"))
    return mini_project


def test_docx_carries_the_faces_its_runs_use(italic_project, tmp_path):
    build(italic_project, tmp_path, formats=["docx"])
    path = tmp_path / "contoh.docx"
    doc = Document(path)  # still opens with python-docx
    asked = doc.styles["Normal"].font.name
    assert asked == "Arial"  # the package template's Normal style: the name the runs ask for
    fonts = embedded_fonts(path)
    assert set(fonts) == {asked}  # embedded under that name, which LibreOffice registers it as
    faces = fonts[asked]
    assert set(faces) == run_faces(doc) == {"Regular", "Bold", "Italic"}
    text = "".join(p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs)
    for face, font in faces.items():
        assert font["name"].getDebugName(1) == "Liberation Sans"
        assert font["OS/2"].fsType == 0  # installable: readers may use and edit with it
        shipped = set(TTFont(FONT_DIR / f"LiberationSans-{face}.ttf")["cmap"].getBestCmap())
        covered = set(font["cmap"].getBestCmap())
        assert {ord(c) for c in text} & shipped <= covered, face  # every character the document shows
        assert {ord(c) for c in package.BASE_TEXT} & shipped <= covered  # and what an editor types
        assert len(covered) < len(shipped) / 3  # a subset, not the whole face
    with zipfile.ZipFile(path) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
        types = z.read("[Content_Types].xml").decode()
        sizes = [z.getinfo(n).compress_size for n in z.namelist() if n.startswith("word/fonts/")]
    assert settings.find(f"{W}embedTrueTypeFonts") is not None and settings.find(f"{W}saveSubsetFonts") is not None
    assert [c.tag for c in settings][:3] == [f"{W}zoom", f"{W}embedTrueTypeFonts", f"{W}saveSubsetFonts"]
    assert 'Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"' in types
    assert sum(sizes) < 120_000  # three faces, compressed


def test_font_table_names_follow_the_template(mini_project, tmp_path):
    """A dinas template naming Liberation Sans gets it under that name; one naming a
    font we do not ship gets nothing embedded (and no embedding flag)."""
    from soppress.render.docx.template import TEMPLATE
    (mini_project / "templates").mkdir()
    for name, expected in (("Liberation Sans", {"Liberation Sans"}), ("Bookman Old Style", set())):
        own = Document(TEMPLATE)
        own.styles["Normal"].font.name = name
        own.save(mini_project / "templates" / "sop.docx")
        build(mini_project, tmp_path / name, formats=["docx"])
        path = tmp_path / name / "contoh.docx"
        assert Document(path).styles["Normal"].font.name == name
        assert set(embedded_fonts(path)) == expected
        with zipfile.ZipFile(path) as z:
            assert ("<w:embedTrueTypeFonts/>" in z.read("word/settings.xml").decode()) == bool(expected)


def test_faces_follow_run_character_and_paragraph_styles(tmp_path):
    doc = Document()
    bold = doc.styles.add_style("Tebal", WD_STYLE_TYPE.PARAGRAPH)
    bold.font.bold = True
    child = doc.styles.add_style("TebalJuga", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = bold
    doc.add_paragraph("biasa")
    doc.add_paragraph("tebal dari gaya induk", style="TebalJuga").add_run(" dan miring").italic = True
    doc.add_paragraph("", style="Tebal").add_run("tidak tebal").bold = False
    out = io.BytesIO()
    doc.save(out)
    with zipfile.ZipFile(out) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    assert package.used_faces(parts) == {"Regular", "Bold", "BoldItalic"}
    doc.styles["Normal"].font.name = "Liberation Sans"  # the default template has no such entry: one is made
    out = io.BytesIO()
    doc.save(out)
    path = tmp_path / "x.docx"
    path.write_bytes(package.finish(out.getvalue()))
    assert set(embedded_fonts(path)["Liberation Sans"]) == {"Regular", "Bold", "BoldItalic"}
    assert Document(path).paragraphs[1].runs[1].italic


def test_same_source_same_docx_bytes(mini_project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    build(mini_project, tmp_path / "a", formats=["docx"])
    package.subset_face.cache_clear()  # the second build subsets afresh, as another run would
    build(mini_project, tmp_path / "b", formats=["docx"])
    first, second = (tmp_path / "a/contoh.docx").read_bytes(), (tmp_path / "b/contoh.docx").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a/contoh.docx") as z:
        infos = z.infolist()
    assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}
    assert [i.filename for i in infos][:2] == ["[Content_Types].xml", "_rels/.rels"]
    core = Document(tmp_path / "a/contoh.docx").core_properties
    assert core.created.isoformat().startswith("2026-01-01T00:00:00")
    assert core.modified.isoformat().startswith("2026-01-01T00:00:00")


@needs_soffice
def test_a_reader_with_only_dejavu_lays_out_in_liberation_only_because_it_is_embedded(mini_project, tmp_path,
                                                                                      monkeypatch):
    """The control for the DejaVu-only comparisons in test_docx and test_buku: the
    same DOCX without its fonts falls back to DejaVu there, and the font check says so."""
    build(mini_project, tmp_path / "with", formats=["docx"])
    monkeypatch.setattr(package, "embed_fonts", lambda parts: None)
    build(mini_project, tmp_path / "without", formats=["docx"])
    assert embedded_fonts(tmp_path / "without" / "contoh.docx") == {}
    convert([tmp_path / "with" / "contoh.docx"], tmp_path / "lo-with", fonts=DEJAVU_ONLY)  # checks: Liberation
    bare = convert([tmp_path / "without" / "contoh.docx"], tmp_path / "lo-without", fonts=DEJAVU_ONLY,
                   check_fonts=False)[0]
    used = fonts_used(bare)
    assert used and not any("Liberation" in name for name in used) and any("DejaVu" in name for name in used), used
    with pytest.raises(AssertionError, match="not Liberation Sans"):
        assert_liberation(bare)


def test_a_docx_without_font_table_or_settings_gets_both(tmp_path):
    """Not every writer saves these parts; the fonts still go in, and python-docx opens the result."""
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.add_paragraph("Tanpa tabel huruf")
    out = io.BytesIO()
    doc.save(out)
    with zipfile.ZipFile(out) as z:
        parts = {n: z.read(n) for n in z.namelist() if n not in ("word/fontTable.xml", "word/settings.xml")}
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    for rel in [r for r in rels if r.get("Type").rsplit("/", 1)[1] in ("fontTable", "settings")]:
        rels.remove(rel)
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels)
    stripped = io.BytesIO()
    with zipfile.ZipFile(stripped, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path = tmp_path / "x.docx"
    path.write_bytes(package.finish(stripped.getvalue()))
    assert set(embedded_fonts(path)["Arial"]) == {"Regular"}
    assert Document(path).paragraphs[0].text == "Tanpa tabel huruf"
    with zipfile.ZipFile(path) as z:
        assert b"<w:embedTrueTypeFonts/>" in z.read("word/settings.xml")
