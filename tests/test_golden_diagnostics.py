"""Golden pairs: a bad SOP file and the exact diagnostics `soppress check` prints.

Regenerate after an intended message change with `pytest --update-golden`, then
read the diff of tests/golden/bad/*.expected before committing."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from soppress.cli import main

BAD = Path(__file__).parent / "golden" / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.yaml"))


def test_golden_set_is_large_enough():
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name, mini_project, update_golden):
    target = mini_project / "sops" / "contoh.yaml"
    target.write_bytes((BAD / f"{name}.yaml").read_bytes())
    result = CliRunner().invoke(main, ["check", "--proyek", str(mini_project)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("sops/")]
    expected_file = BAD / f"{name}.expected"
    if update_golden:
        expected_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert lines == expected
    assert result.output.rstrip().endswith("peringatan."), "summary line missing"


def test_every_golden_diagnostic_is_located_and_coded():
    for expected in BAD.glob("*.expected"):
        for line in expected.read_text(encoding="utf-8").splitlines():
            location, _, rest = line.partition(": ")
            file, row, col = location.rsplit(":", 2)
            assert file == "sops/contoh.yaml" and int(row) >= 1 and int(col) >= 1, line
            assert rest.startswith(("galat: ", "peringatan: ")) and rest.endswith("]"), line
