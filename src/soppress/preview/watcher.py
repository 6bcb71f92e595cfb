"""Watching the project's sources with watchfiles (inotify on Linux, Rust's notify crate).

Each batch of changes (watchfiles groups the writes an editor makes when it saves)
triggers one ``Session.refresh`` in a worker thread; the session's keys decide which
documents changed. The build folder, version control, case folders and editors'
temporary files are not sources and are ignored, so that watching never reads case data."""
from __future__ import annotations

from pathlib import Path

import anyio
from watchfiles import Change, DefaultFilter, awatch

from soppress.preview.session import Session

IGNORED_DIRS = ("build", "kasus", "keluaran-kasus", ".git", "__pycache__", "node_modules", ".venv")


class SourceFilter(DefaultFilter):
    """watchfiles' default filter (editor swap files, .git, …) and the project's
    non-source folders, relative to the project root."""
    def __init__(self, root: Path):
        super().__init__(ignore_dirs=IGNORED_DIRS)
        self.root = root

    def __call__(self, change: Change, path: str) -> bool:
        try:
            parts = Path(path).relative_to(self.root).parts
        except ValueError:
            return False
        return bool(parts) and parts[0] not in IGNORED_DIRS and super().__call__(change, path)


async def watch(session: Session, stop_event: anyio.Event | None = None) -> None:
    async for _changes in awatch(session.root, watch_filter=SourceFilter(session.root), step=30,
                                 stop_event=stop_event):
        await anyio.to_thread.run_sync(session.refresh)
