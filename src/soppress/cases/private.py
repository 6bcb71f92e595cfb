"""Private storage for case data: folders 0700, files 0600, written atomically."""
from __future__ import annotations

import os
from pathlib import Path

from soppress.outputs import write_atomic


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it 0700, even if it existed looser."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def write_private(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` as 0600 in a 0700 folder; never a half-written file."""
    private_dir(path.parent)
    return write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data, mode=0o600)
