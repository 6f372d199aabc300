"""Fields of the conversation schema picked by kind, from the spec: what the client tests exercise.

A test that needs "a number field" or "an enum field" asks here instead of naming one, so
adding, renaming or retyping a property in the spec moves the test to another field of the
same kind rather than breaking it. Each pick is the first fitting property in the spec's
order (optional ones first, so that a break does not also remove a required field).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from openapi_python_client.strings import snake_case

from tests.paths import SPEC
from vgcontract.live import conversation_template, expand_path
from vgcontract.spec import PATH_VARIABLE, Envelope, dereference, load_spec

__all__ = ["SpecFields", "attribute", "conversation_component", "conversation_path", "fields"]

Schema = dict[str, Any]


class SpecFields:
    """The data schema of the single-conversation 200 response, and fields of it by kind."""

    def __init__(self, data: Schema, raw_data: Schema, record_key: str) -> None:
        self.data, self.raw_data = data, raw_data
        self.record_key = record_key  # where the envelope holds the conversation (`data`)
        self.properties: dict[str, Schema] = data.get("properties") or {}
        self.required: list[str] = list(data.get("required") or [])

    def _first(self, fits: Callable[[Schema], bool], what: str, skip: tuple[str, ...] = ()) -> str:
        optional = [n for n in self.properties if n not in self.required]
        for name in optional + self.required:
            if name not in skip and fits(self.properties[name]):
                return name
        raise LookupError(f"the conversation schema has no field that is {what}")

    def of_type(self, kind: str, *, skip: tuple[str, ...] = ()) -> str:
        """A plain field of JSON type `kind` (no enum, no epoch unit, no format)."""
        plain = {"enum", "x-epoch-unit", "format"}
        return self._first(lambda s: s.get("type") == kind and not plain & s.keys(), kind, skip)

    @property
    def epoch(self) -> str:
        return self._first(lambda s: "x-epoch-unit" in s and s.get("type") == "integer", "an epoch")

    @property
    def enum(self) -> str:
        return self._first(lambda s: isinstance(s.get("enum"), list), "an enum")

    def new_enum_value(self) -> str:
        listed = set(self.properties[self.enum]["enum"])
        return next(v for v in ("archived", "bot-paused", "queued") if v not in listed)

    @property
    def obj(self) -> str:
        return self._first(lambda s: s.get("type") == "object" and bool(s.get("properties")), "an object")

    @property
    def other_obj(self) -> str:
        return self._first(lambda s: s.get("type") == "object" and bool(s.get("properties")), "an object", (self.obj,))

    @property
    def strings(self) -> str:
        return self._first(
            lambda s: s.get("type") == "array" and (s.get("items") or {}).get("type") == "string", "a string array"
        )

    @property
    def nested(self) -> tuple[str, str, str]:
        """(an array-of-objects field, a string-array property of its items, the items' component name)."""
        for name in self.properties:
            items = self.properties[name].get("items") or {}
            if self.properties[name].get("type") != "array" or not items.get("properties"):
                continue
            for inner, prop in items["properties"].items():
                if prop.get("type") == "array" and (prop.get("items") or {}).get("type") == "string":
                    ref = ((self.raw_data.get("properties") or {}).get(name, {}).get("items") or {}).get("$ref", "")
                    return name, inner, ref.rsplit("/", 1)[-1]
        raise LookupError("the conversation schema has no array of objects with a string array")

    @property
    def identity(self) -> str:
        """The first required field."""
        return self.required[0]

    def undocumented(self) -> str:
        return next(n for n in ("brandNew", "vgcontractExtra") if n not in self.properties)

    def order(self, *names: str) -> list[str]:
        """`names` in the order the generated model checks them: required first, then the spec's order."""
        ranked = self.required + [n for n in self.properties if n not in self.required]
        return sorted(names, key=ranked.index)


@cache
def fields() -> SpecFields:
    """The project spec's conversation fields."""
    raw = load_spec(SPEC)
    ok = dereference(raw)["paths"][conversation_template(load_spec(SPEC))]["get"]["responses"]["200"]
    body = ok["content"]["application/json"]["schema"]
    record_key = Envelope.from_schema(body).record[0]
    data = body["properties"][record_key]
    components: dict[str, Schema] = raw["components"]["schemas"]
    same = (s for s in components.values() if s.get("properties", {}).keys() == data["properties"].keys())
    raw_data: Schema = next(same, {})
    return SpecFields(data, raw_data, record_key)


def conversation_component() -> str:
    """The name of the component schema that is the conversation (`Conversation`)."""
    keys = fields().raw_data.get("properties", {}).keys()
    schemas: dict[str, Schema] = load_spec(SPEC)["components"]["schemas"]
    return next(name for name, schema in schemas.items() if schema.get("properties", {}).keys() == keys)


@cache
def _conversation_template() -> str:
    return conversation_template(load_spec(SPEC))


def conversation_path(agent: str, convo: str) -> str:
    """The single-conversation path for these IDs, below the base path."""
    template = _conversation_template()
    return expand_path(template, dict(zip(PATH_VARIABLE.findall(template), (agent, convo), strict=True)))


def attribute(json_name: str) -> str:
    """The generated model's attribute for a JSON property (openapi-python-client's naming)."""
    return snake_case(json_name)
