"""The generated client's body handling: lenient keeps what the server sent, strict names the path."""

from __future__ import annotations

import gzip
import json
from typing import Any, cast

import httpx
import pytest

from tests.client_support import json_reply, scripted
from voiceglow_client import ResponseShapeError
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.models import Conversation, ConversationEnvelope, HandoffEntry
from voiceglow_client.types import UNSET, Response, child_path


def envelope(**data: Any) -> dict[str, Any]:
    return {"success": True, "message": "ok", "data": {"ID": "c", **data}}


def fetch(body: bytes, *, content_type: str = "application/json", **options: Any) -> Response[ConversationEnvelope]:
    client, _ = scripted(
        [httpx.Response(200, content=body, headers={"content-type": content_type})], retries=0, **options
    )
    return get_conversation.sync_detailed("a", "c", client=client)


# (name, the data fields, the path that is wrong, what lenient mode keeps there)
DEPARTURES: list[tuple[str, dict[str, Any], str]] = [
    ("string for number", {"value": "abc"}, "$.data.value"),
    ("string for integer", {"messagesNum": "five"}, "$.data.messagesNum"),
    ("boolean for integer", {"messagesNum": True}, "$.data.messagesNum"),
    ("float for integer", {"ts": 1.5}, "$.data.ts"),
    ("number for string", {"userName": 42}, "$.data.userName"),
    ("unknown enum value", {"state": "archived"}, "$.data.state"),
    ("null for object", {"vapi": None}, "$.data.vapi"),
    ("string for object", {"vapi": "none"}, "$.data.vapi"),
    ("array for object", {"tokenUsage": [1, 2]}, "$.data.tokenUsage"),
    ("object for array", {"tags": {"a": 1}}, "$.data.tags"),
    ("wrong item type", {"tags": ["ok", 7]}, "$.data.tags[1]"),
    (
        "nested wrong type",
        {"handoffHistory": [{"teamIds": ["t"]}, {"teamIds": [None]}]},
        "$.data.handoffHistory[1].teamIds[0]",
    ),
    ("huge integer for string", {"userName": 10**40}, "$.data.userName"),
]


@pytest.mark.parametrize(("name", "fields", "path"), DEPARTURES, ids=[d[0] for d in DEPARTURES])
def test_lenient_keeps_the_data_and_lists_the_problem(name: str, fields: dict[str, Any], path: str) -> None:
    body = envelope(**fields)
    response = fetch(json.dumps(body).encode())
    assert isinstance(response.parsed, ConversationEnvelope)
    assert [problem.path for problem in response.shape_problems] == [path]
    # Nothing is lost or altered: the model writes back exactly what came in.
    assert response.parsed.to_dict() == body


@pytest.mark.parametrize(("name", "fields", "path"), DEPARTURES, ids=[d[0] for d in DEPARTURES])
def test_strict_raises_response_shape_error_at_the_path(name: str, fields: dict[str, Any], path: str) -> None:
    body = json.dumps(envelope(**fields)).encode()
    with pytest.raises(ResponseShapeError) as raised:
        fetch(body, strict=True)
    assert raised.value.path == path
    assert raised.value.status_code == 200
    assert raised.value.body_excerpt == body.decode()[:200]
    assert path in str(raised.value)


def test_strict_reports_every_problem_and_the_first_names_the_path() -> None:
    body = json.dumps(envelope(value="abc", state="archived", vapi=None)).encode()
    with pytest.raises(ResponseShapeError) as raised:
        fetch(body, strict=True)
    assert [problem.path for problem in raised.value.problems] == ["$.data.value", "$.data.state", "$.data.vapi"]
    assert "(and 2 more)" in str(raised.value)


def test_values_that_fit_are_converted_the_json_schema_way() -> None:
    parsed = fetch(json.dumps(envelope(messagesNum=5.0, value=3)).encode(), strict=True).parsed
    assert parsed.data.messages_num == 5
    assert type(parsed.data.messages_num) is int
    assert parsed.data.value == 3


