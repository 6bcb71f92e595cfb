"""Dasar hukum items matched against the regulation registry: ``ref: <key>`` when the
item is the registry's own citation of that entry, word for word (the sheet then
prints the same text); otherwise the text as written, with a comment naming the
entry it plausibly means."""
from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap

from soppress.checks import citations
from soppress.importer.notes import Marks


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ;.,").lower()


def cite(value, registry: dict, marks: Marks):
    items = value if isinstance(value, list) else value.get("butir") if hasattr(value, "get") else None
    if not items:
        return value
    exact = 0
    for i, item in enumerate(items):
        text = item if isinstance(item, str) else item.get("teks", "")
        if not text:
            continue
        key = next((k for k, p in registry.items() if _norm(text) in (_norm(p.kutipan), _norm(p.kutipan_lengkap))),
                   None)
        if key:
            new = CommentedMap(ref=key) if isinstance(item, str) else item
            if not isinstance(item, str):
                del new["teks"]
                new.insert(0, "ref", key)
            items[i] = new
            exact += 1
            continue
        found = citations.match(text, registry)
        if found.key:
            items.yaml_add_eol_comment(f"TEBAKAN: mungkin ref: {found.key} (teks tidak sama persis dengan registri)", i)
            marks.notes.guessed.append(f"dasar hukum {i + 1}: mungkin {found.key}; ditulis sebagai teks")
        else:
            items.yaml_add_eol_comment("PERIKSA: tidak ada di registri/peraturan.yaml", i)
            marks.notes.todo.append(f"dasar hukum {i + 1}: tidak ada di registri")
    marks.notes.read.append(f"dasar hukum: {len(items)} butir, {exact} cocok persis dengan registri (ref:)")
    return value

