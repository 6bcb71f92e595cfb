"""The library API the CLI is a thin layer over."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from soppress.checks.document import check_project
from soppress.checks.collection import check_collection
from soppress.checks.drafting import check_drafting
from soppress.checks.forms import check_forms
from soppress.checks.limits import check_limits
from soppress.checks.diagnostics import Report
from soppress.sources.project import Project, load_project


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Loading a project allocates tens of thousands of objects that live until the check
    ends; the cycle collector's passes over them and the heap (the model classes,
    pydantic's schemas) took 30 ms of a 0.4 s check and found little. Reference counting
    still frees what is dropped; the few cycles are collected once it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(root: Path, strict: bool = False, ignore: Iterable[str] = ()) -> tuple[Project, Report]:
    """Load and check a whole project; the report holds every problem found.

    Collection checks (across SOPs, against the registries) are warnings unless
    ``strict``; codes in ``ignore`` (and in soppress.yaml's ``abaikan``) are silenced."""
    report = Report()
    with _no_cycle_collection():
        project = load_project(root, report)
        check_project(project, report)
        check_limits(project, report)
        check_collection(project, report, strict=strict, ignore=ignore)
        check_drafting(project, report, strict=strict, ignore=ignore)  # reads the citations the collection resolved
        check_forms(project, report, strict=strict, ignore=ignore)
    return project, report
