"""YAML values and the position of each, made from libyaml's event stream in one pass
(``read_values``) or from a composed node tree (``convert``); used by ``yamlsrc``, which
reads files, words YAML errors and holds the result in a ``Source``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from soppress.checks.diagnostics import Diagnostic, Position
from soppress.sources.chars import invalid, visible

if TYPE_CHECKING:
    from soppress.sources.yamlsrc import Source

Path_ = tuple  # a path into the loaded data: keys and list indexes

MAX_DEPTH = 40                # the SOP format nests 6 levels deep
MAX_NODES = 200_000           # values after alias expansion (the sample corpus: < 2,000 per file)
_ALIAS_MESSAGE = ("alias YAML (*nama) mengembang terlalu besar atau merujuk dirinya sendiri; tulis nilainya "
                  "langsung tanpa alias")


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


def position(file: Path, mark) -> Position:
    return Position(file, mark.line + 1, mark.column + 1)


def located_error(pos: Position, message: str, code: str) -> YamlError:
    return YamlError(Diagnostic(pos, "galat", message, code))


COLLECTION_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Fallback(Exception):
    """The one-pass reader leaves this file to the composer (anchors, aliases, YAML errors)."""


@dataclass
class _Reading:
    """State of one pass of ``read_values`` over libyaml's events."""
    parser: Any
    file: Path
    clean: bool                 # no character of any value can need replacing (see read_values)
    value_pos: dict = field(default_factory=dict)
    key_pos: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    count: int = 0
    depth: int = 0              # collections open

    def next(self) -> yaml.Event:
        event = self.parser.get_event()
        if isinstance(event, COLLECTION_EVENTS):
            if event.anchor is not None:
                raise _Fallback
            self.depth += 1
            if self.depth >= MAX_DEPTH:  # as yamlsrc's composer path: the pure parser words the error
                raise _Fallback
        elif isinstance(event, END_EVENTS):
            self.depth -= 1
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Fallback
        return event


def read_values(text: str, source: Source) -> bool:
    """The common case in one pass: libyaml's (C) event stream turned straight into values
    and positions in ``source``, without composing a node tree and walking it again
    (``yaml.compose`` and ``convert``, the path ``yamlsrc`` takes otherwise: twice the time).
    It gives what that path gives: the same values, positions, notes and errors, in the same
    order; a file with anchors or aliases, nesting near the bound, more than one document
    or any YAML error is left to it (False).

    A value can only hold a character ``chars.visible`` replaces if the text has one, or
    a backslash escape (double-quoted scalars); without either, no value is checked."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return False
    reading = _Reading(fast(text), source.file, clean="\\" not in text and not invalid(text))
    failure = None
    try:
        reading.next()  # stream start
        event = reading.next()
        data = None
        if not isinstance(event, yaml.StreamEndEvent):
            try:
                data = _event_value(reading, reading.next(), ())
            except YamlError as exc:  # reported once the rest of the file is known to be YAML
                failure = exc
                while reading.depth > 0:
                    reading.next()
            reading.next()  # document end
            if not isinstance(reading.next(), yaml.StreamEndEvent):
                return False  # another document: the composer words it
    except (_Fallback, yaml.YAMLError):
        return False
    finally:
        reading.parser.dispose()
    if failure is not None:
        raise failure
    source.data, source.value_pos, source.key_pos = data, reading.value_pos, reading.key_pos
    source.notes.extend(reading.notes)
    return True


def _event_value(reading: _Reading, event: yaml.Event, path: Path_) -> Any:
    """The value starting with ``event``, as ``convert`` makes it from the node."""
    reading.count += 1
    if reading.count > MAX_NODES:
        raise located_error(position(reading.file, event.start_mark), _ALIAS_MESSAGE, "yaml.alias")
    reading.value_pos[path] = position(reading.file, event.start_mark)
    if isinstance(event, yaml.MappingStartEvent):
        result: dict = {}
        while not isinstance(key_event := reading.next(), yaml.MappingEndEvent):
            text = key_event.value if isinstance(key_event, yaml.ScalarEvent) else None
            key = _key(text, result, reading.file, key_event.start_mark, reading.clean)
            reading.key_pos[path + (key,)] = position(reading.file, key_event.start_mark)
            result[key] = _event_value(reading, reading.next(), path + (key,))
        return result
    if isinstance(event, yaml.SequenceStartEvent):
        items = []
        while not isinstance(item := reading.next(), yaml.SequenceEndEvent):
            items.append(_event_value(reading, item, path + (len(items),)))
        return items
    tag = event.tag
    if tag is None or tag == "!":
        tag = reading.parser.resolve(yaml.ScalarNode, event.value, event.implicit)
    return _scalar(tag, event.value, event.start_mark, reading.file, reading.notes, reading.clean)


def _key(text: str | None, mapping: dict, file: Path, mark, clean: bool = False) -> str:
    """A mapping key (``text`` None: the key is not a scalar), or the located error."""
    if text is None:
        raise located_error(position(file, mark), "kunci harus berupa teks sederhana", "yaml.sintaks")
    key = text if clean else visible(text)
    if key == "<<":
        raise located_error(position(file, mark), "penggabungan '<<' tidak didukung; tulis kuncinya satu per satu",
                            "yaml.sintaks")
    if key in mapping:
        raise located_error(position(file, mark), f'kunci "{key}" ditulis dua kali; hapus salah satunya',
                            "yaml.kunci-ganda")
    return key


def convert(node: yaml.Node, path: Path_, source: Source, count: list[int], depth: int = 0) -> Any:
    count[0] += 1
    if count[0] > MAX_NODES or depth > MAX_DEPTH:  # aliases expanded past sane bounds, or recursive
        raise located_error(position(source.file, node.start_mark), _ALIAS_MESSAGE, "yaml.alias")
    source.value_pos[path] = position(source.file, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            text = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key = _key(text, result, source.file, key_node.start_mark)
            source.key_pos[path + (key,)] = position(source.file, key_node.start_mark)
            result[key] = convert(value_node, path + (key,), source, count, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [convert(item, path + (i,), source, count, depth + 1) for i, item in enumerate(node.value)]
    return _scalar(node.tag, node.value, node.start_mark, source.file, source.notes)


def _scalar(tag: str, value: str, mark, file: Path, notes: list[Diagnostic], clean: bool = False) -> Any:
    parse = _SCALARS.get(tag)
    if parse is not None:
        try:
            return parse(value)
        except ValueError:
            pass
    if clean:  # strings, timestamps (kept as text), anything else
        return value
    found = invalid(value)
    if not found:
        return value
    names = ", ".join(dict.fromkeys(found))
    notes.append(Diagnostic(position(file, mark), "peringatan",
                            f"karakter kendali ({names}) tidak dapat dicetak dan diganti dengan \ufffd; "
                            "hapus karakter itu dari teks", "teks.karakter-kendali"))
    return visible(value)
