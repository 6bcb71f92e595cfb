"""All-or-nothing writing of a build's outputs.

A build renders into a staging folder beside its outputs (same file system, so
a rename is atomic); only when every output has rendered are the files moved
into place, one ``os.replace`` each. A failure before that leaves the previous
outputs exactly as they were; a build killed at any moment leaves every output
either the old or the new complete file (never torn), and its staging folder is
removed by the next build. One build at a time per output folder: a second one
gets a clear message instead of interleaving its files with the first's.

    with build_lock(out_dir):
        with Outputs(out_dir, private=False) as out:
            out.write("kalteng/01.pdf", pdf_bytes)
            out.staged("peta.svg")          # a path to render into, if a file is needed
        # leaving the block without an exception moves everything into place

Case outputs (``private=True``) are readable by their owner only: folders 0700,
files 0600, from the moment they exist (staging included).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from soppress.sources.root import ProjectError  # light: cache and the CLI import this module

LOCK_NAME = ".lock"
STAGING_PREFIX = ".staging-"


class OutputError(ProjectError):
    """Outputs cannot be written (message in Indonesian; the CLI exits 1)."""


@contextlib.contextmanager
def build_lock(out_dir: Path):
    """Hold ``out_dir/.lock`` (fcntl.flock) for the duration; released by the
    kernel if the process dies, so a killed build never leaves a stale lock."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise OutputError(f"{out_dir}: folder hasil tidak dapat dibuat atau ditulis ({_reason(exc)}); "
                          "periksa hak aksesnya atau pilih folder lain dengan --keluaran") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"{out_dir}: build lain sedang berjalan untuk folder hasil ini ({LOCK_NAME}); "
                              "tunggu sampai selesai, lalu ulangi") from None
        _remove_stale_staging(out_dir)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove_stale_staging(out_dir: Path) -> None:
    """Staging folders of builds that were killed (we hold the lock: none is live)."""
    for stale in out_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)


class Outputs:
    def __init__(self, out_dir: Path, private: bool = False):
        self.out_dir = Path(out_dir)
        self.private = private
        self.dir_mode, self.file_mode = (0o700, 0o600) if private else (0o755, 0o644)
        self.staging: Path | None = None
        self.files: list[str] = []  # relative paths, in the order written

    def __enter__(self) -> "Outputs":
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            if self.private:
                os.chmod(self.out_dir, 0o700)
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out_dir))  # mode 0700
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: folder hasil tidak dapat ditulis ({_reason(exc)}); periksa hak "
                              "aksesnya atau pilih folder lain dengan --keluaran") from None
        return self

    def staged(self, relative: str | Path) -> Path:
        """The staging path of an output (its folder created); the caller writes it
        and it is moved into place with the rest."""
        rel = _relative(relative)
        path = self.staging / rel
        self._mkdirs(path.parent, self.staging)
        if rel.as_posix() not in self.files:
            self.files.append(rel.as_posix())
        return path

    def write(self, relative: str | Path, data: bytes) -> Path:
        """Write one output into staging; returns the path it will have once in place."""
        path = self.staged(relative)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, self.file_mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            raise OutputError(f"{self.out_dir / relative}: tidak dapat ditulis ({_reason(exc)})") from None
        return self.out_dir / relative

    def commit(self) -> list[Path]:
        """Move every staged file into place (each atomically), then drop staging."""
        placed = []
        try:
            for rel in self.files:  # refuse before moving anything: all or nothing
                target = self.out_dir / rel
                if target.is_dir() and not target.is_symlink():
                    raise OutputError(f"{target}: ada folder bernama sama dengan berkas hasil; pindahkan atau "
                                      "hapus folder itu, lalu ulangi")
            for rel in self.files:
                source, target = self.staging / rel, self.out_dir / rel
                with open(source, "rb+") as fh:
                    os.fsync(fh.fileno())  # the new content is on disk before its name is
                os.chmod(source, self.file_mode)
                self._mkdirs(target.parent, self.out_dir)
                os.replace(source, target)
                placed.append(target)
            _fsync_dirs({p.parent for p in placed})
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: hasil tidak dapat dipindahkan ke tempatnya ({_reason(exc)}); "
                              "periksa ruang disk dan hak akses, lalu ulangi") from None
        finally:
            self.discard()
        return placed

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None and self.staging is not None:  # discarded on purpose: nothing to move
            self.commit()
        else:
            self.discard()  # the previous outputs stay as they were

    def _mkdirs(self, folder: Path, base: Path) -> None:
        missing = []
        while folder != base and not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            path.mkdir(mode=self.dir_mode)
            os.chmod(path, self.dir_mode)  # mkdir's mode is filtered by the umask


def _relative(relative: str | Path) -> Path:
    rel = Path(relative)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise ValueError(f"output path must be relative and inside the output folder: {relative}")
    return rel


def _fsync_dirs(folders) -> None:
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "izin ditolak"
    if getattr(exc, "errno", None) == 28:
        return "disk penuh"
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        return "ada berkas di tempat folder"
    return exc.strerror or type(exc).__name__


def write_atomic(target: Path, data: bytes, mode: int = 0o644) -> Path:
    """One file replaced in one step: written to a temporary file beside it (created
    0600, so never readable by others meanwhile), given ``mode``, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
