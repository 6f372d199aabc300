"""The generated client's retries: which failures, how long between, and when it stops.

Every scripted case runs through the sync and the async path, which must behave the same.
Waits are recorded instead of slept; the loopback tests at the end sleep for real.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from typing import Any

import httpx
import pytest

from tests.client_support import Hang, Reply, Script, json_reply, scripted, serve_script
from tests.standins import free_port
from voiceglow_client import (
    APIConnectionError,
    APITimeoutError,
    AuthenticatedClient,
    RateLimitError,
    RetryPolicy,
    ServerError,
    VoiceglowError,
)
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.types import Response

MODES = ["sync", "async"]


def call(client: AuthenticatedClient, mode: str) -> Response[Any]:
    if mode == "sync":
        return get_conversation.sync_detailed("a", "c", client=client)
    return asyncio.run(get_conversation.asyncio_detailed("a", "c", client=client))


@pytest.mark.parametrize("mode", MODES)
def test_a_503_then_a_200_is_retried_once_with_backoff(mode: str) -> None:
    client, script = scripted([json_reply(503), json_reply(200)])
    assert call(client, mode).status_code == 200
    assert len(script.requests) == 2
    assert len(script.waits) == 1
    assert 0.375 <= script.waits[0] <= 0.5


@pytest.mark.parametrize("status", [429, 502, 503, 504])
@pytest.mark.parametrize("mode", MODES)
def test_each_retryable_status_is_retried_until_the_limit(mode: str, status: int) -> None:
    client, script = scripted([json_reply(status)])
    with pytest.raises(VoiceglowError) as raised:
        call(client, mode)
    assert getattr(raised.value, "status_code", None) == status
    assert len(script.requests) == 3  # 1 + the default 2 retries
    assert len(script.waits) == 2
    assert 0.375 <= script.waits[0] <= 0.5
    assert 0.75 <= script.waits[1] <= 1.0


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 499, 500, 501, 505, 520])
@pytest.mark.parametrize("mode", MODES)
def test_other_statuses_are_not_retried(mode: str, status: int) -> None:
    client, script = scripted([json_reply(status)])
    with pytest.raises(VoiceglowError):
        call(client, mode)
    assert (len(script.requests), script.waits) == (1, [])


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_in_seconds_replaces_the_backoff(mode: str) -> None:
    client, script = scripted([json_reply(429, headers={"Retry-After": "3"}), json_reply(200)])
    assert call(client, mode).status_code == 200
    assert script.waits == [3.0]


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_as_an_http_date(mode: str) -> None:
    when = email.utils.formatdate(time.time() + 10, usegmt=True)
    client, script = scripted([json_reply(503, headers={"Retry-After": when}), json_reply(200)])
    assert call(client, mode).status_code == 200
    assert len(script.waits) == 1
    assert 8.5 <= script.waits[0] <= 10.5


@pytest.mark.parametrize("mode", MODES)
def test_a_retry_after_past_the_cap_is_not_waited_for(mode: str) -> None:
    # "Come back in an hour": waiting 30 s and asking again would only earn another 429.
    client, script = scripted(
        [json_reply(429, headers={"Retry-After": "3600"}), json_reply(200)], retries=RetryPolicy(total_timeout=None)
    )
    with pytest.raises(RateLimitError) as raised:
        call(client, mode)
    assert raised.value.retry_after == 3600.0
    assert (len(script.requests), script.waits) == (1, [])


@pytest.mark.parametrize("mode", MODES)
def test_a_retry_after_within_the_cap_is_waited_for(mode: str) -> None:
    client, script = scripted(
        [json_reply(429, headers={"Retry-After": "30"}), json_reply(200)], retries=RetryPolicy(total_timeout=None)
    )
    assert call(client, mode).status_code == 200
    assert script.waits == [30.0]


@pytest.mark.parametrize("mode", MODES)
def test_a_wait_past_the_total_budget_is_not_taken(mode: str) -> None:
    client, script = scripted([json_reply(429, headers={"Retry-After": "30"})], retries=RetryPolicy(total_timeout=10))
    with pytest.raises(RateLimitError) as raised:
        call(client, mode)
    assert raised.value.retry_after == 30.0
    assert (len(script.requests), script.waits) == (1, [])


@pytest.mark.parametrize("mode", MODES)
def test_zero_retries_sends_once(mode: str) -> None:
    client, script = scripted([json_reply(503), json_reply(200)], retries=0)
    with pytest.raises(ServerError):
        call(client, mode)
    assert (len(script.requests), script.waits) == (1, [])


@pytest.mark.parametrize("mode", MODES)
def test_more_retries_when_configured(mode: str) -> None:
    client, script = scripted([json_reply(502)] * 5 + [json_reply(200)], retries=5)
    assert call(client, mode).status_code == 200
    assert len(script.requests) == 6
    assert len(script.waits) == 5
    assert script.waits[4] <= 8.0  # max_delay caps the growth


@pytest.mark.parametrize("mode", MODES)
def test_connection_errors_are_retried(mode: str) -> None:
    answers: list[Any] = [httpx.ConnectError("refused"), httpx.RemoteProtocolError("closed"), json_reply(200)]
    client, script = scripted(answers)
    assert call(client, mode).status_code == 200
    assert (len(script.requests), len(script.waits)) == (3, 2)


@pytest.mark.parametrize("mode", MODES)
def test_connection_errors_past_the_limit_raise_api_connection_error(mode: str) -> None:
    client, script = scripted([httpx.ConnectError("[Errno 111] Connection refused")])
    with pytest.raises(APIConnectionError) as raised:
        call(client, mode)
    assert not isinstance(raised.value, APITimeoutError)
    assert len(script.requests) == 3
    assert "ConnectError" in str(raised.value)
    assert "/agents/a/convos/c" in str(raised.value)
    assert raised.value.__suppress_context__  # the httpx error does not leak through the traceback


@pytest.mark.parametrize("mode", MODES)
def test_connect_timeouts_are_retried_read_timeouts_are_not(mode: str) -> None:
    client, script = scripted([httpx.ConnectTimeout("slow"), json_reply(200)])
    assert call(client, mode).status_code == 200
    client, script = scripted([httpx.ReadTimeout("stalled"), json_reply(200)])
    with pytest.raises(APITimeoutError):
        call(client, mode)
    assert len(script.requests) == 1
    client, script = scripted(
        [httpx.ReadTimeout("stalled"), json_reply(200)], retries=RetryPolicy(retry_read_timeouts=True)
    )
    assert call(client, mode).status_code == 200


def test_backoff_grows_exponentially_and_is_capped() -> None:
    policy = RetryPolicy(initial_delay=1.0, max_delay=5.0)
    for retry, ceiling in [(0, 1.0), (1, 2.0), (2, 4.0), (3, 5.0), (10, 5.0), (1000, 5.0)]:
        samples = [policy.backoff(retry) for _ in range(200)]
        assert all(0.75 * ceiling <= sample <= ceiling for sample in samples)
        assert len(set(samples)) > 1  # jittered


@pytest.mark.parametrize(
    "options",
    [{"max_retries": -1}, {"max_retries": True}, {"max_retries": 1.5}, {"initial_delay": -1}, {"total_timeout": -3}],
)
def test_invalid_policies_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=">= 0"):
        RetryPolicy(**options)


def test_an_int_sets_max_retries() -> None:
    assert AuthenticatedClient(base_url="http://x", token="t0ken", retries=4).retries == RetryPolicy(max_retries=4)


# Real sockets on 127.0.0.1: what the mock transport cannot show. Waits are recorded, not slept.


@pytest.mark.parametrize("mode", MODES)
def test_loopback_503_then_200(mode: str) -> None:
    with serve_script([Reply(503, b'{"success": false, "message": "busy"}'), Reply(200)]) as server:
        client = AuthenticatedClient(
            base_url=server.base_url, token="loopback-token", retries=RetryPolicy(initial_delay=0.05)
        )
        assert call(client, mode).status_code == 200
    assert len(server.raw_requests) == 2


@pytest.mark.parametrize("mode", MODES)
def test_loopback_429_with_retry_after_waits_that_long(mode: str) -> None:
    limited = Reply(429, b'{"success": false, "message": "slow"}', (("Retry-After", "7"),))
    waits = Script([])
    with serve_script([limited, Reply(200)]) as server:
        client = AuthenticatedClient(
            base_url=server.base_url, token="loopback-token", sleep=waits.sleep, async_sleep=waits.async_sleep
        )
        assert call(client, mode).status_code == 200
    assert len(server.raw_requests) == 2
    assert waits.waits == [7.0]  # the server's Retry-After, read off the wire


@pytest.mark.parametrize("mode", MODES)
def test_loopback_server_that_never_answers_times_out(mode: str) -> None:
    with serve_script([Hang(10)]) as server:
        client = AuthenticatedClient(base_url=server.base_url, token="loopback-token", timeout=0.3)
        with pytest.raises(APITimeoutError, match="ReadTimeout"):
            call(client, mode)
    assert len(server.raw_requests) == 1  # one read timeout: a stalled server is not asked again by default


@pytest.mark.parametrize("mode", MODES)
def test_loopback_total_budget_bounds_a_stalled_server_even_with_timeout_retries(mode: str) -> None:
    policy = RetryPolicy(retry_read_timeouts=True, max_retries=50, initial_delay=0.01, total_timeout=1.0)
    with serve_script([Hang(10)]) as server:
        client = AuthenticatedClient(base_url=server.base_url, token="loopback-token", timeout=0.4, retries=policy)
        with pytest.raises(APITimeoutError):
            call(client, mode)
    # 50 retries allowed, 0.4 s each: only the 1 s total deadline can have stopped it this early.
    assert 2 <= len(server.raw_requests) <= 4


@pytest.mark.parametrize("mode", MODES)
def test_loopback_refused_connection(mode: str) -> None:
    port = free_port()  # nothing listens there
    policy = RetryPolicy(initial_delay=0.01)
    client = AuthenticatedClient(base_url=f"http://127.0.0.1:{port}/v3", token="loopback-token", retries=policy)
    with pytest.raises(APIConnectionError, match="ConnectError"):
        call(client, mode)
