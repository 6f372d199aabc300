"""The token never shows: not in a repr or str, an error, a traceback or a log line."""

from __future__ import annotations

import asyncio
import logging
import traceback

import httpx
import pytest

from tests.client_support import TOKEN, Reply, json_reply, scripted, serve_script
from voiceglow_client import APIConnectionError, AuthenticatedClient, AuthenticationError, Client, VoiceglowError
from voiceglow_client.api.conversations import get_conversation

ECHO = f'{{"success": false, "message": "token Bearer {TOKEN} is not valid for agent a"}}'.encode()


def test_client_repr_and_str_hide_the_token() -> None:
    client = AuthenticatedClient(base_url="https://example.invalid/v3", token=TOKEN, headers={"X-Team": "t"})
    for text in (repr(client), str(client), repr(client.with_retries(0)), repr(client.with_headers({"a": "b"}))):
        assert TOKEN not in text
        assert "AuthenticatedClient(base_url='https://example.invalid/v3'" in text
    http = client.get_httpx_client()
    assert "authorization" not in http.headers  # added per request, never a default header
    assert TOKEN not in repr(http.auth)
    assert TOKEN not in repr(vars(http))
    assert TOKEN not in repr(Client(base_url="https://example.invalid"))


def test_the_token_is_still_sent_on_every_request_even_with_a_custom_httpx_client() -> None:
    client, script = scripted([json_reply(503), json_reply(200)], retries=1)
    get_conversation.sync("a", "c", client=client)
    assert [request.headers["authorization"] for request in script.requests] == [f"Bearer {TOKEN}"] * 2
    custom = AuthenticatedClient(base_url="http://x/v3", token=TOKEN, prefix="Token", auth_header_name="X-Api-Key")
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_reply(200)

    custom.set_httpx_client(httpx.Client(base_url="http://x/v3", transport=httpx.MockTransport(answer)))
    get_conversation.sync("a", "c", client=custom)
    assert seen[0].headers["x-api-key"] == f"Token {TOKEN}"
    assert "authorization" not in seen[0].headers


def test_an_echoed_token_is_scrubbed_from_status_errors_and_their_tracebacks() -> None:
    client, _ = scripted([json_reply(401, ECHO, headers={"X-Debug": f"Bearer {TOKEN}"})], retries=0)
    with pytest.raises(AuthenticationError) as raised:
        get_conversation.sync("a", "c", client=client)
    error = raised.value
    shown = str(error) + repr(error) + error.body_excerpt + (error.message or "")
    shown += "".join(traceback.format_exception(error))
    assert TOKEN not in shown
    assert "[redacted]" in str(error)


def test_transport_errors_that_quote_the_token_are_scrubbed() -> None:
    client, _ = scripted([httpx.ConnectError(f"proxy said: bad header Bearer {TOKEN}")], retries=0)
    with pytest.raises(APIConnectionError) as raised:
        get_conversation.sync("a", "c", client=client)
    assert TOKEN not in str(raised.value) + repr(raised.value) + "".join(traceback.format_exception(raised.value))


def test_an_echoed_token_is_scrubbed_from_shape_errors() -> None:
    body = f'{{"success": true, "message": "ok", "data": {{"ID": "c", "messagesNum": "{TOKEN}"}}}}'.encode()
    client, _ = scripted([json_reply(200, body)], retries=0, strict=True)
    with pytest.raises(VoiceglowError) as raised:
        get_conversation.sync("a", "c", client=client)
    assert TOKEN not in str(raised.value) + repr(raised.value) + repr(raised.value.problems)  # type: ignore[attr-defined]


def test_responses_do_not_show_headers_or_body_in_their_repr() -> None:
    body = f'{{"success": true, "message": "{TOKEN}", "data": {{"ID": "c"}}}}'.encode()
    client, _ = scripted([json_reply(200, body, headers={"X-Echo": TOKEN})], retries=0)
    response = get_conversation.sync_detailed("a", "c", client=client)
    assert "headers" not in repr(response)
    assert "content" not in repr(response)


def test_log_lines_never_carry_the_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    answers: list[httpx.Response | Exception] = [
        json_reply(503, ECHO),
        httpx.ConnectError(f"reset {TOKEN}"),
        json_reply(200),
    ]
    client, _ = scripted(answers, retries=2)
    get_conversation.sync("a", "c", client=client)
    client, _ = scripted(answers, retries=2)
    asyncio.run(get_conversation.asyncio("a", "c", client=client))
    retries = [record.getMessage() for record in caplog.records if record.name == "voiceglow_client"]
    assert len(retries) == 4, retries
    assert "GET https://eu-gcp-api.vg-stuff.com/v3/agents/a/convos/c: 503; retry 1 of 2 in" in retries[0]
    assert "ConnectError; retry 2 of 2" in retries[1]
    assert caplog.records
    assert all(TOKEN not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("token", ["", "   ", f"{TOKEN}\r\nX-Injected: 1", f"{TOKEN}\n", "a\0b"])
def test_tokens_that_could_break_or_inject_headers_are_refused_without_being_quoted(token: str) -> None:
    with pytest.raises(ValueError, match="token must") as raised:
        AuthenticatedClient(base_url="http://x", token=token)
    assert TOKEN not in str(raised.value)


def test_on_the_wire_the_token_appears_once_in_the_authorization_header() -> None:
    with serve_script([Reply(200)]) as server:
        client = AuthenticatedClient(base_url=server.base_url, token=TOKEN)
        get_conversation.sync("a", "c", client=client)
    raw = server.raw_requests[0].decode()
    assert raw.count(TOKEN) == 1
    assert f"Authorization: Bearer {TOKEN}\r\n" in raw
