"""Bytes the DOCX renderer computes again and again, kept on disk between processes.

A build's workers are separate processes, and the next build (one SOP edited) starts
new ones: each would cut the shipped fonts again for its first DOCX. ``use`` names
the folder (the build sets it to a folder under build/.bagian/); ``cached`` returns
the bytes ``make`` gives, from the folder when it holds them under the hash of
``key``. An entry is written atomically and carries the SHA-256 of its bytes: a torn
or foreign file fails the check and is made again, never trusted. Without a folder
(a DOCX made outside a build) nothing is kept."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable

_folder: Path | None = None


def use(folder: Path | None) -> None:
    global _folder
    _folder = Path(folder) if folder is not None else None


def cached(kind: str, key: tuple, make: Callable[[], bytes]) -> bytes:
    if _folder is None:
        return make()
    path = _folder / kind / hashlib.sha256(repr(key).encode("utf-8")).hexdigest()
    try:
        data = path.read_bytes()
        if hashlib.sha256(data[32:]).digest() == data[:32]:
            return data[32:]
    except OSError:
        pass
    body = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(hashlib.sha256(body).digest() + body)
        os.replace(temporary, path)
    except OSError:  # a read-only or full disk: the bytes are still right
        pass
    return body
