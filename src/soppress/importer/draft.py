"""An imported document (grid tables) as a draft SOP source: the YAML mapping in the
model's key order, with comments where the importer guessed or needs the user."""
from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from soppress.importer import activity, identity
from soppress.importer.citations import cite
from soppress.importer.columns import DEFAULT_HEADS, find_columns, same_heading
from soppress.importer.grid import Document, Table, squash
from soppress.importer.notes import Marks
from soppress.importer.problems import ImporError


def draft(doc: Document, project, unit: str | None, source: Path) -> tuple[CommentedMap, Marks]:
    marks = Marks()
    table, cols, rows = _activity(doc, source)
    out = CommentedMap()
    out["unit"] = _unit(doc, project, unit, marks)
    if marks.notes.guessed:
        out.yaml_add_eol_comment("TEBAKAN: satu-satunya kop proyek; teks kop dokumen tidak cocok", "unit")
    fields = identity.identity(doc.tables)
    _identity(out, fields, project, marks, source)
    found = identity.sections(doc.tables)
    marks.notes.read.append(f"identitas: {len(fields)} isian; bagian: {', '.join(found) or 'tidak ada'}")
    if table.before and not identity.label_field(table.before) and not _lampiran(table.before):
        out["judul"] = table.before
    for key, _, title in identity.SECTIONS:
        if key not in found:
            continue
        heading, cell = found[key]
        value = identity.daftar(cell)
        if squash(heading) != squash(title):
            value = _with_title(value, heading.rstrip(" :"))
        if value is None:
            continue
        if key == "dasar_hukum":
            value = cite(value, project.peraturan, marks)
        out[key] = value

    keys = activity.codes(cols.lane_names)
    out["pelaksana"] = CommentedSeq(CommentedMap(nama=n, kode=k) for n, k in zip(cols.lane_names, keys))
    items = activity.read_body(rows, cols, marks)
    steps = [x for x in items if isinstance(x, activity.Entry)]
    if not steps:
        raise ImporError(f"{source}: tabel kegiatan tidak memuat satu pun kegiatan bernomor (1, 2, 3, …)")
    pj = summary_table(doc)
    out["kegiatan"] = activity.to_yaml(items, keys, cols.lane_names, marks, pj)
    _labels_from_summary(pj, out, [e.no for e in steps])
    marks.notes.read.append(f"{len(steps)} kegiatan, {len(items) - len(steps)} baris bagian, "
                            f"{len(cols.lanes)} kolom pelaksana; pelaksana dari bagan: {marks.read_pelaksana} "
                            f"kegiatan, dari tabel ringkasan: {marks.read_summary}; cabang keputusan dari bagan: "
                            f"{marks.read_branches}")
    tampilan = _tampilan(doc, cols)
    if tampilan:
        out["tampilan"] = tampilan
    return out, marks


def _activity(doc: Document, source: Path) -> tuple[Table, object, list]:
    for i, table in enumerate(doc.tables):
        cols = find_columns(table)
        if cols is None:
            continue
        rows = list(table.rows[cols.body_start:])
        for other in doc.tables[i + 1:]:  # the same table, continued on the next pages
            if same_heading(table, other):
                rows += other.rows[cols.body_start:]
        return table, cols, rows
    raise ImporError(f"{source}: tidak ada tabel kegiatan SOP (tabel dengan judul kolom \"Kegiatan\" dan "
                     "\"Pelaksana\" berisi nama pelaksana di bawahnya); pastikan berkas ini SOP berformat "
                     "Permenpan RB 35/2012")


def summary_table(doc: Document) -> dict[str, str]:
    """Step number → PENANGGUNG JAWAB of the summary table (NO, PROSEDUR, PENANGGUNG JAWAB, …)."""
    for table in doc.tables:
        heads = [squash(x) for x in table.rows[0].texts()] if table.rows else []
        if "penanggung jawab" in heads:
            no, pj = heads.index("no") if "no" in heads else 0, heads.index("penanggung jawab")
            return {r.cells[no].text.strip(): r.cells[pj].text.strip() for r in table.rows[1:]}
    return {}


def _labels_from_summary(pj: dict[str, str], out: CommentedMap, numbers: list[int]) -> None:
    """The summary table names each step's pelaksana by its label as written: it gives
    a column's short label (singkat), or its name's letter case where the flowchart
    heading prints it in capitals. Only steps whose pelaksana the drawing showed."""
    columns = {p["kode"]: p for p in out["pelaksana"]}
    steps = [k for k in out["kegiatan"] if "bagian" not in k]
    for no, step in zip(numbers, steps):
        if "pelaksana" in step.ca.items:  # guessed or read from this very table: nothing to learn
            continue
        refs = [step["pelaksana"]] if isinstance(step["pelaksana"], str) else list(step["pelaksana"])
        label = pj.get(str(no), "")
        parts = [label] if len(refs) == 1 else label.split("/")
        if not label or len(parts) != len(refs):
            continue
        for ref, part in zip(refs, parts):
            column = columns.get(ref)
            if column is None or "singkat" in column or not part.strip():
                continue
            if part.upper() == column["nama"].upper():
                column["nama"] = part
            elif part != column["nama"]:
                column.insert(1, "singkat", part)


def _lampiran(text: str) -> bool:
    return bool(re.match(r"\s*(lampiran|nomor|tanggal|tentang)\b", text, re.I))


