"""YAML loading that remembers where every value came from.

We turn PyYAML's events (libyaml's, in C) into plain Python values ourselves, in one
pass, and keep a map from each value's path (``("kegiatan", 3, "uraian")``) to its
position, so that every diagnostic can name file, line and column. Files with anchors
or aliases, and any YAML error, go through ``compose``'s node tree (libyaml's, then the
pure-Python parser's, which words the errors) with the same result.

Hostile input gets a located message, never an exception: files larger than
MAX_BYTES, nesting deeper than MAX_DEPTH (PyYAML's composer recurses), more than
MAX_NODES values once aliases are expanded (an "alias bomb" of nested ``*a``
references grows exponentially), recursive aliases, and files that cannot be read
(permission, a folder in place of a file) or decoded. UTF-8 with or without BOM
and UTF-16 with a BOM are read; anything else (Latin-1, Windows-1252) is named with
what to do, not guessed, since a guess could change the text of the document.

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
from soppress.sources.boundary import outside_message
from soppress.sources.yamlvalues import MAX_DEPTH, MAX_NODES, Path_, YamlError  # noqa: F401 (re-exported)
from soppress.sources.yamlvalues import COLLECTION_EVENTS as _COLLECTION_EVENTS, END_EVENTS as _END_EVENTS
from soppress.sources.yamlvalues import convert as _convert, located_error as _error, position as _pos
from soppress.sources.yamlvalues import read_values as _fast_values


@dataclass
class Source:
    """One loaded YAML file: its data and the position of every value in it."""

    file: Path
    data: Any
    value_pos: dict[Path_, Position] = field(default_factory=dict)
    key_pos: dict[Path_, Position] = field(default_factory=dict)
    notes: list[Diagnostic] = field(default_factory=list)  # warnings found while reading

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


MAX_BYTES = 2 * 1024 * 1024   # the largest SOP source is ~20 KB; a case file far less
_SAVE_UTF8 = "simpan ulang sebagai UTF-8 (di editor: Save with Encoding > UTF-8)"


def load(file: Path, display_name: Path | None = None, root: Path | None = None) -> Source:
    """Load one YAML file. Raises YamlError with a located, Indonesian message.
    With ``root``, the file must resolve inside it (see sources.boundary)."""
    shown = Path(display_name or file)
    top = Position(shown, 1, 1)
    if root is not None:
        problem = outside_message(root, file)
        if problem:
            raise _error(top, problem, "berkas.di-luar-proyek")
    try:
        with open(file, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _error(top, io_message(exc), "berkas.baca") from None
    if len(raw) > MAX_BYTES:
        raise _error(top, f"berkas lebih besar dari {MAX_BYTES // (1024 * 1024)} MB; sumber SOP biasanya "
                     "hanya puluhan KB: periksa apakah ini berkas yang benar", "berkas.terlalu-besar")
    return loads(decode(raw, shown), shown)


def io_message(exc: OSError) -> str:
    """An I/O error in Indonesian, without the path (the caller locates it)."""
    if isinstance(exc, IsADirectoryError):
        return "ini folder, bukan berkas; ganti namanya atau pindahkan isinya"
    if isinstance(exc, PermissionError):
        return "berkas tidak dapat dibaca (izin ditolak); periksa hak akses berkas (chmod/pemilik)"
    if isinstance(exc, FileNotFoundError):
        return "berkas tidak ditemukan (mungkin tautan simbolik yang rusak)"
    return f"berkas tidak dapat dibaca ({exc.strerror or type(exc).__name__}); periksa berkasnya"


def decode(raw: bytes, shown: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")  # the BOM says which: unambiguous
        except UnicodeDecodeError:
            raise _error(Position(shown, 1, 1), f"berkas UTF-16 ini rusak; {_SAVE_UTF8}", "yaml.encoding") from None
    if b"\x00" in raw[:200]:
        raise _error(Position(shown, 1, 1), f"berkas tampaknya UTF-16 tanpa penanda (BOM); {_SAVE_UTF8}",
                     "yaml.encoding")
    try:
        return raw.decode("utf-8-sig")  # a UTF-8 BOM (Notepad) is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(Position(shown, line, column),
                     f"berkas bukan teks UTF-8 (mungkin Latin-1/Windows-1252, mis. dari Word lama); {_SAVE_UTF8}",
                     "yaml.encoding") from None


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with a depth bound on its (recursive) composer."""

    def compose_node(self, parent, index):
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise _error(_pos(Path(self.name), self.peek_event().start_mark),
                             f"struktur bersarang lebih dari {MAX_DEPTH} tingkat; format soppress tidak "
                             "sedalam itu: periksa indentasi dan kurung", "yaml.terlalu-dalam")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def loads(text: str, file: Path) -> Source:
    source = Source(file=Path(file), data=None)
    if _fast_values(text, source):
        return source
    node = _fast_node(text)
    if node is None:
        node = _slow_node(text, source)
    if node is None:
        return source
    source.data = _convert(node, (), source, [0])
    return source


