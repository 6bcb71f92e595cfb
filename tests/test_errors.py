"""User errors are located Indonesian messages with exit 1, in one place in the CLI;
internal errors exit 2 with a report that holds no data values."""
import re

from click.testing import CliRunner

from soppress import api
from soppress.cli import main


def run(project, *args, env=None):
    return CliRunner().invoke(main, [*args, "--proyek", str(project)], env=env or {})


def test_override_template_with_a_syntax_error_is_named_with_its_line(mini_project):
    (mini_project / "templates").mkdir()
    (mini_project / "templates" / "sop_body.html.j2").write_text("<p>satu</p>\n<p>dua</p>\n{% if %}\n")
    result = run(mini_project, "build", "--format", "pdf")
    assert result.exit_code == 1, result.output
    assert re.search(r"templates/sop_body\.html\.j2:3(:\d+)?: galat: sintaks templat", result.output)
    assert "Traceback" not in result.output and not (mini_project / "build" / "contoh.pdf").exists()


def test_override_template_with_an_unknown_name_is_named_with_its_line(mini_project):
    (mini_project / "templates").mkdir()
    (mini_project / "templates" / "sop_body.html.j2").write_text("<p>satu</p>\n\n<p>{{ tidak_ada }}</p>\n")
    result = run(mini_project, "build", "--format", "pdf")
    assert result.exit_code == 1, result.output
    assert re.search(r"templates/sop_body\.html\.j2:3: galat: nama yang tidak dikenal", result.output)
    assert "tidak_ada" in result.output


def test_internal_error_exits_2_without_its_message_or_traceback(mini_project, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Nama Korban Sintetis")  # what an exception could carry
    monkeypatch.setattr(api, "check_project", broken)
    result = run(mini_project, "check")
    assert result.exit_code == 2
    assert "galat internal (RuntimeError)" in result.output
    assert "Nama Korban Sintetis" not in result.output and "Traceback" not in result.output


def test_debug_switch_shows_the_traceback(mini_project, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("rincian")
    monkeypatch.setattr(api, "check_project", broken)
    result = run(mini_project, "check", env={"SOPPRESS_DEBUG": "1"})
    assert result.exit_code != 0 and isinstance(result.exception, RuntimeError)
