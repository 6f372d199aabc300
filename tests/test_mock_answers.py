"""The mock answers what an operation documents, whatever the spec documents.

Each case is a small spec written here and the mock's answer to it: the documented media
type (text, XML, a vendor JSON type), no body where none is documented, the `default`
response for an operation with no 2xx, and for a `oneOf` whose branches overlap, a value
exactly one branch accepts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from tests.yaml_text import dump_yaml
from vgcontract.mock import DEFAULT_TOKEN, build_app
from vgcontract.spec import load_spec

_AUTH = {b"authorization": f"Bearer {DEFAULT_TOKEN}".encode()}


def _spec(tmp_path: Path, responses: dict[str, Any], schemas: dict[str, Any] | None = None) -> Path:
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "answers", "version": "1"},
        "paths": {"/thing": {"get": {"operationId": "getThing", "responses": responses}}},
        "components": {"schemas": schemas or {}},
    }
    path = tmp_path / "answers.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return path


def _get(spec: Path, path: str = "/thing") -> tuple[int, bytes, str | None]:
    app = build_app(load_spec(spec))
    reply = app.respond("GET", path.encode(), dict(_AUTH))
    return reply.status, reply.body, reply.content_type.decode() or None


@pytest.mark.parametrize(
    ("media", "example", "expected"),
    [("text/plain", "hello", b"hello"), ("application/xml", None, b"<mock/>"), ("text/csv", "a,b\n1,2", b"a,b\n1,2")],
)
def test_a_body_that_is_not_json_is_sent_in_its_media_type(
    media: str, example: str | None, expected: bytes, tmp_path: Path
) -> None:
    content: dict[str, Any] = {"schema": {"type": "string"}}
    if example is not None:
        content["example"] = example
    status, body, content_type = _get(_spec(tmp_path, {"200": {"description": "ok", "content": {media: content}}}))
    assert (status, content_type) == (200, media)
    assert expected in body


def test_a_vendor_json_type_is_json_sent_under_its_own_name(tmp_path: Path) -> None:
    schema = {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}
    media = "application/vnd.thing+json"
    status, body, content_type = _get(
        _spec(tmp_path, {"200": {"description": "ok", "content": {media: {"schema": schema}}}})
    )
    assert (status, content_type) == (200, media)
    assert isinstance(json.loads(body)["n"], int)


def test_a_response_documented_without_content_has_no_body(tmp_path: Path) -> None:
    status, body, content_type = _get(_spec(tmp_path, {"204": {"description": "gone"}}))
    assert (status, body, content_type) == (204, b"", None)


def test_an_operation_with_only_a_default_answers_it_as_a_success(tmp_path: Path) -> None:
    schema = {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["x"]}}}
    responses = {"default": {"description": "any", "content": {"application/json": {"schema": schema}}}}
    status, body, _ = _get(_spec(tmp_path, responses))
    assert status == 200
    assert json.loads(body) == {"kind": "x"}


def test_an_operation_with_only_errors_answers_its_lowest_documented_one(tmp_path: Path) -> None:
    error = {"content": {"application/json": {"schema": {"type": "object"}}}}
    status, _, _ = _get(_spec(tmp_path, {"404": {"description": "no", **error}, "409": {"description": "no", **error}}))
    assert status == 404


def test_a_one_of_with_overlapping_branches_gets_a_value_exactly_one_accepts(tmp_path: Path) -> None:
    schemas: dict[str, Any] = {
        "Open": {"type": "object"},  # any object
        "Closed": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
        "Either": {"oneOf": [{"$ref": "#/components/schemas/Open"}, {"$ref": "#/components/schemas/Closed"}]},
        "Holder": {
            "type": "object",
            "required": ["either"],
            "properties": {"either": {"$ref": "#/components/schemas/Either"}},
        },
    }
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Holder"}}}
    spec = _spec(tmp_path, {"200": {"description": "ok", "content": content}}, schemas)
    either: dict[str, Any] = {"$defs": schemas, **schemas["Either"]}
    either = json.loads(json.dumps(either).replace("#/components/schemas/", "#/$defs/"))
    validator = jsonschema_rs.validator_for(either)
    app = build_app(load_spec(spec))
    for n in range(20):  # `{}` and `{"a": "x"}` are valid under both branches: never served
        reply = app.respond("GET", f"/thing?n={n}".encode(), dict(_AUTH))
        value = json.loads(reply.body)["either"]
        assert validator.is_valid(value), value
