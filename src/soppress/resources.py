"""Files shipped inside the package: fonts and templates."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
FONT_DIR = PACKAGE_DIR / "fonts"
TEMPLATE_DIR = PACKAGE_DIR / "templates"
