"""JSON Schema of every data file, generated from the models (for editors' IDEs and other tools)."""
from __future__ import annotations

import json
from pathlib import Path

from generator.model import REGISTRIES, Document


def schemas() -> dict[str, dict]:
    out = {"document.schema.json": Document.model_json_schema()}
    for spec in REGISTRIES:
        out[spec.file.replace(".yaml", ".schema.json")] = spec.model.model_json_schema()
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in sorted(schemas().items()):
        path = folder / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
