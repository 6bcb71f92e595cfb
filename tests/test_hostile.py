"""The hostile corpus (tests/hostile/cases.yaml): malformed and hostile inputs, each
with its expected diagnostics or its expected literal output.

Every case is applied to a copy of the mini project and run through the CLI
(`check`, `build`, `status`): no command may exit 2 or show a traceback; errors are
located Indonesian messages and leave no file behind; what builds holds the
source's text literally; nothing outside the project is read into an output, and a
local HTTP server that counts requests must see none.
"""
from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from pdfutil import squash
from soppress.cli import main
from soppress.sources import yamlsrc

HERE = Path(__file__).resolve().parent
CASES = yaml.safe_load((HERE / "hostile" / "cases.yaml").read_text(encoding="utf-8"))
SECRET = "RAHASIA-DI-LUAR-PROYEK-7311"
PACKAGE_TEMPLATES = HERE.parent / "src" / "soppress" / "templates"


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        _Counter.hits.append(self.path)
        body = b"body{color:red}"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


LETTERS = "abcdefghij"
BIG = {  # inputs too large to write into cases.yaml
    "${OPEN}": "[" * 10_000,
    "${BLOCK}": "".join("  " * i + f"k{i}:\n" for i in range(60)),
    "${HUGE}": "# " + "x" * (3 * 1024 * 1024) + "\n",
    "${LONG20000}": "kata " * 4000,
    "${WORD2000}": LETTERS * 200,
    "${WORD1000}": LETTERS * 100,
}


def _fill(text: str, port: int) -> str:
    for key, value in BIG.items():
        text = text.replace(key, value)
    return text.replace("{PORT}", str(port))


def _setup(case: dict, root: Path, outside: Path, port: int, monkeypatch) -> None:
    sop = root / "sops" / "contoh.yaml"
    for rel in case.get("remove", []):
        (root / rel).unlink()
    if "repeat" in case:  # many lines: {i} numbered from 5
        rep = case["repeat"]
        block = "".join(rep["text"].replace("{i}", str(i + 5)) for i in range(rep["n"]))
        text = sop.read_text(encoding="utf-8")
        sop.write_text(text.replace(rep["after"], rep["after"] + block, 1) if "after" in rep else text + block,
                       encoding="utf-8")
    for old, new in case.get("edit", []):
        text = sop.read_text(encoding="utf-8")
        assert old in text, f"edit target not in the base SOP: {old!r}"
        sop.write_text(text.replace(old, _fill(new, port), 1), encoding="utf-8")
    for rel, text in case.get("files", {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(_fill(text, port), encoding="utf-8")
    for rel, codec in case.get("encode", {}).items():
        (root / rel).write_bytes((root / rel).read_text(encoding="utf-8").encode(codec))
    for rel, target in case.get("symlink", {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(str(outside / target[len("OUTSIDE/"):]) if target.startswith("OUTSIDE/") else target, root / rel)
    for rel in case.get("mkdir", []):
        (root / rel).mkdir(parents=True)
    for rel in case.get("fifo", []):
        os.mkfifo(root / rel)
    if "template" in case:  # the package's sheet template, with the case's lines added to its <body>
        base = (PACKAGE_TEMPLATES / "sop.html.j2").read_text(encoding="utf-8")
        (root / "templates").mkdir()
        (root / "templates" / "sop.html.j2").write_text(base.replace("<body>", "<body>" + _fill(case["template"], port)))
    if "oserror" in case:  # the reader's open() fails as for an unreadable file (tests run as root)
        rel, name = case["oserror"]
        real_open = open
        error = {"PermissionError": PermissionError, "OSError": OSError}[name]

        def failing_open(file, *args, **kwargs):
            if str(file).endswith(rel):
                raise error(13, "simulated")
            return real_open(file, *args, **kwargs)
        monkeypatch.setattr(yamlsrc, "open", failing_open, raising=False)


def _outputs_text(out: Path) -> tuple[str, str, str]:
    """(PDF text, DOCX text, HTML source) of the SOP sheet."""
    import subprocess
    pdf = subprocess.run(["pdftotext", "-raw", str(out / "contoh.pdf"), "-"], check=True, capture_output=True,
                         text=True).stdout
    doc = Document(str(out / "contoh.docx"))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    docx = "\n".join([p.text for p in doc.paragraphs] + cells)
    return pdf, docx, (out / "contoh.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_input(case, mini_project, tmp_path, server, monkeypatch):
    outside = tmp_path / "di-luar"
    outside.mkdir()
    (outside / "rahasia.yaml").write_text(f"nama: {SECRET}\n", encoding="utf-8")
    (outside / "rahasia.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    _setup(case, mini_project, outside, server, monkeypatch)
    _Counter.hits.clear()
    out = tmp_path / "hasil"
    runner = CliRunner()
    expected = case.get("exit", 0)
    for command in (["check"], ["build", "--keluaran", str(out)], ["status", "--tanggal", "2026-06-01"]):
        result = runner.invoke(main, [*command, "--proyek", str(mini_project)], catch_exceptions=True)
        shown = result.output  # stdout and stderr, as on a terminal
        assert result.exit_code != 2 and "galat internal" not in shown, f"{command[0]}: {shown[-800:]}"
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in shown and SECRET not in shown
        if command[0] != "status":
            expected = case.get("build_exit", expected) if command[0] == "build" else case.get("exit", 0)
            assert result.exit_code == expected, f"{command[0]} exit {result.exit_code}: {shown[-1500:]}"
            for text in case.get("diag", []):
                assert _fill(text, server) in shown, f"{command[0]}: {text!r} not in:\n{shown[-1500:]}"
    assert _Counter.hits == [], f"the build made network requests: {_Counter.hits}"
    if expected:  # the build's exit code
        assert not out.exists() or not [p for p in out.rglob("*") if p.is_file() and p.name != ".lock"], \
            "a failed build wrote files"
        return
    pdf, docx, html = _outputs_text(out)
    for output in (pdf, docx, html):
        assert SECRET not in output
    for literal in case.get("literal", []):
        literal = _fill(literal, server)
        assert squash(literal) in squash(pdf), f"PDF lacks {literal!r}"
        assert literal in docx, f"DOCX lacks {literal!r}"
    for literal in case.get("literal_docx", []):
        assert literal in docx, f"DOCX lacks {literal!r}"
    for raw in case.get("html", []):
        assert _fill(raw, server) in html, f"HTML lacks {raw!r}"
    for raw in case.get("not_html", []):
        assert _fill(raw, server) not in html, f"HTML has {raw!r}"
