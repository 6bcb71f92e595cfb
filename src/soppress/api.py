"""The library API the CLI is a thin layer over."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .checks import check_project
from .collection import check_collection
from .diagnostics import Report
from .project import Project, load_project


def check(root: Path, strict: bool = False, ignore: Iterable[str] = ()) -> tuple[Project, Report]:
    """Load and check a whole project; the report holds every problem found.

    Collection checks (across SOPs, against the registries) are warnings unless
    ``strict``; codes in ``ignore`` (and in soppress.yaml's ``abaikan``) are silenced."""
    report = Report()
    project = load_project(root, report)
    check_project(project, report)
    check_collection(project, report, strict=strict, ignore=ignore)
    return project, report
