"""Comments written into the imported YAML where the importer guessed or needs the
user, kept together with the summary printed after the import."""
from __future__ import annotations

from dataclasses import dataclass, field

from soppress.importer.problems import Notes


@dataclass
class Marks:
    notes: Notes = field(default_factory=Notes)
    read_pelaksana: int = 0
    read_branches: int = 0
    read_summary: int = 0

    def comment(self, container, key, text: str, summary: str, todo: bool = False) -> None:
        """An end-of-line comment on ``key`` of ``container`` (the last key when None)."""
        if key is None:
            key = list(container)[-1] if hasattr(container, "keys") else len(container) - 1
        container.yaml_add_eol_comment(text, key)
        (self.notes.todo if todo else self.notes.guessed).append(summary)

    def todo(self, summary: str) -> None:
        self.notes.todo.append(summary)
