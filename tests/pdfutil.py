"""Helpers for tests that read rendered PDFs: text per page, page sizes, page images."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path


def page_text(pdf: Path, page: int, layout: bool = False) -> str:
    """Text of one page: in content order (each table cell's lines together), or as laid out."""
    mode = "-layout" if layout else "-raw"
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), mode, str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def squash(text: str) -> str:
    """Text without whitespace, to compare across the line breaks of a table cell."""
    return re.sub(r"\s+", "", text)


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def render_page(pdf: Path, page: int, out_prefix: Path, dpi: int = 60) -> Path:
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(out_prefix)], check=True)
    return out_prefix.with_suffix(".png")
