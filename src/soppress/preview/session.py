"""The preview's state: the documents of the last good check, what each looks like,
and the diagnostics of the sources as they are now.

``refresh`` runs after every save: it checks the whole project (the same checks as
``soppress check``); with errors it keeps the last good documents and only publishes
the diagnostics, without errors it takes the new catalogue, whose keys say which
documents changed. Those are drawn again when a page asks (``drawn``), once per key.
Everything lives in memory: nothing is written to the project or its build folder."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from soppress.preview.catalog import Drawn, Entry


@dataclass
class Snapshot:
    version: int                                       # bumped by every refresh that changed something
    keys: dict[str, str] = field(default_factory=dict)  # document id -> key
    errors: list[str] = field(default_factory=list)     # "file:line:col: galat: message [code]"

    def as_dict(self) -> dict:
        return {"versi": self.version, "kunci": self.keys, "galat": self.errors}


class Session:
    def __init__(self, root: Path):
        self.root = root.resolve()
        self.entries: dict[str, Entry] = {}
        self.snapshot = Snapshot(0)
        self._drawn: dict[str, tuple[str, Drawn]] = {}   # id -> (key, drawing): the last good one
        self._failed: dict[str, tuple[str, str]] = {}    # id -> (key, message) of a drawing that failed
        self._errors: list[str] = []                     # the last check's errors
        self._lock = threading.RLock()                   # one check or drawing at a time (weasyprint)
        self._changed = threading.Condition()

    def refresh(self) -> Snapshot:
        """Check the project again and publish what changed."""
        from soppress import api
        from soppress.errors import UserError
        from soppress.preview.catalog import entries
        with self._lock:
            try:
                project, report = api.check(self.root)
                found = [] if report.errors else entries(project, report)
            except UserError as exc:  # e.g. a broken template override, named with its file and line
                report, found = None, []
                errors = [str(exc)]
            if report is not None:
                errors = [str(d) for d in report.errors]
            self._errors = errors
            if not errors:
                self.entries = {e.id: e for e in found}
                self._failed = {i: f for i, f in self._failed.items()  # a changed document is tried again
                                if i in self.entries and f[0] == self.entries[i].key}
            return self._publish()

    def _publish(self) -> Snapshot:
        old = self.snapshot
        keys = {i: e.key[:16] for i, e in self.entries.items()}
        errors = self._errors + [f"{i}: {m}" for i, (_, m) in sorted(self._failed.items())]
        if keys != old.keys or errors != old.errors:
            self.snapshot = Snapshot(old.version + 1, keys, errors)
            with self._changed:
                self._changed.notify_all()
        return self.snapshot

    def wait(self, version: int, timeout: float) -> Snapshot:
        """The snapshot after ``version``, or the current one after ``timeout`` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.snapshot.version != version, timeout)
        return self.snapshot

    def drawn(self, doc_id: str) -> tuple[Entry, Drawn | None]:
        """A document as it is now; when drawing it fails, its last good drawing (or
        None), with the failure published as a diagnostic."""
        from soppress.errors import UserError
        with self._lock:
            entry = self.entries[doc_id]
            key, drawing = self._drawn.get(doc_id, ("", None))
            if key == entry.key or self._failed.get(doc_id, ("",))[0] == entry.key:
                return entry, drawing
            try:
                drawing = entry.draw()
            except UserError as exc:
                self._failed[doc_id] = (entry.key, str(exc))
                self._publish()
                return entry, drawing
            self._drawn[doc_id] = (entry.key, drawing)
            if self._failed.pop(doc_id, None) is not None:
                self._publish()
            return entry, drawing

    def download(self, doc_id: str, fmt: str) -> bytes | None:
        """The document's PDF or DOCX, made now, in memory; None when it cannot be drawn."""
        entry, drawing = self.drawn(doc_id)
        if drawing is None:
            return None
        with self._lock:
            return drawing.pdf() if fmt == "pdf" else drawing.docx()
