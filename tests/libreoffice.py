"""DOCX -> PDF with LibreOffice, independent of the fonts this machine has.

LibreOffice runs with a fontconfig configuration that lists only the given font
folders (by default the package's own, Liberation Sans), a fresh user profile,
and every PDF it writes is checked with ``pdffonts``: a conversion laid out with
any font but Liberation Sans fails here, rather than being compared with a
substitute's page breaks."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from soppress.resources import FONT_DIR

PACKAGE_FONTS = (FONT_DIR,)
DEJAVU_ONLY = (Path("/usr/share/fonts/truetype/dejavu"),)  # a reader without our fonts (fonts-dejavu-core)
EXPECTED_FONT = re.compile(r"LiberationSans(-(Bold|Italic|BoldItalic))?")

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def fontconfig(folders, work: Path) -> Path:
    """A fonts.conf that knows only ``folders`` (and a cache of its own)."""
    for folder in folders:
        if not any(Path(folder).glob("*.ttf")):
            raise FileNotFoundError(f"no fonts in {folder} (setup.sh installs fonts-dejavu-core)")
    conf = work / "fonts.conf"
    dirs = "".join(f"<dir>{escape(str(folder))}</dir>" for folder in folders)
    conf.write_text(f'<?xml version="1.0"?><fontconfig>{dirs}<cachedir>{escape(str(work / "cache"))}</cachedir>'
                    "</fontconfig>\n")
    return conf


def convert(files: list[Path], out: Path, fonts=PACKAGE_FONTS, check_fonts: bool = True) -> list[Path]:
    """Each DOCX of ``files`` as a PDF in ``out`` (same stem), laid out by
    LibreOffice knowing only the fonts in ``fonts`` and those embedded in the file."""
    out.mkdir(parents=True, exist_ok=True)
    work = out / ".lo"
    work.mkdir(exist_ok=True)
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig(fonts, work))}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=900,
                   env=env)
    pdfs = [out / f"{Path(f).stem}.pdf" for f in files]
    for pdf in pdfs:
        assert pdf.is_file(), f"LibreOffice did not convert {pdf.stem}.docx"
        if check_fonts:
            assert_liberation(pdf)
    return pdfs


def fonts_used(pdf: Path) -> set[str]:
    """The fonts in a PDF, as ``pdffonts`` lists them (subset prefix removed)."""
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}


def assert_liberation(pdf: Path) -> None:
    others = sorted(name for name in fonts_used(pdf) if not EXPECTED_FONT.fullmatch(name))
    assert not others, (f"{pdf.name}: LibreOffice laid the DOCX out with {', '.join(others)}, not Liberation Sans: "
                        "its pages cannot be compared with the PDF's (the font is neither embedded in the DOCX "
                        "nor in the fontconfig given to LibreOffice)")
