"""A view ``Document`` as one HTML page: page CSS (size, margins, page numbers, the
RAHASIA marking), the shipped fonts, then each section's blocks."""
from __future__ import annotations

from markupsafe import Markup

from soppress.render.html.assets import AssetUrl, font_stack, fonts_css
from soppress.render.html import sop as _sop  # noqa: F401 - registers the SOP sheet block's drawing
from soppress.render.html.blocks import BLOCKS_CSS, HtmlContext, block_css, blocks
from soppress.resources import build_time
from soppress.views.blocks import Document, PageNumbers, PageSpec

_POSITIONS = {"atas-tengah": "top-center", "bawah-tengah": "bottom-center", "bawah-kanan": "bottom-right"}


def page_css(name: str, page: PageSpec) -> str:
    return (f"@page {name} {{ size: {page.width}mm {page.height}mm; "
            f"margin: {page.top}mm {page.right}mm {page.bottom}mm {page.left}mm; }}")


def numbers_css(numbers: PageNumbers, font: str) -> str:
    if numbers.position == "tanpa":
        return ""
    before, _, after = numbers.pattern.partition("{}")
    box = _POSITIONS[numbers.position]
    css = (f'@page {{ @{box} {{ content: "{before}" counter(page) "{after}"; font: 10pt {font_stack(font)}; '
           f'vertical-align: middle; }} }}')
    if not numbers.first:
        css += f"\n@page :first {{ @{box} {{ content: none; }} }}"
    return css


def marking_css(marking: str | None, font: str) -> str:
    if not marking:
        return ""
    text = marking.replace('"', "'")
    style = f'content: "{text}"; font: bold 10pt {font_stack(font)}; letter-spacing: 1pt;'
    return f"@page {{ @top-right {{ {style} }} @bottom-right {{ {style} }} }}"


def to_html(doc: Document, assets: AssetUrl, env=None) -> str:
    ctx = HtmlContext(assets, doc.mode, env or _sop.environment(), doc.font)
    extra = {css for section in doc.sections for block in section.blocks for css in [block_css(block, ctx)] if css}
    pages = "\n".join(page_css(f"s{i}", section.page) for i, section in enumerate(doc.sections))
    first = doc.sections[0].page
    css = "\n".join([
        fonts_css(doc.font, assets),
        f"@page {{ size: {first.width}mm {first.height}mm; "
        f"margin: {first.top}mm {first.right}mm {first.bottom}mm {first.left}mm; }}",
        pages, numbers_css(doc.page_numbers, doc.font), marking_css(doc.marking, doc.font),
        root_css(doc), ".bagian + .bagian { break-before: page; }", BLOCKS_CSS, *sorted(extra),
    ])
    body = Markup("\n").join(
        Markup('<section class="bagian"{} style="page: s{}">\n{}\n</section>').format(
            Markup(' id="{}"').format(section.name) if section.name else Markup(""), i, blocks(section.blocks, ctx))
        for i, section in enumerate(doc.sections))
    return str(Markup('<!DOCTYPE html>\n<html lang="{}">\n<head>\n<meta charset="utf-8">\n<title>{}</title>\n{}'
                      "<style>\n{}\n</style>\n</head>\n<body>\n{}\n</body>\n</html>\n").format(
        doc.lang.split("-")[0], doc.title, meta_tags(doc), Markup(css), body))


def root_css(doc: Document) -> str:
    """The root's type, colour and wrapping, and the body's margin."""
    return "\n".join([
        f"html {{ font-family: {font_stack(doc.font)}; font-size: {doc.size}pt; line-height: {doc.line}; "
        "color: #000; overflow-wrap: anywhere; }",  # a long URL wraps, nothing runs off the page
        # ... but not in the page's margin boxes (page numbers, RAHASIA), which inherit it from the
        # root: weasyprint sized each by breaking its text after every character
        "@page { overflow-wrap: normal; }",
        "body { margin: 0; }"])


def meta_tags(doc: Document) -> Markup:
    """The document's metadata (author, subject, keywords, dates) as <meta> elements."""
    return Markup("").join(Markup('<meta name="{}" content="{}">\n').format(name, value) for name, value in (
        ("author", doc.author), ("description", doc.subject), ("keywords", ", ".join(doc.keywords)),
        ("generator", "soppress"), ("dcterms.created", build_time().isoformat() + "Z"),
        ("dcterms.modified", build_time().isoformat() + "Z")) if value)


