"""Files shipped inside the package (fonts, templates), and the build's time."""
from __future__ import annotations

import datetime
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
FONT_DIR = PACKAGE_DIR / "fonts"
TEMPLATE_DIR = PACKAGE_DIR / "templates"


def build_time() -> datetime.datetime:
    """The build's time (UTC, naive): SOURCE_DATE_EPOCH when set, so that the same
    sources give the same files; else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).replace(tzinfo=None)
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
