"""The spec itself: valid, lint-clean, and shaped the way the contract promises."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
from openapi_spec_validator import validate

from vgcontract.spec.lint import lint_spec

OPERATION_PATH = "/agents/{agentId}/convos/{convoId}"
ERROR_STATUSES = ("401", "403", "404", "429", "default")
NESTED_COMPONENTS = {
    # field of Conversation -> named component it must reference
    "handoffHistory": "HandoffEntry",
    "crmActivities": "CrmActivity",
    "crmAlerts": "CrmAlerts",
    "tokenUsage": "TokenUsage",
    "inboundEngagementState": "InboundEngagementState",
    "vapi": "VapiCall",
    "voice": "VoiceSession",
    "detailedCost": "DetailedCost",
    "voiceflowV4Session": "VoiceflowV4Session",
    "assignedTo": "Assignee",
    "nodesInfo": "NodesInfo",
}


def _schemas(node: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object schema below `node` that declares properties."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield path, node
        for key, value in node.items():
            yield from _schemas(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schemas(value, f"{path}[{index}]")


def test_spec_passes_openapi_spec_validator(spec: dict[str, Any]) -> None:
    validate(spec)  # raises on any violation


def test_spec_is_lint_clean(spec: dict[str, Any]) -> None:
    findings = lint_spec(spec)
    assert [f.render() for f in findings] == []


def test_servers_are_the_two_regions(spec: dict[str, Any]) -> None:
    urls = [server["url"] for server in spec["servers"]]
    assert urls == ["https://eu-gcp-api.vg-stuff.com/v3", "https://na-gcp-api.vg-stuff.com/v3"]


def test_operation_identity_and_bearer_auth(spec: dict[str, Any]) -> None:
    op = spec["paths"][OPERATION_PATH]["get"]
    assert op["operationId"] == "getConversation"
    assert op["tags"] == ["Conversations"]
    assert op["summary"] == "Get Single Conversation"
    assert "You must own the agent to access its conversations" in " ".join(op["description"].split())
    assert op["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        **spec["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }


def test_path_parameters_are_required_non_empty_strings(resolved_spec: dict[str, Any]) -> None:
    params = resolved_spec["paths"][OPERATION_PATH]["parameters"]
    assert {p["name"] for p in params} == {"agentId", "convoId"}
    for param in params:
        assert param["in"] == "path"
        assert param["required"] is True
        assert param["schema"]["type"] == "string"
        assert param["schema"]["minLength"] == 1


def test_success_envelope(operation: dict[str, Any]) -> None:
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(schema["required"]) == {"success", "message", "data"}
    assert schema["properties"]["success"]["type"] == "boolean"
    assert schema["properties"]["message"]["type"] == "string"
    assert schema["properties"]["data"]["required"] == ["ID"]


@pytest.mark.parametrize("status", ERROR_STATUSES)
def test_error_responses_use_the_error_envelope_and_say_inferred(operation: dict[str, Any], status: str) -> None:
    response = operation["responses"][status]
    assert "Inferred" in response["description"] or "inferred" in response["description"]
    schema = response["content"]["application/json"]["schema"]
    assert set(schema["required"]) == {"success", "message"}
    assert set(schema["properties"]) == {"success", "message"}
    for example in response["content"]["application/json"]["examples"].values():
        assert example["value"]["success"] is False


def test_rate_limit_response_documents_retry_after(operation: dict[str, Any]) -> None:
    header = operation["responses"]["429"]["headers"]["Retry-After"]
    validator = jsonschema_rs.validator_for(header["schema"])
    assert validator.is_valid("30")
    assert validator.is_valid("Wed, 21 Oct 2026 07:28:00 GMT")
    assert not validator.is_valid("soon")


@pytest.mark.parametrize(("field", "component"), sorted(NESTED_COMPONENTS.items()))
def test_nested_objects_are_named_components(spec: dict[str, Any], field: str, component: str) -> None:
    prop = spec["components"]["schemas"]["Conversation"]["properties"][field]
    ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
    assert ref == f"#/components/schemas/{component}"
    assert spec["components"]["schemas"][component]["type"] == "object"


def test_crm_notes_history_is_a_named_component(spec: dict[str, Any]) -> None:
    prop = spec["components"]["schemas"]["CrmActivity"]["properties"]["notesHistory"]
    assert prop["items"]["$ref"] == "#/components/schemas/CrmNote"


def test_every_object_allows_undocumented_properties(spec: dict[str, Any]) -> None:
    closed = [path for path, schema in _schemas(spec) if schema.get("additionalProperties") is not True]
    assert closed == []


def test_every_property_has_a_description(spec: dict[str, Any]) -> None:
    missing = [
        f"{path}.{name}"
        for path, schema in _schemas(spec["components"]["schemas"])
        for name, prop in schema["properties"].items()
        if "$ref" not in prop and not str(prop.get("description", "")).strip()
    ]
    assert missing == []


def test_state_enum_is_the_known_values(spec: dict[str, Any]) -> None:
    state = spec["components"]["schemas"]["Conversation"]["properties"]["state"]
    assert state["type"] == "string"
    assert state["enum"] == ["requested_chat", "human-chatting", "ai-chatting", "ended_chat"]


def _all_examples(op: dict[str, Any]) -> Iterator[tuple[str, str, Any, dict[str, Any]]]:
    for status, response in op["responses"].items():
        media = response["content"]["application/json"]
        for name, example in media["examples"].items():
            yield status, name, example["value"], media["schema"]


def test_every_example_validates_against_its_schema(operation: dict[str, Any]) -> None:
    # jsonschema-rs is a second implementation, independent of the lint's jsonschema.
    checked = 0
    for status, name, value, schema in _all_examples(operation):
        errors = [e.message for e in jsonschema_rs.validator_for(schema, validate_formats=True).iter_errors(value)]
        assert errors == [], f"{status} example {name!r}"
        checked += 1
    assert checked == 6  # the page's example plus one per error response


def test_page_example_is_in_the_spec_verbatim(operation: dict[str, Any], page_example: dict[str, Any]) -> None:
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert examples["pageExample"]["value"] == page_example
