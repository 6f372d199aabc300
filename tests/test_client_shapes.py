"""The generated client's body handling: lenient keeps what the server sent, strict names the path."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any, cast

import httpx
import pytest

from tests.client_support import json_reply, scripted
from tests.spec_fields import attribute, fields
from voiceglow_client import ResponseShapeError, models
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.models import Conversation, ConversationEnvelope
from voiceglow_client.types import UNSET, Response, child_path

# The fields exercised, picked by kind from the spec (see tests/spec_fields.py).
F = fields()
NUMBER, INTEGER, STRING = F.of_type("number"), F.of_type("integer"), F.of_type("string")
ENUM, OBJECT, OTHER_OBJECT, STRINGS, EPOCH = F.enum, F.obj, F.other_obj, F.strings, F.epoch
NESTED, NESTED_STRINGS, NESTED_MODEL = F.nested
ID = F.identity


def envelope(**data: Any) -> dict[str, Any]:
    return {"success": True, "message": "ok", "data": {ID: "c", **data}}


def fetch(body: bytes, *, content_type: str = "application/json", **options: Any) -> Response[ConversationEnvelope]:
    client, _ = scripted(
        [httpx.Response(200, content=body, headers={"content-type": content_type})], retries=0, **options
    )
    return get_conversation.sync_detailed("a", "c", client=client)


# (name, the data fields, the path that is wrong, what lenient mode keeps there)
DEPARTURES: list[tuple[str, dict[str, Any], str]] = [
    ("string for number", {NUMBER: "abc"}, f"$.data.{NUMBER}"),
    ("string for integer", {INTEGER: "five"}, f"$.data.{INTEGER}"),
    ("boolean for integer", {INTEGER: True}, f"$.data.{INTEGER}"),
    ("float for integer", {EPOCH: 1.5}, f"$.data.{EPOCH}"),
    ("number for string", {STRING: 42}, f"$.data.{STRING}"),
    ("unknown enum value", {ENUM: F.new_enum_value()}, f"$.data.{ENUM}"),
    ("null for object", {OBJECT: None}, f"$.data.{OBJECT}"),
    ("string for object", {OBJECT: "none"}, f"$.data.{OBJECT}"),
    ("array for object", {OTHER_OBJECT: [1, 2]}, f"$.data.{OTHER_OBJECT}"),
    ("object for array", {STRINGS: {"a": 1}}, f"$.data.{STRINGS}"),
    ("wrong item type", {STRINGS: ["ok", 7]}, f"$.data.{STRINGS}[1]"),
    (
        "nested wrong type",
        {NESTED: [{NESTED_STRINGS: ["t"]}, {NESTED_STRINGS: [None]}]},
        f"$.data.{NESTED}[1].{NESTED_STRINGS}[0]",
    ),
    ("huge integer for string", {STRING: 10**40}, f"$.data.{STRING}"),
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
    body = json.dumps(envelope(**{NUMBER: "abc", ENUM: F.new_enum_value(), OBJECT: None})).encode()
    with pytest.raises(ResponseShapeError) as raised:
        fetch(body, strict=True)
    expected = [f"$.data.{name}" for name in F.order(NUMBER, ENUM, OBJECT)]
    assert [problem.path for problem in raised.value.problems] == expected
    assert "(and 2 more)" in str(raised.value)


def test_values_that_fit_are_converted_the_json_schema_way() -> None:
    parsed = fetch(json.dumps(envelope(**{INTEGER: 5.0, NUMBER: 3})).encode(), strict=True).parsed
    integer: Any = getattr(parsed.data, attribute(INTEGER))
    assert integer == 5
    assert type(integer) is int
    assert getattr(parsed.data, attribute(NUMBER)) == 3


def test_missing_required_fields() -> None:
    body = {"success": True, "message": "ok", "data": {STRING: "x"}}
    response = fetch(json.dumps(body).encode())
    data: Any = response.parsed.data  # lenient values do not match the declared types
    assert getattr(data, attribute(ID)) is UNSET
    assert [(p.path, p.actual) for p in response.shape_problems] == [(f"$.data.{ID}", "missing")]
    with pytest.raises(ResponseShapeError, match=re.escape(f"$.data.{ID}")):
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
            b'{"success": true, "message": "ok", "data": {"' + NUMBER.encode() + b'": NaN}}',
            "application/json",
            "NaN is not JSON",
        ),
        (
            b'{"success": true, "message": "ok", "data": {"' + NUMBER.encode() + b'": ' + b"9" * 5000 + b"}}",
            "application/json",
            "not JSON",
        ),
        (
            b'{"success": true, "message": "ok", "data": {"'
            + STRING.encode()
            + b'": '
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
        fetch(json.dumps(envelope(**{STRING: "x" * 5000})).encode(), max_response_bytes=1000)
    assert fetch(json.dumps(envelope()).encode(), max_response_bytes=1000).status_code == 200


def test_a_broken_content_encoding_is_a_shape_error() -> None:
    client, _ = scripted([json_reply(200, b"not gzip at all", headers={"content-encoding": "gzip"})], retries=0)
    with pytest.raises(ResponseShapeError, match="could not be decoded"):
        get_conversation.sync("a", "c", client=client)
    good = gzip.compress(json.dumps(envelope()).encode())
    client, _ = scripted([json_reply(200, good, headers={"content-encoding": "gzip"})], retries=0)
    assert getattr(get_conversation.sync("a", "c", client=client).data, attribute(ID)) == "c"


def test_from_dict_is_lenient_by_default_and_strict_on_request() -> None:
    data = {ID: "c", OBJECT: None, NESTED: [{NESTED_STRINGS: "t1"}]}
    convo: Any = Conversation.from_dict(data)  # lenient values do not match the declared types
    assert getattr(convo, attribute(OBJECT)) is None
    assert convo.to_dict() == data
    with pytest.raises(ResponseShapeError) as raised:
        Conversation.from_dict(data, strict=True)
    paths = {OBJECT: f"$.{OBJECT}", NESTED: f"$.{NESTED}[0].{NESTED_STRINGS}"}
    assert [p.path for p in raised.value.problems] == [paths[name] for name in F.order(OBJECT, NESTED)]
    with pytest.raises(ResponseShapeError, match="expected object, got array"):
        getattr(models, NESTED_MODEL).from_dict(cast(Any, []))


def test_undocumented_fields_are_kept_and_are_not_problems() -> None:
    new = F.undocumented()
    body = envelope(**{new: {"x": [1]}, OBJECT: {"futureField": True}})
    response = fetch(json.dumps(body).encode(), strict=True)
    assert response.shape_problems == ()
    assert response.parsed.data.additional_properties == {new: {"x": [1]}}
    assert response.parsed.to_dict() == body


def test_child_paths_quote_keys_that_are_not_identifiers() -> None:
    assert child_path("$", "data") == "$.data"
    assert child_path("$.data", "odd key") == '$.data["odd key"]'
    assert child_path("$", '"quoted"') == '$["\\"quoted\\""]'
