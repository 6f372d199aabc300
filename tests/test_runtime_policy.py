"""The one HTTP policy (`vgcontract.runtime`), tested as source: the client and the live checks share it.

- `Retry-After` is read one way: delta-seconds or an HTTP date, anything else ignored;
- a wait longer than `max_retry_after` is not waited for; without a header, jittered backoff;
- only idempotent methods are retried, and connections never made are retried for any method;
- the body reader counts decompressed bytes, refuses unknown encodings and drops the encoding headers;
- the live layer and the client take their defaults from the same `RetryPolicy()`.
"""

from __future__ import annotations

import gzip
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import attrs
import httpx
import pytest

from vgcontract.live import Bounds, LiveOptions
from vgcontract.runtime import (
    ACCEPT_ENCODING,
    IDEMPOTENT_METHODS,
    SAFE_METHODS,
    BodyDecodeError,
    BodyTooLargeError,
    Inflater,
    RetryPolicy,
    parse_retry_after,
    read_body,
)
from voiceglow_client import RetryPolicy as ClientRetryPolicy

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("7", 7.0),
        (" 2.5 ", 2.5),
        (format_datetime(NOW + timedelta(seconds=30), usegmt=True), 30.0),
        (format_datetime(NOW - timedelta(seconds=30), usegmt=True), 0.0),
        ("Tue, 24 Nov 2026 12:01:00 GMT", 60.0),
        ("Tue, 24 Nov 2026 12:01:00 -0000", None),  # a date without its zone is not an HTTP date
        ("soon", None),
        ("-5", None),
        ("1e3", None),
        ("nan", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_read_one_way(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW.timestamp()) == seconds


def test_a_wait_longer_than_the_cap_is_not_waited_for() -> None:
    policy = RetryPolicy(max_retry_after=30.0)
    assert policy.wait(0, "30") == 30.0
    assert policy.wait(0, "31") is None
    assert policy.wait(0, "999999") is None


def test_without_a_header_the_wait_is_jittered_exponential_backoff() -> None:
    policy = RetryPolicy(initial_delay=0.5, max_delay=8.0)
    for retry in range(8):
        ceiling = min(0.5 * 2**retry, 8.0)
        waits = {policy.wait(retry, None) for _ in range(50)}
        assert all(w is not None and 0.75 * ceiling <= w <= ceiling for w in waits)
        assert len(waits) > 1  # jittered, so clients that failed together do not retry together


@pytest.mark.parametrize("method", sorted(IDEMPOTENT_METHODS))
def test_idempotent_methods_are_retried(method: str) -> None:
    assert RetryPolicy().retries_status(method.lower(), 503)
    assert RetryPolicy().retries_error(method, connected=True, read_timeout=False)


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_a_write_is_retried_only_when_the_caller_adds_it(method: str) -> None:
    assert not RetryPolicy().retries_status(method, 503)
    assert not RetryPolicy().retries_error(method, connected=True, read_timeout=False)
    assert RetryPolicy().retries_error(method, connected=False, read_timeout=False)  # never reached the server
    opted_in = RetryPolicy(methods=IDEMPOTENT_METHODS | {method})
    assert opted_in.retries_status(method, 503)


def test_only_the_not_now_statuses_are_retried() -> None:
    policy = RetryPolicy()
    assert [status for status in range(100, 600) if policy.retries_status("GET", status)] == [429, 502, 503, 504]


def test_read_timeouts_are_retried_only_when_asked() -> None:
    assert not RetryPolicy().retries_error("GET", connected=True, read_timeout=True)
    assert RetryPolicy(retry_read_timeouts=True).retries_error("GET", connected=True, read_timeout=True)


def test_the_safe_methods_are_rfc_9110s() -> None:
    assert {"GET", "HEAD", "OPTIONS", "TRACE"} == SAFE_METHODS
    assert {"PUT", "DELETE"} == IDEMPOTENT_METHODS - SAFE_METHODS


def test_the_live_layer_and_the_client_share_the_defaults() -> None:
    assert attrs.asdict(ClientRetryPolicy()) == attrs.asdict(RetryPolicy())
    assert Bounds().retry == RetryPolicy()
    options = LiveOptions()
    assert (options.retries, options.max_retry_wait) == (RetryPolicy().max_retries, RetryPolicy().max_retry_after)


def _streamed(content: bytes, encoding: str | None) -> httpx.Response:
    headers = {"content-type": "application/json", "content-length": str(len(content))}
    if encoding:
        headers["content-encoding"] = encoding
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(content))


@pytest.mark.parametrize(
    ("encoding", "compress"), [("gzip", gzip.compress), ("deflate", zlib.compress), (None, lambda data: data)]
)
def test_a_body_is_read_decoded_and_loses_its_encoding_headers(encoding: str | None, compress: object) -> None:
    body = b'{"data": "' + b"x" * 5000 + b'"}'
    assert callable(compress)
    answer = read_body(_streamed(compress(body), encoding), cap=10_000)
    assert answer.content == body
    assert "content-encoding" not in answer.headers
    assert answer.headers["content-length"] == str(len(body))  # describes the body as delivered
    assert answer.headers["content-type"] == "application/json"


def test_a_compression_bomb_is_refused_without_being_expanded() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)  # about 50 KB on the wire
    inflater = Inflater("gzip", cap=1_000_000)
    with pytest.raises(BodyTooLargeError, match="larger than 1,000,000 bytes"):
        inflater.feed(bomb)
    assert inflater.size <= 1_000_001  # inflation stopped one byte past the cap


@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, br", "compress"])
def test_an_encoding_not_asked_for_is_refused(encoding: str) -> None:
    assert "br" not in ACCEPT_ENCODING
    with pytest.raises(BodyDecodeError, match="not asked for"):
        read_body(_streamed(b"data", encoding), cap=100)


def test_a_corrupt_gzip_body_is_a_decode_error() -> None:
    with pytest.raises(BodyDecodeError, match="corrupt"):
        read_body(_streamed(b"\x1f\x8b not gzip at all", "gzip"), cap=100)
