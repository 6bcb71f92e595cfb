"""The preview's state: the documents of the last good check, what each looks like,
and the diagnostics of the sources as they are now.

``refresh`` runs after every save: it checks the whole project (the same checks as
``soppress check``); with errors it keeps the last good documents and only publishes
the diagnostics, without errors it takes the new catalogue, whose keys say which
documents changed. Those are drawn again when a page asks (``drawn``), once per key.
An SOP sheet that was drawn before is first sketched on its previous page plan (at once),
then laid out exactly in a thread; when that moves a page break, the page updates again.
Everything lives in memory: nothing is written to the project or its build folder."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from soppress.preview.catalog import Drawn, Entry

SETTLE_AFTER = 0.8   # seconds after a sketch before the exact layout starts (saves often come in runs)


def failure(exc: Exception) -> str:
    """What the page says about a failure: a user error's own located message; for
    anything else only its type (its text could carry case data), as the CLI does."""
    from soppress.errors import UserError
    if isinstance(exc, UserError):
        return str(exc)
    if os.environ.get("SOPPRESS_DEBUG") == "1":
        raise exc
    return (f"galat internal ({type(exc).__name__}). Ini kesalahan program, bukan data Anda; laporkan ke "
            "pengembang tanpa melampirkan data kasus.")


@dataclass
class Snapshot:
    version: int                                       # bumped by every refresh that changed something
    keys: dict[str, str] = field(default_factory=dict)  # document id -> key
    errors: list[str] = field(default_factory=list)     # "file:line:col: galat: message [code]"

    def as_dict(self) -> dict:
        return {"versi": self.version, "kunci": self.keys, "galat": self.errors}


class Session:
    def __init__(self, root: Path, cases: Path | None = None):
        self.root = root.resolve()
        self.cases = cases.resolve() if cases is not None else None  # case data only when asked
        self.entries: dict[str, Entry] = {}
        self.snapshot = Snapshot(0)
        self._drawn: dict[str, tuple[str, Drawn]] = {}   # id -> (key, drawing): the last good one
        self._failed: dict[str, tuple[str, str]] = {}    # id -> (key, message) of a drawing that failed
        self._errors: list[str] = []                     # the last check's errors
        self._revision: dict[str, int] = {}              # id -> exact drawings that replaced a sketch
        self.plans: dict = {}                            # SOP key -> (its key, page plan): catalog.Plans
        self._memo: dict = {}                            # the forms and letters, while their files are unchanged
        self.closing = False                             # the server is stopping: event streams end
        self._lock = threading.RLock()                   # one check or drawing at a time (weasyprint)
        self._layout = threading.Lock()                  # the exact layout of a sketched sheet

    def refresh(self) -> Snapshot:
        """Check the project again and publish what changed."""
        from soppress import api
        from soppress.preview.catalog import entries
        with self._lock:
            try:
                project, report = api.check(self.root)
                found = [] if report.errors else entries(project, report, self._memo, self.cases)
                errors = [str(d) for d in report.errors]
            except Exception as exc:  # noqa: BLE001 - shown in the page; watching goes on
                found, errors = [], [failure(exc)]
            self._errors = errors
            if not errors:
                self.entries = {e.id: e for e in found}
                self._failed = {i: f for i, f in self._failed.items()  # a changed document is tried again
                                if i in self.entries and f[0] == self.entries[i].key}
            return self._publish()

    def _publish(self) -> Snapshot:
        old = self.snapshot
        keys = {i: f"{e.key[:16]}.{self._revision.get(i, 0)}" for i, e in self.entries.items()}
        errors = self._errors + [f"{i}: {m}" for i, (_, m) in sorted(self._failed.items())]
        if keys != old.keys or errors != old.errors:
            self.snapshot = Snapshot(old.version + 1, keys, errors)  # the event streams poll it
        return self.snapshot

    def drawn(self, doc_id: str) -> tuple[Entry, Drawn | None]:
        """A document as it is now; when drawing it fails, its last good drawing (or
        None), with the failure published as a diagnostic."""
        with self._lock:
            entry = self.entries[doc_id]
            key, drawing = self._drawn.get(doc_id, ("", None))
            if key == entry.key or self._failed.get(doc_id, ("",))[0] == entry.key:
                return entry, drawing
            sketch = entry.sketch(self.plans) if entry.sketch is not None else None
            if sketch is not None:
                self._drawn[doc_id] = (entry.key, sketch)
                threading.Thread(target=self._settle, args=(entry, sketch), daemon=True).start()
                return entry, sketch
            try:
                with self._layout:
                    drawing = entry.draw(self.plans)
            except Exception as exc:  # noqa: BLE001 - shown in the page over its last good drawing
                self._failed[doc_id] = (entry.key, failure(exc))
                self._publish()
                return entry, drawing
            self._drawn[doc_id] = (entry.key, drawing)
            if self._failed.pop(doc_id, None) is not None:
                self._publish()
            return entry, drawing

    def page(self, doc_id: str) -> tuple[Entry, Drawn | None, str]:
        """``drawn``, with the key the events will name for that drawing."""
        with self._lock:
            entry, drawing = self.drawn(doc_id)
            return entry, drawing, f"{entry.key[:16]}.{self._revision.get(doc_id, 0)}"

    def _settle(self, entry: Entry, sketch: Drawn) -> None:
        """Lay a sketched sheet out exactly, once the saves pause, without holding up the
        next check (the session lock is only taken to publish); a new revision if its pages moved."""
        time.sleep(SETTLE_AFTER)
        with self._layout:
            if self.entries.get(entry.id) is not entry:  # saved again meanwhile: that version is drawn instead
                return
            try:
                exact, failed = entry.draw(dict(self.plans)), None
            except Exception as exc:  # noqa: BLE001 - shown in the page over the sketch
                exact, failed = None, failure(exc)
        with self._lock:
            if self.entries.get(entry.id) is not entry:
                return
            if failed is not None:
                self._failed[entry.id] = (entry.key, failed)
                self._publish()
                return
            self.plans[entry.id.removeprefix("sop/")] = (entry.key, exact.plan)
            self._drawn[entry.id] = (entry.key, exact)
            if exact.html != sketch.html:
                self._revision[entry.id] = self._revision.get(entry.id, 0) + 1
                self._publish()

    def download(self, doc_id: str, fmt: str) -> bytes | None:
        """The document's PDF or DOCX, made now, in memory; None when it cannot be drawn."""
        entry, drawing = self.drawn(doc_id)
        if drawing is None:
            return None
        with self._lock, self._layout:
            return drawing.pdf() if fmt == "pdf" else drawing.docx()
