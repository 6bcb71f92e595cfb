"""The draft written out: YAML with its comments (ruamel.yaml, as `rapikan` uses),
to a new file, atomically; an existing file only with ``replace``."""
from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml import YAML

from soppress.importer.problems import ImporError
from soppress.outputs import write_atomic

HEADER = "# Diimpor oleh `soppress impor` dari {source}.\n# Cari komentar PERIKSA dan TEBAKAN, lalu jalankan `soppress check`.\n"


def dump(data, source: str) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return HEADER.format(source=source) + out.getvalue()


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    drop = {"standar", "operasional", "prosedur", "sop"}
    kept = [w for w in words if w not in drop] or words
    return "-".join(kept)[:60].strip("-") or "sop"


def write(target: Path, text: str, replace: bool) -> Path:
    if target.exists() and not replace:
        raise ImporError(f"{target} sudah ada; pilih nama lain dengan --keluaran atau timpa dengan --timpa")
    if target.exists() and target.is_dir():
        raise ImporError(f"{target} adalah folder; sebutkan nama berkas .yaml dengan --keluaran")
    try:
        return write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise ImporError(f"{target}: tidak dapat ditulis ({exc.strerror or type(exc).__name__})") from None
