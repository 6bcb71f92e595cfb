"""What the preview adds to a rendered document: the paper on screen, a bar with the
download links, the diagnostics panel and the live-reload script.

The document's own HTML is the renderer's, unchanged: the additions are a ``<style>``
for ``@media screen`` only (print is untouched), a ``<script>`` and a bar after
``<body>``. The script listens to the server's events (Server-Sent Events, which the
browser reconnects by itself); when the document's key changes it fetches the page
again and swaps its body and styles in place, keeping the scroll position."""
from __future__ import annotations

import json

from markupsafe import Markup, escape

from soppress.views.blocks import PageSpec

EVENTS = "/_pratinjau/peristiwa"

SCRIPT = """
(function () {
  var doc = document.documentElement.getAttribute("data-pv-dok");
  var key = document.documentElement.getAttribute("data-pv-kunci");
  var errors = [];
  function panel() {
    var old = document.getElementById("pv-galat");
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement("div");
    box.id = "pv-galat";
    var title = document.createElement("strong");
    title.textContent = errors.length + " galat: tampilan di bawah adalah hasil terakhir yang benar.";
    box.appendChild(title);
    var list = document.createElement("ul");
    errors.forEach(function (e) { var li = document.createElement("li"); li.textContent = e; list.appendChild(li); });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  function markBefore(selector, tag, html) {  /* a "batas halaman" mark before each match, once */
    document.querySelectorAll(selector).forEach(function (el) {
      if (el.previousElementSibling && el.previousElementSibling.classList.contains("pv-batas")) return;
      var mark = document.createElement(tag);
      mark.className = "pv-batas";
      mark.innerHTML = html;
      el.parentNode.insertBefore(mark, el);
    });
  }
  function boundaries() {  /* an SOP sheet's page breaks: the table, the summary, the page plan's rows */
    markBefore("section.alir, section.ringkasan", "div", "batas halaman");
    markBefore("tr.putus", "tr", '<td colspan="99">batas halaman</td>');
  }
  function swap() {
    var x = window.scrollX, y = window.scrollY;
    return fetch(location.pathname, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html");
      document.querySelectorAll("head style:not(#pv-style)").forEach(function (s) { s.remove(); });
      fresh.querySelectorAll("head style:not(#pv-style)").forEach(function (s) {
        document.head.appendChild(document.importNode(s, true));
      });
      document.body.replaceWith(document.importNode(fresh.body, true));
      ["data-pv-kunci", "data-pv-versi"].forEach(function (name) {
        var value = fresh.documentElement.getAttribute(name);
        if (value !== null) document.documentElement.setAttribute(name, value);
      });
      key = fresh.documentElement.getAttribute("data-pv-kunci");
      document.title = fresh.title;
      boundaries();
      panel();
      window.scrollTo(x, y);
      document.documentElement.setAttribute("data-pv-diperbarui", String(Date.now()));
    });
  }
  document.addEventListener("DOMContentLoaded", boundaries);
  var events = new EventSource("%(events)s");
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    errors = state.galat;
    if (doc && state.kunci[doc] && state.kunci[doc] !== key) { swap(); return; }
    if (!doc && state.versi !== Number(document.documentElement.getAttribute("data-pv-versi"))) { swap(); return; }
    panel();
  };
})();
""" % {"events": EVENTS}

PAPER = """%(sel)s { box-sizing: border-box; width: %(w)smm; min-height: %(h)smm; margin: 0 auto 8mm;
    padding: %(t)smm %(r)smm %(b)smm %(l)smm; background-color: #fff; box-shadow: 0 1px 8px rgba(0,0,0,.6);
    %(lines)s }
  %(sel)s div.pv-batas { margin: %(b)smm -%(r)smm %(t)smm -%(l)smm; }"""

