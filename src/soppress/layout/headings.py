"""Column headings of the flowchart table broken into lines that fit their column.

Decided once, from the shipped font's metrics (Liberation Sans Bold), so the PDF
and the DOCX print the same lines at the same size: each renderer receives the
lines pre-broken and sets them without breaking them again. In order of
preference a heading is
1. wrapped at word boundaries, or after a "/" or a "-" the text already has;
2. hyphenated where a single word is wider than the column, at the syllable
   breaks of the Indonesian hyphenation dictionary (pyphen's id_ID, the one
   LibreOffice ships; it follows KBBI: "AD-MI-NIS-TRA-SI", "PENG-A-DU-AN");
3. set in smaller type, half a point at a time, only when neither fits within
   MAX_LINES lines (down to FLOOR_PT, where a word may finally break anywhere).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

from soppress.layout.flowchart import text_width

HEAD_PT = 8.0       # the headings' type, as the sheet's CSS sets it
FLOOR_PT = 6.0
MAX_LINES = 6
PAD = 0.6           # the heading cells' side padding (CSS, DOCX cell margins)
SAFETY = 0.5        # room left for rounding and the other layout engine (LibreOffice, Word)
PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Heading:
    lines: tuple[str, ...]
    pt: float = HEAD_PT

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="id_ID", left=2, right=2)


def _chunks(text: str) -> list[tuple[str, str]]:
    """(piece, joiner) pairs: where a line may break, and what joins the piece to the
    next when it does not (a space, or nothing after "/" and "-")."""
    out = []
    for word in text.split():
        parts = re.findall(r"[^/-]+[/-]?|[/-]", word)
        for i, part in enumerate(parts):
            out.append((part, "" if i < len(parts) - 1 else " "))
    return out


def _hyphenated(word: str, fits) -> list[str] | None:
    """``word`` cut at its syllable breaks into pieces that each fit (a hyphen ending
    every piece but the last), fewest pieces first; None when a syllable run is too wide."""
    points = [0, *_dictionary().positions(word), len(word)]
    pieces, start = [], 0
    while start < len(word):
        end = next((p for p in reversed(points) if p > start and
                    fits(word[start:p] + ("-" if p < len(word) else ""))), None)
        if end is None:
            return None
        pieces.append(word[start:end] + ("-" if end < len(word) else ""))
        start = end
    return pieces


def _anywhere(word: str, fits) -> list[str]:
    pieces, start = [], 0
    while start < len(word):
        end = max((e for e in range(start + 1, len(word) + 1) if fits(word[start:e])), default=start + 1)
        pieces.append(word[start:end])
        start = end
    return pieces


def _wrap(text: str, width: float, pt: float, hyphenate: bool, anywhere: bool = False) -> list[str] | None:
    size = pt * PT_MM

    def fits(s: str) -> bool:
        return text_width(s, size, bold=True) <= width

    lines: list[str] = []
    line = ""
    for piece, joiner in _chunks(text):
        candidate = line + piece
        if fits(candidate.rstrip()):
            line = candidate + joiner
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = ""
        if fits(piece):
            line = piece + joiner
            continue
        if not hyphenate:
            return None
        cut = _hyphenated(piece, fits) or (_anywhere(piece, fits) if anywhere else None)
        if cut is None:
            return None
        lines.extend(cut[:-1])
        line = cut[-1] + joiner
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fit(text: str, column: float) -> Heading:
    """``text`` (as printed: capitals already applied) in lines that fit a column
    ``column`` mm wide."""
    width = max(column - 2 * PAD - SAFETY, 1.0)
    pt = HEAD_PT
    while pt >= FLOOR_PT:
        for hyphenate in (False, True):
            lines = _wrap(text, width, pt, hyphenate)
            if lines is not None and len(lines) <= MAX_LINES:
                return Heading(tuple(lines), pt)
        pt -= 0.5
    return Heading(tuple(_wrap(text, width, FLOOR_PT, True, anywhere=True)), FLOOR_PT)
