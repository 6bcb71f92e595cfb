"""JSON Schema of the source formats, for editors (VS Code YAML) to autocomplete."""
from __future__ import annotations

import json
from pathlib import Path

from .model import Kop, Proyek, Sop

SCHEMAS = {"sop": Sop, "kop": Kop, "proyek": Proyek}


def schema(kind: str = "sop") -> dict:
    model = SCHEMAS[kind]
    result = model.model_json_schema()
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = {"sop": "SOP soppress", "kop": "Kop surat soppress", "proyek": "Proyek soppress"}[kind]
    return result


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMAS:
        target = folder / f"{kind}.schema.json"
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    return written
