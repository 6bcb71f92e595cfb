"""Letters as PDF, many at a time: one weasyprint layout for a run of letters, then one
PDF per letter cut from it by page.

    pdfs = letters_pdf(docs, root)        # bytes for each letter, in order

Why not ``render.pdf.document.to_pdf`` once per letter: a batch is one kind of letter
from one unit, so every letter has the same stylesheet, fonts and page; laying them out
in one weasyprint document parses and cascades the stylesheet once per run instead of
once per letter (about 25 % of a letter's cost). Each letter is one page group (the
named page ``surat``): its first page is unnumbered and the page counter restarts at 1,
exactly as when the letter is laid out alone. The pages of each letter are then written
as their own PDF (``Document.copy``), with the letter's own title.

``LETTER_CSS`` makes the two slowest parts of a letter's layout cheap without changing
what is drawn: the kop's flex items get a zero basis (weasyprint otherwise measures the
min- and max-content width of every kop line with Pango: a quarter of a letter's time),
and the isian and signature tables use the fixed table layout (the label column's width
is given on every row; the automatic layout line-breaks every cell to find widths).
The kop is pixel-identical; the tables keep their widths except that a row of several
signatures gets equal columns. The page context (which inherits from the root element)
gets back ``overflow-wrap: normal`` (``render.html.document.root_css``, as in every document): with the root's ``anywhere``, weasyprint found the
min-content width of each margin box (the RAHASIA marking, the page number) by breaking
its text after every character (about 5 % of a ``rujukan``'s time); the boxes are as
wide as their text either way, so they are drawn at the same place.

Two more things keep the cascade of a run small (both pixel-identical): the inline
styles become shared classes (``_shared_styles``), so that weasyprint can reuse one
letter's computed styles for the next, and the user-agent stylesheet loses the rules of
the footnote and note pseudo-elements (``_LetterHTML``).
"""
from __future__ import annotations

import copy
import html
import re
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Sequence

import tinycss2
import weasyprint
from markupsafe import Markup

from soppress.render.fetcher import fetcher
from soppress.render.html import sop as _sop
from soppress.render.html.assets import file_assets, fonts_css
from soppress.render.html.blocks import BLOCKS_CSS, HtmlContext, block_css, blocks
from soppress.render.html.document import marking_css, meta_tags, numbers_css, page_css, root_css
from soppress.render.pdf import fonts
from soppress.render.pdf.document import part_pages
from soppress.views.blocks import Document

PAGE = "surat"          # the named page of every letter: one page group per letter
LETTER_CSS = f"""
@page :nth(1 of {PAGE}) {{ counter-reset: page 1; }}
.surat {{ page: {PAGE}; }}
.surat + .surat {{ break-before: page; }}
.awal-surat {{ position: absolute; }}
table.isian-baris, table.ttd-baris {{ table-layout: fixed; }}
.kop-surat .lambang {{ flex: none; }}
.kop-surat .kop-teks {{ flex: 1 1 0; min-width: 0; }}
"""


def _frame(doc: Document) -> tuple:
    """What must be the same for letters to share one layout (and one stylesheet)."""
    return (doc.font, doc.size, doc.line, doc.lang, doc.mode, doc.marking, doc.page_numbers,
            tuple(s.page for s in doc.sections), doc.author, doc.subject, doc.keywords)


def _stylesheet(doc: Document, ctx: HtmlContext, extra: set[str]) -> str:
    numbers = numbers_css(doc.page_numbers, doc.font).replace("@page :first", f"@page :nth(1 of {PAGE})")
    return "\n".join([
        fonts_css(doc.font, ctx.asset_url), page_css("", doc.sections[0].page), page_css(PAGE, doc.sections[0].page),
        numbers, marking_css(doc.marking, doc.font), root_css(doc), BLOCKS_CSS, LETTER_CSS, *sorted(extra)])


def letters_html(docs: Sequence[Document], root: Path) -> str:
    """One HTML page of letters with the same ``_frame``: each a ``section.surat`` on the
    named page ``surat``, starting with the anchor ``surat-<i>`` (an empty positioned
    element: an id on the section would keep weasyprint from sharing its styles)."""
    first = docs[0]
    ctx = HtmlContext(file_assets(root), first.mode, _sop.environment(), first.font)
    extra = {css for doc in docs for s in doc.sections for block in s.blocks for css in [block_css(block, ctx)] if css}
    body = Markup("\n").join(
        Markup('<section class="surat"><a class="awal-surat" id="surat-{}"></a>\n{}\n</section>').format(
            i, Markup("\n").join(blocks(s.blocks, ctx) for s in doc.sections))
        for i, doc in enumerate(docs))
    body, shared = _shared_styles(str(body))
    return str(Markup('<!DOCTYPE html>\n<html lang="{}">\n<head>\n<meta charset="utf-8">\n{}'
                      "<style>\n{}\n</style>\n</head>\n<body>\n{}\n</body>\n</html>\n").format(
        first.lang.split("-")[0], meta_tags(first), Markup(_stylesheet(first, ctx, extra) + "\n" + shared),
        Markup(body)))


