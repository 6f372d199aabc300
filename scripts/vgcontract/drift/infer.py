"""Inferring a JSON Schema from observed values, for `--suggest-patch`.

A `Shape` is merged with every value seen at one undocumented path, keeping only types,
keys and array items (never the values themselves, so memory stays bounded and no
personal data is kept). `Shape.schema()` renders the schema the spec should document.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vgcontract.drift.model import json_type

__all__ = ["Shape", "schema_for_types"]

_MAX_DEPTH = 12
_MAX_KEYS = 200


def schema_for_types(types: set[str]) -> dict[str, Any]:
    """A `type` keyword for a set of JSON type names (`integer` folds into `number`)."""
    if "number" in types:
        types = types - {"integer"}
    ordered = sorted(types - {"null"}) + (["null"] if "null" in types else [])
    if not ordered:
        return {}
    return {"type": ordered[0] if len(ordered) == 1 else ordered}


class Shape:
    """The merged shape of every value observed at one path."""

    __slots__ = ("items", "keys_dropped", "properties", "types")

    def __init__(self) -> None:
        self.types: Counter[str] = Counter()
        self.properties: dict[str, Shape] = {}
        self.items: Shape | None = None
        self.keys_dropped = False

    def add(self, value: Any, depth: int = 0) -> None:
        """Merge one observed value."""
        kind = json_type(value)
        self.types[kind] += 1
        if depth >= _MAX_DEPTH:
            return
        if kind == "object":
            for key, item in value.items():
                shape = self.properties.get(key)
                if shape is None:
                    if len(self.properties) >= _MAX_KEYS:
                        self.keys_dropped = True
                        continue
                    shape = self.properties[key] = Shape()
                shape.add(item, depth + 1)
        elif kind == "array":
            for item in value:
                if self.items is None:
                    self.items = Shape()
                self.items.add(item, depth + 1)

    def merge(self, other: Shape) -> None:
        """Fold in a shape observed after this one (a later shard), as `add` would have."""
        self.types.update(other.types)
        self.keys_dropped = self.keys_dropped or other.keys_dropped
        for key, shape in other.properties.items():
            mine = self.properties.get(key)
            if mine is None:
                if len(self.properties) >= _MAX_KEYS:
                    self.keys_dropped = True
                    continue
                self.properties[key] = shape
            else:
                mine.merge(shape)
        if other.items is not None:
            if self.items is None:
                self.items = other.items
            else:
                self.items.merge(other.items)

    def schema(self, description: str | None = None) -> dict[str, Any]:
        """The schema documenting everything observed, in the spec's conventions."""
        out: dict[str, Any] = schema_for_types(set(self.types))
        if "object" in self.types:
            if self.properties and not self.keys_dropped:
                out["properties"] = {key: shape.schema() for key, shape in self.properties.items()}
            out["additionalProperties"] = True
        if "array" in self.types:
            out["items"] = self.items.schema() if self.items is not None else {}
        if description:
            out["description"] = description
        return out