STYLE = """
@media screen {
  html { background: #5f6368; padding: 14mm 0 6mm; }
  body { margin: 0; }
  %(papers)s
  div.pv-batas { background: #5f6368; color: #fff; font: 8pt sans-serif; text-align: center; line-height: 6mm; }
  tr.pv-batas td { background: #5f6368; color: #fff; font: 8pt sans-serif; text-align: center;
                   height: 6mm; border: none !important; }
  #pv-bar { position: fixed; top: 0; left: 0; right: 0; z-index: 10; display: flex; gap: 1.2em; align-items: center;
            padding: .35em 1em; background: #202124; color: #fff; font: 13px sans-serif; }
  #pv-bar a { color: #8ab4f8; }
  #pv-galat { position: fixed; left: 1em; right: 1em; bottom: 1em; z-index: 11; max-height: 40vh; overflow: auto;
              padding: .6em 1em; background: rgba(179, 38, 30, .93); color: #fff; font: 13px monospace;
              border-radius: 4px; box-shadow: 0 2px 10px rgba(0,0,0,.5); }
  #pv-galat ul { margin: .4em 0 0; padding-left: 1.2em; }
}
"""


def page_style(pages: list[PageSpec], sheet: bool) -> str:
    """The paper on screen: for an SOP sheet the body, whose page breaks are its page
    plan's (drawn by the script); for a document each section (``section.bagian``, in
    its own paper and orientation). Sections flow, so a line marks every page height (an
    approximation: the PDF may break a little earlier to keep a block together)."""
    def paper(selector: str, page: PageSpec, lines: bool) -> str:
        step = f"{page.height:g}mm"
        drawn = (f"background-image: repeating-linear-gradient(to bottom, transparent 0, transparent calc({step} - 1px),"
                 f" #d93025 calc({step} - 1px), #d93025 {step}); background-position: 0 -{page.top:g}mm;")
        return PAPER % {"sel": selector, "w": f"{page.width:g}", "h": f"{page.height:g}", "t": f"{page.top:g}",
                        "r": f"{page.right:g}", "b": f"{page.bottom:g}", "l": f"{page.left:g}",
                        "lines": drawn if lines else ""}
    if sheet:
        return STYLE % {"papers": paper("body", pages[0], False)}
    return STYLE % {"papers": "\n  ".join(paper(f'section.bagian[style="page: s{i}"]', page, True)
                                          for i, page in enumerate(pages))}


def bar(title: str, links: list[tuple[str, str]]) -> Markup:
    items = Markup("").join(Markup('<a href="{}">{}</a>').format(href, label) for label, href in links)
    return Markup('<div id="pv-bar"><a href="/">&larr; Daftar dokumen</a><span>{}</span>{}</div>').format(title, items)


def decorate(html: str, *, doc_id: str, key: str, title: str, pages: list[PageSpec], sheet: bool,
             links: list[tuple[str, str]]) -> str:
    """The rendered document with the preview's additions."""
    head = str(Markup('<style id="pv-style">{}</style>\n<script>{}</script>\n').format(
        Markup(page_style(pages, sheet)), Markup(SCRIPT)))
    attrs = str(Markup(' data-pv-dok="{}" data-pv-kunci="{}"').format(doc_id, key))
    html = html.replace("<html", "<html" + attrs, 1).replace("</head>", head + "</head>", 1)
    start = html.index("<body")
    start = html.index(">", start) + 1
    return html[:start] + "\n" + str(bar(title, links)) + html[start:]


def index_page(groups: dict[str, list[tuple[str, str]]], version: int, project: str) -> str:
    """The list of documents by kind: (title, address)."""
    sections = Markup("").join(
        Markup("<h2>{}</h2>\n<ul>{}</ul>\n").format(
            group, Markup("").join(Markup('<li><a href="{}">{}</a></li>').format(href, title) for title, href in items))
        for group, items in groups.items())
    style = ("body { font: 15px sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; } h2 { font-size: 1.1em;"
             " margin-top: 1.5em; } #pv-galat { position: fixed; left: 1em; right: 1em; bottom: 1em; padding: .6em 1em;"
             " background: rgba(179, 38, 30, .93); color: #fff; font: 13px monospace; }")
    return str(Markup('<!DOCTYPE html>\n<html lang="id" data-pv-versi="{}">\n<head>\n<meta charset="utf-8">\n'
                      "<title>Pratinjau {}</title>\n<style>{}</style>\n<script>{}</script>\n</head>\n<body>\n"
                      "<h1>Pratinjau: {}</h1>\n<p>Simpan berkas sumber; halaman yang terbuka diperbarui sendiri.</p>\n"
                      "{}</body>\n</html>\n").format(version, project, Markup(style), Markup(SCRIPT), project,
                                                        sections))


def events_message(state: dict) -> str:
    return f"data: {json.dumps(state, ensure_ascii=False)}\n\n"
