"""`soppress rapikan`: apply the checks' safe suggestions to the source files.

A written dasar hukum / mengingat item that names a registry entry surely enough
(``citations.Match.safe``) becomes ``ref: <key>``; a ``judul_kolom`` key ``no``
becomes ``nomor``. The files are edited with ruamel.yaml's round-trip mode, so
comments, key order and quoting stay as they are; a file whose layout ruamel.yaml
cannot reproduce exactly is left alone (and said so) rather than reformatted. The
result is shown as a unified diff before (``--periksa``: instead of) writing; each
file is written atomically."""
from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from soppress import api
from soppress.outputs import write_atomic
from soppress.checks import citations
from soppress.checks.in_force import amendments_cited

# (sequence indent, dash offset) layouts tried, most common first
_LAYOUTS = [(4, 2), (2, 0), (4, 0), (3, 1)]


@dataclass
class Change:
    path: Path                      # relative to the project root
    before: str
    after: str
    notes: list[str] = field(default_factory=list)   # what was changed, in Indonesian

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                            f"a/{self.path}", f"b/{self.path}"))


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file: why", Indonesian


def _yaml(layout: tuple[int, int]) -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never re-wrap long lines
    yaml.indent(mapping=2, sequence=layout[0], offset=layout[1])
    return yaml


def _dump(yaml: YAML, data) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _load_faithful(text: str):
    """(yaml, data) with a layout that reproduces ``text`` exactly, or None."""
    for layout in _LAYOUTS:
        yaml = _yaml(layout)
        data = yaml.load(text)
        if _dump(yaml, data) == text:
            return yaml, data
    return None


def _items(data, section: str):
    raw = data.get(section) if isinstance(data, dict) else None
    if isinstance(raw, dict):
        raw = raw.get("butir")
    return raw if isinstance(raw, list) else []


def _cite_by_key(items, registry, label: str, notes: list[str], skipped: list[str]) -> None:
    for i, item in enumerate(items):
        text = item if isinstance(item, str) else item.get("teks") if isinstance(item, dict) else None
        if not isinstance(text, str) or (isinstance(item, dict) and item.get("ref")):
            continue
        found = citations.match(text, registry)
        if not (found.safe and found.key):
            continue
        if amendments_cited(text, registry) or "sebagaimana" in text.lower():
            skipped.append(f"{label} butir {i + 1} memuat rumusan perubahan (\"sebagaimana telah diubah …\"); "
                           "rapikan manual")
            continue
        if isinstance(item, str):
            new = CommentedMap(ref=found.key)
            new.fa.set_flow_style()
            items[i] = new
            _pull_comment(items, i)
        else:
            position = list(item).index("teks")
            item.insert(position, "ref", found.key)
            if "teks" in item.ca.items:
                item.ca.items["ref"] = item.ca.items.pop("teks")
                _pull_comment(item, "ref")
            del item["teks"]
        notes.append(f"{label} butir {i + 1}: teks diganti ref: {found.key}")


def _pull_comment(node, index) -> None:
    """An end-of-line comment keeps its absolute column; after a shorter value, put it one space after."""
    for token in node.ca.items.get(index) or []:
        if token is not None and hasattr(token, "start_mark") and token.value.startswith("#"):
            token.start_mark.column = 0


def _judul_kolom(data, notes: list[str]) -> None:
    heads = data.get("tampilan", {}).get("judul_kolom") if isinstance(data.get("tampilan"), dict) else None
    if isinstance(heads, CommentedMap) and "no" in heads and "nomor" not in heads:
        position = list(heads).index("no")
        heads.insert(position, "nomor", heads["no"])
        if "no" in heads.ca.items:
            heads.ca.items["nomor"] = heads.ca.items.pop("no")
        del heads["no"]
        notes.append('judul_kolom: kunci "no" diganti "nomor" (YAML 1.1 membaca "no" sebagai false)')


def plan(root: Path) -> Plan:
    """What `rapikan` would change, file by file (nothing is written)."""
    project, _ = api.check(root)
    result = Plan()
    files = [(f.path, "dasar_hukum", "dasar hukum") for f in project.sops if f.sop is not None]
    files += [(k.path, "mengingat", "mengingat") for k in project.keputusan if k.keputusan is not None]
    broken = [f.path for f in project.sops if f.sop is None] + [k.path for k in project.keputusan if k.keputusan is None]
    result.skipped += [f"{path}: berkas memuat galat; perbaiki dulu (lihat soppress check)" for path in broken]
    for path, section, label in files:
        before = (root / path).read_text(encoding="utf-8")
        loaded = _load_faithful(before)
        if loaded is None:
            result.skipped.append(f"{path}: tata letak berkas tidak dapat dipertahankan persis; tidak diubah")
            continue
        yaml, data = loaded
        notes: list[str] = []
        skipped: list[str] = []
        if project.peraturan:
            _cite_by_key(_items(data, section), project.peraturan, label, notes, skipped)
        if section == "dasar_hukum":
            _judul_kolom(data, notes)
        after = _dump(yaml, data)
        if after != before:
            result.changes.append(Change(path, before, after, notes))
        result.skipped += [f"{path}: {n}" for n in skipped]
    return result


def apply(root: Path, changes: list[Change]) -> None:
    for change in changes:
        target = root / change.path
        write_atomic(target, change.after.encode("utf-8"), mode=target.stat().st_mode & 0o7777)  # keep its mode
