"""The envelope of a JSON response, read from its schema and never from a list of key names.

VoiceGlow wraps every answer as `{success, message, data}`, but nothing in the toolkit may
know those names: another operation, or another API, wraps differently or not at all. So
the envelope is derived from the response schema alone:

- **record**: where the record(s) live. A body is a wrapper when exactly one top-level
  member is an object with properties (`("data",)`) or an array of such objects
  (`("data", "[]")`), every other member is a scalar, and the wrapper has a boolean flag
  or carries an array (a page). Otherwise the body itself is the record (`()`): a bare
  conversation with one nested object is not mistaken for a wrapper.
- **flag**: the top-level boolean member that says whether the call worked (`success`),
  preferring one documented as `true`. Only a wrapper's flag is a success flag
  (`success_flag`); an error body's is what the mock sets to false.
- **message**: the first top-level string member (`message`).
- **id_field**: the record's one required string property (`ID`), which names the
  conversation a single-record answer carries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Envelope", "id_field", "schema_type"]

_SCALARS = frozenset({"string", "integer", "number", "boolean", "null"})


def schema_type(schema: Mapping[str, Any]) -> str | None:
    """The JSON type a schema documents, ignoring `null` (`["integer", "null"]` -> `integer`)."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
    if kind is None and isinstance(schema.get("properties"), dict):
        return "object"
    return kind if isinstance(kind, str) else None


def _is_record(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema_type(schema) == "object" and bool(schema.get("properties"))


def _documents_true(schema: Mapping[str, Any]) -> bool:
    if schema.get("const") is True or schema.get("example") is True or schema.get("default") is True:
        return True
    return schema.get("enum") == [True]


@dataclass(frozen=True)
class Envelope:
    """What a response schema says about its wrapper. Build it with `from_schema`."""

    keys: frozenset[str]
    record: tuple[str, ...]
    flag: str | None = None
    message: str | None = None
    id_field: str | None = None
    record_required: bool = False  # the wrapper lists the record member as required

    @classmethod
    def from_schema(cls, schema: Mapping[str, Any]) -> Envelope:
        """The envelope of a dereferenced (or `$ref`-free) response schema."""
        props: Mapping[str, Any] = schema.get("properties") or {} if isinstance(schema, Mapping) else {}
        required = set(schema.get("required") or ()) if isinstance(schema, Mapping) else set()
        keys = frozenset(k for k, v in props.items() if isinstance(v, Mapping))
        members: list[tuple[str, tuple[str, ...], Mapping[str, Any]]] = []
        for name in sorted(keys, key=lambda k: k not in required):  # stable: the spec's order within
            prop = props[name]
            if _is_record(prop):
                members.append((name, (name,), prop))
            elif schema_type(prop) == "array" and _is_record(prop.get("items")):
                members.append((name, (name, "[]"), prop["items"]))
        flags = [k for k in props if k in keys and schema_type(props[k]) == "boolean"]
        flags.sort(key=lambda k: (not _documents_true(props[k]), k not in required))
        texts = [k for k in props if k in keys and schema_type(props[k]) == "string"]
        flag, message = (flags[0] if flags else None), (texts[0] if texts else None)
        others = [props[k] for k in keys if k != (members[0][0] if members else None)]
        scalars = all(schema_type(p) in _SCALARS for p in others)
        if len(members) != 1 or not scalars or (flag is None and members[0][1][-1] != "[]"):
            return cls(keys, (), flag, message, id_field(schema) if isinstance(schema, Mapping) else None)
        name, record, record_schema = members[0]
        return cls(keys, record, flag, message, id_field(record_schema), name in required)

    @property
    def wraps(self) -> bool:
        """True when the record sits inside a wrapper (then the wrapper's members are the envelope)."""
        return bool(self.record)

    @property
    def success_flag(self) -> str | None:
        """The wrapper's success flag; a bare record's booleans are data, never a flag."""
        return self.flag if self.wraps else None

    @property
    def is_list(self) -> bool:
        """True when the body carries an array of records."""
        return bool(self.record) and self.record[-1] == "[]"

    def records(self, body: Any) -> list[dict[str, Any]]:
        """The record objects in a parsed body (none when it does not have the documented shape)."""
        node = body
        for step in self.record:
            if step == "[]":
                return [item for item in node if isinstance(item, dict)] if isinstance(node, list) else []
            node = node.get(step) if isinstance(node, dict) else None
        return [node] if isinstance(node, dict) else []

    def record_id(self, body: Any) -> str | None:
        """The ID a single-record body carries, when it is there and a string."""
        if self.id_field is None or self.is_list:
            return None
        found = self.records(body)
        value = found[0].get(self.id_field) if found else None
        return value if isinstance(value, str) else None


def id_field(schema: Mapping[str, Any]) -> str | None:
    """A record schema's identity: its one required string property (`ID`), else None."""
    props = schema.get("properties") or {}
    ids = [
        name
        for name in schema.get("required") or ()
        if isinstance(props.get(name), Mapping) and schema_type(props[name]) == "string"
    ]
    return ids[0] if len(ids) == 1 else None
