"""Crafted response bodies for the drift tests: conforming ones, and one break per finding kind.

Bodies come from the mock's factory with every documented field present, so each break
lands on a field that is really there; the breaks name fields from the spec's own schema.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any

import orjson

from tests.paths import SPEC
from vgcontract.drift import DriftSchema
from vgcontract.mock import ConversationFactory
from vgcontract.spec import dereference, load_spec

__all__ = ["BREAKS", "conforming", "drift_schema", "ndjson"]

Body = dict[str, Any]


@cache
def drift_schema() -> DriftSchema:
    return DriftSchema.from_spec(load_spec(SPEC))


@cache
def _factory() -> ConversationFactory:
    schema = drift_schema()
    envelope = dereference(schema.spec, schema.sites[()].schema)
    return ConversationFactory(envelope["properties"]["data"], complete=True)


def conforming(index: int = 0) -> Body:
    """A full, conforming 200 body (every documented field present)."""
    data = _factory().conversation("agent-test", f"convo-{index:04d}")
    return {"success": True, "message": "Conversation retrieved successfully", "data": copy.deepcopy(data)}


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[Body], None]:
    def apply(body: Body) -> None:
        node: Any = body
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return apply


def _delete(path: tuple[str | int, ...]) -> Callable[[Body], None]:
    def apply(body: Body) -> None:
        node: Any = body
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    return apply


def _ms(body: Body) -> None:
    body["data"]["lastModified"] = body["data"]["lastModified"] * 1000


# kind -> (mutation, the normalised path the finding must name)
BREAKS: dict[str, tuple[Callable[[Body], None], str]] = {
    "undocumented-field": (_set(("data", "sentimentScore"), 0.7), "data.sentimentScore"),
    "type-mismatch": (_set(("data", "messagesNum"), "12"), "data.messagesNum"),
    "unexpected-null": (_set(("data", "vapi"), None), "data.vapi"),
    "missing-required": (_delete(("data", "ID")), "data.ID"),
    "enum-new-value": (_set(("data", "state"), "escalated"), "data.state"),
    "format-violation": (_set(("data", "userWebsite"), "not a uri"), "data.userWebsite"),
    "timestamp-unit": (_ms, "data.lastModified"),
    "envelope-violation": (_set(("success",), False), "success"),
    "constraint-violation": (_set(("data", "messagesNum"), -1), "data.messagesNum"),
}


def ndjson(bodies: list[Any]) -> bytes:
    return b"".join(orjson.dumps(b) + b"\n" for b in bodies)
