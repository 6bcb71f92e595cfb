"""judul_kolom: the number column's key is `nomor`, which no YAML version misreads;
the old `no` (a boolean false to YAML 1.1 tools) is still accepted."""
import yaml
import pytest
from pydantic import ValidationError

from soppress.model.sop import JudulKolom


def test_nomor_key_and_the_old_spelling():
    assert JudulKolom.model_validate({"nomor": "NO"}).no == "NO"
    assert JudulKolom.model_validate({"no": "NO"}).no == "NO"
    assert JudulKolom.model_validate({False: "NO"}).no == "NO"  # `no:` as a YAML 1.1 loader hands it over
    with pytest.raises(ValidationError):
        JudulKolom.model_validate({"nomor": "NO", "no": "No"})


def test_corpus_has_no_key_a_yaml_1_1_tool_reads_as_a_boolean(sample_root):
    def keys(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    files = sorted((sample_root / "sops").rglob("*.yaml"))
    assert files
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # YAML 1.1, as CI scripts read it
        assert not any(isinstance(k, bool) for k in keys(data)), path
    readme = (sample_root / "README.md").read_text(encoding="utf-8")
    assert "{no: NO" not in readme and "nomor: NO" in readme
