"""What the importer tells the user: a refusal (ImporError, exit 1, nothing written)
and the notes of a finished import (what was read, guessed, left to the user)."""
from __future__ import annotations

from dataclasses import dataclass, field

from soppress.errors import UserError


class ImporError(UserError):
    """The document cannot be imported; the message says why and what to do."""


@dataclass
class Notes:
    read: list[str] = field(default_factory=list)      # what was read
    guessed: list[str] = field(default_factory=list)   # what was guessed (a comment in the YAML says so)
    todo: list[str] = field(default_factory=list)      # what the user must fill in or decide

    def lines(self) -> list[str]:
        out = ["Terbaca:"] + [f"  - {x}" for x in self.read]
        if self.guessed:
            out += ["Ditebak (bertanda komentar TEBAKAN di berkas):"] + [f"  - {x}" for x in self.guessed]
        if self.todo:
            out += ["Perlu dilengkapi (bertanda komentar PERIKSA di berkas):"] + [f"  - {x}" for x in self.todo]
        return out
