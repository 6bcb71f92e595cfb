"""Finding a project: the folder holding soppress.yaml. Light on purpose (no model, no
pydantic): the CLI resolves the project before it knows whether anything must be loaded."""
from __future__ import annotations

from pathlib import Path

from soppress.errors import UserError

CONFIG_FILE = "soppress.yaml"


class ProjectError(UserError):
    """The project itself cannot be found or read (message in Indonesian)."""


def find_root(start: Path) -> Path:
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise ProjectError(f"{CONFIG_FILE} tidak ditemukan di {start} atau folder di atasnya; "
                       "jalankan perintah ini di dalam folder proyek soppress atau pakai --proyek FOLDER")
