"""The library API the CLI is a thin layer over."""
from __future__ import annotations

from pathlib import Path

from .checks import check_project
from .diagnostics import Report
from .project import Project, load_project


def check(root: Path) -> tuple[Project, Report]:
    """Load and check a whole project; the report holds every problem found."""
    report = Report()
    project = load_project(root, report)
    check_project(project, report)
    return project, report