_TAG = re.compile(r'<[a-z][a-z0-9]*(?:\s+[\w:-]+(?:="[^"]*")?)*\s*/?>')
_ATTR = re.compile(r'\s+([\w:-]+)(?:="([^"]*)")?')


def _shared_styles(body: str) -> tuple[str, str]:
    """The inline ``style`` attributes of ``body`` (HTML from ``blocks``: attribute values
    in double quotes, text escaped) as classes ``gaya-<n>``, one rule per distinct style,
    returned with the rules. weasyprint shares the computed style of equal elements only
    when they have no ``style`` attribute (its parsed declarations never compare equal), so
    this lets a row, a paragraph or a whole letter reuse the styles of the one before it.
    The rules are ``!important``: like an inline style they beat every normal author rule
    (the letter stylesheet has no important rule of its own)."""
    index: dict[str, int] = {}

    def tag(match: re.Match) -> str:
        text = match.group(0)
        if ' style="' not in text or "&lt;" in text:   # a "<" unescaped into the <style> could end it
            return text
        name = text[1:].split(None, 1)[0].rstrip("/>")
        attrs = dict(_ATTR.findall(text[1 + len(name):]))
        n = index.setdefault(attrs.pop("style"), len(index))
        attrs["class"] = f"{attrs['class']} gaya-{n}" if attrs.get("class") else f"gaya-{n}"
        return "<" + name + "".join(f' {k}="{v}"' for k, v in attrs.items()) + ">"

    body = _TAG.sub(tag, body)
    rules = []
    for value, n in index.items():
        declarations = [d for d in tinycss2.parse_blocks_contents(html.unescape(value)) if d.type == "declaration"]
        rules.append(f".gaya-{n} {{ " + "; ".join(
            f"{d.lower_name}: {tinycss2.serialize(d.value).strip()} !important" for d in declarations) + " }")
    return body, "\n".join(rules)


class _LetterHTML(weasyprint.HTML):
    """weasyprint's HTML with a user-agent stylesheet that lacks the rules for footnote
    and note pseudo-elements (``::footnote-call``, ``::note-marker``…). A letter has
    neither, but weasyprint computes a style for each of these five pseudo-elements of
    every element, as the rules match any element: without them the cascade of a
    ``rujukan`` takes 7 ms instead of 18. ``_ua_stylesheets`` is weasyprint's hook for
    its own form stylesheet (not public API: weasyprint is pinned, and
    tests/test_letters_pdf.py fails if the hook stops being used)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[weasyprint.CSS]:
        return [_ua_stylesheet(), *super()._ua_stylesheets(forms)[1:]]


def _ua_stylesheet_text() -> str:
    from weasyprint.html import UA
    return re.sub(r"^::(?:footnote|note)-[\w-]+ \{[^}]*\}$", "", UA, flags=re.M)


@cache
def _ua_stylesheet() -> weasyprint.CSS:
    from weasyprint.html import UA_COUNTER_STYLE
    return weasyprint.CSS(string=_ua_stylesheet_text(), counter_style=UA_COUNTER_STYLE)


def _run(docs: Sequence[Document], root: Path) -> list[bytes]:
    html = _LetterHTML(string=letters_html(docs, root), base_url=str(root), url_fetcher=fetcher(root))
    laid = html.render(font_config=fonts.shared())
    starts = part_pages(laid, [f"surat-{i}" for i in range(len(docs))])
    bounds = [starts[f"surat-{i}"] - 1 for i in range(len(docs))] + [len(laid.pages)]
    out = []
    for i, doc in enumerate(docs):
        part = laid.copy(laid.pages[bounds[i]:bounds[i + 1]])
        part.metadata = copy.copy(laid.metadata)
        part.metadata.title = doc.title
        out.append(part.write_pdf())
    return out


def letters_pdf(docs: Sequence[Document], root: Path) -> list[bytes]:
    """One PDF per letter, in order; consecutive letters with the same frame share one
    layout. A letter of several sections is laid out on its own by the general renderer."""
    from soppress.render.pdf.document import to_pdf
    out: list[bytes] = []
    for key, run in groupby(docs, key=lambda d: _frame(d) if len(d.sections) == 1 else id(d)):
        run = list(run)
        out += _run(run, root) if len(run[0].sections) == 1 else [to_pdf(d, root) for d in run]
    return out
