"""Every field the documentation page shows is in the spec's 200 schema, with a compatible type.

`fixtures/documented_fields.json` lists the page's leaf fields (envelope included) and
their placeholders; it is derived from the copy of the page in `fixtures/`, and the first
test proves it still is. A spec field that the page's response schema does not show must
say where it comes from, with an `x-source` extension (on itself or an enclosing object).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from contract_tests.conftest import FIXTURES
from vgcontract.spec import documented_fields

FIELDS: list[dict[str, str]] = json.loads((FIXTURES / "documented_fields.json").read_text(encoding="utf-8"))


def _schema_at(schema: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The property schema at a documented path such as `data.handoffHistory[].teamIds`."""
    node: dict[str, Any] | None = schema
    for token in path.split("."):
        is_array = token.endswith("[]")
        name = token.removesuffix("[]")
        props = (node or {}).get("properties") or {}
        node = props.get(name)
        if node is None:
            return None
        if is_array:
            if node.get("type") != "array":
                return None
            node = node.get("items")
    return node


def _compatible(placeholder: str, prop: dict[str, Any]) -> bool:
    kind = prop.get("type")
    if placeholder == "string":
        return kind == "string"
    if placeholder == "number":
        return kind in {"integer", "number"}
    if placeholder == "boolean":
        return kind == "boolean"
    if placeholder == "unknown":
        return "type" not in prop and not ({"oneOf", "anyOf", "allOf", "enum", "const"} & prop.keys())
    if placeholder == "array":
        return kind == "array" and prop.get("items") == {}
    if placeholder.startswith("array<"):
        return kind == "array" and _compatible(placeholder[6:-1], prop.get("items") or {})
    if placeholder == "object":
        return kind == "object" and prop.get("additionalProperties") is True and not prop.get("properties")
    return False


@pytest.fixture(scope="module")
def success_schema(operation: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = operation["responses"]["200"]["content"]["application/json"]["schema"]
    return schema


def _leaves(node: dict[str, Any], prefix: str = "", sourced: bool = False) -> list[tuple[str, bool]]:
    """(path, has an `x-source` on itself or an enclosing object) for every leaf property."""
    found: list[tuple[str, bool]] = []
    for name, prop in (node.get("properties") or {}).items():
        path, here = f"{prefix}{name}", sourced or "x-source" in prop
        if prop.get("type") == "array" and (prop.get("items") or {}).get("properties"):
            found += _leaves(prop["items"], f"{path}[].", here)
        elif prop.get("properties"):
            found += _leaves(prop, f"{path}.", here)
        else:
            found.append((path, here))
    return found


def test_fixture_is_what_the_page_documents() -> None:
    page = (FIXTURES / "get-single-conversation.page.txt").read_text(encoding="utf-8")
    assert FIELDS
    assert [f.as_json() for f in documented_fields(page)] == FIELDS


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f["path"])
def test_documented_field_is_in_the_spec(success_schema: dict[str, Any], field: dict[str, str]) -> None:
    prop = _schema_at(success_schema, field["path"])
    assert prop is not None, f"{field['path']} is missing from the 200 schema"
    if "x-source" in prop:
        return  # the spec departs from the page on purpose, and says on what authority
    assert _compatible(field["placeholder"], prop), f"{field['path']}: {prop.get('type')!r} vs {field['placeholder']}"


def test_coverage_is_complete(success_schema: dict[str, Any]) -> None:
    missing = [
        f["path"]
        for f in FIELDS
        if not ((p := _schema_at(success_schema, f["path"])) and ("x-source" in p or _compatible(f["placeholder"], p)))
    ]
    assert missing == []


def test_spec_invents_no_fields(success_schema: dict[str, Any]) -> None:
    """Every spec field is on the page, or names its source with `x-source`."""
    documented = {f["path"] for f in FIELDS}
    unsourced = sorted(path for path, sourced in _leaves(success_schema) if path not in documented and not sourced)
    assert unsourced == [], "not on the documentation page: give each an `x-source` saying where it comes from"


def test_every_x_source_says_something(success_schema: dict[str, Any]) -> None:
    """`x-source` is the exception, and each one names its authority in words."""

    def sources(node: Any) -> list[Any]:
        if isinstance(node, dict):
            own = [node["x-source"]] if "x-source" in node else []
            return own + [s for v in node.values() for s in sources(v)]
        return [s for v in node for s in sources(v)] if isinstance(node, list) else []

    found = sources(success_schema)
    assert found, "the spec documents `state` beyond the page's response schema: it carries x-source"
    assert all(isinstance(s, str) and len(s.split()) >= 2 for s in found)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("data.ts", "integer"),
        ("data.messagesNum", "integer"),
        ("data.lastModified", "integer"),
        ("data.handoffHistory[].requestedAt", "integer"),
        ("data.tokenUsage.cumulativeInputTokens", "integer"),
        ("data.value", "number"),
        ("data.vapi.cost", "number"),
        ("data.averageLatency", "number"),
        ("data.ratingFrom5", "number"),
        ("data.hotScore", "number"),
        ("data.leadScore", "number"),
        ("data.convoTimeSeconds", "number"),
        ("data.detailedCost.llmCost", "number"),
        ("data.tokenUsage.lastTurnInputUsdPer1k", "number"),
    ],
)
def test_counters_and_timestamps_are_integers_money_and_scores_numbers(
    success_schema: dict[str, Any], path: str, expected: str
) -> None:
    prop = _schema_at(success_schema, path)
    assert prop is not None
    if "x-source" not in prop:  # a retype with a stated source is the spec's call
        assert prop["type"] == expected


def test_epoch_timestamps_are_marked_seconds(success_schema: dict[str, Any]) -> None:
    marked = {
        f["path"] for f in FIELDS if (_schema_at(success_schema, f["path"]) or {}).get("x-epoch-unit") == "seconds"
    }
    assert {"data.ts", "data.firstMessageTS", "data.lastMessageTS", "data.lastModified"} <= marked
    for path in marked:
        assert (_schema_at(success_schema, path) or {}).get("type") == "integer"
