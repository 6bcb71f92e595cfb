"""Word SOPs made the way dinas make them, built with python-docx for the import
tests: flowchart symbols drawn as shapes anchored in the pelaksana cells (DrawingML,
VML, or both in mc:AlternateContent as Word saves them), connectors glued to the
shapes or only positioned, merged heading cells, a column-index row, typed list
numbers, Word's own list numbering, section rows and sub-steps.

Each document is built from a spec (the steps, their pelaksana columns, symbols and
branches); the tests import the document and compare the result with that spec.
Run as a script to write the documents to a folder: python tests/impor_fixtures.py DIR"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm

NS = ('xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
      'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
EMU_MM = 36000
ROW_MM = 14                      # fixed body-row height where the spec asks for exact rows
HEAD_MM = 10                     # fixed heading-row height (group drawings)
PRESET = {"kapsul": "flowChartTerminator", "proses": "flowChartProcess", "keputusan": "flowChartDecision"}
VML = {"kapsul": '<v:roundrect arcsize="0.5" style="width:20mm;height:6mm"/>',
       "proses": '<v:rect style="width:20mm;height:6mm"/>',
       "keputusan": '<v:shape type="#_x0000_t110" style="width:20mm;height:8mm"/>'}


@dataclass
class Step:
    uraian: str
    lanes: list[int]                       # pelaksana columns holding the symbol
    kind: str = "proses"                   # kapsul | proses | keputusan
    branches: list[tuple[str, int]] = field(default_factory=list)   # (label, to step)
    waktu: str = "10 menit"
    subs: list[str] = field(default_factory=list)


@dataclass
class Spec:
    name: str
    lanes: list[str]
    steps: list                            # Step, or str for a section row ("A. …")
    drawing: str = "dml"                   # dml | vml | both (mc:AlternateContent) | group (wpg) | none
    glue: bool = True                      # connectors name the shapes they join
    exact_rows: bool = True                # body rows of fixed height
    index_row: bool = False
    auto_numbers: bool = False             # sections numbered by Word (w:numPr), not typed
    unit_line: str = "UPT PPA UJI"


class _Ids:
    def __init__(self):
        self.n = 100

    def next(self) -> int:
        self.n += 1
        return self.n


def _anchor(ident: int, preset: str, cx: int, cy: int, y: int = 0, connector: str = "", flip: bool = False,
            text: str = "") -> str:
    shape_props = f"<wps:cNvCnPr>{connector}</wps:cNvCnPr>" if connector or preset.endswith("Connector1") \
        else "<wps:cNvSpPr/>"
    flip_attr = ' flipV="1"' if flip else ""
    box = (f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
           if text else "")
    return (f'<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{ident}" '
            f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>180000</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{ident}" name="Shape {ident}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp>{shape_props}<wps:spPr><a:xfrm{flip_attr}><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
            f'</a:xfrm><a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom></wps:spPr>{box}<wps:bodyPr/></wps:wsp>'
            f'</a:graphicData></a:graphic></wp:anchor></w:drawing>')


def _run(cell, inner: str) -> None:
    cell.paragraphs[0]._p.append(parse_xml(f"<w:r {NS}>{inner}</w:r>"))


def _symbol(cell, kind: str, ident: int, drawing: str) -> None:
    dml = _anchor(ident, PRESET[kind], 20 * EMU_MM, 6 * EMU_MM, y=4 * EMU_MM)
    shape = VML[kind].replace("/>", f' id="_x0000_s{ident}"/>', 1)
    vml = f"<w:pict>{shape}</w:pict>"
    if drawing == "dml":
        _run(cell, dml)
    elif drawing == "vml":
        _run(cell, vml)
    elif drawing == "both":
        _run(cell, f'<mc:AlternateContent><mc:Choice Requires="wps">{dml}</mc:Choice>'
                   f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent>")


def _connector(cell, ident: int, start: int, end: int, rows_down: int, label: str, glue: bool) -> None:
    """A line from the diamond (its row's centre) to the row ``rows_down`` below (above when negative)."""
    glued = f'<a:stCxn id="{start}" idx="2"/><a:endCxn id="{end}" idx="0"/>' if glue else ""
    centre = ROW_MM / 2 * EMU_MM
    length = abs(rows_down) * ROW_MM * EMU_MM
    y = centre if rows_down > 0 else centre - length
    _run(cell, _anchor(ident, "bentConnector3", 12 * EMU_MM, length, y=int(y), connector=glued,
                       flip=rows_down < 0, text=label))


def _group(table, spec: Spec, rows, numbers: dict[int, int], ids: _Ids) -> None:
    """The whole flowchart as one group shape anchored in the first pelaksana cell of
    the first body row, its shapes placed over the cells they belong to. The group's
    child coordinates are at half scale from an offset (chOff/chExt), as Word writes
    a group that was resized."""
    widths = [int(col.get(qn("w:w"))) * 635 for col in table._tbl.tblGrid.gridCol_lst]
    lane_left = [sum(widths[:2 + i]) - sum(widths[:2]) for i in range(len(spec.lanes))]
    row_mm = ROW_MM * EMU_MM
    first_body = len(table.rows) - len(rows)
    children, shape_of = [], {}
    for index, (_, item) in enumerate(rows):
        if item is None:
            continue
        for lane in item.lanes:
            ident = ids.next()
            shape_of.setdefault(index, ident)
            x, y = lane_left[lane] + widths[2 + lane] // 2 - 10 * EMU_MM, index * row_mm + 4 * EMU_MM
            children.append((ident, PRESET[item.kind], x, y, 20 * EMU_MM, 6 * EMU_MM, False, ""))
    for index, (_, item) in enumerate(rows):
        for label, to in (item.branches if item else []):
            down = numbers[to] - index
            x = lane_left[item.lanes[0]] + widths[2 + item.lanes[0]] // 2 + 10 * EMU_MM
            top = index * row_mm + row_mm // 2 if down > 0 else (index + down) * row_mm + row_mm // 2
            children.append((ids.next(), "bentConnector3", x, top, 12 * EMU_MM, abs(down) * row_mm, down < 0, label))
    w, h = sum(widths[2:2 + len(spec.lanes)]), len(rows) * row_mm

    def child(c):
        ident, preset, x, y, cx, cy, flip, label = c
        geom = "<wps:cNvCnPr/>" if "Connector" in preset else "<wps:cNvSpPr/>"
        box = (f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{label}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
               if label else "")
        flip_attr = ' flipV="1"' if flip else ""
        return (f'<wps:wsp><wps:cNvPr id="{ident}" name="Bentuk {ident}"/>{geom}<wps:spPr>'
                f'<a:xfrm{flip_attr}><a:off x="{1000 + x // 2}" y="{1000 + y // 2}"/>'
                f'<a:ext cx="{cx // 2}" cy="{cy // 2}"/></a:xfrm><a:prstGeom prst="{preset}"><a:avLst/></a:prstGeom>'
                f"</wps:spPr>{box}<wps:bodyPr/></wps:wsp>")
    group = (f'<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
             f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
             f'<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
             f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
             f'<wp:extent cx="{w}" cy="{h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
             f'<wp:docPr id="{ids.next()}" name="Bagan"/><wp:cNvGraphicFramePr/><a:graphic>'
             f'<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:wgp>'
             f'<wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{w}" cy="{h}"/>'
             f'<a:chOff x="1000" y="1000"/><a:chExt cx="{w // 2}" cy="{h // 2}"/></a:xfrm></wpg:grpSpPr>'
             + "".join(child(c) for c in children) + "</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing>")
    _run(table.rows[first_body].cells[2], group)


def build(spec: Spec, folder: Path) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = section.page_height, section.page_width
    _identity(doc, spec)
    _sections(doc, spec)
    _activity(doc, spec)
    target = folder / f"{spec.name}.docx"
    doc.save(str(target))
    return target


def _identity(doc, spec: Spec) -> None:
    rows = [("Nomor SOP", "800/01/UJI/2025"), ("Tanggal Pembuatan", "2 Januari 2025"), ("Tanggal Revisi", "-"),
            ("Tanggal Efektif", "3 Februari 2025"),
            ("Disahkan oleh", "Kepala Dinas Uji\n\nBudi Contoh, S.Sos\nNIP. 19700101 199001 1 001"),
            ("Nama SOP", f"Layanan Uji {spec.name}")]
    table = doc.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    kop = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))  # the kop spans every identity row
    kop.paragraphs[0].text = "PEMERINTAH KABUPATEN UJI"
    kop.add_paragraph(spec.unit_line)
    for i, (label, value) in enumerate(rows):
        table.cell(i, 1).text = label
        lines = value.split("\n")
        table.cell(i, 2).paragraphs[0].text = lines[0]
        for line in lines[1:]:
            table.cell(i, 2).add_paragraph(line)


