"""The page's example response, sent through the generated client, parses into typed models."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from voiceglow_client import (
    APIStatusError,
    AuthenticatedClient,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.models import Conversation, ConversationEnvelope, VapiCall
from voiceglow_client.types import UNSET

BASE_URL = "https://eu-gcp-api.vg-stuff.com/v3"
TOKEN = "test-token-not-a-secret"


def _client_answering(status: int, body: Any, seen: list[httpx.Request]) -> AuthenticatedClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=body)

    return AuthenticatedClient(base_url=BASE_URL, token=TOKEN, httpx_args={"transport": httpx.MockTransport(handler)})


def test_page_example_parses_with_exact_values(page_example: dict[str, Any]) -> None:
    seen: list[httpx.Request] = []
    client = _client_answering(200, page_example, seen)
    response = get_conversation.sync_detailed("agent123", "agent123_convo456", client=client)

    assert str(seen[0].url) == f"{BASE_URL}/agents/agent123/convos/agent123_convo456"
    assert seen[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert response.status_code == 200
    envelope = response.parsed
    assert isinstance(envelope, ConversationEnvelope)
    assert envelope.success is True
    assert envelope.message == "Conversation retrieved successfully"
    convo = envelope.data
    assert isinstance(convo, Conversation)
    assert convo.id == "agent123_convo456"
    assert convo.user_id == "agent123_convo456"
    assert convo.ts == 1699999999
    assert convo.messages_num == 5
    assert convo.user_name == "John Doe"
    assert convo.user_email == "john@example.com"
    assert convo.user_phone == "+1234567890"
    assert convo.user_company == "Acme Corp"
    assert convo.user_address == "123 Main St, City, State"
    assert convo.user_website == "https://acme.com"
    assert convo.notes == "Customer interested in premium plan, follow up next week"
    assert convo.tags == ["new-lead", "high-priority"]
    assert convo.origin == "web-chat"
    assert convo.state == "ai-chatting"
    assert convo.first_message_ts == 1699999000
    assert convo.last_message_ts == 1699999999
    assert convo.last_modified == 1699999999
    # Fields the example leaves out stay UNSET rather than inventing defaults.
    assert convo.vapi is UNSET
    assert convo.handoff_history is UNSET
    # And the model serialises back to exactly the page's body.
    assert envelope.to_dict() == page_example


def test_example_field_types_are_the_documented_ones(page_example: dict[str, Any]) -> None:
    convo = ConversationEnvelope.from_dict(page_example).data
    assert type(convo.ts) is int
    assert type(convo.messages_num) is int
    assert all(type(tag) is str for tag in convo.tags or [])


def test_undocumented_fields_are_kept(page_example: dict[str, Any]) -> None:
    body = json.loads(json.dumps(page_example))
    body["data"]["brandNewField"] = {"nested": [1, 2]}
    body["data"]["vapi"] = {"cost": 0.25, "futureVapiField": "x"}
    convo = ConversationEnvelope.from_dict(body).data
    assert convo.additional_properties["brandNewField"] == {"nested": [1, 2]}
    assert isinstance(convo.vapi, VapiCall)
    assert convo.vapi.cost == 0.25
    assert convo.vapi.additional_properties == {"futureVapiField": "x"}


def test_full_conversation_with_nested_components_parses() -> None:
    data = {
        "ID": "a_c",
        "handoffHistory": [{"requestedAt": 1, "teamIds": ["t1"], "teamKeys": ["k1"]}],
        "crmActivities": [{"id": "x", "completed": True, "notesHistory": [{"text": "hi"}], "metadata": {"k": 1}}],
        "tokenUsage": {"cumulativeUsd": 0.5, "usagePerModel": {"m": {"in": 1}}},
        "funnelExtractedData": {"budget": 100},
        "campaignCalls": [{"any": "thing"}, 3],
        "capturedVariables": {"x": 1},
    }
    convo = Conversation.from_dict(data)
    assert convo.to_dict() == data
    assert isinstance(convo.handoff_history, list)
    assert convo.handoff_history[0].team_ids == ["t1"]
    assert isinstance(convo.crm_activities, list)
    notes = convo.crm_activities[0].notes_history
    assert isinstance(notes, list)
    assert notes[0].text == "hi"


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (429, RateLimitError),
        (500, ServerError),
    ],
)
def test_error_statuses_raise_typed_errors_with_the_envelope_message(
    status: int, error_class: type[APIStatusError]
) -> None:
    seen: list[httpx.Request] = []
    client = _client_answering(status, {"success": False, "message": "nope"}, seen)
    with pytest.raises(error_class) as raised:
        get_conversation.sync("a", "c", client=client.with_retries(0))
    assert (raised.value.status_code, raised.value.message) == (status, "nope")
    assert len(seen) == 1
