"""How rendered HTML refers to files: the shipped fonts and the project's lambang.

Two forms: ``file_assets`` gives file URIs, for weasyprint's layout passes (the PDF
embeds what it uses, so no path ends up in it); ``relative_assets`` gives URLs
relative to a written HTML file, pointing into the build's ``_aset/`` folder, so
built HTML can be moved and reveals no path of the building machine."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from soppress.resources import FONT_DIR

SHIPPED_FONT = "Liberation Sans"
FONT_FILES = {("normal", "normal"): "Regular", ("bold", "normal"): "Bold",
              ("normal", "italic"): "Italic", ("bold", "italic"): "BoldItalic"}
ASSET_DIR = "_aset"

AssetUrl = Callable[[str], str]   # a project-relative path, or "fonts/<file>" -> URL


def file_assets(project_root: Path) -> AssetUrl:
    def url(path: str) -> str:
        if path.startswith("fonts/"):
            return (FONT_DIR / path.removeprefix("fonts/")).as_uri()
        return (project_root.resolve() / path).as_uri()
    return url


def relative_assets(html_file: Path, out_root: Path) -> AssetUrl:
    """URLs from ``html_file`` (inside ``out_root``) to ``out_root/_aset/<path>``."""
    up = os.path.relpath(out_root / ASSET_DIR, html_file.parent)
    return lambda path: f"{Path(up).as_posix()}/{path}"


def fonts_css(font: str, url: AssetUrl) -> str:
    if font != SHIPPED_FONT:
        return ""
    return "\n".join(
        f'@font-face {{ font-family: "{SHIPPED_FONT}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{url(f"fonts/LiberationSans-{name}.ttf")}"); }}'
        for (weight, style), name in FONT_FILES.items())


def font_stack(font: str) -> str:
    return f'"{font}", Arial, sans-serif'
