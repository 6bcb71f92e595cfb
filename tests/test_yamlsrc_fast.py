"""The libyaml fast path of sources.yamlsrc gives exactly what the pure-Python parser gives."""
from pathlib import Path

import pytest

from soppress.sources import yamlsrc

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for d in ("sops", "registri", "letterheads", "keputusan", "forms", "letters")
               if (ROOT / d).is_dir() for p in (ROOT / d).rglob("*.yaml"))


def _slow(text, file, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(yamlsrc, "_fast_values", lambda _text, _source: False)
        m.setattr(yamlsrc, "_fast_node", lambda _text: None)
        return yamlsrc.loads(text, file)


def _composed(text, file, monkeypatch):
    """libyaml's composer and a walk over its nodes (the path before the one-pass reader)."""
    with monkeypatch.context() as m:
        m.setattr(yamlsrc, "_fast_values", lambda _text, _source: False)
        return yamlsrc.loads(text, file)


def _everything(source):
    return source.data, source.value_pos, source.key_pos, [str(d) for d in source.notes]


@pytest.mark.parametrize("file", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_fast_and_pure_parsers_agree_on_the_corpus(file, monkeypatch):
    text = file.read_text(encoding="utf-8")
    assert yamlsrc._fast_node(text) is not None, "the corpus should take the fast path"
    assert yamlsrc._fast_values(text, yamlsrc.Source(file, None)), "the corpus should be read in one pass"
    fast, slow = yamlsrc.loads(text, file), _slow(text, file, monkeypatch)
    assert fast.data == slow.data
    assert fast.value_pos == slow.value_pos and fast.key_pos == slow.key_pos
    assert _everything(fast) == _everything(_composed(text, file, monkeypatch))


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


def _outcome(load):
    try:
        return _everything(load())
    except yamlsrc.YamlError as exc:
        return str(exc.diagnostic)


@pytest.mark.parametrize("text", [
    "", "# hanya komentar\n", "---\n", "---\n...\n", "a\n", "- 1\n- [2, {b: 3}]\n",
    "a: 1\na: 2\n",                              # a duplicate key ...
    "a: 1\na: 2\nb: [\n",                        # ... before a syntax error: the syntax error is reported
    "a: {b: 1, b: 2}\nc: 'x\n",
    "a: 1\n<<: {b: 2}\n",
    "? [a]\n: b\n", "{[a]: b}\n", "a: {? {x: 1} : 2}\n",
    "a: &x 1\nb: *x\n", "a: &x [1, 2]\nb: *x\n", "a: *nope\n", "a: &x 1\nb: &x 2\n",
    "a: &a [*a]\n", "a: &x {b: 1}\nc: [*x, *x]\n",
    "- 1\n---\n- 2\n",
    "a: !!str 12\nb: !!int '5'\nc: !!int x\nd: !lokal teks\ne: !!float 1\nf: ! 7\n",
    "a: !!map {b: 1}\nc: !!seq [1]\n",
    "nomor: 0517\nb: 061\nc: 1_000\nd: 0x1F\ne: 1e3\nf: .inf\ng: -.5\nh: +12\n",
    "a: NO\nb: no\nc: Yes\nd: true\ne: False\nf: ~\ng: null\nh:\ni: ''\n",
    "tanggal: 2022-07-20\nwaktu: 2001-12-14t21:59:43.10-05:00\n",
    'a: "x\\ey"\nb: "\\x85\\u00a0"\n"k\\x01": 1\n',  # control characters written as escapes
    "a: 'satu\n\n  dua'\nb: >\n  lipat\n  baris\n\nc: |\n  tetap\n  baris\n",
    "a: x\u0085y\n",                               # NEL: a line break to YAML, replaced as text
    "a: x\u00a0y\u200bz\n",
    "a: " + "[" * 38 + "]" * 38 + "\n", "a: " + "[" * 39 + "]" * 39 + "\n", "a: " + "[" * 40 + "]" * 40 + "\n",
    "".join(" " * i + "- \n" for i in range(0, 80, 2)),
    "- - - - x\n",
    "a:\n  - b\n  -\n    c: d\n",
])
def test_the_one_pass_reader_agrees_with_the_composer_and_the_pure_parser(text, monkeypatch):
    file = Path("x.yaml")
    one_pass = _outcome(lambda: yamlsrc.loads(text, file))
    assert one_pass == _outcome(lambda: _composed(text, file, monkeypatch))
    assert one_pass == _outcome(lambda: _slow(text, file, monkeypatch))
