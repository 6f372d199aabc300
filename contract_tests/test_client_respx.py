"""The generated client against respx routes built from the spec's own examples and schemas.

Every documented status is served with its documented example: the success must parse
into its documented model with the example's values, and each error status must raise its
typed error carrying the example's message. The routes are derived from the spec, so a
new status or example is covered without touching this file.
"""

from __future__ import annotations

from typing import Any

import pytest
import respx

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
from voiceglow_client.models import ConversationEnvelope, ErrorEnvelope

TOKEN = "respx-token"
OPERATION = "/agents/{agentId}/convos/{convoId}"
# Each documented error status and the typed error the client must raise for it.
EXPECTED_ERROR: dict[str, type[APIStatusError]] = {
    "401": AuthenticationError,
    "403": PermissionDeniedError,
    "404": NotFoundError,
    "429": RateLimitError,
    "default": ServerError,
}


def _examples(operation: dict[str, Any]) -> list[tuple[str, str, Any, dict[str, str]]]:
    found = []
    for status, response in operation["responses"].items():
        headers = {name: str(h.get("example", "")) for name, h in (response.get("headers") or {}).items()}
        for name, example in response["content"]["application/json"]["examples"].items():
            found.append((status, name, example["value"], headers))
    return found


def _status_code(status: str) -> int:
    return 500 if status == "default" else int(status)


@pytest.fixture(scope="module")
def examples(operation: dict[str, Any]) -> list[tuple[str, str, Any, dict[str, str]]]:
    return _examples(operation)


@pytest.fixture(scope="module")
def eu_base_url(spec: dict[str, Any]) -> str:
    url: str = spec["servers"][0]["url"]
    return url


def test_every_documented_status_is_exercised(operation: dict[str, Any]) -> None:
    assert set(operation["responses"]) == {"200", *EXPECTED_ERROR}


def _of_status(
    examples: list[tuple[str, str, Any, dict[str, str]]], status: str
) -> list[tuple[str, Any, dict[str, str]]]:
    found = [(name, value, headers) for ex_status, name, value, headers in examples if ex_status == status]
    assert found, f"the spec has no example for {status}"
    return found


def test_success_parses_to_the_documented_model_sync(
    examples: list[tuple[str, str, Any, dict[str, str]]], eu_base_url: str
) -> None:
    for name, value, headers in _of_status(examples, "200"):
        client = AuthenticatedClient(base_url=eu_base_url, token=TOKEN, strict=True)
        with respx.mock(base_url=eu_base_url, assert_all_called=True) as router:
            route = router.get("/agents/agent123/convos/agent123_convo456").respond(200, json=value, headers=headers)
            response = get_conversation.sync_detailed("agent123", "agent123_convo456", client=client)
        assert route.call_count == 1, name
        assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"
        assert response.status_code == 200
        assert isinstance(response.parsed, ConversationEnvelope), name
        assert response.parsed.to_dict() == value, name
        assert response.shape_problems == (), name


@pytest.mark.asyncio
async def test_success_parses_to_the_documented_model_async(
    examples: list[tuple[str, str, Any, dict[str, str]]], eu_base_url: str
) -> None:
    for name, value, headers in _of_status(examples, "200"):
        client = AuthenticatedClient(base_url=eu_base_url, token=TOKEN, strict=True)
        async with respx.mock(base_url=eu_base_url, assert_all_called=True) as router:
            route = router.get("/agents/a/convos/c").respond(200, json=value, headers=headers)
            parsed = await get_conversation.asyncio("a", "c", client=client)
        assert route.calls.last.request.headers["authorization"] == f"Bearer {TOKEN}"
        assert isinstance(parsed, ConversationEnvelope), name
        assert parsed.to_dict() == value, name


def _check_error(error: APIStatusError, status: str, value: Any, headers: dict[str, str]) -> None:
    assert error.status_code == _status_code(status)
    assert error.message == value["message"]
    assert TOKEN not in repr(error) + str(error)
    # The documented error body is the documented error model, field for field.
    assert ErrorEnvelope.from_dict(value, strict=True).to_dict() == value
    if isinstance(error, RateLimitError) and "Retry-After" in headers:
        assert error.retry_after == float(headers["Retry-After"])


@pytest.mark.parametrize("status", sorted(EXPECTED_ERROR))
def test_error_status_raises_its_typed_error_sync(
    examples: list[tuple[str, str, Any, dict[str, str]]], eu_base_url: str, status: str
) -> None:
    for name, value, headers in _of_status(examples, status):
        client = AuthenticatedClient(base_url=eu_base_url, token=TOKEN, retries=0)
        with respx.mock(base_url=eu_base_url, assert_all_called=True) as router:
            route = router.get("/agents/a/convos/c").respond(_status_code(status), json=value, headers=headers)
            with pytest.raises(EXPECTED_ERROR[status]) as raised:
                get_conversation.sync_detailed("a", "c", client=client)
        assert route.call_count == 1, name
        _check_error(raised.value, status, value, headers)


