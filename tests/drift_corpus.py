"""Crafted response bodies for the drift tests: conforming ones, and one break per finding kind.

Bodies come from the mock's factory with every documented field present, so each break
lands on a field that is really there. Every break picks its field from the spec, the way
the mock's fault injector does (the first fitting field in the spec's order), and the
undocumented field is a name the spec does not have: grow or retype the spec and the
corpus follows, with no test edit.

`Corpus(spec)` builds this for any spec; the module-level names are the project's spec.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson

from tests.paths import SPEC
from vgcontract.drift import DriftSchema
from vgcontract.live import conversation_operation
from vgcontract.mock import ConversationFactory
from vgcontract.spec import dereference, load_spec

__all__ = ["BREAKS", "CORPUS", "Corpus", "conforming", "drift_schema", "ndjson"]

Body = dict[str, Any]
Break = tuple[Callable[[Body], None], str]  # (mutation, the normalised path the finding must name)
_NEW_NAMES = ("sentimentScore", "priorityLevel", "vgInternalRevision", "vgcontractUndocumentedField")


def _set(path: tuple[str, ...], value: Any) -> Callable[[Body], None]:
    def apply(body: Body) -> None:
        node: Any = body
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return apply


def _delete(path: tuple[str, ...]) -> Callable[[Body], None]:
    def apply(body: Body) -> None:
        node: Any = body
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    return apply


def _scale(path: tuple[str, ...], factor: int) -> Callable[[Body], None]:
    def apply(body: Body) -> None:
        node: Any = body
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = node[path[-1]] * factor

    return apply


@dataclass(frozen=True)
class Corpus:
    """Conforming bodies and one break per drift kind, derived from the spec at `spec`."""

    spec: Path

    @cached_property
    def schema(self) -> DriftSchema:
        # The operation the nightly drift check fetches, found by its path shape as the CLI does.
        spec = load_spec(self.spec)
        return DriftSchema.from_spec(spec, conversation_operation(spec))

    @cached_property
    def _data(self) -> dict[str, Any]:
        envelope = dereference(self.schema.spec, self.schema.sites[()].schema)
        data: dict[str, Any] = envelope["properties"]["data"]
        return data

    @cached_property
    def _factory(self) -> ConversationFactory:
        return ConversationFactory(self._data, complete=True)

    def conforming(self, index: int = 0) -> Body:
        """A full, conforming 200 body (every documented field present)."""
        data = self._factory.conversation("agent-test", f"convo-{index:04d}")
        return {"success": True, "message": "Conversation retrieved successfully", "data": copy.deepcopy(data)}

    def _fields(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """The top-level fields of `data`, in the spec's order."""
        yield from (self._data.get("properties") or {}).items()

    def _first(self, fits: Callable[[dict[str, Any]], bool], what: str) -> str:
        for name, schema in self._fields():
            if fits(schema):
                return name
        raise LookupError(f"{self.spec}: no top-level field of data is {what}")

    @cached_property
    def undocumented(self) -> str:
        """A field name the spec does not document."""
        documented = set(self._data.get("properties") or ())
        return next(name for name in _NEW_NAMES if name not in documented)

    @cached_property
    def nested(self) -> tuple[str, str, str]:
        """(an array-of-objects field, a string-array property of its items, a name its items lack)."""
        for name, schema in self._fields():
            items = schema.get("items") or {}
            if schema.get("type") != "array" or not items.get("properties"):
                continue
            for inner, prop in items["properties"].items():
                if prop.get("type") == "array" and (prop.get("items") or {}).get("type") == "string":
                    new = next(n for n in ("queue", "shard", "vgcontractExtra") if n not in items["properties"])
                    return name, inner, new
        raise LookupError(f"{self.spec}: no array of objects with a string-array property in data")

    @cached_property
    def personal(self) -> str:
        """A top-level field of `data` the spec marks as an email (`x-personal-data`)."""
        return self._first(lambda s: s.get("x-personal-data") == "email", "marked as an email")

    @cached_property
    def object_field(self) -> str:
        """The first object-valued field of `data`."""
        return self._first(lambda s: s.get("type") == "object", "an object")

    @cached_property
    def breaks(self) -> dict[str, Break]:
        """Drift kind -> (mutation, path), each on the first fitting field of the spec."""
        required = set(self._data.get("required") or ())
        integer = self._first(lambda s: s.get("type") == "integer" and "x-epoch-unit" not in s, "an integer")
        bounded = self._first(lambda s: s.get("type") == "integer" and "minimum" in s, "a bounded integer")
        obj = self._first(lambda s: s.get("type") == "object", "an object")
        enum = self._first(lambda s: isinstance(s.get("enum"), list), "an enum")
        formatted = self._first(lambda s: s.get("format") in {"uri", "email"}, "a uri or email")
        epoch = self._first(lambda s: s.get("x-epoch-unit") == "seconds", "an epoch in seconds")
        needed = next((name for name, _ in self._fields() if name in required), None)
        if needed is None:
            raise LookupError(f"{self.spec}: data has no required field")
        minimum = self._data["properties"][bounded]["minimum"]
        listed = set(self._data["properties"][enum]["enum"])
        new_value = next(v for v in ("escalated", "archived", "queued") if v not in listed)
        return {
            "undocumented-field": (_set(("data", self.undocumented), 0.7), f"data.{self.undocumented}"),
            "type-mismatch": (_set(("data", integer), "12"), f"data.{integer}"),
            "unexpected-null": (_set(("data", obj), None), f"data.{obj}"),
            "missing-required": (_delete(("data", needed)), f"data.{needed}"),
            "enum-new-value": (_set(("data", enum), new_value), f"data.{enum}"),
            "format-violation": (_set(("data", formatted), "not a uri"), f"data.{formatted}"),
            "timestamp-unit": (_scale(("data", epoch), 1000), f"data.{epoch}"),
            "envelope-violation": (_set(("success",), False), "success"),
            "constraint-violation": (_set(("data", bounded), minimum - 1), f"data.{bounded}"),
        }


CORPUS = Corpus(SPEC)
BREAKS = CORPUS.breaks


def drift_schema() -> DriftSchema:
    """The project spec's drift schema."""
    return CORPUS.schema


def conforming(index: int = 0) -> Body:
    """A full, conforming 200 body of the project's spec."""
    return CORPUS.conforming(index)


def ndjson(bodies: list[Any]) -> bytes:
    return b"".join(orjson.dumps(b) + b"\n" for b in bodies)
