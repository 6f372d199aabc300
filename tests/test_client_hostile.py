"""The generated client against hostile servers: every failure a VoiceglowError, every wait bounded, no echo.

- the total deadline covers headers and `1xx` answers, sync and async (a header drip and an
  endless stream of Early Hints both end on time);
- a redirect loop and an unusable URL raise inside `VoiceglowError`;
- a write is not retried unless the caller opts in;
- a token echoed in `X-Request-Id` is in no error message, repr or header the error keeps.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.client_support import BASE_URL, TOKEN, json_reply, scripted
from tests.hostile import serve
from voiceglow_client import AuthenticatedClient, RetryPolicy
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.errors import (
    APIConnectionError,
    APITimeoutError,
    InvalidRequestError,
    ServerError,
    VoiceglowError,
)


def _bounded(base_url: str, total: float) -> AuthenticatedClient:
    policy = RetryPolicy(max_retries=0, total_timeout=total)
    return AuthenticatedClient(base_url=base_url, token=TOKEN, retries=policy, timeout=httpx.Timeout(5.0))


@pytest.mark.parametrize("personality", ["header-drip", "hints"])
def test_the_total_deadline_covers_headers_and_early_hints(personality: str) -> None:
    # The server never finishes its headers, and keeps the connection busy: only a total
    # deadline can end the call (the 5 s read timeout is reset by every byte).
    with serve(personality) as server, _bounded(server.base_url, 0.6) as client, pytest.raises(APITimeoutError):
        get_conversation.sync("a", "c", client=client)


@pytest.mark.parametrize("personality", ["header-drip", "hints"])
def test_the_async_deadline_covers_headers_and_early_hints(personality: str) -> None:
    async def call(base_url: str) -> None:
        async with _bounded(base_url, 0.6) as client:
            await get_conversation.asyncio("a", "c", client=client)

    with serve(personality) as server, pytest.raises(APITimeoutError):
        asyncio.run(call(server.base_url))


def test_a_redirect_loop_is_a_voiceglow_error() -> None:
    def loop(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": str(request.url)})

    transport = httpx.MockTransport(loop)
    client = AuthenticatedClient(
        base_url=BASE_URL, token=TOKEN, retries=0, follow_redirects=True, httpx_args={"transport": transport}
    )
    with pytest.raises(APIConnectionError, match="TooManyRedirects"):
        get_conversation.sync("a", "c", client=client)


@pytest.mark.parametrize("convo", ["x" * 100_000, "", "   "])
def test_an_id_that_cannot_be_sent_is_refused_before_any_request(convo: str) -> None:
    client, script = scripted([json_reply(200)], retries=0)
    with pytest.raises(InvalidRequestError) as raised:
        get_conversation.sync("a", convo, client=client)
    assert isinstance(raised.value, VoiceglowError)
    assert isinstance(raised.value, ValueError)  # as before, for callers that caught ValueError
    assert script.requests == []


@pytest.mark.parametrize(("method", "sent"), [("GET", 3), ("PUT", 3), ("PATCH", 1), ("POST", 1)])
def test_only_idempotent_methods_are_retried(method: str, sent: int) -> None:
    policy = RetryPolicy(max_retries=2, initial_delay=0, max_delay=0)
    client, script = scripted([json_reply(503)], retries=policy)
    response = client.request(method, "/agents/a/convos/c")
    assert response.status_code == 503
    assert len(script.requests) == sent


def test_a_caller_can_opt_in_to_retrying_a_write() -> None:
    policy = RetryPolicy(max_retries=2, initial_delay=0, max_delay=0, methods={"GET", "POST"})
    client, script = scripted([json_reply(503), json_reply(200)], retries=policy)
    assert client.request("POST", "/agents/a/convos/c").status_code == 200
    assert len(script.requests) == 2


def test_a_token_echoed_in_a_header_is_not_in_the_error() -> None:
    echo = json_reply(500, b'{"success": false, "message": "boom"}', headers={"x-request-id": f"Bearer {TOKEN}"})
    client, _ = scripted([echo], retries=0)
    with pytest.raises(ServerError) as raised:
        get_conversation.sync("a", "c", client=client)
    error = raised.value
    for shown in (str(error), repr(error), str(error.request_id), repr(error.headers)):
        assert TOKEN not in shown
    assert error.request_id is not None
    assert "[redacted]" in error.request_id
