"""The SOP sheet as HTML (the input of the PDF renderer, and an output of its own).

The template (templates/sop.html.j2 and sop_body.html.j2, overridable by a project's
own templates/) places the view; the identity sections, kop lines and signature are
drawn by the shared block drawers of render/html/blocks.py."""
from __future__ import annotations

import dataclasses

from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from soppress.errors import template_error
from soppress.layout.flowchart import FlowLayout
from soppress.layout.headings import HEAD_PT, Heading
from soppress.render.html import css_draw
from soppress.render.html.assets import AssetUrl, font_stack, fonts_css
from soppress.render.html.blocks import HtmlContext, block_css, blocks, draw, kop_lines, signature_lines
from soppress.resources import build_time
from soppress.views import text
from soppress.views.sop import LEGEND, Lines, RowView, SheetBlock, SheetView


def environment(project_root: Path | None = None) -> jinja2.Environment:
    """Templates: the project's own templates/ first (a dinas may override), then ours."""
    loaders: list[jinja2.BaseLoader] = []
    if project_root and (project_root / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(project_root / "templates"))
    loaders.append(jinja2.PackageLoader("soppress", "templates"))
    env = jinja2.sandbox.SandboxedEnvironment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                                              undefined=jinja2.StrictUndefined, trim_blocks=False)
    env.filters["md"] = text.inline
    env.project_root = project_root  # to name an override's file relative to the project in messages
    return env


def render(view: SheetView, layout: FlowLayout, env: jinja2.Environment, assets: AssetUrl,
           flowchart_only: bool = False, measuring: bool = False) -> str:
    """The sheet as HTML, ``layout`` paginated. ``flowchart_only`` leaves out the
    identity sheet and the summary; ``measuring`` leaves out the drawing (row heights
    do not depend on it) and what follows the flowchart, which makes a measuring pass cheap."""
    return _template(env, "sop.html.j2", sheet_variables(view, layout, assets, flowchart_only, measuring))


def identity_html(view: SheetView, env: jinja2.Environment, assets: AssetUrl) -> str:
    """The sheet without its rows, drawing or build time: what decides the identity
    sheet's type (render.pdf.sop.identity_key)."""
    variables = sheet_variables(dataclasses.replace(view, rows=()), view.layout, assets, measuring=True)
    return _template(env, "sop.html.j2", {**variables, "created": ""})


def render_body(view: SheetView, layout: FlowLayout, env: jinja2.Environment, assets: AssetUrl,
                prefix: str) -> Markup:
    """The sheet's content alone, for a document that holds several (the SOP book);
    ``prefix`` keeps its element ids unique there."""
    return Markup(_template(env, "sop_body.html.j2", sheet_variables(view, layout, assets, prefix=prefix)))


def _template(env: jinja2.Environment, name: str, variables: dict) -> str:
    """A template rendered; a broken one (a project's own override) is a located message."""
    try:
        return env.get_template(name).render(**variables)
    except jinja2.TemplateError as exc:
        error = template_error(exc, getattr(env, "project_root", None))
        if str(error).startswith("/") or "src/soppress/" in str(error):  # ours, not the project's: a bug
            raise
        raise error from None


def sheet_variables(view: SheetView, layout: FlowLayout, assets: AssetUrl, flowchart_only: bool = False,
                    measuring: bool = False, prefix: str = "") -> dict:
    ctx = HtmlContext(assets)
    return dict(
        flowchart_only=flowchart_only, measuring=measuring, prefix=prefix, lampiran=view.lampiran, sop=view.sop, kop=view.kop,
        identity_pt=view.identity_pt,
        kop_lines=kop_lines(view.kop), signature=signature_lines(view.signature), page=view.page, cols=view.cols,
        font=Markup(font_stack(view.font)), fonts_css=Markup(fonts_css(view.font, assets)), author=view.author,
        logo=assets(view.kop.logo) if view.kop.logo else None, identity_rows=view.identity,
        sections=[tuple((s.title, blocks(s.blocks, ctx)) for s in pair) for pair in view.sections],
        heads=view.heads, lanes=view.lanes, head=_heads(view),
        rows=[_row(layout, i, r, measuring) for i, r in enumerate(view.rows)],
        legend=legend_html(), summary=view.summary, created=build_time().isoformat() + "Z", closing=draw(view.closing, ctx) if view.closing else None,
    )


def _heading(heading: Heading) -> Markup:
    """A heading in the lines the view broke it into (the cell does not break them again)."""
    size = "" if heading.pt == HEAD_PT else Markup(' style="font-size: {}pt"').format(heading.pt)
    return Markup('<span class="kolom"{}>{}</span>').format(size, Markup("<br>").join(heading.lines))


def _heads(view: SheetView) -> dict:
    h = view.table_heads
    out = {name: _heading(getattr(h, name)) for name in
           ("no", "kegiatan", "pelaksana", "mutu_baku", "keterangan", "kelengkapan", "waktu", "output")}
    out["lanes"] = [_heading(lane) for lane in h.lanes]
    return out


def _lines(lines: Lines) -> Markup:
    """The lead, then each item on its own line with a hanging indent (the marker
    hangs in the indent, the text's later lines align under its first)."""
    return text.inline(lines.lead) + Markup("").join(
        Markup('<div class="sub"><span class="m">{}</span>{}</div>').format(m, text.inline(v)) for m, v in lines.subs)


@dataclass
class _HtmlRow:
    kind: str
    no: str
    kegiatan: Markup
    kelengkapan: Markup
    waktu: Markup
    output: Markup
    keterangan: Markup
    cells: list[str]
    height: float
    page_break: bool


def _row(layout: FlowLayout, index: int, row: RowView, measuring: bool = False) -> _HtmlRow:
    cells = [("" if measuring else css_draw.cell_style(layout, index, lane.index)) for lane in layout.lanes]
    page_break = any(page and page[0] == index for page in layout.pages[1:])
    return _HtmlRow(row.kind, row.no, _lines(row.kegiatan), _lines(row.kelengkapan), _lines(row.waktu),
                    _lines(row.output), _lines(row.keterangan), cells, layout.rows[index].min_height,
                    page_break)


def legend_html() -> Markup:
    """The five symbols in one line, so the legend fits under the table."""
    cell = Markup('<td class="simbol" style="{}"></td><td class="arti">{}</td>')
    return (Markup('<table class="legenda"><tr>') + Markup("").join(
        cell.format(css_draw.legend_style(kind), meaning) for kind, meaning in LEGEND) + Markup("</tr></table>"))




@draw.register
def _sheet_block(block: SheetBlock, ctx: HtmlContext) -> Markup:
    sheet = block.sheet
    return Markup('<div class="lampiran">{}</div>').format(
        render_body(sheet.view, sheet.layout, ctx.env, ctx.asset_url, block.prefix))


@block_css.register
def _sheet_css(block: SheetBlock, ctx: HtmlContext) -> str:
    """The sheet's styles, scoped to it, so the document's other blocks keep theirs."""
    scoped = _template(ctx.env, "sop_style.css.j2", {"scope": ".lampiran ", "font": Markup(font_stack(ctx.font))})
    return ".lampiran { font-size: 9pt; line-height: 1.25; }\n" + scoped
