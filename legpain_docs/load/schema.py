"""JSON Schema of a source file, made from the same spec the loader checks against."""

from __future__ import annotations

import json

from . import spec

SCHEMAS = {"article": spec.ARTICLE, "clinic": spec.CLINIC, "library": spec.LIBRARY}


def json_schema(record: spec.Record) -> dict[str, object]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": record.name, **_kind(record)}


def schema_text(name: str) -> str:
    return json.dumps(json_schema(SCHEMAS[name]), indent=2, ensure_ascii=False) + "\n"


def _kind(kind: object) -> dict[str, object]:
    if isinstance(kind, spec.Record):
        schema = {
            "type": "object",
            "properties": {f.name: {**_kind(f.kind), **({"description": f.doc} if f.doc else {})} for f in kind.fields},
            "required": [f.name for f in kind.fields if f.required],
            "additionalProperties": False,
        }
        return {"description": kind.doc, **schema} if kind.doc else schema
    if isinstance(kind, spec.ListOf):
        return {"type": "array", "minItems": kind.min_items, "items": _kind(kind.item)}
    if isinstance(kind, spec.Text):
        return {"type": "string", "minLength": 1, **({"maxLength": kind.max_chars} if kind.max_chars else {})}
    if isinstance(kind, spec.Pattern):
        return {"type": "string", "pattern": f"^{kind.regex}$", "examples": [kind.example]}
    if isinstance(kind, spec.Flag):
        # YAML 1.2 editors read `yes` and `no` as text, which the loader takes as booleans.
        words = [word for word in kind.true + kind.false if word.lower() not in ("true", "false")]
        return {"anyOf": [{"type": "boolean"}, {"enum": words}]}
    if isinstance(kind, spec.PictureFile):
        # No inline flags: editors check patterns as JavaScript regular expressions.
        return {"type": "string", "minLength": 1, "pattern": r"\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ss][Vv][Gg])$"}
    if isinstance(kind, spec.Count):
        return {"type": "integer", "minimum": kind.minimum, "maximum": kind.maximum}
    if isinstance(kind, spec.Date):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    raise TypeError(f"no JSON Schema for {kind!r}")