def _fast_node(text: str) -> yaml.Node | None:
    """libyaml (C) composes ~20x faster than the pure-Python parser, with the same nodes and
    marks. Its composer recurses in C, so the nesting is measured on its (flat) event stream
    first. Anything unusual (a control character, nesting near the bound, any YAML error, a
    PyYAML without libyaml) returns None: the pure parser then runs and words the message."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=fast):
            if isinstance(event, _COLLECTION_EVENTS):
                depth += 1
                if depth >= MAX_DEPTH:
                    return None
            elif isinstance(event, _END_EVENTS):
                depth -= 1
        return yaml.compose(text, Loader=fast)
    except yaml.YAMLError:
        return None


def _slow_node(text: str, source: Source) -> yaml.Node | None:
    loader = None
    try:
        loader = _Loader(text)  # the reader checks every character here
        loader.name = str(source.file)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        pos = Position(source.file, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise _error(pos, f"karakter kendali U+{char:04X} tidak boleh ada di berkas YAML; hapus karakter itu "
                     "(bila memang perlu, tulis di dalam tanda kutip ganda sebagai \\u" f"{char:04X})",
                     "yaml.karakter") from None
    except yaml.MarkedYAMLError as exc:
        if (exc.context and "quoted scalar" in exc.context and exc.context_mark
                and (exc.problem or "").startswith(("found unexpected end of stream", "found unexpected document"))):
            pos, problem = _pos(source.file, exc.context_mark), "tanda kutip dibuka di sini tetapi tidak ditutup"
        else:
            mark = exc.problem_mark or exc.context_mark
            pos = _pos(source.file, mark) if mark else Position(source.file, 1, 1)
            problem = _explain(exc.problem or "")
        raise YamlError(Diagnostic(pos, "galat", f"sintaks YAML tidak sah: {problem}; "
                                   "periksa indentasi, titik dua dan tanda kutip di sekitar baris ini",
                                   "yaml.sintaks")) from None
    except yaml.YAMLError:
        raise _error(Position(source.file, 1, 1), "berkas YAML tidak dapat dibaca; periksa isinya",
                     "yaml.sintaks") from None
    finally:
        if loader is not None:
            loader.dispose()
    return node


_PROBLEMS = {
    "mapping values are not allowed here": "titik dua di tempat yang tidak diharapkan (teks yang memuat ': ' perlu diberi tanda kutip)",
    "could not find expected ':'": "titik dua yang diharapkan tidak ditemukan",
    "found character '\\t' that cannot start any token": "karakter tab tidak boleh dipakai untuk indentasi; gunakan spasi",
    "expected <block end>": "indentasi baris ini tidak sejajar dengan baris sebelumnya",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip atau kurung ditutup",
    "found undefined alias": "alias tidak dikenal",
    "expected ',' or ']'": "daftar [ … ] tidak ditutup dengan benar",
    "expected ',' or '}'": "pemetaan { … } tidak ditutup dengan benar",
    "that cannot start any token": "karakter ini tidak boleh mengawali nilai (mis. @ atau `); "
                                                   "beri tanda kutip pada nilainya",
    "found unknown escape character": "urutan \\ tidak dikenal di dalam tanda kutip ganda; pakai tanda kutip tunggal",
    "found duplicate anchor": "jangkar (&) yang sama ditulis dua kali",
}


def _explain(problem: str) -> str:
    for english, indonesian in _PROBLEMS.items():
        if english in problem:
            return indonesian
    return "struktur tidak dikenali"


