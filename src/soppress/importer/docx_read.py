"""Read a Word document into grid tables: the text of every cell, paragraph by
paragraph, and the drawing anchored in it (DrawingML shapes and connectors, VML
shapes of older files, pictures with their alternative text).

python-docx opens the package; the cells are walked with lxml directly, because
python-docx exposes neither anchored shapes nor the raw merge marks needed to
keep a merged cell from being read twice."""
from __future__ import annotations

import zipfile
from pathlib import Path

from soppress.importer.grid import Cell, Document, Para, Row, Shape, Table
from soppress.importer.problems import ImporError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE container: a .doc, or an encrypted .docx
MAX_UNPACKED = 200 * 2**20   # a book of SOPs with pictures is a few MB

# DrawingML preset geometries and VML shape types, by the Permenpan symbol they draw
PRESETS = {
    "flowChartTerminator": "kapsul", "roundRect": "kapsul", "ellipse": "kapsul", "flowChartAlternateProcess": "kapsul",
    "flowChartProcess": "proses", "rect": "proses", "flowChartPredefinedProcess": "proses",
    "flowChartDecision": "keputusan", "diamond": "keputusan",
    "flowChartConnector": "penghubung", "flowChartOffpageConnector": "penghubung", "homePlate": "penghubung",
}
VML_TYPES = {"116": "kapsul", "176": "kapsul", "109": "proses", "1": "proses", "110": "keputusan", "4": "keputusan",
             "120": "penghubung", "177": "penghubung", "32": "garis", "33": "garis", "34": "garis", "20": "garis"}
NUMBERED_STYLES: set[str] = set()  # paragraph styles that carry Word's list numbering (List Number, …)
VML_TAGS = {"roundrect": "kapsul", "oval": "kapsul", "rect": "proses", "line": "garis", "polyline": "garis"}


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def read_docx(path: Path) -> Document:
    _check_package(path)
    import docx
    from lxml import etree
    try:
        document = docx.Document(str(path))
        body = document.element.body
        NUMBERED_STYLES.clear()
        NUMBERED_STYLES.update(s.get(q("w:styleId")) for s in document.styles.element.findall(q("w:style"))
                               if s.find(f"{q('w:pPr')}/{q('w:numPr')}") is not None)
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ImporError(f"{path}: berkas Word rusak atau bukan dokumen Word ({type(exc).__name__}); buka di Word "
                         "atau LibreOffice lalu simpan ulang sebagai .docx") from None
    tables: list[Table] = []
    paragraphs: list[str] = []
    last = ""
    for el in body.iter(q("w:tbl"), q("w:p")):
        if el.tag == q("w:tbl") and not _nested(el):
            tables.append(_table(el, len(tables)))
            tables[-1].before, last = last, ""
        elif el.tag == q("w:p") and el.getparent().tag == q("w:body"):
            text = _para(el).text.strip()
            if text:
                paragraphs.append(text)
                last = text
    return Document(tables, paragraphs)


def _check_package(path: Path) -> None:
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise ImporError(f"{path}: berkas tidak dapat dibaca ({exc.strerror or type(exc).__name__})") from None
    if head == OLE:
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ImporError(f"{path}: dokumen Word ini dilindungi kata sandi; buka di Word, hapus kata sandinya "
                             "(File > Info > Protect Document), simpan, lalu impor lagi")
        raise ImporError(f"{path}: ini dokumen Word format lama (.doc); buka di Word atau LibreOffice dan simpan "
                         "sebagai .docx, lalu impor lagi")
    if not zipfile.is_zipfile(path):
        raise ImporError(f"{path}: bukan dokumen Word (.docx) atau berkasnya rusak; buka di Word atau LibreOffice "
                         "lalu simpan ulang sebagai .docx")
    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                raise ImporError(f"{path}: berkas ZIP ini bukan dokumen Word (tidak ada word/document.xml)")
            if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED:  # before anything is unpacked
                raise ImporError(f"{path}: isi dokumen Word ini lebih dari {MAX_UNPACKED // 2**20} MB setelah "
                                 "dibuka; SOP biasanya jauh lebih kecil: periksa apakah ini berkas yang benar")
            if z.testzip() is not None:
                raise zipfile.BadZipFile
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ImporError(f"{path}: berkas Word rusak (arsipnya tidak utuh); simpan ulang dari Word atau LibreOffice")


