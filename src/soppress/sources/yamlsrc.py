"""YAML loading that remembers where every value came from.

PyYAML's ``compose`` gives a node tree with marks; we turn it into plain Python
values ourselves and keep a map from each value's path (``("kegiatan", 3, "uraian")``)
to its position, so that every diagnostic can name file, line and column.

Timestamps stay strings: the model parses dates itself, so an impossible date
gets our own message instead of a PyYAML traceback. Only true/false are booleans
(YAML 1.2): YAML 1.1 would read the column heading "NO" as false.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from soppress.checks.diagnostics import Diagnostic, Position

Path_ = tuple  # a path into the loaded data: keys and list indexes


@dataclass
class Source:
    """One loaded YAML file: its data and the position of every value in it."""

    file: Path
    data: Any
    value_pos: dict[Path_, Position] = field(default_factory=dict)
    key_pos: dict[Path_, Position] = field(default_factory=dict)

    def pos(self, path: Path_, *, key: bool = False) -> Position:
        """Position of the value at ``path`` (or of its key), falling back to the
        nearest enclosing value that has one."""
        path = tuple(path)
        if key and path in self.key_pos:
            return self.key_pos[path]
        while path:
            if path in self.value_pos:
                return self.value_pos[path]
            path = path[:-1]
        return self.value_pos.get((), Position(self.file, 1, 1))

    def resolve(self, loc: tuple) -> Path_:
        """Map a validation location (which may contain model or tag names that are
        not in the data) onto the longest real path into the data."""
        node = self.data
        path: list = []
        for part in loc:
            if isinstance(node, dict) and part in node:
                node = node[part]
                path.append(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
                path.append(part)
            elif isinstance(node, (dict, list)):
                continue  # a union tag or model name: not part of the data
            else:
                break
        return tuple(path)


class YamlError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


_SCALARS = {
    "tag:yaml.org,2002:null": lambda v: None,
    # YAML 1.2 booleans only: "NO" is a column heading, "Ya"/"Tidak" are labels.
    "tag:yaml.org,2002:bool": lambda v: {"true": True, "false": False}.get(v.lower(), v),
    "tag:yaml.org,2002:int": lambda v: _int(v),
    "tag:yaml.org,2002:float": float,
}


def _int(text: str) -> int | str:
    digits = text.lstrip("+-")
    if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
        return text  # "0517", "061": a code, not a number (YAML 1.1 would read octal)
    return int(text.replace("_", ""), 0)


def _pos(file: Path, mark) -> Position:
    return Position(file, mark.line + 1, mark.column + 1)


def load(file: Path, display_name: Path | None = None) -> Source:
    """Load one YAML file. Raises YamlError with a located, Indonesian message."""
    shown = display_name or file
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(Diagnostic(Position(shown, line, column), "galat",
                                   "berkas bukan teks UTF-8; simpan ulang sebagai UTF-8 (di editor: "
                                   "Save with Encoding > UTF-8)", "yaml.encoding")) from None
    return loads(text, shown)


def loads(text: str, file: Path) -> Source:
    source = Source(file=Path(file), data=None)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        if exc.context and "quoted scalar" in exc.context and exc.context_mark:
            pos, problem = _pos(source.file, exc.context_mark), "tanda kutip dibuka di sini tetapi tidak ditutup"
        else:
            mark = exc.problem_mark or exc.context_mark
            pos = _pos(source.file, mark) if mark else Position(source.file, 1, 1)
            problem = _explain(exc.problem or "")
        raise YamlError(Diagnostic(pos, "galat", f"sintaks YAML tidak sah: {problem}; "
                                   "periksa indentasi, titik dua dan tanda kutip di sekitar baris ini",
                                   "yaml.sintaks")) from None
    except yaml.YAMLError as exc:  # reader errors (control characters, ...)
        raise YamlError(Diagnostic(Position(source.file, 1, 1), "galat",
                                   f"berkas YAML tidak dapat dibaca: {exc}", "yaml.sintaks")) from None
    if node is None:
        source.data = None
        return source
    source.data = _convert(node, (), source)
    return source


_PROBLEMS = {
    "mapping values are not allowed here": "titik dua di tempat yang tidak diharapkan (teks yang memuat ': ' perlu diberi tanda kutip)",
    "could not find expected ':'": "titik dua yang diharapkan tidak ditemukan",
    "found character '\\t' that cannot start any token": "karakter tab tidak boleh dipakai untuk indentasi; gunakan spasi",
    "expected <block end>": "indentasi baris ini tidak sejajar dengan baris sebelumnya",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip atau kurung ditutup",
    "found undefined alias": "alias tidak dikenal",
    "expected ',' or ']'": "daftar [ … ] tidak ditutup dengan benar",
    "expected ',' or '}'": "pemetaan { … } tidak ditutup dengan benar",
}


def _compose(text: str) -> yaml.Node | None:
    """libyaml (C) composes 20x faster than the pure-Python parser and gives the same nodes and
    marks; on an error the pure parser runs again so that messages stay exactly as they were."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _explain(problem: str) -> str:
    for english, indonesian in _PROBLEMS.items():
        if problem.startswith(english):
            return indonesian
    return "struktur tidak dikenali"


def _convert(node: yaml.Node, path: Path_, source: Source) -> Any:
    source.value_pos[path] = _pos(source.file, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(Diagnostic(_pos(source.file, key_node.start_mark), "galat",
                                           "kunci harus berupa teks sederhana", "yaml.sintaks"))
            key = key_node.value
            if key == "<<":
                raise YamlError(Diagnostic(_pos(source.file, key_node.start_mark), "galat",
                                           "penggabungan '<<' tidak didukung; tulis kuncinya satu per satu",
                                           "yaml.sintaks"))
            if key in result:
                raise YamlError(Diagnostic(_pos(source.file, key_node.start_mark), "galat",
                                           f'kunci "{key}" ditulis dua kali; hapus salah satunya',
                                           "yaml.kunci-ganda"))
            source.key_pos[path + (key,)] = _pos(source.file, key_node.start_mark)
            result[key] = _convert(value_node, path + (key,), source)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), source) for i, item in enumerate(node.value)]
    convert = _SCALARS.get(node.tag)
    if convert is None:  # strings, timestamps (kept as text), anything else
        return node.value
    try:
        return convert(node.value)
    except ValueError:
        return node.value
