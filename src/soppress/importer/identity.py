"""The identity table (Nomor SOP, tanggal, Disahkan oleh, Nama SOP) and the six
sections (dasar hukum … pencatatan) of an imported SOP, read from grid tables."""
from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from soppress.importer.grid import Cell, Para, Table, squash
from soppress.model.waktu import BULAN

LABELS = {  # squashed label → field
    "nomor sop": "nomor", "no sop": "nomor", "nomor revisi": "nomor_revisi", "nomot revisi": "nomor_revisi",
    "tanggal pembuatan": "tanggal_pembuatan", "tgl pembuatan": "tanggal_pembuatan",
    "tanggal revisi": "tanggal_revisi", "tgl revisi": "tanggal_revisi",
    "tanggal efektif": "tanggal_efektif", "tgl efektif": "tanggal_efektif",
    "tanggal pengesahan": "tanggal_pengesahan", "tgl pengesahan": "tanggal_pengesahan",
    "disahkan oleh": "disahkan_oleh", "nama sop": "nama", "judul sop": "nama",
}
SECTIONS = [  # (key, words that name it, the title the sheet prints by default)
    ("dasar_hukum", ("dasar hukum",), "Dasar Hukum"),
    ("kualifikasi_pelaksana", ("kualif", "kompetensi"), "Kualifikasi Pelaksana"),
    ("keterkaitan", ("keterkaitan",), "Keterkaitan"),
    ("peralatan", ("peralatan", "perlengkapan"), "Peralatan/Perlengkapan"),
    ("peringatan", ("peringatan",), "Peringatan"),
    ("pencatatan", ("pencatatan", "pendataan"), "Pencatatan dan Pendataan"),
]
MARKER = re.compile(r"^\s*(?:(\d{1,3})([.)])|([a-zA-Z])([.)])|([-•·▪◦*]))(?:\t|\s+|$)(.*)$", re.S)


def label_field(text: str) -> str | None:
    return LABELS.get(squash(text).replace(".", ""))


def identity(tables: list[Table]) -> dict[str, tuple[Cell, int]]:
    """Field → (value cell, table index) for every identity label found."""
    found: dict[str, tuple[Cell, int]] = {}
    for table in tables:
        for row in table.rows:
            for i, cell in enumerate(row.cells):
                field = label_field(cell.text.split(":")[0]) if cell.text else None
                if field is None or field in found:
                    continue
                value = _value_right_of(row.cells, i)
                if value is None and ":" in cell.text:  # "NOMOR SOP : 61.1" in one cell
                    value = Cell([Para(cell.text.split(":", 1)[1])])
                if value is not None:
                    found[field] = (value, table.index)
    return found


def _value_right_of(cells: list[Cell], i: int) -> Cell | None:
    for cell in cells[i + 1:]:
        if cell is cells[i] or cell.text.strip() in ("", ":"):
            continue
        text = cell.text.lstrip(": \t")
        return Cell([Para(p.text.lstrip(": \t") if n == 0 else p.text) for n, p in enumerate(cell.paras)]) \
            if text != cell.text else cell
    return None


def tanggal(text: str) -> str | None:
    """'20 Juli 2022' → '2022-07-20', 'Januari 2020' → '2020-01'; None when not a date."""
    text = " ".join(text.split()).strip(" .")
    if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text):
        return text
    months = {m.lower(): i + 1 for i, m in enumerate(BULAN)}
    m = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\s+(\d{4})", text)
    if m and m.group(2).lower() in months:
        month = months[m.group(2).lower()]
        return f"{m.group(3)}-{month:02d}" + (f"-{int(m.group(1)):02d}" if m.group(1) else "")
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def pejabat(lines: list[str]) -> dict | None:
    """Jabatan, nama, NIP (and pangkat) from the lines of "Disahkan oleh"."""
    lines = [part.strip() for line in lines for part in re.split(r"\s(?=NIP\b)", line) if part.strip()]
    nip_at = next((i for i, line in enumerate(lines) if re.match(r"NIP\b", line, re.I)), None)
    if nip_at is None or nip_at == 0:
        return None
    out = {"nip": re.sub(r"^NIP\.?\s*:?\s*", "", lines[nip_at], flags=re.I)}
    name_at = nip_at - 1
    if name_at > 0 and re.search(r"\b(Pembina|Penata|Pengatur|Juru)\b|\b[IV]+/[a-e]\b", lines[name_at]):
        out["pangkat"] = lines[name_at]
        name_at -= 1
    if name_at < 1:
        return None
    out["nama"] = lines[name_at]
    out["jabatan"] = " ".join(lines[:name_at])
    return {k: out[k] for k in ("jabatan", "nama", "pangkat", "nip") if k in out}


