"""JSON Schema of a data file, for editors that complete and check YAML as staff type.

Generated from the pydantic models; `tests/test_schema.py` keeps the committed copy
(`zhenggai/data/schema/document.schema.json`) in step with them. Regenerate with `zhenggai schema`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import Document, shorthand_models
from ..rounds import Round

SCHEMA_PATH = Path(__file__).parent / "schema" / "document.schema.json"
ROUND_SCHEMA_PATH = SCHEMA_PATH.with_name("round.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Models that also accept a plain value (declared on the models: `shorthand`): pydantic
# cannot see those "before" validators, so the schema would flag valid files.
_JSON_TYPES = {str: {"type": "string"}, int: {"type": "integer"}}
_SHORTHAND_TYPES = {name: [_JSON_TYPES[t] for t in types] for name, types in shorthand_models().items()}
# Fields that accept a YAML number and turn it into text (postcodes, phone numbers).
_NUMBER_AS_TEXT = {("Contact", "postcode"), ("Phone", "number")}


def document_schema() -> dict[str, Any]:
    """The JSON Schema of one data file: a Document without `id`, which comes from the file name."""
    schema = Document.model_json_schema()
    schema["required"] = [name for name in schema["required"] if name != "id"]
    defs = schema["$defs"]
    for model, field in _NUMBER_AS_TEXT:
        prop = defs[model]["properties"][field]
        options = prop.pop("anyOf", None) or [{k: prop.pop(k) for k in ("type", "pattern") if k in prop}]
        prop["anyOf"] = [*options[:1], {"type": "integer", "minimum": 0}, *options[1:]]
    schema = _widen_refs(schema)
    for definition in [schema, *schema["$defs"].values()]:
        _chinese_description(definition)
    return {"$schema": DIALECT, **schema}


def _widen_refs(node: Any) -> Any:
    """Replace each reference to a shorthand model with "that model, or its plain form"."""
    if isinstance(node, list):
        return [_widen_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    name = node.get("$ref", "").rpartition("/")[2]
    if name in _SHORTHAND_TYPES and len(node) == 1:
        return {"anyOf": [node, *_SHORTHAND_TYPES[name]]}
    widened = {key: _widen_refs(value) for key, value in node.items()}
    if "anyOf" in widened:  # flatten anyOf inside anyOf, as a nullable shorthand field gets
        widened["anyOf"] = [o for a in widened["anyOf"] for o in (a["anyOf"] if list(a) == ["anyOf"] else [a])]
    return widened


def _chinese_description(definition: dict[str, Any]) -> None:
    # Model docstrings read "中文 — English for programmers"; an editor shows staff the Chinese.
    description = definition.get("description", "")
    if " — " in description:
        definition["description"] = description.split(" — ", 1)[0]


def round_schema() -> dict[str, Any]:
    """The JSON Schema of one round file (`data/rounds/`): a Round without `id`, which comes from
    the file name (and may not be written in the file)."""
    schema = Round.model_json_schema()
    schema["required"] = [name for name in schema["required"] if name != "id"]
    del schema["properties"]["id"]
    for definition in [schema, *schema.get("$defs", {}).values()]:
        _chinese_description(definition)
    return {"$schema": DIALECT, **schema}


def render_schema(kind: str = "document") -> str:
    """The schema of a data file (`kind` "document") or a round file ("round"), as committed."""
    schema = round_schema() if kind == "round" else document_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path = SCHEMA_PATH, kind: str = "document") -> Path:
    """Write a schema file (by default the data file's, shipped in the package)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_schema(kind), encoding="utf-8")
    return path
