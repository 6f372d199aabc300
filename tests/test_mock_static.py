"""Static answers as Prism serves them (no fetch marked), content negotiation, and parameter validation.

The documented example first; else a value built from the schema (its examples, defaults
and type placeholders), the same on every call; `Prefer: dynamic=true` for a generated body;
a complex object asked for as text is a 500; recursion ends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs

from tests.yaml_text import dump_yaml
from vgcontract.mock import build_app, static_value
from vgcontract.spec import load_spec


def _app(tmp_path: Path, content: dict[str, Any], schemas: dict[str, Any] | None = None) -> Any:
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "static", "version": "1"},
        "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok", "content": content}}}}},
        "components": {"schemas": schemas or {}},
    }
    path = tmp_path / "static.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return build_app(load_spec(path))


def _get(app: Any, prefer: str = "") -> Any:
    headers = {b"prefer": prefer.encode()} if prefer else {}
    return app.respond("GET", b"/pets", headers)


def test_the_documented_example_is_served_as_written(tmp_path: Path) -> None:
    example = {"name": "Rex", "tags": ["good"]}
    app = _app(tmp_path, {"application/json": {"schema": {"type": "object"}, "example": example}})
    assert json.loads(_get(app).body) == example


def test_without_an_example_the_schema_gives_the_same_value_every_time(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "born": {"type": "string", "format": "date"},
            "age": {"type": "integer", "minimum": 1},
            "good": {"type": "boolean"},
            "kind": {"type": "string", "enum": ["dog", "cat"]},
            "nick": {"type": "string", "nullable": True, "example": "Rexie"},
            "toys": {"type": "array", "items": {"type": "string", "default": "ball"}},
            "secret": {"type": "string", "writeOnly": True},
        },
    }
    app = _app(tmp_path, {"application/json": {"schema": schema}})
    first, second = json.loads(_get(app).body), json.loads(_get(app).body)
    assert (
        first
        == second
        == {
            "name": "string",
            "born": "2019-08-24",
            "age": 1,
            "good": True,
            "kind": "dog",
            "nick": "Rexie",
            "toys": ["ball"],
        }
    )


def test_a_recursive_schema_is_unrolled_once_then_ends(tmp_path: Path) -> None:
    schemas = {
        "Node": {
            "type": "object",
            "properties": {
                "label": {"type": "string"},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
            },
        }
    }
    app = _app(tmp_path, {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}, schemas)
    body = json.loads(_get(app).body)
    assert body == {"label": "string", "children": [{"label": "string", "children": [{}]}]}


def test_prefer_dynamic_asks_for_a_generated_body_the_schema_accepts(tmp_path: Path) -> None:
    schema = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    app = _app(tmp_path, {"application/json": {"schema": schema}})
    generated = json.loads(_get(app, "dynamic=true").body)
    assert jsonschema_rs.validator_for(schema).is_valid(generated)
    static = json.loads(_get(app).body)
    assert static == json.loads(_get(app).body)  # the static answer does not change
    assert static == {"id": "string"}
    assert static != generated


def test_text_takes_its_schema_example_and_a_complex_object_cannot_be_text(tmp_path: Path) -> None:
    text = _app(tmp_path, {"text/plain": {"schema": {"type": "string", "example": "pong"}}})
    assert (_get(text).status, _get(text).body) == (200, b"pong")
    complex_ = _app(tmp_path, {"text/plain": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}})
    reply = _get(complex_)
    assert (reply.status, reply.content_type) == (500, b"application/problem+json")


def test_the_static_value_of_unions_and_merges() -> None:
    assert static_value({"oneOf": [{"type": "integer"}, {"type": "string"}]}) == 0
    merged = static_value({"allOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"b": {"const": 2}}}]})
    assert merged == {"a": "string", "b": 2}


def test_accept_picks_the_documented_media_type_by_quality(tmp_path: Path) -> None:
    content = {"application/json": {"example": {"a": 1}}, "application/xml": {"example": "<a>1</a>"}}
    app = _app(tmp_path, content)
    xml = app.respond("GET", b"/pets", {b"accept": b"application/json;q=0.8, application/xml"})
    assert (xml.content_type, xml.body) == (b"application/xml", b"<a>1</a>")
    assert app.respond("GET", b"/pets", {b"accept": b"application/*"}).content_type == b"application/json"
    assert app.respond("GET", b"/pets", {}).content_type == b"application/json"


def test_an_accept_nothing_documented_matches_is_406(tmp_path: Path) -> None:
    app = _app(tmp_path, {"text/plain": {"example": "hello"}})
    refused = app.respond("GET", b"/pets", {b"accept": b"application/json"})
    assert (refused.status, refused.content_type) == (406, b"application/problem+json")
    assert app.respond("GET", b"/pets", {b"accept": b"text/*;q=0.5"}).body == b"hello"


def _with_parameters(tmp_path: Path, parameters: list[dict[str, Any]], responses: dict[str, Any] | None = None) -> Any:
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "params", "version": "1"},
        "paths": {
            "/pets/{id}": {"get": {"parameters": parameters, "responses": responses or {"200": {"description": "ok"}}}}
        },
    }
    path = tmp_path / "params.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return build_app(load_spec(path))


def test_parameters_are_read_as_their_types_and_refused_with_422(tmp_path: Path) -> None:
    app = _with_parameters(
        tmp_path,
        [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^p[0-9]+$"}},
            {"name": "age", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 0}},
            {"name": "x-tags", "in": "header", "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 2}},
        ],
    )
    assert app.respond("GET", b"/pets/p1?age=3", {b"x-tags": b"a,b"}).status == 200
    for path, headers in [
        (b"/pets/p1", {}),
        (b"/pets/p1?age=old", {}),
        (b"/pets/cat?age=3", {}),
        (b"/pets/p1?age=-1", {}),
        (b"/pets/p1?age=3", {b"x-tags": b"a,b,c"}),
    ]:
        refused = app.respond("GET", path, headers)
        assert (refused.status, refused.content_type) == (422, b"application/problem+json"), path


def test_a_documented_400_answers_a_bad_request_when_no_422_is_documented(tmp_path: Path) -> None:
    responses = {"200": {"description": "ok"}, "400": {"description": "bad"}}
    app = _with_parameters(
        tmp_path,
        [{"name": "id", "in": "path", "required": True}, {"name": "q", "in": "query", "required": True}],
        responses,
    )
    refused = app.respond("GET", b"/pets/1", {})
    assert (refused.status, refused.body) == (400, b"")


def test_the_success_sends_the_headers_it_documents(tmp_path: Path) -> None:
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "headers", "version": "1"},
        "paths": {
            "/pets": {
                "head": {
                    "responses": {
                        "200": {
                            "description": "ok",
                            "headers": {
                                "nonce": {"schema": {"type": "string", "example": "abc"}},
                                "x-count": {"schema": {"type": "integer"}},
                            },
                        }
                    }
                }
            }
        },
    }
    path = tmp_path / "headers.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    reply = build_app(load_spec(path)).respond("HEAD", b"/pets", {})
    assert (reply.status, dict(reply.headers)) == (200, {b"nonce": b"abc", b"x-count": b"0"})
