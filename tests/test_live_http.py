"""The bounded HTTP layer, piece by piece: deadline, body cap, safe retries, budget, paths, secrets."""

from __future__ import annotations

import asyncio
import gzip
import tracemalloc
from collections.abc import Callable

import httpx
import pytest

from tests.hostile import gzip_bomb
from vgcontract import REDACTED, UsageError, register_secret, scrub_secrets
from vgcontract.live import (
    AsyncLiveClient,
    BodyTooLarge,
    Bounds,
    Budget,
    BudgetExhausted,
    ConnectionFailed,
    DeadlineExceeded,
    UndecodableBody,
    encode_segment,
    expand_path,
    misconfiguration,
    unchecked_kind,
)
from vgcontract.runtime import RetryPolicy

# (status, headers, raw body): what the server sends, before any decoding.
Answer = tuple[int, dict[str, str], bytes]
Handler = Callable[[httpx.Request], Answer]


class _Recording(AsyncLiveClient):
    """The client, with the waits before retries recorded instead of slept."""

    waits: list[float]


def _client(
    handler: Handler, *, budget: float = 30.0, retries: int = 2, max_body_bytes: int = 1 << 22
) -> tuple[_Recording, list[str]]:
    seen: list[str] = []
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        status, headers, body = handler(request)
        # As a socket would: a raw stream still to read, not content already read and decoded.
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))

    policy = RetryPolicy(max_retries=retries, max_retry_after=5.0, initial_delay=0.01)
    client = _Recording(
        "http://api.test/v3",
        httpx.MockTransport(record),
        bounds=Bounds(timeout=2.0, max_body_bytes=max_body_bytes, retry=policy),
        budget=Budget(budget),
        sleep=sleep,
    )
    client.waits = waits
    return client, seen


def _send(client: AsyncLiveClient, method: str = "GET") -> httpx.Response:
    async def go() -> httpx.Response:
        async with client:
            return await client.send(method, "/agents/a/convos/c")

    return asyncio.run(go())


def test_the_bomb_is_a_well_formed_gzip_stream_of_zeros() -> None:
    assert gzip.decompress(gzip_bomb(4 << 20)) == bytes(4 << 20)  # the CRC and length check out


def test_a_gzip_bomb_is_refused_with_memory_flat_at_the_cap() -> None:
    bomb = gzip_bomb(256 << 20)  # 256 MiB of zeros in about 256 KB
    client, _ = _client(
        lambda _r: (200, {"content-encoding": "gzip"}, bomb),
        max_body_bytes=1 << 20,
    )
    tracemalloc.start()
    try:
        with pytest.raises(BodyTooLarge, match="larger than 1,048,576 bytes"):
            _send(client)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, f"peak {peak / 2**20:.1f} MiB while refusing a 256 MiB bomb"


def test_gzip_is_decoded_and_its_headers_dropped() -> None:
    client, _ = _client(lambda _r: (200, {"content-encoding": "gzip"}, gzip.compress(b"{}")))
    response = _send(client)
    assert response.content == b"{}"
    assert "content-encoding" not in response.headers


def test_an_encoding_nobody_asked_for_is_refused() -> None:
    client, _ = _client(lambda _r: (200, {"content-encoding": "br"}, b"\x1b"))
    with pytest.raises(UndecodableBody, match="'br' was not asked for"):
        _send(client)


def test_only_safe_methods_are_retried() -> None:
    answers = iter([503, 200, 503, 200])

    def flaky(_request: httpx.Request) -> Answer:
        return next(answers), {"retry-after": "0"}, b""

    client, seen = _client(flaky)
    assert _send(client, "GET").status_code == 200
    assert seen == ["GET", "GET"]
    client, seen = _client(flaky)
    assert _send(client, "PATCH").status_code == 503  # a write is never sent twice unless asked
    assert seen == ["PATCH"]


def test_a_retry_after_beyond_the_cap_is_not_waited_for() -> None:
    client, seen = _client(lambda _r: (429, {"retry-after": "999999"}, b""))
    assert _send(client).status_code == 429
    assert seen == ["GET"]
    assert client.waits == []  # not waited for at all, not even up to the cap


def test_a_short_retry_after_is_honoured_and_bounded() -> None:
    client, seen = _client(lambda _r: (429, {"retry-after": "1"}, b""), retries=1)
    assert _send(client).status_code == 429  # still limited after the retries: the caller decides
    assert seen == ["GET", "GET"]
    assert client.waits == [1.0]  # the server's wait, once, before the one retry


def test_a_spent_budget_sends_nothing() -> None:
    client, seen = _client(lambda _r: (200, {}, b""), budget=-1)
    with pytest.raises(BudgetExhausted):
        _send(client)
    assert seen == []


