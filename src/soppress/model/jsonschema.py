"""JSON Schema of the source formats, for editors (VS Code YAML) to autocomplete."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import RootModel

from soppress.cases.model import Kasus
from soppress.forms.model import Formulir
from soppress.model import Keputusan, Kop, Pejabat, Peraturan, Proyek, Sop

SCHEMAS = {
    "sop": (Sop, "SOP soppress"),
    "keputusan": (Keputusan, "Keputusan soppress"),
    "kop": (Kop, "Kop surat soppress"),
    "proyek": (Proyek, "Proyek soppress"),
    "pejabat": (RootModel[dict[str, Pejabat]], "Registri pejabat soppress"),
    "peraturan": (RootModel[dict[str, Peraturan]], "Registri peraturan soppress"),
    "kasus": (Kasus, "Berkas kasus soppress (data pribadi: simpan di luar git)"),
    "formulir": (Formulir, "Formulir soppress (forms/<nama>.yaml)"),
}

# The short forms the models' `mode="before"` validators accept, by definition
# name, so that editors accept exactly what `soppress check` accepts.
SHORT_FORMS = {
    "TanggalRevisi": [{"type": "string"}, {"type": "object", "properties": {"rencana": {"type": "string"}},
                                           "required": ["rencana"], "additionalProperties": False}],
    "Butir": [{"type": ["string", "number"]}],
    "Daftar": [{"type": "null"}, {"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/Butir"}}],
    "Pelaksana": [{"type": "string"}],
    "Cabang": [{"type": "integer"}],
    "Diktum": [{"type": "string"}],
    "Lampiran": [{"type": "string"}],
    "SubLangkah": [{"type": "string"}],
}


def schema(kind: str = "sop") -> dict:
    model, title = SCHEMAS[kind]
    result = model.model_json_schema()
    for name, definition in result.get("$defs", {}).items():
        if name in SHORT_FORMS:
            full = dict(definition)
            definition.clear()
            definition.update(title=full.pop("title", name), description=full.pop("description", ""),
                              anyOf=[*SHORT_FORMS[name], full])
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = title
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
