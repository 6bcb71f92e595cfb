"""The libyaml fast path of sources.yamlsrc gives exactly what the pure-Python parser gives."""
from pathlib import Path

import pytest

from soppress.sources import yamlsrc

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for d in ("sops", "registri", "letterheads", "keputusan", "forms", "letters")
               if (ROOT / d).is_dir() for p in (ROOT / d).rglob("*.yaml"))


def _slow(text, file, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(yamlsrc, "_fast_node", lambda _text: None)
        return yamlsrc.loads(text, file)


@pytest.mark.parametrize("file", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_fast_and_pure_parsers_agree_on_the_corpus(file, monkeypatch):
    text = file.read_text(encoding="utf-8")
    assert yamlsrc._fast_node(text) is not None, "the corpus should take the fast path"
    fast, slow = yamlsrc.loads(text, file), _slow(text, file, monkeypatch)
    assert fast.data == slow.data
    assert fast.value_pos == slow.value_pos and fast.key_pos == slow.key_pos


@pytest.mark.parametrize("text", [
    "a: [" * 45 + "]" * 45,          # nesting past the bound: the pure parser words the error
    "a: 'tidak ditutup\n",
    "a: b: c\n",
    "a: x\u0007y\n",                  # a control character
    "a: 1\na: 2\n",
    "- \t x\n",
])
def test_odd_input_gets_the_same_answer(text, monkeypatch):
    def outcome(load):
        try:
            source = load()
            return source.data, [d.message for d in source.notes]
        except yamlsrc.YamlError as exc:
            return str(exc.diagnostic)
    file = Path("x.yaml")
    assert outcome(lambda: yamlsrc.loads(text, file)) == outcome(lambda: _slow(text, file, monkeypatch))
