"""Writing form documents: one call to render a Document, and the rules of where
case outputs may go (a private folder, never build/, never a tracked folder)."""
from __future__ import annotations

import importlib
import os
from pathlib import Path

from soppress.cases.private import private_dir, write_private
from soppress.errors import UserError
from soppress.views.blocks import Document

# The renderers of the block vocabulary (being written on main): Document -> bytes.
RENDERERS = {"pdf": ("soppress.render.pdf.document", "to_pdf"),
             "docx": ("soppress.render.docx.document", "to_docx")}
PRIVATE_DEFAULT = "keluaran-kasus"
PRIVATE_IN_PROJECT = ("keluaran-kasus", "kasus")   # ignored by .gitignore


class OutputError(UserError):
    """A user-facing problem with an output (message in Indonesian)."""


def render(doc: Document, fmt: str, root: Path) -> bytes:
    module, name = RENDERERS[fmt]
    try:
        func = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise OutputError(f"penggambar {fmt.upper()} untuk formulir belum tersedia di versi soppress ini") from None
    return func(doc, root)


def private_folder(root: Path, out: Path | None) -> Path:
    """The folder for outputs with case data: 0700, outside build/ and outside any
    folder of the project that git tracks."""
    folder = (out or root / PRIVATE_DEFAULT).resolve()
    if folder.is_relative_to(root / "build"):
        raise OutputError("keluaran berisi data kasus tidak boleh ditulis di build/; pakai folder pribadi "
                          f"(bawaan: {PRIVATE_DEFAULT}/)")
    if folder.is_relative_to(root) and folder.relative_to(root).parts[:1] not in [(p,) for p in PRIVATE_IN_PROJECT]:
        raise OutputError(f"keluaran berisi data kasus di dalam folder proyek hanya boleh di "
                          f"{' atau '.join(p + '/' for p in PRIVATE_IN_PROJECT)} (di luar git)")
    return private_dir(folder)


def write(doc: Document, target: Path, fmt: str, root: Path) -> Path:
    """Render and write; a document with case data only as 0600 in a 0700 folder."""
    data = render(doc, fmt, root)
    if doc.private:
        return write_private(target, data)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target
