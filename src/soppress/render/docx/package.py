"""The last step of every DOCX soppress writes: the shipped Liberation Sans inside
the file, and the same bytes for the same source.

**Fonts.** Runs ask for the font the template's styles name: "Arial" in the
package template (style *Normal*), perhaps "Liberation Sans" in a dinas template.
Liberation Sans has Arial's metrics, so the font-table entry of each such name the
document asks for carries the shipped faces its runs use, embedded as ECMA-376
Part 1 §17.8 says: obfuscated ``word/fonts/*.odttf`` parts, ``w:embedRegular`` …
with a ``w:fontKey``, ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts``.
LibreOffice registers an embedded face under the entry's name, so a reader without
Arial and Liberation lays the file out with our metrics; Word uses its own Arial,
whose metrics are the same.

**Subset.** Each face is cut (fontTools) to a fixed Latin set plus anything else
the document uses, not to the document's characters alone: LibreOffice keeps the
first embedded face of a name and style for its whole session (vcl
EmbeddedFontsHelper: an existing temporary file is "assumed already added"), so
every soppress DOCX should carry the same face; and staff editing a sentence type
letters the document did not use yet.

**Reproducible.** Zip members in a fixed order with fixed times and attributes,
core dates from ``SOURCE_DATE_EPOCH`` (else the build time), font keys derived from
the font bytes.
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import posixpath
import re
import time
import uuid
import zipfile

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont
from lxml import etree

from soppress.render.docx import diskcache
from soppress.resources import FONT_DIR

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
FONT_REL = f"{R}/font"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"

STAND_INS = ("Arial", "Liberation Sans")  # names a Liberation Sans face lays out with the same metrics
FAMILY = "LiberationSans"
FACES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}
BASE_TEXT = "".join(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x203B),
                              0x20AC, 0x2122, 0x2212]))  # Latin-1, Latin Extended-A, punctuation, € ™ −
TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def finish(data: bytes) -> bytes:
    """The saved DOCX ``data`` as soppress ships it: fonts embedded, core dates
    set, zip written reproducibly."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return finish_parts({name: z.read(name) for name in z.namelist()})


def parts_of(doc) -> dict[str, bytes]:
    """The members python-docx's ``Document.save`` would zip (its own PackageWriter
    steps), without zipping them: ``finish_parts`` zips them once."""
    from docx.opc.pkgwriter import PackageWriter

    class Members(dict):
        def write(self, uri, blob: bytes) -> None:
            self[uri.membername] = blob

    package = doc.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    members = Members()
    PackageWriter._write_content_types_stream(members, parts)
    PackageWriter._write_pkg_rels(members, package.rels)
    PackageWriter._write_parts(members, parts)
    return dict(members)


def finish_parts(parts: dict[str, bytes]) -> bytes:
    """``finish`` of the package's members (name -> bytes)."""
    embed_fonts(parts)
    epoch = source_date()
    _set_dates(parts, epoch)
    return _zip(parts, epoch)


def source_date() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


# ---------------------------------------------------------------- fonts

def embed_fonts(parts: dict[str, bytes]) -> None:
    trees = _text_trees(parts)  # parsed once: the text parts are most of the work
    requested = requested_fonts(parts, trees)
    names = [name for name in STAND_INS if name in requested]
    used = used_faces(parts, trees)
    faces = [face for face in FACES.values() if face in used]
    if not names or not faces:
        return
    text = "".join(sorted(set(BASE_TEXT) | set(document_text(parts, trees))))
    table_name = _related(parts, "word/document.xml", "fontTable", "fonts")
    rels = _rels(parts, table_name)
    table = etree.fromstring(parts[table_name])
    entries = [_entry(table, name) for name in names]
    _drop_embedded(parts, table_name, rels, entries)
    for face in faces:
        font = subset_face(face, text)
        key = "{%s}" % str(uuid.UUID(bytes=hashlib.sha256(font).digest()[:16])).upper()
        rid = f"rId{FAMILY}{face}"
        part = f"word/fonts/{FAMILY}-{face}.odttf"
        parts[part] = obfuscate(font, key)
        etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship", Id=rid, Type=FONT_REL,
                         Target=posixpath.relpath(part, posixpath.dirname(table_name)))
        for entry in entries:
            etree.SubElement(entry, w(f"embed{face}"), {f"{{{R}}}id": rid, w("fontKey"): key, w("subsetted"): "1"})
    parts[table_name] = _xml(table)
    parts[_rels_name(table_name)] = _xml(rels)
    _content_default(parts, "odttf", OBFUSCATED_FONT)
    _settings_flags(parts, ["embedTrueTypeFonts", "saveSubsetFonts"])


def _text_trees(parts: dict[str, bytes]) -> dict:
    """The parsed text parts (document, headers, footers…)."""
    return {name: etree.fromstring(data) for name, data in parts.items() if TEXT_PARTS.fullmatch(name)}


