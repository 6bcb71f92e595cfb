"""Where case files live and how one is written: ``kasus/<nomor-register>.yaml``,
the folder 0700 and the files 0600 (``private``)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from soppress.cases.private import write_private

FOLDER = "kasus"


def case_path(folder: Path, nomor_register: str) -> Path:
    """``001/PPA/2026`` -> ``folder/001-PPA-2026.yaml`` (no separators, no dot files)."""
    safe = re.sub(r"[^\w.-]+", "-", nomor_register.strip()).strip(".-") or "tanpa-nomor"
    return folder / f"{safe}.yaml"


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_case(folder: Path, data: dict[str, Any]) -> Path:
    return write_private(case_path(folder, str(data["nomor_register"])), dump(data))
