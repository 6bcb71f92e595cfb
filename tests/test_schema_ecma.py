"""The generated JSON Schemas as editors and CI tools read them: compiled by ajv, an
independent validator using ECMA-262 regular expressions in unicode mode, against
the whole sample corpus; plus a Python-side check of every pattern's escapes."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from soppress.model.jsonschema import SCHEMAS, schema
from soppress.sources.yamlsrc import load

ECMA = Path(__file__).parent / "ecma"


def corpus_documents(root: Path, cases: Path | None = None) -> list[dict]:
    """Every source of the sample project by kind; ``cases``: a folder of synthetic case files."""
    files = [("sop", p) for p in sorted((root / "sops").rglob("*.yaml"))]
    files += [("formulir", p) for p in sorted((root / "forms").glob("*.yaml"))]
    files += [("kasus", p) for p in sorted(cases.glob("*.yaml"))] if cases else []
    files += [("keputusan", p) for p in sorted((root / "keputusan").glob("*.yaml"))]
    files += [("kop", p) for p in sorted((root / "letterheads").glob("*.yaml"))]
    files += [("proyek", root / "soppress.yaml"), ("pejabat", root / "registri" / "pejabat.yaml"),
              ("peraturan", root / "registri" / "peraturan.yaml")]
    return [{"kind": kind, "file": p.name, "data": load(p, Path(p.name)).data} for kind, p in files if p.exists()]


def ajv(schema_dir: Path, documents: list[dict], tmp_path: Path) -> dict:
    if shutil.which("node") is None:
        pytest.skip("node tidak terpasang: skema tidak dapat diuji dengan ajv (test.sh memasangnya)")
    if not (ECMA / "node_modules" / "ajv").is_dir():
        assert shutil.which("npm"), "npm is needed to install ajv (tests/ecma); run ./test.sh"
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=ECMA, check=True, timeout=300)
    docs = tmp_path / "documents.json"
    docs.write_text(json.dumps(documents, ensure_ascii=False, default=str), encoding="utf-8")
    out = subprocess.run(["node", str(ECMA / "validate.mjs"), str(schema_dir), str(docs)],
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


@pytest.fixture
def schema_dir(tmp_path):
    from click.testing import CliRunner
    from soppress.cli import main
    target = tmp_path / "schema"
    result = CliRunner().invoke(main, ["schema", "--keluaran", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_ajv_compiles_every_schema_and_accepts_the_corpus(schema_dir, sample_root, tmp_path):
    import runpy
    generate = runpy.run_path(str(sample_root / "tools" / "make_sample_cases.py"))["generate"]
    generate(tmp_path / "kasus", 6)
    documents = corpus_documents(sample_root, tmp_path / "kasus")
    assert {d["kind"] for d in documents} == set(SCHEMAS) and len(documents) >= 20
    result = ajv(schema_dir, documents, tmp_path)
    assert result["compile"] == {kind: None for kind in SCHEMAS}
    assert result["invalid"] == []


def test_ajv_rejects_what_the_checker_rejects(schema_dir, mini_project, tmp_path):
    good = corpus_documents(mini_project)
    sop = next(d for d in good if d["kind"] == "sop")
    bad_waktu = json.loads(json.dumps(sop, default=str))
    bad_waktu["data"]["kegiatan"][0]["waktu"] = "lima menit"
    new_key = json.loads(json.dumps(sop, default=str))
    new_key["data"]["tampilan"] = {"judul_kolom": {"nomor": "NO", "kegiatan": "AKTIVITAS"}}
    result = ajv(schema_dir, good + [dict(bad_waktu, file="bad"), dict(new_key, file="new")], tmp_path)
    assert [i["file"] for i in result["invalid"]] == ["bad"]


# Escapes ECMA-262 allows in unicode mode outside a character class (besides digits).
_ALLOWED = set("^$\\.*+?()[]{}|/") | set("dDsSwWbBfnrtv0") | set("uxcpPk")


def ecma_escape_problems(pattern: str) -> list[str]:
    """Identity escapes that ECMA-262 unicode mode rejects (e.g. "\\ "). Hand-written
    because Python's re accepts them all; ajv above is the independent check."""
    problems, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1]
            if not (nxt in _ALLOWED or nxt.isdigit() or (in_class and nxt == "-")):
                problems.append(f"\\{nxt} at {i}")
            i += 2
            continue
        in_class = True if c == "[" else False if c == "]" else in_class
        i += 1
    return problems


def _patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def test_every_pattern_is_valid_ecma_262_in_unicode_mode():
    patterns = [p for kind in SCHEMAS for p in _patterns(schema(kind))]
    assert len(patterns) >= 2
    for pattern in patterns:
        re.compile(pattern)
        assert ecma_escape_problems(pattern) == [], pattern
    assert ecma_escape_problems(r"hari\ kerja") == ["\\  at 4"]  # the checker itself can fail
