"""The pictures of a sheet's flowchart (each lane cell's PNG and SVG), drawn once.

A sheet's DOCX and the DOCX book that holds the same sheet draw the same cells; the
book is made in another work unit (often another process) and, after one SOP is
edited, again for every lampiran whose SOP did not change. So a sheet's pictures are
kept on disk (render/docx/diskcache.py), one file per SOP overwritten by its next
version (the folder does not grow with edits), under a stamp of everything they are
drawn from: each cell's primitives, width and height, and the painters' code, Pillow,
fontTools and the shipped fonts. A file with another stamp, or torn, is drawn again."""
from __future__ import annotations

import hashlib
import struct
from functools import lru_cache
from pathlib import Path

from soppress.layout.flowchart import FlowLayout
from soppress.render import flow_paint, flow_svg
from soppress.render.docx import diskcache, png_draw
from soppress.resources import FONT_DIR

Cell = tuple[int, int, float]                  # row, lane, height (mm)
Picture = tuple[bytes, bytes]                  # PNG, SVG
KIND = "bagan"


def sheet_pictures(key: str, layout: FlowLayout, cells: list[Cell]) -> dict[tuple[int, int], Picture]:
    """The pictures of ``cells`` ((row, lane) -> PNG and SVG; empty cells left out)
    of the sheet of SOP ``key``."""
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()
    stamp = hashlib.sha256(repr((_code_stamp(), [(layout.lanes[lane].w, height, layout.cell_prims(row, lane))
                                                 for row, lane, height in cells])).encode("utf-8")).digest()
    kept = _decode(diskcache.load(KIND, name, stamp), len(cells))
    if kept is None:
        kept = [_draw(layout, *cell) for cell in cells]
        diskcache.store(KIND, name, stamp, _encode(kept))
    return {(row, lane): picture for (row, lane, _), picture in zip(cells, kept) if picture is not None}


def _draw(layout: FlowLayout, row: int, lane: int, height: float) -> Picture | None:
    png = png_draw.cell_png(layout, row, lane, height)
    return (png, flow_svg.cell_svg(layout, row, lane, height)) if png else None


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    import fontTools
    import PIL
    digest = hashlib.sha256(f"{PIL.__version__} {fontTools.version}".encode())
    for path in (Path(png_draw.__file__), Path(flow_paint.__file__), Path(flow_svg.__file__),
                 *sorted(FONT_DIR.glob("LiberationSans-*.ttf"))):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _encode(pictures: list[Picture | None]) -> bytes:
    """Each picture as the lengths of its PNG and SVG, then their bytes (0, 0: empty)."""
    out = bytearray()
    for png, svg in (p or (b"", b"") for p in pictures):
        out += struct.pack(">II", len(png), len(svg)) + png + svg
    return bytes(out)


def _decode(data: bytes | None, count: int) -> list[Picture | None] | None:
    if data is None:
        return None
    pictures, at = [], 0
    try:
        for _ in range(count):
            n_png, n_svg = struct.unpack_from(">II", data, at)
            at += 8
            png, svg = data[at:at + n_png], data[at + n_png:at + n_png + n_svg]
            at += n_png + n_svg
            pictures.append((png, svg) if png else None)
    except struct.error:
        return None
    return pictures if at == len(data) else None
