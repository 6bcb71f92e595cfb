"""What the flowchart drawing of the activity table says: which pelaksana cells of
a row hold a symbol, which symbol, and where a decision's branches go.

Two kinds of drawing are read. soppress's own DOCX places one picture per lane cell
and describes it in the picture's alternative text ("Bagan alir: kegiatan 3,
simbol keputusan; "Ya" ke kegiatan 4; "Tidak" ke kegiatan 6"). Word SOPs made by
hand anchor shapes in the cells (capsule, box, diamond) and draw connectors; a
connector's end is known from the shape it is glued to (a:endCxn), else from its
length through rows of fixed height. Pictures without a description say nothing
knowable: their rows are left to the user."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from soppress.importer.grid import Row, Shape

SYMBOLS = ("kapsul", "proses", "keputusan")
ALT = re.compile(r"kegiatan (\d+)(?: sub ([a-z]))?, simbol (mulai|proses|keputusan|selesai)")
BRANCH = re.compile(r'"([^"]*)" ke kegiatan (\d+)')
NEXT = re.compile(r"lanjut ke kegiatan (\d+)")
EMU_PER_TWIP = 635


@dataclass
class Mark:
    lanes: list[int] = field(default_factory=list)   # positions among the pelaksana columns
    kind: str | None = None                          # mulai | proses | keputusan | selesai | kapsul
    branches: list[tuple[str, int]] | None = None    # (label, target step number); None: not knowable
    lanjut: int | None = None
    unreadable: bool = False                         # pictures that say nothing (no description)
    ids: list[str] = field(default_factory=list)     # ids of its symbol shapes


def read_row(lane_cells) -> Mark:
    mark = Mark()
    for lane, cell in enumerate(lane_cells):
        for shape in cell.shapes:
            alt = ALT.search(shape.descr) if shape.kind == "gambar" else None
            if alt:
                _add(mark, lane, alt.group(3))
                branches = [(label, int(to)) for label, to in BRANCH.findall(shape.descr)]
                mark.branches = branches or mark.branches
                nxt = NEXT.search(shape.descr)
                mark.lanjut = int(nxt.group(1)) if nxt else mark.lanjut
            elif shape.kind in SYMBOLS:
                _add(mark, lane, shape.kind)
                mark.ids.append(shape.ident)
            elif shape.kind == "kelompok" or shape.kind == "gambar" and "Bagan alir" not in shape.descr:
                mark.unreadable = True  # a picture that says nothing, or a group whose shapes could not be placed
    return mark


def _add(mark: Mark, lane: int, kind: str) -> None:
    if lane not in mark.lanes:
        mark.lanes.append(lane)
    if mark.kind in (None, "proses", "kapsul") or kind == "keputusan":
        mark.kind = kind if mark.kind != "keputusan" else mark.kind


def connectors(rows: list[Row], lanes: list[int], marks: list[Mark], numbers: list[int | None]) -> None:
    """Fill in the branches of hand-drawn decisions (``marks`` and ``numbers`` run
    parallel to ``rows``; numbers: the step number a row belongs to)."""
    by_id = {ident: r for r, m in enumerate(marks) for ident in m.ids if ident}
    lines = [(r, s) for r, row in enumerate(rows) for c in lanes for s in row.cells[c].shapes if s.kind == "garis"]
    for r, mark in enumerate(marks):
        if mark.kind != "keputusan" or mark.branches is not None or not mark.ids:
            continue
        found: list[tuple[str, int]] = []
        for at, line in lines:
            if line.start and line.start not in mark.ids:
                continue
            if not line.start and at != r:
                continue
            target = by_id.get(line.end) if line.end else _by_length(rows, at, line)
            if target is None or target == r or numbers[target] is None:
                found = []
                break
            found.append((line.text.strip(), numbers[target]))
        if found:
            mark.branches = found


def _by_length(rows: list[Row], at: int, line: Shape) -> int | None:
    """The row a line anchored in row ``at`` ends in, when every row has a fixed height."""
    if any(row.height is None for row in rows):
        return None
    tops = [0]
    for row in rows:
        tops.append(tops[-1] + row.height * EMU_PER_TWIP)
    end = tops[at] + (line.y if line.flip_v else line.y + line.h)
    return next((r for r in range(len(rows)) if tops[r] <= end < tops[r + 1]), None)