def _sections(doc, spec: Spec) -> None:
    table = doc.add_table(rows=6, cols=2)
    table.style = "Table Grid"
    content = {
        (0, 0): ("DASAR HUKUM", ["Undang-Undang Nomor 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga",
                                 "Peraturan Bupati Uji Nomor 99 Tahun 2024 tentang Layanan Uji"]),
        (0, 1): ("KUALIFIKASI PELAKSANA", ["Memahami layanan", "Menjaga kerahasiaan"]),
        (2, 0): ("KETERKAITAN", []),
        (2, 1): ("PERALATAN/PERLENGKAPAN", ["Komputer", "ATK"]),
        (4, 0): ("PERINGATAN", ["Petugas wajib menjaga kerahasiaan klien"]),
        (4, 1): ("PENCATATAN DAN PENDATAAN", ["Buku register", "Aplikasi"]),
    }
    for (r, c), (title, items) in content.items():
        table.cell(r, c).text = title
        cell = table.cell(r + 1, c)
        if not items:
            cell.text = "-"
        for i, item in enumerate(items):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if spec.auto_numbers:
                p.style = doc.styles["List Number"]
                p.add_run(item)
            else:
                p.add_run(f"{i + 1}.\t{item}")  # typed numbers, as most dinas type them


def _activity(doc, spec: Spec) -> None:
    n = len(spec.lanes)
    cols = 2 + n + 4
    doc.add_paragraph(f"SOP LAYANAN UJI {spec.name.upper()}")
    table = doc.add_table(rows=2, cols=cols)
    table.style = "Table Grid"
    if spec.drawing == "group":  # every row fixed: the group's shapes are placed by position
        for row in table.rows:
            row.height, row.height_rule = Mm(HEAD_MM), 2
    top, second = table.rows[0].cells, table.rows[1].cells
    for i, title in ((0, "NO"), (1, "KEGIATAN"), (cols - 1, "KETERANGAN")):
        merged = table.cell(0, i).merge(table.cell(1, i))
        merged.text = title
    table.cell(0, 2).merge(table.cell(0, 1 + n)).text = "PELAKSANA"
    table.cell(0, 2 + n).merge(table.cell(0, 4 + n)).text = "MUTU BAKU"
    for i, lane in enumerate(spec.lanes):
        second[2 + i].text = lane
    for i, title in enumerate(("KELENGKAPAN", "WAKTU", "OUTPUT")):
        second[2 + n + i].text = title
    del top
    if spec.index_row:
        for i, cell in enumerate(table.add_row().cells):
            cell.text = str(i + 1)
    ids = _Ids()
    numbers: dict[int, int] = {}   # step number -> body row index
    rows = []
    no = 0
    for item in spec.steps:
        row = table.add_row()
        if spec.exact_rows:
            row.height = Mm(ROW_MM)
            row.height_rule = 2  # WD_ROW_HEIGHT_RULE.EXACTLY
        if isinstance(item, str):
            letter, _, text = item.partition(" ")
            row.cells[0].text, row.cells[1].text = letter, text
            rows.append((row, None))
            continue
        no += 1
        numbers[no] = len(rows)
        row.cells[0].text = str(no)
        row.cells[1].text = item.uraian
        for i, sub in enumerate(item.subs):
            row.cells[1].add_paragraph(f"{chr(97 + i)}.\t{sub}")
        row.cells[2 + n].text = "Formulir"
        row.cells[3 + n].text = item.waktu
        row.cells[4 + n].text = "Catatan"
        rows.append((row, item))
    if spec.drawing == "group":
        _group(table, spec, rows, numbers, ids)
        return
    shape_ids: dict[int, list[int]] = {}
    for index, (row, item) in enumerate(rows):
        if item is None:
            continue
        shape_ids[index] = []
        for lane in item.lanes:
            ident = ids.next()
            shape_ids[index].append(ident)
            _symbol(row.cells[2 + lane], item.kind, ident, spec.drawing)
    for index, (row, item) in enumerate(rows):
        if item is None or not item.branches or spec.drawing == "none":
            continue
        for label, to in item.branches:
            target = numbers[to]
            _connector(row.cells[2 + item.lanes[0]], ids.next(), shape_ids[index][0], shape_ids[target][0],
                       target - index, label, spec.glue)