def _nested(tbl) -> bool:
    parent = tbl.getparent()
    while parent is not None:
        if parent.tag == q("w:tbl"):
            return True
        parent = parent.getparent()
    return False


def _table(tbl, index: int) -> Table:
    rows: list[Row] = []
    above: dict[int, Cell] = {}
    for tr in tbl.findall(q("w:tr")):
        cells: list[Cell] = []
        col = _int(tr, "w:trPr/w:gridBefore", "w:val") or 0
        cells.extend(Cell() for _ in range(col))
        for tc in tr.findall(q("w:tc")):
            span = _int(tc, "w:tcPr/w:gridSpan", "w:val") or 1
            vmerge = tc.find(f"{q('w:tcPr')}/{q('w:vMerge')}")
            if vmerge is not None and vmerge.get(q("w:val")) in (None, "continue") and col in above:
                above[col].shapes.extend(_shapes(tc))  # a drawing anchored in the lower part of the merge
                cells.extend([Cell(merged_above=True)] * span)
            else:
                cell = Cell(paras=[_para(p) for p in tc.iter(q("w:p")) if not _in_textbox(p, tc)], shapes=_shapes(tc))
                for c in range(col, col + span):
                    above[c] = cell
                cells.extend([cell] * span)
            col += span
        height = tr.find(f"{q('w:trPr')}/{q('w:trHeight')}")
        exact = height is not None and height.get(q("w:hRule")) == "exact"
        rows.append(Row(cells, int(height.get(q("w:val"))) if exact else None))
    table = Table(rows, index)
    if any(s.kind == "kelompok" for row in rows for cell in row.cells for s in cell.shapes):
        from soppress.importer.groups import place
        place(table, [_int(col, "", "w:w") or 0 for col in tbl.findall(f"{q('w:tblGrid')}/{q('w:gridCol')}")])
    return table


def _int(el, path: str, attr: str) -> int | None:
    found = el.find("/".join(q(p) for p in path.split("/"))) if path else el
    try:
        return int(found.get(q(attr))) if found is not None else None
    except (TypeError, ValueError):
        return None


def _in_textbox(p, stop) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (q("w:txbxContent"), q("mc:Fallback")):
            return True
        parent = parent.getparent()
    return False


def _para(p) -> Para:
    out: list[str] = []
    for r in p.iter(q("w:r")):
        if _skipped(r, p):
            continue
        for child in r:
            if child.tag == q("w:t"):
                out.append(child.text or "")
            elif child.tag == q("w:tab"):
                out.append("\t")
            elif child.tag in (q("w:br"), q("w:cr")):
                out.append("\n")
    ind = p.find(f"{q('w:pPr')}/{q('w:ind')}")
    indent = 0
    if ind is not None:
        try:
            indent = int(ind.get(q("w:left")) or ind.get(q("w:start")) or 0)
        except ValueError:
            indent = 0
    level = _int(p, "w:pPr/w:numPr/w:ilvl", "w:val")
    style = p.find(f"{q('w:pPr')}/{q('w:pStyle')}")
    if level is None and (p.find(f"{q('w:pPr')}/{q('w:numPr')}") is not None
                          or style is not None and style.get(q("w:val")) in NUMBERED_STYLES):
        level = 0
    return Para("".join(out), indent, level)


def _skipped(r, p) -> bool:
    """Runs of deleted text, or of a text box / fallback inside the paragraph."""
    parent = r.getparent()
    while parent is not None and parent is not p:
        if parent.tag in (q("w:del"), q("w:txbxContent"), q("mc:Fallback")):
            return True
        parent = parent.getparent()
    return False


