"""Compiler-style diagnostics: ``file:line:col: galat: message [code]``.

Every check appends to a :class:`Report`; nothing stops at the first problem.
Messages are written in Bahasa Indonesia where the rule lives.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

SEVERITIES = ("galat", "peringatan", "catatan")  # error, warning, note (what a check decided)


@dataclass(frozen=True)
class Position:
    file: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    pos: Position
    severity: str  # "galat", "peringatan" or "catatan"
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.pos}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict:
        return {"berkas": str(self.pos.file), "baris": self.pos.line, "kolom": self.pos.column,
                "tingkat": self.severity, "pesan": self.message, "kode": self.code}


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, pos: Position, message: str, code: str, severity: str = "galat") -> None:
        assert severity in SEVERITIES
        self.diagnostics.append(Diagnostic(pos, severity, message, code))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "galat"]

    def without_notes(self) -> "Report":
        return Report([d for d in self.diagnostics if d.severity != "catatan"])

    def counts(self) -> tuple[int, int, int]:
        """(galat, peringatan, catatan)."""
        return tuple(sum(d.severity == s for d in self.diagnostics) for s in SEVERITIES)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (str(d.pos.file), d.pos.line, d.pos.column, d.code))

    def render_text(self) -> str:
        return "\n".join(str(d) for d in self.sorted())

    def render_json(self) -> str:
        import json  # only for --format json
        return json.dumps([d.as_dict() for d in self.sorted()], ensure_ascii=False, indent=2)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``word``, for 'maksud Anda ...?' hints."""
    candidates = list(candidates)
    lowered = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    hint = closest(word, candidates)
    return f' (maksud Anda "{hint}"?)' if hint else ""
