"""Rich text of the source (Markdown, inline) as HTML, and the numbering of lists."""
from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from soppress.sources.chars import visible

# Markdown is inline formatting only: images, links, autolinks, raw HTML and entities
# stay the literal text the source has (an image or link would make the renderer
# fetch a URL; an entity would print something else than what was typed).
NOT_MARKS = ["image", "link", "autolink", "html_inline", "entity"]


def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(NOT_MARKS)


_MD = markdown()


@lru_cache(maxsize=4096)
def inline(text: str | None) -> Markup:
    """Inline Markdown (**tebal**, *miring*); line breaks kept; everything else,
    raw HTML and Markdown links/images included, printed as typed."""
    if not text:
        return Markup("")
    return Markup(_MD.renderInline(visible(text.strip())))


def marker(style: str, index: int) -> str:
    """The printed marker of the index-th item (0-based) of a list numbered ``style``."""
    if style in ("tanpa",):
        return ""
    if style in ("-", "•"):
        return style
    if style.startswith("a"):
        n, letters = index + 1, ""
        while n:
            n, r = divmod(n - 1, 26)
            letters = chr(97 + r) + letters
        return letters + style[1:]
    return f"{index + 1}{style[1:]}"


def sub_marker(index: int) -> str:
    return marker("a.", index)


def item_marker(style: str, index: int, written: str | None) -> str:
    """The marker printed before an item: its written number (kept from the source,
    mistakes included) in the list's punctuation, or the computed one."""
    if not written:
        return marker(style, index)
    written = written.strip()
    suffix = style[1:] if style[:1] in ("1", "a") else ""
    return written if written.endswith((".", ")")) else written + suffix


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    """Roman numerals, for LAMPIRAN I, II, … and months in nomor surat."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


_UNITS = ["", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN"]


def number_words(n: int) -> str:
    """1..99 in Indonesian capitals (SATU, SEBELAS, DUA PULUH SATU), from a table:
    locale libraries have changed their spell-out between versions."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    if n < 10:
        return _UNITS[n]
    if n == 10:
        return "SEPULUH"
    if n == 11:
        return "SEBELAS"
    if n < 20:
        return f"{_UNITS[n - 10]} BELAS"
    tens, unit = divmod(n, 10)
    return " ".join(x for x in ("SEPULUH" if tens == 1 else f"{_UNITS[tens]} PULUH", _UNITS[unit]) if x)


def diktum_ordinal(n: int) -> str:
    """KESATU, KEDUA, …, KESEBELAS, KEDUA BELAS, KEDUA PULUH SATU."""
    return "KE" + number_words(n)
