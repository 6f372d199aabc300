"""The generated client's error hierarchy: every status 100-599 maps to one typed outcome."""

from __future__ import annotations

import pickle
from http import HTTPStatus

import pytest

import voiceglow_client
from tests.client_support import OK_BODY, TOKEN, json_reply, scripted
from voiceglow_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseShapeError,
    ServerError,
    ShapeProblem,
    VoiceglowError,
)
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.errors import EXCERPT_LIMIT, excerpt, parse_retry_after, status_error

ERROR_BODY = b'{"success": false, "message": "nope"}'


def expected_class(status: int) -> type[APIStatusError]:
    by_status: dict[int, type[APIStatusError]] = {
        401: AuthenticationError,
        403: PermissionDeniedError,
        404: NotFoundError,
        429: RateLimitError,
    }
    return ServerError if 500 <= status <= 599 else by_status.get(status, APIStatusError)


def test_the_hierarchy_is_the_documented_one() -> None:
    for error_class in (AuthenticationError, PermissionDeniedError, NotFoundError, RateLimitError, ServerError):
        assert issubclass(error_class, APIStatusError)
    assert issubclass(APITimeoutError, APIConnectionError)
    for root_child in (APIStatusError, APIConnectionError, ResponseShapeError):
        assert issubclass(root_child, VoiceglowError)
    assert issubclass(VoiceglowError, Exception)
    assert not issubclass(VoiceglowError, (ValueError, OSError))
    doc = voiceglow_client.errors.__doc__ or ""
    for name in voiceglow_client.errors.__all__:
        if name.endswith("Error"):
            assert name in doc, f"{name} is missing from the hierarchy drawn in the errors docstring"


def test_every_status_from_100_to_599_gives_a_model_or_its_typed_error() -> None:
    """Including the non-IANA ones (499, 520...) that break HTTPStatus() in the stock client."""
    outcomes: dict[str, int] = {}
    for status in range(100, 600):
        client, script = scripted([json_reply(status, OK_BODY if status == 200 else ERROR_BODY)], retries=0)
        if status == 200:
            assert get_conversation.sync_detailed("a", "c", client=client).status_code is HTTPStatus.OK
            outcomes["parsed"] = 1
            continue
        with pytest.raises(APIStatusError) as raised:
            get_conversation.sync_detailed("a", "c", client=client)
        assert type(raised.value) is expected_class(status), status
        assert (raised.value.status_code, raised.value.message) == (status, "nope")
        assert len(script.requests) == 1
        name = type(raised.value).__name__
        outcomes[name] = outcomes.get(name, 0) + 1
    assert outcomes == {
        "parsed": 1,
        "APIStatusError": 500 - 1 - 4 - 100,
        "AuthenticationError": 1,
        "PermissionDeniedError": 1,
        "NotFoundError": 1,
        "RateLimitError": 1,
        "ServerError": 100,
    }


@pytest.mark.parametrize("status", [499, 520, 530, 599, 600, 999])
def test_unregistered_statuses_have_a_readable_message(status: int) -> None:
    error = status_error(status, content=b"", headers={})
    assert str(error).startswith(f"{status} (unregistered status)")


def test_status_error_details() -> None:
    body = b'{"success": false, "message": "Conversation not found"}'
    error = status_error(
        404,
        content=body,
        headers={"X-Request-Id": "req-42", "Content-Type": "application/json"},
        message="Conversation not found",
    )
    assert isinstance(error, NotFoundError)
    assert (error.request_id, error.message, error.body_excerpt) == ("req-42", "Conversation not found", body.decode())
    assert str(error) == "404 Not Found: Conversation not found (request id req-42)"
    assert error.headers["content-type"] == "application/json"


def test_the_body_excerpt_is_at_most_200_characters() -> None:
    error = status_error(500, content=("é" * 5000).encode(), headers={})
    assert len(error.body_excerpt) == EXCERPT_LIMIT
    assert excerpt(b"\xff\xfe binary \x00").startswith("\ufffd")  # undecodable bytes never raise


def test_rate_limit_error_carries_retry_after() -> None:
    assert status_error(429, content=b"", headers={"Retry-After": "7"}).retry_after == 7.0  # type: ignore[attr-defined]
    assert status_error(429, content=b"", headers={}).retry_after is None  # type: ignore[attr-defined]
    assert status_error(429, content=b"", headers={"Retry-After": "soon"}).retry_after is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("12", 12.0),
        (" 1.5 ", 1.5),
        ("-4", None),  # delta-seconds are digits: an invalid value, so the backoff applies
        ("nan", None),
        ("inf", None),
        ("", None),
        ("tomorrow", None),
    ],
)
def test_parse_retry_after_seconds(value: str, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_parse_retry_after_http_dates() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("Tue, 14 Nov 2023 22:13:40 GMT", now=now) == 20.0
    assert parse_retry_after("Tue, 14 Nov 2023 22:12:00 GMT", now=now) == 0.0  # in the past
    assert parse_retry_after("Tue, 14 Nov 2023 22:13:40", now=now) is None  # no zone: not an HTTP date


@pytest.mark.parametrize(
    "error",
    [
        NotFoundError(404, body_excerpt="x", request_id="r", message="m", headers={"a": "b"}),
        RateLimitError(429, headers={"retry-after": "3"}),
        APITimeoutError("GET /x: ReadTimeout", method="GET", url="/x"),
        ResponseShapeError(
            "bad",
            path="$.data",
            body_excerpt="{}",
            status_code=200,
            problems=[ShapeProblem("$.data", "object", "null")],
        ),
    ],
    ids=lambda error: type(error).__name__,
)
def test_errors_survive_pickling(error: VoiceglowError) -> None:
    # Worker pools and task queues pickle exceptions; keyword-only arguments must not break that.
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 -- our own object, just pickled
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


def test_api_status_error_never_shows_the_token_it_was_given_back() -> None:
    body = f'{{"success": false, "message": "token Bearer {TOKEN} is revoked"}}'.encode()
    error = status_error(
        401, content=body, headers={}, message=f"token Bearer {TOKEN} is revoked", secrets=(f"Bearer {TOKEN}", TOKEN)
    )
    assert TOKEN not in str(error) + repr(error) + error.body_excerpt + (error.message or "")
    assert "[redacted]" in str(error)
