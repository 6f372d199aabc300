"""Every field the documentation page shows is in the spec's 200 schema, with a compatible type.

`fixtures/documented_fields.json` lists the page's 164 leaf fields (envelope included) and
their placeholders; it is derived from the copy of the page in `fixtures/`, and the first
test proves it still is.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from contract_tests.conftest import FIXTURES
from vgcontract.spec import documented_fields

# `state` is documented by the page's prose and example, not by its response schema.
EXTRA_DOCUMENTED = [{"path": "data.state", "placeholder": "string"}]
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


def test_fixture_is_what_the_page_documents() -> None:
    page = (FIXTURES / "get-single-conversation.page.txt").read_text(encoding="utf-8")
    assert [f.as_json() for f in documented_fields(page)] == FIELDS
    assert len(FIELDS) == 164
    top_level = {f["path"].split(".")[1].removesuffix("[]") for f in FIELDS if f["path"].startswith("data.")}
    assert len(top_level) == 99


@pytest.mark.parametrize("field", FIELDS + EXTRA_DOCUMENTED, ids=lambda f: f["path"])
def test_documented_field_is_in_the_spec(success_schema: dict[str, Any], field: dict[str, str]) -> None:
    prop = _schema_at(success_schema, field["path"])
    assert prop is not None, f"{field['path']} is missing from the 200 schema"
    assert _compatible(field["placeholder"], prop), f"{field['path']}: {prop.get('type')!r} vs {field['placeholder']}"


def test_coverage_is_complete(success_schema: dict[str, Any]) -> None:
    documented = FIELDS + EXTRA_DOCUMENTED
    covered = [
        f for f in documented if (p := _schema_at(success_schema, f["path"])) and _compatible(f["placeholder"], p)
    ]
    assert (len(covered), len(documented)) == (165, 165)


def test_spec_invents_no_fields(success_schema: dict[str, Any]) -> None:
    documented = {f["path"] for f in FIELDS + EXTRA_DOCUMENTED}

    def leaves(node: dict[str, Any], prefix: str) -> list[str]:
        found: list[str] = []
        for name, prop in (node.get("properties") or {}).items():
            path = f"{prefix}{name}"
            if prop.get("type") == "array" and (prop.get("items") or {}).get("properties"):
                found += leaves(prop["items"], f"{path}[].")
            elif prop.get("properties"):
                found += leaves(prop, f"{path}.")
            else:
                found.append(path)
        return found

    assert sorted(set(leaves(success_schema, "")) - documented) == []


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
    assert prop["type"] == expected


def test_epoch_timestamps_are_marked_seconds(success_schema: dict[str, Any]) -> None:
    marked = {
        f["path"] for f in FIELDS if (_schema_at(success_schema, f["path"]) or {}).get("x-epoch-unit") == "seconds"
    }
    assert {"data.ts", "data.firstMessageTS", "data.lastMessageTS", "data.lastModified"} <= marked
    for path in marked:
        assert (_schema_at(success_schema, path) or {}).get("type") == "integer"
