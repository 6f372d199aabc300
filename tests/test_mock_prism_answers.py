"""Which answer the mock picks for a spec without the fetch mark, and how it refuses a request, as Prism does.

Each case is a small spec of a bookshop written for this suite: the answer chosen by code,
range, `default` or example name; a request refused for its parameters, its body or its
media type, with a problem document that lists each violation; paths written with
characters a URL must encode; and what the mock does when it cannot build an answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.yaml_text import dump_yaml
from vgcontract.mock import build_app
from vgcontract.spec import load_spec

PROBLEMS = "https://stoplight.io/prism/errors#"


def _app(tmp_path: Path, paths: dict[str, Any]) -> Any:
    doc = {"openapi": "3.0.3", "info": {"title": "bookshop", "version": "1"}, "paths": paths}
    path = tmp_path / "bookshop.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return build_app(load_spec(path))


def _text(example: str) -> dict[str, Any]:
    return {"content": {"text/plain": {"example": example}}}


SHELF = {
    "/shelf": {
        "get": {
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {
                        "application/json": {
                            "examples": {
                                "novel": {"value": {"title": "Middlemarch"}},
                                "poem": {"value": {"title": "Beowulf"}},
                            }
                        }
                    },
                },
                "503": _text("closed for stocktaking"),
                "5XX": _text("the shop is unwell"),
                "default": _text("something else"),
            }
        }
    }
}


@pytest.mark.parametrize(
    ("asked", "status", "body"),
    [
        ("code=503", 503, b"closed for stocktaking"),  # its own response
        ("code=502", 502, b"the shop is unwell"),  # the range's, with the status asked for
        ("code=409", 409, b"something else"),  # `default`, with the status asked for
        ("example=poem", 200, b'{"title":"Beowulf"}'),
    ],
)
def test_a_response_is_chosen_by_code_range_default_or_example_name(
    tmp_path: Path, asked: str, status: int, body: bytes
) -> None:
    app = _app(tmp_path, SHELF)
    by_prefer = app.respond("GET", b"/shelf", {b"prefer": asked.encode()})
    by_query = app.respond("GET", f"/shelf?__{asked}".encode(), {})  # Prism's own switches say the same
    for reply in (by_prefer, by_query):
        assert (reply.status, reply.body) == (status, body)


def test_without_a_choice_the_first_example_answers_and_unknown_choices_are_404(tmp_path: Path) -> None:
    app = _app(tmp_path, SHELF)
    assert json.loads(app.respond("GET", b"/shelf", {}).body) == {"title": "Middlemarch"}
    unknown = app.respond("GET", b"/shelf", {b"prefer": b"example=atlas"})
    assert (unknown.status, unknown.content_type) == (404, b"application/problem+json")
    assert json.loads(unknown.body)["type"] == PROBLEMS + "NOT_FOUND"
    assert "exampleKey: atlas" in json.loads(unknown.body)["detail"]
    without_default = _app(tmp_path, {"/till": {"get": {"responses": {"200": _text("open")}}}})
    assert without_default.respond("GET", b"/till", {b"prefer": b"code=418"}).status == 404


def test_an_operation_without_a_success_answers_its_first_documented_response(tmp_path: Path) -> None:
    app = _app(tmp_path, {"/stock": {"get": {"responses": {"5XX": _text("down"), "4XX": _text("bad")}}}})
    reply = app.respond("GET", b"/stock", {})
    assert (reply.status, reply.body) == (500, b"down")


SEARCH = {
    "/books/{isbn}": {
        "get": {
            "parameters": [
                {"name": "isbn", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[0-9]+$"}},
                {
                    "name": "range",
                    "in": "query",
                    "style": "form",
                    "explode": False,
                    "schema": {
                        "type": "object",
                        "properties": {"from": {"type": "integer"}, "to": {"type": "integer"}},
                    },
                },
                {
                    "name": "tags",
                    "in": "query",
                    "style": "pipeDelimited",
                    "schema": {"type": "array", "minItems": 2, "items": {"type": "string"}},
                },
            ],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"example": {"ok": True}}}}},
        }
    }
}


def test_invalid_parameters_are_listed_one_violation_each_in_prism_s_words(tmp_path: Path) -> None:
    app = _app(tmp_path, SEARCH)
    assert app.respond("GET", b"/books/123?range=from,1,to,9&tags=a|b", {}).status == 200
    reply = app.respond("GET", b"/books/12x?range=to,nine,from,one&tags=a,b", {})
    assert (reply.status, reply.content_type) == (422, b"application/problem+json")
    problem = json.loads(reply.body)
    assert problem["type"] == PROBLEMS + "UNPROCESSABLE_ENTITY"
    assert [(v["location"], v["code"], v["message"]) for v in problem["validation"]] == [
        (["path", "isbn"], "pattern", 'Request path parameter isbn must match pattern "^[0-9]+$"'),
        (["query", "range", "from"], "type", "Request query parameter range.from must be integer"),
        (["query", "range", "to"], "type", "Request query parameter range.to must be integer"),
        (["query", "tags"], "minItems", "Request query parameter tags must NOT have fewer than 2 items"),
    ]


def test_an_empty_path_segment_is_a_missing_parameter_and_a_short_path_no_route(tmp_path: Path) -> None:
    app = _app(tmp_path, {"/books/{isbn}/reviews": SEARCH["/books/{isbn}"]})
    empty = json.loads(app.respond("GET", b"/books//reviews", {}).body)
    assert empty["validation"][0]["message"] == "Request path must have required property 'isbn'"
    short = app.respond("GET", b"/books", {})
    assert (short.status, json.loads(short.body)["type"]) == (404, PROBLEMS + "NO_PATH_MATCHED_ERROR")


ORDERS = {
    "/orders": {
        "post": {
            "requestBody": {
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "required": ["copies"],
                            "properties": {
                                "copies": {"type": "integer", "minimum": 1, "exclusiveMinimum": True},
                                "note": {"type": "string"},
                            },
                        },
                        "encoding": {"note": {"allowReserved": False}},
                    },
                    "multipart/form-data": {
                        "schema": {"type": "object", "properties": {"copies": {"type": "integer"}}}
                    },
                }
            },
            "responses": {"201": _text("ordered")},
        }
    }
}


def test_form_and_multipart_bodies_are_read_field_by_field_and_validated(tmp_path: Path) -> None:
    app = _app(tmp_path, ORDERS)
    form = {b"content-type": b"application/x-www-form-urlencoded"}
    assert app.respond("POST", b"/orders", form, b"copies=2&note=gift%20wrap").status == 201
    too_few = json.loads(app.respond("POST", b"/orders", form, b"copies=1").body)
    assert too_few["validation"][0]["message"] == "Request body property copies must be > 1"  # 3.0's boolean bound
    reserved = json.loads(app.respond("POST", b"/orders", form, b"copies=2&note=a/b").body)
    assert reserved["validation"] == [
        {"location": ["body", "note"], "severity": "Error", "message": "Reserved characters used in request body"}
    ]
    parts = b'--cut\r\nContent-Disposition: form-data; name="copies"\r\n\r\nmany\r\n--cut--\r\n'
    multipart = {b"content-type": b"multipart/form-data; boundary=cut"}
    typed = json.loads(app.respond("POST", b"/orders", multipart, parts).body)
    assert typed["validation"][0]["message"] == "Request body property copies must be integer"


def test_a_body_of_an_undocumented_media_type_is_415(tmp_path: Path) -> None:
    app = _app(tmp_path, ORDERS)
    reply = app.respond("POST", b"/orders", {b"content-type": b"application/json"}, b'{"copies": 2}')
    assert (reply.status, json.loads(reply.body)["type"]) == (415, PROBLEMS + "INVALID_CONTENT_TYPE")
    documented = _app(tmp_path, {"/till": {"post": {"responses": {"200": _text("ok"), "415": _text("no bodies")}}}})
    refused = documented.respond("POST", b"/till", {b"content-type": b"text/plain"}, b"coins")
    assert (refused.status, refused.body) == (415, b"no bodies")
    assert documented.respond("POST", b"/till", {}, b"").status == 200  # no body, nothing to refuse


def test_a_path_with_characters_a_url_must_encode_is_routed(tmp_path: Path) -> None:
    app = _app(tmp_path, {"/rare & used/{shelf}": {"get": {"responses": {"200": _text("found")}}}})
    reply = app.respond("GET", b"/rare%20%26%20used/top", {})
    assert (reply.status, reply.body) == (200, b"found")


def test_a_schema_too_large_to_build_is_a_500_problem(tmp_path: Path) -> None:
    huge = {"type": "array", "minItems": 5000, "items": {"type": "string"}}
    app = _app(
        tmp_path,
        {
            "/all": {
                "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": huge}}}}}
            }
        },
    )
    reply = app.respond("GET", b"/all", {})
    assert (reply.status, json.loads(reply.body)["type"]) == (500, PROBLEMS + "SCHEMA_TOO_COMPLEX")


def test_a_chosen_bad_request_example_answers_an_invalid_request(tmp_path: Path) -> None:
    errors = {
        "application/json": {
            "examples": {"short": {"value": {"why": "too short"}}, "empty": {"value": {"why": "empty"}}}
        }
    }
    app = _app(
        tmp_path,
        {
            "/reviews": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": {"type": "string", "minLength": 3}}}},
                    "responses": {"201": _text("thanks"), "422": {"description": "bad", "content": errors}},
                }
            }
        },
    )
    headers = {b"content-type": b"application/json"}
    assert json.loads(app.respond("POST", b"/reviews", headers, b'"ok"').body) == {"why": "too short"}
    chosen = app.respond("POST", b"/reviews?__code=422&__example=empty", headers, b'"ok"')
    assert (chosen.status, json.loads(chosen.body)) == (422, {"why": "empty"})
