"""Flowcharts drawn as one group (wpg:wgp) or drawing canvas (wpc:wpc) anchored in a
single cell: each shape of the group is placed into the table cell under its centre
(a connector: under its start), from the table's column widths and its rows' fixed
heights. Where a row's height is not fixed, positions are not knowable and the group
stays one unreadable drawing (its rows are left to the user)."""
from __future__ import annotations

from dataclasses import replace

from soppress.importer.docx_read import q, wsp_shape
from soppress.importer.grid import Shape, Table

EMU_PER_TWIP = 635


def parts(container, canvas: bool, anchor: Shape) -> list[Shape]:
    """The shapes of a group or canvas, x and y in EMU from the anchor's top-left corner."""
    scale_x = scale_y = 1.0
    ch_x = ch_y = 0
    xfrm = container.find(f"{q('wpg:grpSpPr')}/{q('a:xfrm')}") if not canvas else None
    if xfrm is not None:
        ext, ch_off, ch_ext = xfrm.find(q("a:ext")), xfrm.find(q("a:chOff")), xfrm.find(q("a:chExt"))
        if ext is not None and ch_ext is not None and int(ch_ext.get("cx", 0)) and int(ch_ext.get("cy", 0)):
            scale_x = int(ext.get("cx")) / int(ch_ext.get("cx"))
            scale_y = int(ext.get("cy")) / int(ch_ext.get("cy"))
        if ch_off is not None:
            ch_x, ch_y = int(ch_off.get("x", 0)), int(ch_off.get("y", 0))
    out = []
    for wsp in container.iter(q("wps:wsp")):
        box = wsp.find(f"{q('wps:spPr')}/{q('a:xfrm')}")
        if box is None or box.find(q("a:off")) is None or box.find(q("a:ext")) is None:
            continue
        off, ext = box.find(q("a:off")), box.find(q("a:ext"))
        ident = next((el.get("id", "") for el in wsp.iter(q("wps:cNvPr"))), "")
        shape = Shape("lain", ident=ident, x=round((int(off.get("x")) - ch_x) * scale_x),
                      y=round((int(off.get("y")) - ch_y) * scale_y), w=round(int(ext.get("cx")) * scale_x),
                      h=round(int(ext.get("cy")) * scale_y))
        out.append(wsp_shape(wsp, shape))
    return out


def place(table: Table, grid_twips: list[int]) -> None:
    if any(row.height is None for row in table.rows) or not all(grid_twips):
        return
    lefts = [0]
    for w in grid_twips:
        lefts.append(lefts[-1] + w * EMU_PER_TWIP)
    tops = [0]
    for row in table.rows:
        tops.append(tops[-1] + row.height * EMU_PER_TWIP)
    seen: set[int] = set()
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            for group in [s for s in cell.shapes if s.kind == "kelompok"]:
                if _place_group(table, group, lefts[c] + group.x, tops[r] + group.y, lefts, tops):
                    cell.shapes.remove(group)


def _place_group(table: Table, group: Shape, x0: int, y0: int, lefts: list[int], tops: list[int]) -> bool:
    placed = []
    for part in group.parts:
        x = x0 + part.x + (0 if part.kind == "garis" else part.w // 2)
        y = y0 + part.y + (part.h if part.kind == "garis" and part.flip_v else 0 if part.kind == "garis"
                           else part.h // 2)
        row = next((i for i in range(len(tops) - 1) if tops[i] <= y < tops[i + 1]), None)
        col = next((i for i in range(len(lefts) - 1) if lefts[i] <= x < lefts[i + 1]), None)
        if row is None or col is None or col >= len(table.rows[row].cells):
            return False
        top = tops[row]
        placed.append((row, col, replace(part, y=y0 + part.y - top)))
    for row, col, part in placed:
        table.rows[row].cells[col].shapes.append(part)
    return True
