"""OpenAPI 3.0's `nullable: true`, rewritten as the JSON Schema a validator understands.

A 3.0 document (the public ConvoCore one, for example) says `type: string, nullable: true`;
JSON Schema validators ignore `nullable` and reject the `null` the spec allows. 3.1 writes
`type: [string, "null"]`, which is what this produces. An `enum` gains `null` too.

3.0's boolean bounds are rewritten the same way: `minimum: 100, exclusiveMinimum: true`
becomes 3.1's `exclusiveMinimum: 100` (a validator for 3.1 refuses the boolean outright).
"""

from __future__ import annotations

from typing import Any

__all__ = ["nullable_to_type", "with_nullable_as_type"]


def with_nullable_as_type(node: Any, depth: int = 0) -> Any:
    """A copy of a `$ref`-free schema with every `nullable: true` turned into a `null` type."""
    if depth > 64:
        return node
    if isinstance(node, list):
        return [with_nullable_as_type(item, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: with_nullable_as_type(value, depth + 1) for key, value in node.items()}
    return nullable_to_type(_bounds_as_numbers(out))


def _bounds_as_numbers(schema: dict[str, Any]) -> dict[str, Any]:
    for exclusive, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        flag = schema.get(exclusive)
        if isinstance(flag, bool):
            del schema[exclusive]
            if flag and inclusive in schema:
                schema[exclusive] = schema.pop(inclusive)
    return schema


def nullable_to_type(schema: dict[str, Any]) -> dict[str, Any]:
    """One schema object's own `nullable: true` as a `null` type (children untouched)."""
    if schema.pop("nullable", None) is not True:
        return schema
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
    elif isinstance(kind, list):
        schema["type"] = [*kind, *([] if "null" in kind else ["null"])]
    else:
        return {"anyOf": [schema, {"type": "null"}]}
    if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema
