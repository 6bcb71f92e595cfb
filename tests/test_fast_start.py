"""Fast start: what each command imports, and a check that stays linear in the steps."""
import ast
import subprocess
import sys
from pathlib import Path

import yaml

from soppress.api import check

SRC = Path(__file__).resolve().parent.parent / "src"
RENDERERS = ["weasyprint", "docx", "docxtpl", "graphviz", "PIL", "fontTools", "jinja2", "markdown_it"]

PROBE = """
import sys
from soppress.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("LOADED", sorted({m.split(".")[0] for m in sys.modules} & set(%r)), file=sys.stderr)
"""


def loaded(*args: str, cwd: Path | None = None) -> list[str]:
    heavy = RENDERERS + ["pydantic"]
    run = subprocess.run([sys.executable, "-c", PROBE % heavy, *args], capture_output=True, text=True, cwd=cwd,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1767225600"})
    line = [x for x in run.stderr.splitlines() if x.startswith("LOADED")]
    assert line, run.stderr[-2000:]
    return ast.literal_eval(line[-1].removeprefix("LOADED "))


def test_help_loads_neither_the_model_nor_a_renderer():
    assert loaded("--help") == []


def test_check_and_status_load_no_renderer(mini_project):
    # fontTools: the layout limits are checked on the flowchart geometry (label widths from
    # the shipped font's metrics), before any build; no renderer is loaded, nor the Markdown
    # parser (the checks read only list markers from views.text)
    assert loaded("check", "--proyek", str(mini_project)) == ["fontTools", "pydantic"]
    assert loaded("status", "--proyek", str(mini_project)) == ["fontTools", "pydantic"]


def test_a_build_with_nothing_to_do_only_hashes(mini_project, tmp_path):
    out = str(tmp_path / "out")
    assert "weasyprint" in loaded("build", "--proyek", str(mini_project), "--keluaran", out, "--format", "html")
    assert loaded("build", "--proyek", str(mini_project), "--keluaran", out, "--format", "html") == []


def test_check_of_a_long_sop_is_linear(mini_project, monkeypatch):
    """The flow checks once compared steps with pydantic's deep __eq__ (list.index) and
    iterated to a fixpoint: cubic in the steps. Count the work instead of timing it."""
    from soppress.model.sop import Langkah, Sop
    sop_file = mini_project / "sops" / "contoh.yaml"
    data = yaml.safe_load(sop_file.read_text())
    n = 300
    data["kegiatan"] = [{"uraian": f"Kegiatan {i}", "pelaksana": "Petugas Pengaduan", "waktu": "5 menit"}
                        for i in range(n)]
    sop_file.write_text(yaml.safe_dump(data, allow_unicode=True))
    calls = {"eq": 0, "successors": 0}
    real_successors = Sop.successors

    def successors(self, step):
        calls["successors"] += 1
        return real_successors(self, step)

    def eq(self, other):
        calls["eq"] += 1
        return self is other
    monkeypatch.setattr(Sop, "successors", successors)
    monkeypatch.setattr(Langkah, "__eq__", eq)
    _, report = check(mini_project)
    # past the sheet's limit of kegiatan (checks/limits.py): reported, and found just as fast
    assert [d.code for d in report.errors] == ["batas.kegiatan"], report.render_text()
    assert calls["successors"] <= 6 * n and calls["eq"] <= n, calls


def test_check_builds_the_validators_of_what_it_reads_only(mini_project):
    """Models build their validators on first use (defer_build): a check builds the SOP's,
    not those of nested parts on their own, nor of the case file (forms only read its fields)."""
    probe = ("import sys; from pathlib import Path; from soppress.api import check; check(Path(sys.argv[1]));"
             "from soppress.cases.model import Kasus; from soppress.model import Butir, Sop;"
             "print([m.__pydantic_complete__ for m in (Sop, Butir, Kasus)])")
    run = subprocess.run([sys.executable, "-c", probe, str(mini_project)], capture_output=True, text=True,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert run.stdout.split() == ["[True,", "False,", "False]"], run.stderr[-2000:]


def test_check_pauses_the_cycle_collector_and_restores_it(mini_project, monkeypatch):
    import gc
    from soppress import api
    seen = []
    real = api.load_project

    def load_project(root, report):
        seen.append(gc.isenabled())
        return real(root, report)
    monkeypatch.setattr(api, "load_project", load_project)
    assert gc.isenabled()
    check(mini_project)
    assert seen == [False] and gc.isenabled()
