"""Bytes the DOCX renderer computes again and again, kept on disk between processes.

A build's workers are separate processes, and the next build (one SOP edited) starts
new ones: each would cut the shipped fonts again for its first DOCX, and the DOCX
book would draw again the flowchart pictures of every sheet it holds. ``use`` names
the folder (the build sets it to a folder under build/.bagian/). ``cached`` returns
the bytes ``make`` gives, from the folder when it holds them under the hash of
``key`` (content-addressed: for a few entries, such as font subsets); ``load`` and
``store`` keep one entry per name, valid for one ``stamp`` (the hash of what it is
made from), overwritten by the next. An entry is written atomically and carries
the SHA-256 of its bytes: a torn or foreign file fails the check and is made again,
never trusted. Without a folder (a DOCX made outside a build) nothing is kept."""
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
    name = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()
    body = load(kind, name)
    if body is None:
        body = make()
        store(kind, name, b"", body)
    return body


def load(kind: str, name: str, stamp: bytes = b"") -> bytes | None:
    """The bytes kept as ``name`` if they were stored with ``stamp`` and are whole."""
    if _folder is None:
        return None
    try:
        data = (_folder / kind / name).read_bytes()
    except OSError:
        return None
    head = len(stamp) + 32
    if data[:len(stamp)] != stamp or hashlib.sha256(data[head:]).digest() != data[len(stamp):head]:
        return None
    return data[head:]


def store(kind: str, name: str, stamp: bytes, body: bytes) -> None:
    if _folder is None:
        return
    path = _folder / kind / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{name}.{os.getpid()}")
        temporary.write_bytes(stamp + hashlib.sha256(body).digest() + body)
        os.replace(temporary, path)
    except OSError:  # a read-only or full disk: the bytes are still right
        pass
