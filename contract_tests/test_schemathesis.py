"""Property-based contract suite: schemathesis, driven by the spec, against the mock or the live API.

By default the target is the embedded mock, called in-process through ASGI. Live mode
turns on when `VOICEGLOW_BASE_URL` is set, and then needs `VOICEGLOW_API_TOKEN`,
`VOICEGLOW_AGENT_ID` and `VOICEGLOW_CONVO_IDS` (comma-separated IDs known to exist).
`VOICEGLOW_ST_EXAMPLES` sets the number of generated examples (default 40).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth, missing_required_header

from vgcontract.mock import DEFAULT_TOKEN, build_app
from vgcontract.spec import find_project
from voiceglow_client import AuthenticatedClient
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.models import ConversationEnvelope

LIVE_URL = os.environ.get("VOICEGLOW_BASE_URL", "").rstrip("/")
TOKEN = os.environ.get("VOICEGLOW_API_TOKEN", "") if LIVE_URL else DEFAULT_TOKEN
EXAMPLES = int(os.environ.get("VOICEGLOW_ST_EXAMPLES", "40"))
EXTRA_CHECKS = [ignored_auth, missing_required_header]
SPEC = find_project(Path(__file__).resolve().parent).spec

schema = schemathesis.openapi.from_path(SPEC)
MOCK = build_app(SPEC, token=DEFAULT_TOKEN)
if LIVE_URL:
    schema.config.update(base_url=LIVE_URL)
else:
    # In-process ASGI: requests go to the mock's app, under the spec's server path (/v3).
    schema.app = MOCK
    schema.config.update(base_url=f"http://mock.local{MOCK.base_path}")


def _call_kwargs() -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if LIVE_URL:
        return {"headers": headers, "timeout": 30}
    return {"headers": headers}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_spec(case: schemathesis.Case[Any]) -> None:
    """Generated IDs, valid and invalid: every answer must be documented and conform."""
    case.call_and_validate(additional_checks=EXTRA_CHECKS, **_call_kwargs())


def _pinned_ids() -> list[tuple[str, str]]:
    if not LIVE_URL:
        # The mock: the page's example IDs and a few generated conversations.
        return [("agent123", "agent123_convo456"), ("agent1", "convo-1"), ("agent2", "ünïcødé id")]
    agent = os.environ.get("VOICEGLOW_AGENT_ID", "")
    convos = [c.strip() for c in os.environ.get("VOICEGLOW_CONVO_IDS", "").split(",") if c.strip()]
    return [(agent, convo) for convo in convos]


@pytest.mark.parametrize(("agent_id", "convo_id"), _pinned_ids())
def test_known_conversations_conform(agent_id: str, convo_id: str) -> None:
    """Pinned to conversations that exist, so real 200 bodies are validated in full."""
    operation = schema["/agents/{agentId}/convos/{convoId}"]["GET"]
    case = operation.Case(path_parameters={"agentId": agent_id, "convoId": convo_id})
    response = case.call_and_validate(additional_checks=EXTRA_CHECKS, **_call_kwargs())
    assert response.status_code == 200
    assert response.json()["data"]["ID"] == convo_id


@pytest.mark.live
@pytest.mark.parametrize(("agent_id", "convo_id"), _pinned_ids())
def test_live_conversations_parse_through_the_generated_client(agent_id: str, convo_id: str) -> None:
    """The typed client reads the real API's 200 bodies for the known conversations."""
    with AuthenticatedClient(base_url=LIVE_URL, token=TOKEN, strict=True) as client:
        parsed = get_conversation.sync(agent_id, convo_id, client=client)
    assert isinstance(parsed, ConversationEnvelope)
    assert parsed.success is True
    assert parsed.data.id == convo_id
