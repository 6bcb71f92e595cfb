"""Characters every output can hold.

XML 1.0 (DOCX, and the HTML weasyprint parses) cannot hold C0 control characters
other than tab and line breaks, lone surrogates or U+FFFE/U+FFFF; DEL and the C1
controls are allowed but invisible. A source can still contain them (a YAML
escape such as ``"\\e"``, text pasted from a chat). They are replaced with U+FFFD,
the Unicode replacement character, so the change is visible in every output and
the reader reports where it happened; zero-width and bidi characters are ordinary
text and stay as typed.
"""
from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def invalid(text: str) -> list[str]:
    """The characters of ``text`` that get replaced, e.g. ['U+001B']."""
    return [f"U+{ord(c):04X}" for c in _INVALID.findall(text)]


def visible(text: str) -> str:
    return _INVALID.sub(REPLACEMENT, text)
