"""Peta keterkaitan: the SOPs of a project and the SOPs their keterkaitan name,
as a graphviz diagram (SVG). SOPs outside the project are drawn dashed."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager

import graphviz

from soppress.errors import UserError
from soppress.model import Butir
from soppress.sources.project import Project
from soppress.resources import FONT_DIR
from soppress.views.text import typo_same


class GraphvizMissing(UserError):
    """`dot` is not installed (message in Indonesian)."""


def peta_svg(project: Project, keys: list[str] | None = None) -> str:
    """The diagram of the given SOPs (all of the project by default) as SVG text."""
    return _pipe(_graph(project, keys), "svg").decode("utf-8")


def peta_source(project: Project, keys: list[str] | None = None) -> str:
    """The diagram's Graphviz source: what the SVG and PNG are drawn from (the build's cache key)."""
    return _graph(project, keys).source


def peta_png(project: Project, keys: list[str] | None = None) -> bytes:
    """The same diagram as PNG, for Word."""
    graph = _graph(project, keys)
    graph.graph_attr["dpi"] = "200"
    return _pipe(graph, "png")


def _graph(project: Project, keys: list[str] | None) -> graphviz.Digraph:
    # Top to bottom, to fill a portrait page; 11 pt labels stay at least 9 pt once the
    # picture is scaled to the page (it is drawn about as wide as the page).
    graph = graphviz.Digraph("peta", graph_attr={"rankdir": "LR", "fontname": "Liberation Sans", "fontsize": "11",
                                                  "bgcolor": "white", "nodesep": "0.3", "ranksep": "0.55",
                                                  },
                             node_attr={"shape": "box", "style": "rounded", "fontname": "Liberation Sans",
                                        "fontsize": "11", "margin": "0.14,0.07"},
                             edge_attr={"arrowsize": "0.6", "color": "#333333"})
    files = [f for f in project.sops if f.sop is not None and (keys is None or f.key in keys)]
    units: dict[str, list] = {}
    for f in files:
        units.setdefault(f.sop.unit, []).append(f)
    for unit, members in units.items():
        with graph.subgraph(name=f"cluster_{unit}") as cluster:
            kop = project.kop.get(unit)
            cluster.attr(label=_wrap((kop.unit or kop.dinas) if kop else unit, 200), fontsize="11", color="#999999")
            for f in members:
                cluster.node(f.key, _wrap(f.sop.judul or f.sop.nama))
    outside: dict[str, str] = {}  # one node per external SOP, however many name it
    for f in files:
        section = f.sop.keterkaitan
        items = list(enumerate(section.butir)) or ([(None, Butir(teks=section.pengantar))] if section.pengantar else [])
        for i, item in items:
            key = project.links.get((f.key, i))  # resolved by the collection checks
            target = project.sop(key) if key else None
            if target is f:
                continue
            if target is not None:
                if target not in files:
                    graph.node(target.key, _wrap(target.sop.judul or target.sop.nama))
                graph.edge(f.key, target.key)
            elif item.teks:
                name = " ".join(item.teks.lower().rstrip(".").split())
                name = next((known for known in outside if typo_same(known, name)), name)  # one node despite typos
                if name not in outside:
                    outside[name] = f"luar-{len(outside) + 1}"
                    graph.node(outside[name], _wrap(item.teks.rstrip(".")), style="dashed,rounded", color="#666666",
                               fontcolor="#444444")
                graph.edge(f.key, outside[name], style="dashed")
    return graph


@contextmanager
def shipped_fonts():
    """A fontconfig for child processes that holds the package's fonts before the
    system's, so `dot` sizes labels in Liberation Sans even where it is not installed."""
    with tempfile.TemporaryDirectory(prefix="soppress-fc-") as tmp:
        conf = os.path.join(tmp, "fonts.conf")
        with open(conf, "w", encoding="utf-8") as fh:
            fh.write(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{FONT_DIR}</dir>'
                     f'<cachedir>{tmp}</cachedir><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                     "</fontconfig>")
        old = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = conf
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("FONTCONFIG_FILE", None)
            else:
                os.environ["FONTCONFIG_FILE"] = old


MISSING_DOT = "program dot (Graphviz) tidak ditemukan; pasang dengan: sudo apt-get install graphviz, lalu ulangi"


def require_dot() -> None:
    """Fail early, before anything is written, when `dot` is not installed."""
    if shutil.which("dot") is None:
        raise GraphvizMissing(MISSING_DOT)


def _pipe(graph: graphviz.Digraph, fmt: str) -> bytes:
    try:
        with shipped_fonts():  # dot measures labels with the font the page prints them in
            return graph.pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing(MISSING_DOT) from None


def _wrap(text: str, width: int = 28) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return graphviz.nohtml("\n".join(graphviz.escape(line) for line in lines))  # source text, not DOT/HTML markup