def _with_title(value, title: str):
    if value is None:
        return CommentedMap(judul=title)
    if isinstance(value, str):
        return CommentedMap(judul=title, pengantar=value)
    if isinstance(value, list):
        return CommentedMap(judul=title, butir=value)
    out = CommentedMap(judul=title)
    out.update(value)
    return out


def _unit(doc: Document, project, unit: str | None, marks: Marks) -> str:
    if unit:
        if unit not in project.kop:
            raise ImporError(f"kop \"{unit}\" tidak ada (letterheads/{unit}.yaml); pilih salah satu: "
                             f"{', '.join(sorted(project.kop)) or '(belum ada kop)'}")
        return unit
    text = squash(" ".join([*doc.paragraphs, *(c.text for t in doc.tables[:2] for r in t.rows for c in r.cells)]))
    scores = {key: sum(1 for line in (k.pemerintah, k.dinas, k.unit) if line and squash(line) in text)
              for key, k in project.kop.items()}
    best = sorted(scores.items(), key=lambda kv: -kv[1])
    if best and best[0][1] > 0 and (len(best) == 1 or best[1][1] < best[0][1]):
        marks.notes.read.append(f"kop: {best[0][0]} (dikenali dari teks kop)")
        return best[0][0]
    if len(project.kop) == 1:
        key = next(iter(project.kop))
        marks.notes.guessed.append(f"kop: {key} (satu-satunya kop proyek; teks kop dokumen tidak cocok)")
        return key
    raise ImporError("kop SOP ini tidak dikenali dari teksnya; sebutkan kuncinya dengan --unit "
                     f"(pilihan: {', '.join(sorted(project.kop)) or 'belum ada kop di letterheads/'})")


def _identity(out: CommentedMap, fields: dict, project, marks: Marks, source: Path) -> None:
    def text(field: str) -> str:
        return " ".join(fields[field][0].text.split()) if field in fields else ""
    nomor = text("nomor")
    label = re.match(r"(No|Nomor)\s*[:.]\s*", nomor)
    out["nomor"] = nomor[label.end():] if label and nomor[label.end():] else nomor or "BELUM ADA"
    if label and nomor[label.end():]:
        out.yaml_add_eol_comment(f'TEBAKAN: "{label.group(0).strip()}" di depan nomor dibaca sebagai label sel', "nomor")
        marks.notes.guessed.append(f'Nomor SOP: "{label.group(0).strip()}" dibaca sebagai label')
    if not text("nomor"):
        marks.comment(out, "nomor", "PERIKSA: Nomor SOP tidak ditemukan", "Nomor SOP", todo=True)
    if text("nomor_revisi") and text("nomor_revisi") != "-":
        out["nomor_revisi"] = text("nomor_revisi")
    for field in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "tanggal_pengesahan"):
        value = text(field)
        if not value or value == "-":
            continue
        rencana = value.endswith("(rencana kaji ulang)")
        date = identity.tanggal(value.removesuffix("(rencana kaji ulang)"))
        if date is None:
            marks.todo(f"{field.replace('_', ' ')}: \"{value}\" bukan tanggal; tidak ditulis")
            continue
        value = _date(date)
        out[field] = CommentedMap(rencana=value) if rencana else value
    pejabat = identity.pejabat(fields["disahkan_oleh"][0].lines) if "disahkan_oleh" in fields else None
    if pejabat:
        digits = re.sub(r"\D", "", pejabat.get("nip", ""))
        key = next((k for k, p in project.pejabat.items() if p.nip and re.sub(r"\D", "", p.nip) == digits), None)
        out["disahkan_oleh"] = key or CommentedMap(pejabat)
        if key:
            out.yaml_add_eol_comment("registri/pejabat.yaml (NIP cocok)", "disahkan_oleh")
    else:
        out["disahkan_oleh"] = CommentedMap(jabatan="BELUM ADA", nama="BELUM ADA")
        marks.comment(out, "disahkan_oleh", "PERIKSA: pejabat pengesah (jabatan, nama, NIP) tidak terbaca",
                      "Disahkan oleh", todo=True)
    out["nama"] = text("nama") or source.stem
    if not text("nama"):
        marks.comment(out, "nama", "PERIKSA: Nama SOP tidak ditemukan; diisi nama berkas", "Nama SOP", todo=True)


def _date(iso: str):
    """A full date as a YAML date (written unquoted, as the samples write it)."""
    import datetime
    parts = [int(x) for x in iso.split("-")]
    return datetime.date(*parts) if len(parts) == 3 else iso


def _tampilan(doc: Document, cols) -> CommentedMap:
    out = CommentedMap()
    if cols.index_row:
        out["baris_indeks"] = True
    words = squash(" ".join(c.text for t in doc.tables for r in t.rows[:1] for c in r.cells))
    if "penanggung jawab" in words and "prosedur" in words:
        out["ringkasan"] = True
    cells = (c.text for t in doc.tables for r in t.rows for c in r.cells)
    if any("kapsul" in squash(text) for text in (*cells, *doc.paragraphs)):
        out["legenda"] = True
    heads = {k: v for k, v in cols.heads.items() if v.strip()}
    if any(v != v.upper() for v in heads.values()):
        out["kapital"] = False
    judul = CommentedMap()
    for key, written in heads.items():
        if written.strip().lower() != DEFAULT_HEADS[key].lower():
            judul["nomor" if key == "no" else key] = written.strip()
    if judul:
        out["judul_kolom"] = judul
    return out