def subset_face(face: str, text: str) -> bytes:
    """The shipped face cut to ``text``, names, hinting, kerning and layout tables kept
    (about 0.2 s a face): kept in this process, and on disk for the build's other
    workers and its next run, keyed by the font file, fontTools and the text. The disk
    entry is written whichever process cut the face first, so that a build's folder
    holds the same entries however its work was spread."""
    source = FONT_DIR / f"{FAMILY}-{face}.ttf"
    key = (SUBSET_VERSION, face, _file_hash(source), fontTools.version, text)
    return diskcache.cached("fonts", key, lambda: _subset(source, text))


SUBSET_VERSION = 1  # raise when the subsetting options change


@functools.lru_cache(maxsize=8)
def _file_hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.lru_cache(maxsize=16)
def _subset(source, text: str) -> bytes:
    options = subset.Options()
    options.name_IDs, options.name_languages, options.name_legacy = ["*"], ["*"], True
    options.layout_features, options.legacy_kern, options.notdef_outline = ["*"], True, True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a reader needs
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


subset_face.cache_clear = _subset.cache_clear  # what a new process would start with


def obfuscate(font: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1: the first 32 bytes XOR-ed with the GUID's bytes, last
    first. Its own inverse: applied to an .odttf part it gives the font back."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(b ^ secret[i % 16] for i, b in enumerate(font[:32])) + font[32:]


def requested_fonts(parts: dict[str, bytes], trees: dict | None = None) -> set[str]:
    """Every font name a run, style or numbering level asks for (theme fonts resolved)."""
    names, themed = set(), False
    trees = dict(_text_trees(parts) if trees is None else trees)
    trees.update((n, etree.fromstring(parts[n])) for n in ("word/styles.xml", "word/numbering.xml") if n in parts)
    for tree in trees.values():
        for fonts in tree.iter(w("rFonts")):
            names.update(fonts.get(w(a)) for a in ("ascii", "hAnsi") if fonts.get(w(a)))  # Latin text
            themed = themed or any(fonts.get(w(a)) for a in ("asciiTheme", "hAnsiTheme"))
    if themed and "word/theme/theme1.xml" in parts:
        drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
        theme = etree.fromstring(parts["word/theme/theme1.xml"])
        names.update(e.get("typeface") for e in theme.iterfind(f".//{{{drawing}}}latin") if e.get("typeface"))
    return names


def document_text(parts: dict[str, bytes], trees: dict | None = None) -> str:
    chunks = []
    for tree in (_text_trees(parts) if trees is None else trees).values():
        chunks.extend(t.text or "" for t in tree.iter(w("t")))
    if "word/numbering.xml" in parts:
        chunks.extend(e.get(w("val"), "") for e in etree.fromstring(parts["word/numbering.xml"]).iter(w("lvlText")))
    return "".join(chunks)


def used_faces(parts: dict[str, bytes], trees: dict | None = None) -> set[str]:
    """The faces the document's text runs are set in: bold and italic from the run,
    its character style and its paragraph style (with their ``basedOn`` chains)."""
    styles = _Styles(parts.get("word/styles.xml"))
    faces = set()
    for tree in (_text_trees(parts) if trees is None else trees).values():
        for run in tree.iter(w("r")):
            if run.find(w("t")) is None:
                continue
            paragraph = next(run.iterancestors(w("p")), None)
            pstyle = paragraph.find(f"{w('pPr')}/{w('pStyle')}") if paragraph is not None else None
            pstyle = pstyle.get(w("val")) if pstyle is not None else styles.default
            props = run.find(w("rPr"))
            rstyle = props.find(w("rStyle")) if props is not None else None
            rstyle = rstyle.get(w("val")) if rstyle is not None else None
            faces.add(FACES[tuple(_flag(props, tag, lambda t: styles.flag(rstyle, t, pstyle)) for tag in ("b", "i"))])
    return faces


class _Styles:
    """Bold and italic of the styles, following ``basedOn`` down to the document defaults."""

    def __init__(self, xml: bytes | None):
        root = etree.fromstring(xml) if xml else etree.Element(w("styles"))
        self.props = {s.get(w("styleId")): s for s in root.iter(w("style"))}
        self.defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.default = next((i for i, s in self.props.items()
                             if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true")), None)
        self.known: dict[tuple, bool] = {}

    def flag(self, rstyle: str | None, tag: str, pstyle: str | None) -> bool:
        key = (rstyle, tag, pstyle)  # a document has thousands of runs and a few style pairs
        if key not in self.known:
            self.known[key] = self._flag(rstyle, tag, pstyle)
        return self.known[key]

    def _flag(self, rstyle: str | None, tag: str, pstyle: str | None) -> bool:
        for start in (rstyle, pstyle):
            seen = set()
            while start in self.props and start not in seen:
                seen.add(start)
                value = _flag(self.props[start].find(w("rPr")), tag, lambda _: None)
                if value is not None:
                    return value
                based = self.props[start].find(w("basedOn"))
                start = based.get(w("val")) if based is not None else None
        return bool(_flag(self.defaults, tag, lambda _: False))


def _flag(props, tag: str, otherwise):
    element = props.find(w(tag)) if props is not None else None
    if element is None:
        return otherwise(tag)
    return element.get(w("val"), "true") not in ("0", "false", "off")


def _entry(table, name: str):
    entry = next((f for f in table.iter(w("font")) if f.get(w("name")) == name), None)
    if entry is None:
        entry = etree.SubElement(table, w("font"), {w("name"): name})
        etree.SubElement(entry, w("family"), {w("val"): "swiss"})
        etree.SubElement(entry, w("pitch"), {w("val"): "variable"})
    return entry


def _drop_embedded(parts, table_name: str, rels, entries) -> None:
    """A template may carry its own copy of Arial: ours replaces it."""
    for entry in entries:
        for old in [e for e in entry if e.tag.startswith(w("embed"))]:
            rid = old.get(f"{{{R}}}id")
            entry.remove(old)
            for rel in [r for r in rels if r.get("Id") == rid]:
                rels.remove(rel)
                parts.pop(posixpath.normpath(posixpath.join(posixpath.dirname(table_name), rel.get("Target"))), None)


# The head of CT_Settings' child sequence (ECMA-376 Part 1, §17.15.1.78), up to the flags we set.
SETTINGS_HEAD = ["writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                 "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                 "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
                 "saveSubsetFonts"]


def _settings_flags(parts, flags: list[str]) -> None:
    """Each flag in ``settings.xml``, after the children the schema puts before it."""
    name = _related(parts, "word/document.xml", "settings", "settings")
    settings = etree.fromstring(parts[name])
    for flag in flags:
        if settings.find(w(flag)) is not None:
            continue
        before = {w(tag) for tag in SETTINGS_HEAD[:SETTINGS_HEAD.index(flag)]}
        position = max((i + 1 for i, child in enumerate(settings) if child.tag in before), default=0)
        settings.insert(position, etree.Element(w(flag)))
    parts[name] = _xml(settings)


# ---------------------------------------------------------------- package plumbing

def _rels_name(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _rels(parts, part: str):
    name = _rels_name(part)
    if name in parts:
        return etree.fromstring(parts[name])
    return etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})


def _related(parts, source: str, kind: str, root: str) -> str:
    """The part ``source`` relates to by ``kind`` (``fontTable``, ``settings``), created empty if missing."""
    rels = _rels(parts, source)
    for rel in rels:
        if rel.get("Type") == f"{R}/{kind}":
            return posixpath.normpath(posixpath.join(posixpath.dirname(source), rel.get("Target")))
    name = f"word/{kind}.xml"
    parts[name] = _xml(etree.Element(w(root), nsmap={"w": W, "r": R}))
    ids = {rel.get("Id") for rel in rels}
    etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship", Id=next(f"rId{n}" for n in range(1, 999) if f"rId{n}" not in ids),
                     Type=f"{R}/{kind}", Target=posixpath.relpath(name, posixpath.dirname(source)))
    parts[_rels_name(source)] = _xml(rels)
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, f"{{{TYPES}}}Override", PartName=f"/{name}",
                     ContentType=f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml")
    parts["[Content_Types].xml"] = _xml(types)
    return name


def _content_default(parts, extension: str, content_type: str) -> None:
    types = etree.fromstring(parts["[Content_Types].xml"])
    if any(d.get("Extension", "").lower() == extension for d in types.iter(f"{{{TYPES}}}Default")):
        return
    types.insert(0, etree.Element(f"{{{TYPES}}}Default", Extension=extension, ContentType=content_type))
    parts["[Content_Types].xml"] = _xml(types)


def _set_dates(parts, epoch: int | None) -> None:
    """Created and modified: ``SOURCE_DATE_EPOCH`` when set, else now."""
    name = "docProps/core.xml"
    if name not in parts:
        return
    core = etree.fromstring(parts[name])
    terms, xsi = "http://purl.org/dc/terms/", "http://www.w3.org/2001/XMLSchema-instance"
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() if epoch is None else epoch))
    for tag in ("created", "modified"):
        element = core.find(f"{{{terms}}}{tag}")
        if element is None:
            element = etree.SubElement(core, f"{{{terms}}}{tag}")
        element.set(f"{{{xsi}}}type", "dcterms:W3CDTF")
        element.text = stamp
    parts[name] = _xml(core)


def _zip(parts: dict[str, bytes], epoch: int | None) -> bytes:
    """Members in a fixed order ([Content_Types].xml and the package relationships
    first, as Word writes them), every one with the same time and attributes. zlib's
    default level 6: level 9 took twice the time for 2 % smaller files."""
    when = time.gmtime(max(epoch if epoch is not None else ZIP_EPOCH, ZIP_EPOCH))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n)):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 0, 0
            z.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()


def _xml(element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