def test_missing_required_fields() -> None:
    body = {"success": True, "message": "ok", "data": {"userName": "x"}}
    response = fetch(json.dumps(body).encode())
    data: Any = response.parsed.data  # lenient values do not match the declared types
    assert data.id is UNSET
    assert [(p.path, p.actual) for p in response.shape_problems] == [("$.data.ID", "missing")]
    with pytest.raises(ResponseShapeError, match=r"\$\.data\.ID"):
        fetch(json.dumps(body).encode(), strict=True)
    no_data = fetch(b'{"success": true, "message": "ok"}')
    assert no_data.parsed.data is UNSET
    assert no_data.shape_problems[0].path == "$.data"


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"<html><body>Maintenance</body></html>", "text/html", "HTML"),
        (b"", "application/json", "not JSON"),
        (b'{"success": true, "message": "ok", "data": {"ID"', "application/json", "not JSON"),
        (b"\xff\xfe\x00garbage\x80", "application/json", "not JSON"),
        (
            b'{"success": true, "message": "ok", "data": {"ID": "c", "value": NaN}}',
            "application/json",
            "NaN is not JSON",
        ),
        (
            b'{"success": true, "message": "ok", "data": {"ID": "c", "value": ' + b"9" * 5000 + b"}}",
            "application/json",
            "not JSON",
        ),
        (
            b'{"success": true, "message": "ok", "data": {"ID": "c", "origin": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b"}}",
            "application/json",
            "nested too deeply",
        ),
    ],
    ids=["html", "empty", "truncated", "binary", "nan", "5000-digit-int", "deep-nesting"],
)
def test_bodies_that_are_not_json_raise_in_both_modes(
    body: bytes, content_type: str, reason: str, strict: bool
) -> None:
    with pytest.raises(ResponseShapeError, match=reason) as raised:
        fetch(body, content_type=content_type, strict=strict)
    assert raised.value.path == "$"
    assert len(raised.value.body_excerpt) <= 200


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"null", b"42", b"true"])
def test_json_that_is_not_an_object_raises_in_both_modes(body: bytes) -> None:
    for strict in (False, True):
        with pytest.raises(ResponseShapeError, match="expected object") as raised:
            fetch(body, strict=strict)
        assert raised.value.path == "$"


def test_content_type_is_checked_only_in_strict_mode() -> None:
    body = json.dumps(envelope()).encode()
    assert isinstance(fetch(body, content_type="text/plain").parsed, ConversationEnvelope)
    assert isinstance(fetch(body, content_type="application/problem+json", strict=True).parsed, ConversationEnvelope)
    with pytest.raises(ResponseShapeError, match="content type is 'text/plain'"):
        fetch(body, content_type="text/plain", strict=True)


def test_a_body_over_the_size_cap_is_refused_unread() -> None:
    with pytest.raises(ResponseShapeError, match="larger than max_response_bytes"):
        fetch(json.dumps(envelope(notes="x" * 5000)).encode(), max_response_bytes=1000)
    assert fetch(json.dumps(envelope()).encode(), max_response_bytes=1000).status_code == 200


def test_a_broken_content_encoding_is_a_shape_error() -> None:
    client, _ = scripted([json_reply(200, b"not gzip at all", headers={"content-encoding": "gzip"})], retries=0)
    with pytest.raises(ResponseShapeError, match="could not be decoded"):
        get_conversation.sync("a", "c", client=client)
    good = gzip.compress(json.dumps(envelope()).encode())
    client, _ = scripted([json_reply(200, good, headers={"content-encoding": "gzip"})], retries=0)
    assert get_conversation.sync("a", "c", client=client).data.id == "c"


def test_from_dict_is_lenient_by_default_and_strict_on_request() -> None:
    data = {"ID": "c", "vapi": None, "handoffHistory": [{"teamIds": "t1"}]}
    convo: Any = Conversation.from_dict(data)  # lenient values do not match the declared types
    assert convo.vapi is None
    assert convo.to_dict() == data
    with pytest.raises(ResponseShapeError) as raised:
        Conversation.from_dict(data, strict=True)
    assert [p.path for p in raised.value.problems] == ["$.handoffHistory[0].teamIds", "$.vapi"]
    with pytest.raises(ResponseShapeError, match="expected object, got array"):
        HandoffEntry.from_dict(cast(Any, []))


def test_undocumented_fields_are_kept_and_are_not_problems() -> None:
    body = envelope(brandNew={"x": [1]}, vapi={"cost": 0.5, "futureField": True})
    response = fetch(json.dumps(body).encode(), strict=True)
    assert response.shape_problems == ()
    assert response.parsed.data.additional_properties == {"brandNew": {"x": [1]}}
    assert response.parsed.to_dict() == body


def test_child_paths_quote_keys_that_are_not_identifiers() -> None:
    assert child_path("$", "data") == "$.data"
    assert child_path("$.data", "odd key") == '$.data["odd key"]'
    assert child_path("$", '"quoted"') == '$["\\"quoted\\""]'
