"""Rich text of the source (Markdown, inline) as HTML, and the numbering of lists."""
from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

# roman, number_words and diktum_ordinal live with the rest of the Indonesian formatting.
from soppress.views.indonesia import diktum_ordinal, number_words, roman  # noqa: F401

_MD = MarkdownIt("commonmark", {"html": False, "breaks": True})


@lru_cache(maxsize=4096)
def inline(text: str | None) -> Markup:
    """Inline Markdown (**tebal**, *miring*); line breaks kept; raw HTML escaped."""
    if not text:
        return Markup("")
    return Markup(_MD.renderInline(text.strip()))


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

