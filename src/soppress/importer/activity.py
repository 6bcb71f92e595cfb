"""The activity table's body as the model's kegiatan: section rows, numbered steps,
sub-steps (in one row, or one row each), mutu baku as written, and each step's
pelaksana and symbol from the drawing (drawing.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from soppress.importer import drawing
from soppress.importer.columns import Columns
from soppress.importer.grid import Cell, Row, squash
from soppress.importer.notes import Marks
from soppress.model.waktu import WaktuError, parse_durasi

SUB = re.compile(r"^([a-z])[.)](?:\t|\s+)(.*)$", re.S)
ALTERNATIVE = re.compile(r"^\s*(apabila|jika|bila|kalau|dalam hal)\b", re.I)  # "a. apabila …; b. jika tidak …": a decision?
LETTER = re.compile(r"^([A-Z]{1,3}|[IVX]{1,4})\.?$")
MUTU = ("kelengkapan", "waktu", "output")


@dataclass
class Entry:
    """One kegiatan being assembled: its rows and what they say."""
    no: int
    lead: str
    subs: list[dict] = field(default_factory=list)
    mutu: dict[str, str] = field(default_factory=dict)
    keterangan: str = ""
    marks: list[drawing.Mark] = field(default_factory=list)
    separate: bool = False
    line: int = 0


def split_lines(cell: Cell) -> tuple[str, list[tuple[str, str]]]:
    """(lead text, [(letter, text) of each "a. …" line])."""
    lead: list[str] = []
    subs: list[tuple[str, str]] = []
    for line in cell.lines:
        m = SUB.match(line)
        if m:
            subs.append((m.group(1), m.group(2).strip()))
        elif subs:  # a wrapped line of the previous sub-step (text input)
            subs[-1] = (subs[-1][0], f"{subs[-1][1]} {line}")
        else:
            lead.append(line)
    return "\n".join(lead), subs


def read_body(rows: list[Row], cols: Columns, marks: Marks) -> list:
    """Items in order: ("bagian", text) or Entry."""
    items: list = []
    row_marks: list[drawing.Mark] = []
    numbers: list[int | None] = []
    for index, row in enumerate(rows, start=cols.body_start + 1):
        cells = row.cells
        no = cells[cols.no].text.strip().rstrip(".") if cols.no < len(cells) else ""
        no_raw = cells[cols.no].text.strip()
        keg = cells[cols.kegiatan]
        mark = drawing.read_row([cells[c] for c in cols.lanes])
        mutu = {k: cells[c] for k, c in cols.mutu.items()}
        ket = cells[cols.keterangan].text.strip() if cols.keterangan is not None else ""
        has_mutu = any(c.text.strip() for c in mutu.values())
        row_marks.append(mark)
        if not keg.text.strip() and not no and not mark.lanes:
            numbers.append(None)
            continue
        if no.isdigit():
            lead, subs = split_lines(keg)
            entry = Entry(int(no), lead, [{"uraian": t} for _, t in subs], line=row.line)
            _mutu(entry, mutu, bool(subs))
            entry.keterangan = ket
            entry.marks.append(mark)
            items.append(entry)
            numbers.append(entry.no)
        elif not no and items and isinstance(items[-1], Entry) and SUB.match(keg.lines[0] if keg.lines else ""):
            entry = items[-1]  # a sub-step in a row of its own
            entry.separate = True
            if len(entry.marks) == 1:  # the first row held sub a: its mutu baku is the sub's
                entry.subs[0].update({k: v for k, v in entry.mutu.items() if v})
                entry.mutu = {}
                if entry.keterangan:
                    entry.subs[0]["keterangan"], entry.keterangan = entry.keterangan, ""
            _, subs = split_lines(keg)
            for _, text in subs:
                sub = {"uraian": text}
                sub.update({k: c.text.strip() for k, c in mutu.items() if c.text.strip()})
                if ket:
                    sub["keterangan"] = ket
                entry.subs.append(sub)
            entry.marks.append(mark)
            numbers.append(entry.no)
        elif (LETTER.match(no_raw) or not no) and not has_mutu and not mark.lanes:
            text = keg.text.strip()
            items.append(("bagian", f"{no_raw} {text}".strip() if LETTER.match(no_raw) else text))
            numbers.append(None)
        else:
            where = f"baris {row.line}" if row.line else f"baris ke-{index} tabel kegiatan"
            marks.todo(f"{where} tidak terbaca sebagai kegiatan (nomor \"{no_raw}\"); dilewati")
            numbers.append(None)
    drawing.connectors(rows, cols.lanes, row_marks, numbers)
    return items


def _mutu(entry: Entry, cells: dict[str, Cell], with_subs: bool) -> None:
    for kind, cell in cells.items():
        lead, lines = split_lines(cell)
        if with_subs and lines:
            letters = [chr(ord("a") + i) for i in range(len(entry.subs))]
            for letter, text in lines:
                if letter in letters:
                    entry.subs[letters.index(letter)][kind] = text
            if lead:
                entry.mutu[kind] = lead
        elif cell.text.strip():
            entry.mutu[kind] = " ".join(cell.text.split()) if kind == "waktu" else cell.text.strip()


def waktu_ok(text: str) -> bool:
    try:
        parse_durasi(text)
        return True
    except WaktuError:
        return False


def guess_lane(text: str, names: list[str]) -> int | None:
    """The pelaksana column the kegiatan's text starts with ("Petugas layanan melakukan …")."""
    s = squash(text)
    hits = [i for i, n in enumerate(names) if s.startswith(squash(n))]
    if not hits:
        hits = [i for i, n in enumerate(names) if squash(n).split()[:2] and s.startswith(" ".join(squash(n).split()[:2]))]
    return hits[0] if len(hits) == 1 else None


