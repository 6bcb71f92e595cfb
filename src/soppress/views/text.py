"""Rich text of the source (Markdown, inline) as HTML, and the numbering of lists."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markupsafe import Markup

# roman, number_words and diktum_ordinal live with the rest of the Indonesian formatting.
from soppress.views.indonesia import diktum_ordinal, number_words, roman  # noqa: F401

from soppress.sources.chars import visible

# Markdown is inline formatting only: images, links, autolinks, raw HTML and entities
# stay the literal text the source has (an image or link would make the renderer
# fetch a URL; an entity would print something else than what was typed).
NOT_MARKS = ["image", "link", "autolink", "html_inline", "entity"]


def markdown() -> MarkdownIt:
    # markdown_it and markupsafe load on first use: `check` reads only the list markers
    # from this module, and importing them took a twentieth of its time.
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(NOT_MARKS)


_md = lru_cache(maxsize=1)(markdown)


@lru_cache(maxsize=4096)
def inline(text: str | None) -> Markup:
    """Inline Markdown (**tebal**, *miring*); line breaks kept; everything else,
    raw HTML and Markdown links/images included, printed as typed."""
    from markupsafe import Markup
    if not text:
        return Markup("")
    return Markup(_md().renderInline(visible(text.strip())))


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



def balanced(text: str, size_pt: float, width_mm: float, bold: bool = False) -> str:
    """``text`` broken into lines of nearly equal width ("\\n" between them), so a
    centred title never leaves one word alone on its last line. Widths come from the
    shipped font's metrics (bold set about 8% wider); no-break spaces hold words
    together (a label and its URL)."""
    from soppress.layout.flowchart import text_width  # font metrics, loaded once
    words = text.split(" ")
    size_mm = size_pt * 25.4 / 72 * (1.08 if bold else 1.0)

    def width(i: int, j: int) -> float:
        return text_width(" ".join(words[i:j]), size_mm)

    if len(words) < 3 or width(0, len(words)) <= width_mm:
        return text
    n = len(words)
    lines = 1
    while True:
        lines += 1
        # best[k][j]: the least possible widest line setting words[:j] on k lines
        best = [[float("inf")] * (n + 1) for _ in range(lines + 1)]
        cut = [[0] * (n + 1) for _ in range(lines + 1)]
        best[0][0] = 0.0
        for k in range(1, lines + 1):
            for j in range(1, n + 1):
                for i in range(k - 1, j):
                    w = max(best[k - 1][i], width(i, j))
                    if w < best[k][j]:
                        best[k][j], cut[k][j] = w, i
        if best[lines][n] <= width_mm or lines >= n:
            break
    out, j = [], n
    for k in range(lines, 0, -1):
        i = cut[k][j]
        out.append(" ".join(words[i:j]))
        j = i
    return "\n".join(reversed(out))


def typo_same(a: str, b: str) -> bool:
    """Two names that differ only by a typo in one word ("Rehabilitasi" /
    "Rehabilitas"), not by a different word ("di Rumah Sakit" / "di Puskesmas")."""
    from difflib import SequenceMatcher
    wa, wb = a.lower().split(), b.lower().split()
    if wa == wb:
        return True
    if len(wa) != len(wb):
        return False
    different = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(different) == 1 and SequenceMatcher(None, *different[0]).ratio() >= 0.8
