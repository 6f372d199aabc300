"""Values for the test double's bodies: plausible, valid against each schema, the same for the same seed.

The constrained values (bounds, formats, lengths) come from ``_values``, the mock's own
generator; this module adds realistic names, emails and words by the property's name.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from ._values import fitted, formatted, integer, number

__all__ = ["json_kind", "make_object", "make_value"]

_FIRST = ("Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken")
_LAST = ("Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov")
_WORDS = ("follow", "up", "pricing", "demo", "interested", "premium", "plan", "call", "support")
_EPOCH = (1_700_000_000, 1_748_736_000)


def json_kind(schema: Mapping[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if kinds else None
    if kind is None and isinstance(schema.get("properties"), dict):
        return "object"
    return kind if isinstance(kind, str) else None


def _string(name: str, schema: Mapping[str, Any], rng: random.Random) -> str:
    lowered, first, last = name.lower(), rng.choice(_FIRST), rng.choice(_LAST)
    if schema.get("format") == "email" or "email" in lowered:
        return f"{first}.{last}@example.com".lower()
    if schema.get("format") == "uri" or lowered.endswith(("url", "link", "website")):
        return f"https://example.com/{lowered}/{rng.randint(1000, 9999)}"
    made = formatted(schema.get("format"), rng)  # any other format a validator checks
    if made is not None:
        return made
    if "phone" in lowered:
        return "+1" + "".join(str(rng.randint(0, 9)) for _ in range(10))
    if lowered.endswith("name"):
        return f"{first} {last}"
    if lowered.endswith(("id", "key")):
        return f"{lowered}_{rng.randrange(16**8):08x}"
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 4)))


def _followed(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    """A `$ref` into the schema's `$defs` (a recursive schema) followed; any other schema as it is."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = defs.get(ref[len("#/$defs/") :].replace("~1", "/").replace("~0", "~"))
        if isinstance(target, dict):
            return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def make_value(
    name: str, schema: Mapping[str, Any], rng: random.Random, depth: int, defs: Mapping[str, Any] | None = None
) -> Any:
    defs = defs if defs is not None else {}
    schema = _followed(schema, defs)
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            usable = [s for s in schema[key] if isinstance(s, dict) and s.get("type") != "null"] or schema[key]
            return make_value(name, usable[0], rng, depth, defs)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return rng.choice([v for v in schema["enum"] if v is not None] or schema["enum"])
    kind = json_kind(schema)
    if kind == "object":
        return make_object(schema, rng, depth + 1, defs)
    if kind == "array":
        items: Mapping[str, Any] = schema["items"] if isinstance(schema.get("items"), dict) else {}
        count = rng.randint(0, 2) if depth < 6 else 0
        return [make_value(name, items, rng, depth + 1, defs) for _ in range(count)]
    if kind == "string":
        return fitted(_string(name, schema, rng), schema)
    if kind == "integer":
        if schema.get("x-epoch-unit") == "seconds":
            return rng.randint(*_EPOCH)
        if schema.get("x-epoch-unit") == "milliseconds":
            return rng.randint(*_EPOCH) * 1000
        return integer(schema, rng)
    if kind == "number":
        return number(schema, rng)
    if kind == "boolean":
        return rng.random() < 0.5
    return None if kind == "null" else " ".join(rng.choice(_WORDS) for _ in range(2))


def make_object(
    schema: Mapping[str, Any], rng: random.Random, depth: int, defs: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    defs = defs if defs is not None else schema.get("$defs") or {}
    schema = _followed(schema, defs)
    if depth > 40:  # a schema that requires itself forever has no finite instance
        return {}
    props = schema.get("properties") or {}
    required = set(schema.get("required") or ())
    return {
        name: make_value(name, prop, rng, depth, defs)
        for name, prop in props.items()
        if isinstance(prop, dict) and (name in required or (depth < 6 and rng.random() < 0.75))
    }