LANES = ["Petugas Pengaduan", "Konselor", "Kepala UPTD PPA"]

SPECS = [
    # Shapes in DrawingML, glued connectors, a column-index row, a decision going back.
    Spec("glued", LANES, [
        Step("Menerima pengaduan", [0], "kapsul"),
        Step("Mencatat identitas pelapor", [0]),
        Step("Menilai kelengkapan laporan", [1], "keputusan", [("Lengkap", 4), ("Belum", 2)]),
        Step("Menyusun rencana layanan", [1, 2]),
        Step("Menutup layanan", [2], "kapsul"),
    ], index_row=True, exact_rows=False),  # rows not fixed: only the glue tells where the lines end
    # Connectors only positioned (no glue): ends read from their length through fixed rows.
    Spec("positioned", LANES, [
        "A. Penerimaan",
        Step("Pelapor datang", [0], "kapsul"),
        Step("Memeriksa kedaruratan", [1], "keputusan", [("Ya", 4), ("Tidak", 3)]),
        Step("Memberi konseling", [1]),
        "B. Rujukan",
        Step("Merujuk ke rumah aman", [2]),
        Step("Selesai", [2], "kapsul"),
    ], glue=False),
    # VML shapes (older Word), sub-steps in one cell.
    Spec("vml", LANES[:2], [
        Step("Menerima rujukan", [0], "kapsul"),
        Step("Melakukan asesmen", [1], subs=["asesmen psikologis", "asesmen sosial"]),
        Step("Mengarsipkan berkas", [0], "kapsul"),
    ], drawing="vml"),
    # What Word saves: DrawingML with a VML fallback; Word's own list numbering in the sections.
    Spec("alternate", LANES, [
        Step("Menerima telepon", [0], "kapsul"),
        Step("Mengecek data korban", [0, 1]),
        Step("Kasus anak?", [1], "keputusan", [("Ya", 4), ("Tidak", 5)]),
        Step("Melibatkan pekerja sosial anak", [2]),
        Step("Menyelesaikan layanan", [1], "kapsul"),
    ], drawing="both", auto_numbers=True),
    # A decision whose connectors are neither glued nor in rows of fixed height: not knowable.
    Spec("unknowable", LANES[:2], [
        Step("Menerima berkas", [0], "kapsul"),
        Step("Berkas lengkap?", [1], "keputusan", [("Ya", 3), ("Tidak", 1)]),
        Step("Memproses berkas", [1], "kapsul"),
    ], glue=False, exact_rows=False),
    # The whole flowchart grouped into one drawing, anchored in one cell, resized (scaled children).
    Spec("kelompok", LANES, [
        Step("Menerima pengaduan", [0], "kapsul"),
        Step("Apakah darurat?", [1], "keputusan", [("Darurat", 4), ("Tidak", 3)]),
        Step("Menjadwalkan konseling", [1, 2]),
        Step("Merujuk ke rumah sakit", [2]),
        Step("Menutup layanan", [0], "kapsul"),
    ], drawing="group"),
    # No drawing at all (symbols lost): pelaksana left to the user.
    Spec("tanpa-bagan", LANES[:2], [
        Step("Petugas pengaduan menerima laporan", [0], "kapsul"),
        Step("Konselor memberikan konseling", [1]),
        Step("Menutup kasus", [1], "kapsul"),
    ], drawing="none"),
]


def build_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {spec.name: build(spec, folder) for spec in SPECS}


if __name__ == "__main__":
    for name, path in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else "impor-fixtures")).items():
        print(path)