def _shapes(tc) -> list[Shape]:
    shapes: list[Shape] = []
    for holder in tc.iter(q("wp:anchor"), q("wp:inline")):
        if _under(holder, tc, q("mc:Fallback")):
            continue
        shapes.append(_drawing(holder))
    for el in tc.iter(q("w:pict")):
        if _under(el, tc, q("mc:Fallback")) and _has_choice(el, tc):
            continue
        for v in el:
            shape = _vml(v)
            if shape:
                shapes.append(shape)
    return shapes


def _under(el, stop, tag: str) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _has_choice(el, stop) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == q("mc:AlternateContent"):
            return parent.find(q("mc:Choice")) is not None
        parent = parent.getparent()
    return False


def _drawing(holder) -> Shape:
    doc_pr = holder.find(q("wp:docPr"))
    extent = holder.find(q("wp:extent"))
    shape = Shape("lain", ident=doc_pr.get("id", "") if doc_pr is not None else "",
                  descr=(doc_pr.get("descr") or "") if doc_pr is not None else "",
                  y=_offset(holder, "wp:positionV"), x=_offset(holder, "wp:positionH"),
                  h=int(extent.get("cy", 0)) if extent is not None else 0,
                  w=int(extent.get("cx", 0)) if extent is not None else 0)
    group = holder.find(f".//{q('wpg:wgp')}")
    canvas = holder.find(f".//{q('wpc:wpc')}")
    if group is not None or canvas is not None:
        from soppress.importer.groups import parts
        shape.kind, shape.parts = "kelompok", parts(group if group is not None else canvas, group is None, shape)
        return shape
    wsp = holder.find(f".//{q('wps:wsp')}")
    if wsp is None:
        shape.kind = "gambar" if holder.find(f".//{q('a:blip')}") is not None else "lain"
        return shape
    return wsp_shape(wsp, shape)


def _offset(holder, axis: str) -> int:
    found = holder.find(f"{q(axis)}/{q('wp:posOffset')}")
    text = (found.text or "").strip() if found is not None else ""
    return int(text) if text.lstrip("-").isdigit() else 0


def wsp_shape(wsp, shape: Shape) -> Shape:
    """What one wps:wsp draws: a symbol by its preset geometry, or a connector and its ends."""
    geom = wsp.find(f".//{q('a:prstGeom')}")
    preset = geom.get("prst", "") if geom is not None else ""
    connector = wsp.find(q("wps:cNvCnPr"))
    if connector is not None or "Connector" in preset and preset not in PRESETS or preset == "line":
        shape.kind = "garis"
        if connector is not None:
            start, end = connector.find(q("a:stCxn")), connector.find(q("a:endCxn"))
            shape.start = start.get("id", "") if start is not None else ""
            shape.end = end.get("id", "") if end is not None else ""
    else:
        shape.kind = PRESETS.get(preset, "lain")
    xfrm = wsp.find(f"{q('wps:spPr')}/{q('a:xfrm')}")
    shape.flip_v = xfrm is not None and xfrm.get("flipV") in ("1", "true")
    shape.text = " ".join("".join(t.text or "" for t in p.iter(q("w:t"))) for p in wsp.iter(q("w:p"))).strip()
    return shape


def _vml(v) -> Shape | None:
    local = v.tag.rsplit("}", 1)[-1]
    if not v.tag.startswith(f"{{{NS['v']}}}"):
        return None
    kind = VML_TAGS.get(local)
    if local == "shape":
        kind = VML_TYPES.get((v.get("type") or "").rsplit("t", 1)[-1], "lain")
    if kind is None:
        return None
    text = " ".join("".join(t.text or "" for t in p.iter(q("w:t"))) for p in v.iter(q("w:p"))).strip()
    return Shape(kind, ident=v.get("id", ""), descr=v.get("alt", "") or "", text=text)