@pytest.mark.asyncio
@pytest.mark.parametrize("status", sorted(EXPECTED_ERROR))
async def test_error_status_raises_its_typed_error_async(
    examples: list[tuple[str, str, Any, dict[str, str]]], eu_base_url: str, status: str
) -> None:
    for name, value, headers in _of_status(examples, status):
        client = AuthenticatedClient(base_url=eu_base_url, token=TOKEN, retries=0)
        async with respx.mock(base_url=eu_base_url, assert_all_called=True) as router:
            route = router.get("/agents/a/convos/c").respond(_status_code(status), json=value, headers=headers)
            with pytest.raises(EXPECTED_ERROR[status]) as raised:
                await get_conversation.asyncio("a", "c", client=client)
        assert route.call_count == 1, name
        _check_error(raised.value, status, value, headers)


def test_page_example_values_through_respx(
    examples: list[tuple[str, str, Any, dict[str, str]]], eu_base_url: str
) -> None:
    value = next(v for status, name, v, _ in examples if name == "pageExample")
    client = AuthenticatedClient(base_url=eu_base_url, token=TOKEN)
    with respx.mock(base_url=eu_base_url) as router:
        router.get("/agents/agent123/convos/agent123_convo456").respond(200, json=value)
        parsed = get_conversation.sync("agent123", "agent123_convo456", client=client)
    assert isinstance(parsed, ConversationEnvelope)
    assert (parsed.data.id, parsed.data.ts, parsed.data.state) == ("agent123_convo456", 1699999999, "ai-chatting")
    assert parsed.data.tags == ["new-lead", "high-priority"]


@pytest.mark.parametrize("server", [0, 1], ids=["eu", "na"])
def test_each_region_base_url(spec: dict[str, Any], server: int) -> None:
    base_url = spec["servers"][server]["url"]
    client = AuthenticatedClient(base_url=base_url, token=TOKEN)
    with respx.mock(assert_all_called=True) as router:
        route = router.get(f"{base_url}/agents/a/convos/c").respond(
            200, json={"success": True, "message": "ok", "data": {"ID": "c"}}
        )
        parsed = get_conversation.sync("a", "c", client=client)
    assert isinstance(parsed, ConversationEnvelope)
    request = route.calls.last.request
    assert request.url.host == ("eu-gcp-api.vg-stuff.com" if server == 0 else "na-gcp-api.vg-stuff.com")
    assert request.url.path == "/v3/agents/a/convos/c"


HOSTILE_IDS = [
    ("a/b", "a%2Fb"),
    ("x?y=1", "x%3Fy%3D1"),
    ("frag#ment", "frag%23ment"),
    ("100%", "100%25"),
    ("%2F", "%252F"),
    ("with space", "with%20space"),
    ("..", "%2E%2E"),
    (".", "%2E"),
    ("../../admin", "..%2F..%2Fadmin"),
    ("ünïcødé-会話", "%C3%BCn%C3%AFc%C3%B8d%C3%A9-%E4%BC%9A%E8%A9%B1"),
]


@pytest.mark.parametrize(("raw", "encoded"), HOSTILE_IDS, ids=[r for r, _ in HOSTILE_IDS])
@pytest.mark.parametrize("position", ["agent", "convo"])
def test_path_parameters_are_encoded_and_never_change_the_path(
    eu_base_url: str, raw: str, encoded: str, position: str
) -> None:
    agent, convo = (raw, "c") if position == "agent" else ("a", raw)
    client = AuthenticatedClient(base_url=eu_base_url, token=TOKEN)
    with respx.mock(assert_all_called=False) as router:
        route = router.route(method="GET").respond(200, json={"success": True, "message": "ok", "data": {"ID": "x"}})
        get_conversation.sync_detailed(agent, convo, client=client)
    request = route.calls.last.request
    raw_path = request.url.raw_path.decode("ascii")
    expected_agent, expected_convo = (encoded, "c") if position == "agent" else ("a", encoded)
    assert raw_path == f"/v3/agents/{expected_agent}/convos/{expected_convo}"
    assert request.url.query == b""
    assert request.url.fragment == ""
    # Exactly the documented five segments: nothing inserted, nothing removed.
    assert raw_path.split("/")[1:] == ["v3", "agents", expected_agent, "convos", expected_convo]


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_blank_ids_are_refused_before_any_request(eu_base_url: str, blank: str) -> None:
    client = AuthenticatedClient(base_url=eu_base_url, token=TOKEN)
    with respx.mock(assert_all_called=False) as router:
        route = router.route().respond(200)
        with pytest.raises(ValueError, match="non-empty"):
            get_conversation.sync_detailed(blank, "c", client=client)
        with pytest.raises(ValueError, match="non-empty"):
            get_conversation.sync_detailed("a", blank, client=client)
    assert route.call_count == 0