def section_key(text: str) -> str | None:
    s = squash(text)
    if not s or len(s) > 60:
        return None
    return next((key for key, words, _ in SECTIONS if any(w in s for w in words)), None)


def sections(tables: list[Table]) -> dict[str, tuple[str, Cell]]:
    """Section key → (its heading as written, the cell below the heading)."""
    found: dict[str, tuple[str, Cell]] = {}
    for table in tables:
        for r, row in enumerate(table.rows[:-1]):
            for c, cell in enumerate(row.cells):
                key = section_key(cell.text)
                if key and key not in found and label_field(cell.text) is None:
                    below = table.rows[r + 1].cells[c] if c < len(table.rows[r + 1].cells) else None
                    if below is not None and section_key(below.text) is None:
                        found[key] = (cell.text.strip(), below)
    return found


def default_title(key: str) -> str:
    return next(title for k, _, title in SECTIONS if k == key)


def daftar(cell: Cell) -> CommentedMap | CommentedSeq | str | None:
    """A section's content as the model's Daftar: items with their numbering and
    nesting (by indent, or Word's list level), a lead-in paragraph, or nothing ("-")."""
    paras = [p for p in cell.paras if p.text.strip()]
    if not paras or (len(paras) == 1 and paras[0].text.strip() in ("-", "–")):
        return None
    items = [(_depth(p, paras), MARKER.match(p.text), p) for p in paras]
    if len(items) > 1 and all(m is None and p.level is None for _, m, p in items):  # an unnumbered list
        return CommentedMap(penomoran="tanpa", butir=CommentedSeq(p.text.strip() for p in paras))
    pengantar = []
    while items and items[0][1] is None and items[0][2].level is None:
        pengantar.append(items.pop(0)[2].text.strip())
    if not items:
        return "\n".join(pengantar)
    root = _list(items, 0)
    if not pengantar and root.get("penomoran", "1.") == "1." and not root.get("judul") and set(root) == {"butir"}:
        return root["butir"]
    out = CommentedMap()
    if pengantar:
        out["pengantar"] = "\n".join(pengantar)
    out.update(root)
    return out


def _depth(p: Para, paras: list[Para]) -> int:
    if p.level is not None:
        return p.level
    base = min(x.indent for x in paras)
    return round((p.indent - base) / 300) if p.indent > base else 0


def _list(items, depth: int) -> CommentedMap:
    out = CommentedMap()
    style, butir, expected = None, CommentedSeq(), 0
    i = 0
    while i < len(items):
        d, m, p = items[i]
        children = []
        j = i + 1
        while j < len(items) and (items[j][0] > d or items[j][1] is None and items[j][2].level is None):
            children.append(items[j])
            j += 1
        text = m.group(6).strip() if m else p.text.strip()
        # Word's own numbering (no typed marker): its format is in numbering.xml; the
        # common decimal / letter levels are assumed
        style = style or _style(m) or (("1." if depth == 0 else "a.") if p.level is not None else "tanpa")
        item = CommentedMap(teks=text)
        written = (m.group(1) or m.group(3)) if m else None
        if written and not _in_sequence(written, expected):
            item["nomor"] = written
        expected += 1
        if children:
            item.update(_list(children, depth + 1))
        butir.append(item["teks"] if set(item) == {"teks"} else item)
        i = j
    if style and style != ("1." if depth == 0 else "a."):
        out["penomoran"] = style
    out["butir"] = butir
    return out


def _style(m) -> str | None:
    if m is None:
        return None
    if m.group(1):
        return "1" + m.group(2)
    if m.group(3):
        return "a" + m.group(4)
    return "•" if m.group(5) in "•·▪◦" else "-"


def _in_sequence(written: str, index: int) -> bool:
    if written.isdigit():
        return int(written) == index + 1
    return written.lower() == chr(ord("a") + index) if index < 26 else False