def test_the_deadline_covers_the_whole_answer() -> None:
    async def slow(_request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()  # never answers: only the deadline ends the request
        return httpx.Response(200)

    client = AsyncLiveClient(
        "http://api.test/v3", httpx.MockTransport(slow), bounds=Bounds(timeout=0.3), budget=Budget(30)
    )
    with pytest.raises(DeadlineExceeded):  # without the deadline: no answer, ever
        _send(client)


def _failing_then(error: type[httpx.TransportError], failures: int) -> tuple[_Recording, list[str]]:
    left = [failures]

    def answer(request: httpx.Request) -> Answer:
        if left[0]:
            left[0] -= 1
            raise error("no connection", request=request)
        return 200, {}, b"{}"

    return _client(answer)


@pytest.mark.parametrize("method", ["GET", "PATCH"])
def test_a_connection_never_made_is_retried_for_any_method(method: str) -> None:
    client, seen = _failing_then(httpx.ConnectError, 2)
    assert _send(client, method).status_code == 200
    assert seen == [method] * 3
    assert len(client.waits) == 2  # the policy's backoff before each retry


def test_a_connection_never_made_past_the_retries_is_a_connection_failure() -> None:
    client, seen = _failing_then(httpx.ConnectError, 5)
    with pytest.raises(ConnectionFailed):
        _send(client)
    assert seen == ["GET"] * 3  # the first try and the policy's 2 retries


def test_a_connection_cut_after_sending_is_retried_for_a_read_never_a_write() -> None:
    client, seen = _failing_then(httpx.ReadError, 1)
    assert _send(client, "GET").status_code == 200
    assert seen == ["GET", "GET"]
    client, seen = _failing_then(httpx.ReadError, 1)
    with pytest.raises(ConnectionFailed):
        _send(client, "PATCH")
    assert seen == ["PATCH"]


def _send_with(client: AsyncLiveClient, method: str, retry: bool | None) -> httpx.Response:
    async def go() -> httpx.Response:
        async with client:
            return await client.send(method, "/agents/a/convos/c", retry=retry)

    return asyncio.run(go())


def test_retry_false_never_retries_and_retry_true_retries_a_write_too() -> None:
    client, seen = _failing_then(httpx.ConnectError, 1)
    with pytest.raises(ConnectionFailed):
        _send_with(client, "GET", retry=False)  # what the policy would retry, refused by the caller
    assert seen == ["GET"]
    client, seen = _client(lambda _r: (503, {}, b""))
    assert _send_with(client, "GET", retry=False).status_code == 503
    assert seen == ["GET"]
    client, seen = _failing_then(httpx.ReadError, 1)
    assert _send_with(client, "PATCH", retry=True).status_code == 200  # a cut write, retried on request
    assert seen == ["PATCH", "PATCH"]


@pytest.mark.parametrize(
    "value", ["..", ".", "a/b", "../../../admin?x=1#f", "line\r\nbreak", "nul\0x", "%2e%2e", " spaced ", "ü/é"]
)
def test_an_id_is_exactly_one_path_segment(value: str) -> None:
    segment = encode_segment(value)
    assert not set(segment) & set("/?#\r\n\0 ")
    assert segment not in {".", ".."}
    path = expand_path("/owners/{owner}/items/{item}", {"owner": "a", "item": value})  # any template will do
    url = httpx.URL("https://api.test/v3" + path)
    assert url.raw_path.count(b"/") == 5  # /v3/owners/a/items/<one segment>
    assert url.query == b""
    assert url.fragment == ""


@pytest.mark.parametrize("value", ["", "   "])
def test_a_blank_id_is_refused(value: str) -> None:
    with pytest.raises(UsageError, match="non-empty"):
        encode_segment(value)


def test_a_registered_secret_is_scrubbed_in_every_form() -> None:
    secret = 'sk-live/"quoted"+plus'
    register_secret(secret)
    for form in (secret, 'sk-live/\\"quoted\\"+plus', "sk-live%2F%22quoted%22%2Bplus"):
        assert scrub_secrets(f"echo: {form}!") == f"echo: {REDACTED}!"


@pytest.mark.parametrize(
    ("status", "kind"), [(429, "rate-limited"), (502, "unavailable"), (503, "unavailable"), (504, "unavailable"),
                         (500, None), (200, None), (404, None)],
)  # fmt: skip
def test_only_rate_limits_and_outages_say_nothing_about_the_contract(status: int, kind: str | None) -> None:
    assert unchecked_kind(status) == kind


@pytest.mark.parametrize(
    ("cause", "says"),
    [
        (
            httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
            "TLS error talking to api.x",
        ),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "cannot resolve host 'api.x'"),
        (
            httpx.ConnectError("[Errno 111] Connection refused"),
            "cannot connect to api.x: [Errno 111] Connection refused",
        ),
        (httpx.ConnectTimeout("timed out"), "the API: cannot connect within 5 s (VOICEGLOW_TIMEOUT)"),
        (httpx.ReadTimeout("timed out"), None),  # connected, then slow: an answer not checked, not a misconfiguration
    ],
)
def test_a_target_that_cannot_be_reached_is_named_as_a_misconfiguration(
    cause: httpx.HTTPError, says: str | None
) -> None:
    found = misconfiguration(ConnectionFailed("failed", cause), "api.x", "the API", 5.0)
    if says is None:
        assert found is None
    else:
        assert found is not None
        assert found.startswith(says), found
