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

IGNORED_DIRS = ("build", "kasus", "keluaran-kasus")  # and DefaultFilter's: .git, .venv, __pycache__, …


class SourceFilter(DefaultFilter):
    """watchfiles' default filter (editor swap files, …) and the project's non-source
    folders, relative to the project root; the case folder only when the preview shows cases."""
    def __init__(self, root: Path, cases: Path | None = None):
        super().__init__()
        self.root, self.cases = root, cases

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        if self.cases is not None and Path(path).is_relative_to(self.cases):
            return True
        try:
            parts = Path(path).relative_to(self.root).parts
        except ValueError:
            return False
        return bool(parts) and not set(parts) & set(IGNORED_DIRS)


async def watch(session: Session, stop_event: anyio.Event | None = None) -> None:
    folders = [session.root] + ([session.cases] if session.cases is not None and session.cases.is_dir()
                                and not session.cases.is_relative_to(session.root) else [])
    async for _changes in awatch(*folders, watch_filter=SourceFilter(session.root, session.cases), step=30,
                                 stop_event=stop_event):
        await anyio.to_thread.run_sync(session.refresh)