def codes(names: list[str]) -> list[str]:
    """Short unique keys for the pelaksana columns: the fewest leading words that tell them apart."""
    words = [re.findall(r"[a-z0-9]+", n.lower()) or [f"p{i + 1}"] for i, n in enumerate(names)]
    out = []
    for i, w in enumerate(words):
        for k in range(1, len(w) + 1):
            key = "-".join(w[:k])
            if all("-".join(o[:k]) != key for j, o in enumerate(words) if j != i):
                break
        out.append(key if key not in out else f"{key}-{i + 1}")
    return out


def to_yaml(items: list, lane_keys: list[str], names: list[str], marks: Marks,
            summary: dict[str, str] | None = None) -> CommentedSeq:
    out = CommentedSeq()
    entries = [x for x in items if isinstance(x, Entry)]
    for item in items:
        if not isinstance(item, Entry):
            out.append(CommentedMap(bagian=item[1]))
            continue
        out.append(_step(item, item is entries[0], item is entries[-1], lane_keys, names, marks, summary or {}))
    return out


def _refs(lanes: list[int], keys: list[str]):
    refs = [keys[i] for i in sorted(lanes)]
    return refs[0] if len(refs) == 1 else _flow(CommentedSeq(refs))


def _flow(seq: CommentedSeq) -> CommentedSeq:
    seq.fa.set_flow_style()
    return seq


def from_summary(label: str, names: list[str]) -> list[int] | None:
    """The columns a PENANGGUNG JAWAB entry names ("A/B": both), when every part is a column's name."""
    parts = [squash(p) for p in label.split("/") if p.strip()]
    by_name = {squash(n): i for i, n in enumerate(names)}
    lanes = [by_name.get(p) for p in parts]
    return lanes if lanes and None not in lanes else None


