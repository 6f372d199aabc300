"""Static bodies: what a schema documents, the same on every call, as Stoplight Prism serves by default.

For any spec that does not mark an operation to fetch (`x-vgcontract-fetch`), the mock
answers like Prism without ``-d``: the response's ``example``, else its first named
example, else this module's value for the schema:

- a schema's own ``example`` (or the first of ``examples``), ``default``, ``const`` or
  first ``enum`` value, in that order;
- otherwise a placeholder for its type: ``"string"`` (or a value of its ``format``), ``0``
  (or ``minimum``), ``true``, ``null``, one item for an array (``minItems`` of them;
  more than 1,000 is too complex to serve), every property for an
  object (``writeOnly`` ones left out of a response);
- ``allOf`` members merged, the first ``oneOf``/``anyOf`` variant;
- a schema that refers to itself is unrolled once, then ``{}``.

`Prefer: dynamic=true` asks for generated bodies instead (`BodyMaker`), as Prism's ``-d``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["MAX_STATIC_ITEMS", "SchemaTooComplex", "static_value"]

MAX_STATIC_ITEMS = 1000  # an array whose `minItems` asks for more cannot be served whole


class SchemaTooComplex(ValueError):
    """The schema asks for a body too large to build (Prism's `SCHEMA_TOO_COMPLEX`)."""


# Internationalised names ("user@example.ru" in Cyrillic, as Prism's sampler writes them), spelt by code
# point so that no letter in the source can be mistaken for a Latin one.
_IDN_USER = "\u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c"
_IDN_HOST = "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0443"
_FORMATS = {
    "date-time": "2019-08-24T14:15:22Z", "date": "2019-08-24", "time": "14:15:22Z", "email": "user@example.com",
    "uuid": "095be615-a8ad-4c33-8e9c-c7612fbf6c9f", "uri": "http://example.com", "url": "http://example.com",
    "hostname": "example.com", "idn-email": _IDN_USER + "@" + _IDN_HOST, "idn-hostname": _IDN_HOST,
    "iri": "http://example.com", "uri-reference": "/", "ipv4": "192.168.0.1", "ipv6": "2001:db8::1",
    "byte": "U3dhZ2dlciByb2Nrcw==",
}  # fmt: skip
_MAX_DEPTH = 24


def static_value(schema: Any, defs: Mapping[str, Any] | None = None) -> Any:
    """The static value of `schema` (a standalone schema: its `$ref`s point into `$defs`)."""
    if not isinstance(schema, dict):
        return {}
    return _value(schema, defs if defs is not None else schema.get("$defs") or {}, (), 0)


def _resolved(schema: dict[str, Any], defs: Mapping[str, Any], seen: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = ref.removeprefix("#/$defs/").replace("~1", "/").replace("~0", "~")
        schema = defs.get(name, defs.get(ref.rsplit("/", 1)[-1]))
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return schema, seen
    # A recursive schema may be inlined a level before its `$ref`: an object is known by its
    # property names, and the same one a third time on this path ends the recursion.
    shape = "\0".join(sorted(map(str, schema["properties"])))
    if seen.count(shape) >= 2:
        return None, seen
    return schema, (*seen, shape)


def _value(schema: Any, defs: Mapping[str, Any], seen: tuple[str, ...], depth: int) -> Any:
    schema, seen = _resolved(schema, defs, seen) if isinstance(schema, dict) else (schema, seen)
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return {}
    for key in ("example", "default", "const"):
        if key in schema:
            return schema[key]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if isinstance(schema.get("allOf"), list):
        merged: dict[str, Any] = {}
        for member in schema["allOf"]:
            part = _value(member, defs, seen, depth + 1)
            if isinstance(part, dict):
                merged.update(part)
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        own = _value(rest, defs, seen, depth + 1) if rest.get("properties") else {}
        return {**merged, **own} if isinstance(own, dict) else merged
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return _value(schema[key][0], defs, seen, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None and isinstance(schema.get("properties"), dict):
        kind = "object"
    return _typed(str(kind) if kind else "", schema, defs, seen, depth)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _typed(kind: str, schema: dict[str, Any], defs: Mapping[str, Any], seen: tuple[str, ...], depth: int) -> Any:
    if kind == "string":
        return _FORMATS.get(str(schema.get("format")), "string")
    if kind in ("integer", "number"):
        low: Any = schema.get("minimum")
        above: Any = schema.get("exclusiveMinimum")
        if _number(above) and not (_number(low) and low > above):
            low = above + 1 if kind == "integer" else above + 0.5  # a 3.1 bound: above it, not on it
        elif above is True and _number(low):
            low = low + 1 if kind == "integer" else low + 0.5  # a 3.0 bound: `minimum` itself is out
        return low if _number(low) and low > 0 else 0
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    if kind == "array":
        items = schema.get("items")
        if not isinstance(items, dict):
            contains = schema.get("contains")
            return [_value(contains, defs, seen, depth + 1)] if isinstance(contains, dict) else []
        wanted = schema.get("minItems")
        count = max(1, wanted) if isinstance(wanted, int) and not isinstance(wanted, bool) else 1
        if count > MAX_STATIC_ITEMS:
            raise SchemaTooComplex(f"minItems {count} is more than {MAX_STATIC_ITEMS}")
        return [_value(items, defs, seen, depth + 1)] * count
    if kind == "object":
        props = schema.get("properties")
        if not isinstance(props, dict):
            return {}
        return {
            name: _value(prop, defs, seen, depth + 1)
            for name, prop in props.items()
            if not (isinstance(prop, dict) and prop.get("writeOnly"))
        }
    return {}
