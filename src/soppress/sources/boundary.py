"""The project is a boundary: every file soppress reads lies inside the project
root or inside the package.

Sources, letterheads, logos, registries and templates are named by the project;
a symlink, an absolute path or a ``..`` must not make a build read (and print)
a file from elsewhere on the machine. Every refusal is an Indonesian message that
the caller locates (the file, or the key that names the path).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from soppress.resources import PACKAGE_DIR


class BoundaryError(Exception):
    """A path outside the project (message in Indonesian, without the path's target)."""


def is_inside(path: Path, *roots: Path) -> bool:
    """Whether ``path``, with every symlink resolved, lies inside one of ``roots``."""
    try:
        real = Path(os.path.realpath(path))
    except (OSError, ValueError):
        return False
    return any(real == Path(os.path.realpath(r)) or real.is_relative_to(os.path.realpath(r)) for r in roots)


def outside_message(root: Path, file: Path) -> str | None:
    """Why ``file`` may not be read as a source of the project at ``root`` (None: it may)."""
    if not is_inside(file, root):
        return ("berkas ini tautan simbolik (symlink) ke luar folder proyek; soppress hanya membaca berkas "
                "di dalam proyek: salin isinya ke dalam proyek")
    try:
        mode = os.stat(file).st_mode
    except OSError:
        return None  # the reader reports it with its own message
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "ini bukan berkas biasa (mis. pipa atau perangkat); simpan sumber sebagai berkas teks biasa"
    return None


def reference(root: Path, base: Path, name: str, *, package: bool = False) -> Path:
    """The file a source names by ``name`` (e.g. a letterhead's ``logo:``), relative
    to the folder ``base``. Absolute paths, ``..`` and links leaving the project
    raise BoundaryError; ``package`` also allows the package's own files."""
    text = name.strip()
    for flavour in (PurePosixPath, PureWindowsPath):
        pure = flavour(text)
        if pure.is_absolute() or pure.drive or pure.root:
            raise BoundaryError("jalur mutlak tidak diizinkan; tulis nama berkas relatif terhadap folder "
                                f"{_shown(root, base)}/ dan simpan berkasnya di sana")
        if ".." in pure.parts:
            raise BoundaryError(f'".." tidak diizinkan; simpan berkasnya di dalam folder {_shown(root, base)}/')
    if "://" in text or text.lower().startswith(("file:", "data:", "http:", "https:")):
        raise BoundaryError("alamat (URL) tidak diizinkan; simpan berkasnya di dalam proyek dan tulis namanya")
    target = base / text
    roots = (root, PACKAGE_DIR) if package else (root,)
    if not is_inside(target, *roots):
        raise BoundaryError("berkas ini tautan simbolik (symlink) ke luar folder proyek; salin berkasnya "
                            "ke dalam proyek")
    return target


def _shown(root: Path, base: Path) -> str:
    try:
        return base.relative_to(root).as_posix()
    except ValueError:
        return base.name