def _step(e: Entry, first: bool, last: bool, keys: list[str], names: list[str], marks: Marks,
          summary: dict[str, str]) -> CommentedMap:
    m = CommentedMap()
    where = f"kegiatan {e.no}"
    m["uraian"] = e.lead
    lanes = next((mk.lanes for mk in e.marks if mk.lanes), [])
    listed = from_summary(summary.get(str(e.no), ""), names) if not lanes else None
    if lanes:
        m["pelaksana"] = _refs(lanes, keys)
        marks.read_pelaksana += 1
    elif listed:
        m["pelaksana"] = _refs(listed, keys)
        m.yaml_add_eol_comment("dari tabel ringkasan (PENANGGUNG JAWAB)", "pelaksana")
        marks.read_summary += 1
    else:
        unreadable = any(mk.unreadable for mk in e.marks)
        guess = guess_lane(e.lead or (e.subs[0]["uraian"] if e.subs else ""), names)
        m["pelaksana"] = keys[guess if guess is not None else 0]
        why = "gambar bagan tanpa keterangan" if unreadable else "tidak ada simbol bagan di kolom pelaksana"
        how = "dibaca dari awal teks kegiatan" if guess is not None else "diisi kolom pertama"
        if summary.get(str(e.no)):
            how += f'; tabel ringkasan menyebut "{summary[str(e.no)]}"'

        marks.comment(m, "pelaksana", f"PERIKSA: {why}; {how}", f"{where}: pelaksana ({why}; {how})", todo=True)
    for kind in MUTU:
        value = e.mutu.get(kind)
        if value:
            _put_mutu(m, kind, value, where, marks)
    kind = _kind(e)
    branches = next((mk.branches for mk in e.marks if mk.branches), None)
    lanjut = next((mk.lanjut for mk in e.marks if mk.lanjut is not None), None)
    if branches:
        cabang = CommentedSeq()
        for i, (label, to) in enumerate(branches):
            default = ["Ya", "Tidak"][i] if i < 2 else ""
            cabang.append(to if label == default else CommentedMap(ke=to, label=label) if label else to)
            if not label:
                marks.comment(cabang, i, "TEBAKAN: label panah tidak tertulis; bawaan Ya/Tidak",
                              f"{where}: label cabang {i + 1} (tidak tertulis)")
        m["cabang"] = cabang if any(isinstance(c, dict) for c in cabang) or cabang.ca.items else _flow(cabang)
        marks.read_branches += 1
    elif kind == "keputusan":  # a decision needs its branches: drawn as a box until the user writes them
        marks.comment(m, "uraian", "PERIKSA: bagan menggambar keputusan, tetapi tujuan cabangnya tidak terbaca; "
                      "tambahkan cabang: [ke, ke]", f"{where}: cabang keputusan (tujuan tidak terbaca)", todo=True)
        kind = None
    default = "mulai" if first else "selesai" if last else "proses"
    if kind == "kapsul":
        kind = default if default != "proses" else "selesai"
    if kind and kind != default and kind != "keputusan":
        m["simbol"] = kind
    if lanjut is not None:
        m["lanjut"] = lanjut
    if e.subs:
        subs = CommentedSeq()
        for i, sub in enumerate(e.subs):
            s = CommentedMap(uraian=sub["uraian"])
            if e.separate and i < len(e.marks) and e.marks[i].lanes and sorted(e.marks[i].lanes) != sorted(lanes):
                s["pelaksana"] = _refs(e.marks[i].lanes, keys)
            for k in MUTU:
                if sub.get(k):
                    _put_mutu(s, k, sub[k], f"{where} sub {chr(97 + i)}", marks)
            if sub.get("keterangan"):
                s["keterangan"] = sub["keterangan"]
            subs.append(s["uraian"] if set(s) == {"uraian"} else s)
        m["sub"] = subs
        if not branches and sum(bool(ALTERNATIVE.search(x["uraian"])) for x in e.subs) >= 2:
            marks.comment(m, "sub", "PERIKSA: sub-kegiatan ini tampak sebagai pilihan (apabila/jika); bila ini "
                          "keputusan, ganti dengan cabang: [ke, ke]", f"{where}: sub-kegiatan berupa pilihan?",
                          todo=True)
        if e.separate:
            m["sub_terpisah"] = True
    if e.keterangan:
        m["keterangan"] = e.keterangan
    if not m["uraian"] and e.subs:
        del m["uraian"]
    elif not m["uraian"]:
        m["uraian"] = "BELUM ADA"
        marks.comment(m, "uraian", "PERIKSA: kolom kegiatan kosong", f"{where}: uraian kosong", todo=True)
    return m


def _kind(e: Entry) -> str | None:
    kinds = [mk.kind for mk in e.marks if mk.kind]
    for k in ("keputusan", "mulai", "selesai", "kapsul"):
        if k in kinds:
            return k
    return kinds[0] if kinds else None


def _put_mutu(m: CommentedMap, kind: str, value: str, where: str, marks: Marks) -> None:
    if kind == "waktu" and not waktu_ok(value):
        marks.comment(m, None, f'PERIKSA: waktu tertulis "{value}" tidak terbaca sebagai lama waktu',
                      f"{where}: waktu \"{value}\"", todo=True)
        return
    m[kind] = value
