"""Reading a schema's shape: its canonical text, allOf folded, its types, and its variants paired.

After dereferencing, a variant has lost the name its ``$ref`` gave it, so variants are
paired by content: equal ones first, then by type (or title) and the properties they
share; what is left was added or removed. A union of bare types (``oneOf: [{type:
string}, {type: integer}]``) is read as a list of types.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = [
    "brief",
    "canonical",
    "is_null",
    "matched",
    "merged",
    "new_all_of_members",
    "type_list",
    "types_of",
    "variants_of",
]


def canonical(node: Any) -> str:
    """A stable text of a JSON value, to compare two of them whatever their key order."""
    return json.dumps(node, sort_keys=True, default=str)


def merged(schema: Mapping[str, Any]) -> dict[str, Any]:
    """``allOf`` members folded into one schema (properties and required lists unioned)."""
    if not isinstance(schema.get("allOf"), list):
        return dict(schema)
    folded: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    for member in schema["allOf"]:
        part = merged(member) if isinstance(member, dict) else {}
        for key, value in part.items():
            if key == "properties" and isinstance(value, dict):
                folded["properties"] = {**folded.get("properties", {}), **value}
            elif key == "required" and isinstance(value, list):
                folded["required"] = sorted({*folded.get("required", []), *map(str, value)})
            else:
                folded.setdefault(key, value)
    return folded


def types_of(schema: Mapping[str, Any]) -> frozenset[str]:
    """The JSON types a schema names itself (``type``, a list of them, 3.0 ``nullable``)."""
    found: set[str] = set()
    declared = schema.get("type")
    if isinstance(declared, str):
        found.add(declared)
    elif isinstance(declared, list):
        found.update(str(item) for item in declared)
    if schema.get("nullable") is True and found:
        found.add("null")
    if not found and isinstance(schema.get("properties"), dict) and not variants_of(schema):
        found.add("object")
    return frozenset(found)


def variants_of(schema: Mapping[str, Any]) -> list[Any]:
    return [*(schema.get("oneOf") or []), *(schema.get("anyOf") or [])]


_ANNOTATIONS = frozenset({"description", "title", "example", "examples", "deprecated", "readOnly", "writeOnly",
                          "default", "externalDocs", "$comment"})  # fmt: skip


def _constraining(members: Any) -> list[Any]:
    return [m for m in members or [] if isinstance(m, dict) and {k for k in m if not k.startswith("x-")} - _ANNOTATIONS]


def new_all_of_members(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether ``new``'s allOf has more constraining members than ``old`` had (a plain schema counts as one)."""
    before = _constraining(old.get("allOf")) if isinstance(old.get("allOf"), list) else [old]
    return len(_constraining(new.get("allOf"))) > len(before)


_TYPE_ONLY = frozenset({"type", "format", "description", "title"})


def type_list(schema: Mapping[str, Any]) -> frozenset[str] | None:
    """The types of a schema that is only a list of types, however written (type list, or a union of bare types)."""
    variants = variants_of(schema)
    if not variants:
        rest = set(schema) - _TYPE_ONLY - {"nullable"}
        return types_of(schema) if types_of(schema) and not rest else None
    found: set[str] = set()
    for variant in variants:
        if not isinstance(variant, dict) or set(variant) - _TYPE_ONLY or not types_of(variant):
            return None
        found |= types_of(variant)
    return frozenset(found)


def is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("const", 0) is None)


def _signature(schema: Any) -> tuple[str, frozenset[str]]:
    if not isinstance(schema, dict):
        return "", frozenset()
    schema = merged(schema)
    kind = schema.get("type") if isinstance(schema.get("type"), str) else ""
    return str(kind or schema.get("title") or ""), frozenset(schema.get("properties") or ())


def matched(old: list[Any], new: list[Any]) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Variants paired: equal ones first, then by title/type and the properties they share."""
    left, right = list(old), list(new)
    pairs: list[tuple[Any, Any]] = []
    for variant in list(left):
        key = canonical(variant)
        twin = next((other for other in right if canonical(other) == key), None)
        if twin is not None:
            left.remove(variant)
            right.remove(twin)
    for variant in list(left):
        name, props = _signature(variant)
        scored = [(len(props & _signature(o)[1]) / max(len(props | _signature(o)[1]), 1), o)
                  for o in right if _signature(o)[0] == name]  # fmt: skip
        best = max(scored, key=lambda item: item[0], default=None)
        if best is not None and (best[0] >= 0.5 or not props):
            pairs.append((variant, best[1]))
            left.remove(variant)
            right.remove(best[1])
    if len(left) == len(right) and all(_signature(a)[0] == _signature(b)[0] for a, b in zip(left, right, strict=True)):
        pairs += list(zip(left, right, strict=True))  # as many changed as before, in the same order: each changed
        left, right = [], []
    return pairs, left, right


def brief(schema: Any) -> str:
    if isinstance(schema, dict):
        kind = schema.get("title") or schema.get("type") or ("object" if "properties" in schema else "schema")
        return str(kind)[:60]
    return type(schema).__name__
