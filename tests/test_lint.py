"""The spectral:oas port: each rule fires on a crafted document and stays quiet on a good one."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from vgcontract import Severity
from vgcontract.spec.lint import RULES, lint_spec

Doc = dict[str, Any]

GOOD: Doc = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1", "description": "d", "contact": {"name": "c"}},
    "servers": [{"url": "https://api.example.test/v1"}],
    "tags": [{"name": "T", "description": "t"}],
    "paths": {
        "/things/{id}": {
            "get": {
                "operationId": "getThing",
                "description": "Get a thing.",
                "tags": ["T"],
                "security": [{"bearer": []}],
                "parameters": [{"$ref": "#/components/parameters/Id"}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Thing"},
                                "examples": {"one": {"value": {"id": "x", "tags": ["a"]}}},
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "parameters": {"Id": {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}},
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "example": "abc"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "kind": {"type": "string", "enum": ["a", "b"]},
                },
            }
        },
    },
}

GET = ("paths", "/things/{id}", "get")


def _mutate(fn: Callable[[Doc], None]) -> Doc:
    doc = copy.deepcopy(GOOD)
    fn(doc)
    return doc


def _op(doc: Doc) -> Doc:
    op: Doc = doc["paths"]["/things/{id}"]["get"]
    return op


CASES: list[tuple[str, Callable[[Doc], None]]] = [
    ("oas3-schema", lambda d: d.__setitem__("bogus", 1)),
    ("info-contact", lambda d: d["info"].pop("contact")),
    ("info-description", lambda d: d["info"].pop("description")),
    ("openapi-tags-uniqueness", lambda d: d["tags"].append({"name": "T"})),
    ("oas3-api-servers", lambda d: d.pop("servers")),
    ("oas3-server-trailing-slash", lambda d: d["servers"].append({"url": "https://x.test/"})),
    ("oas3-server-variables", lambda d: d["servers"].append({"url": "https://{region}.x.test"})),
    ("path-keys-no-trailing-slash", lambda d: d["paths"].__setitem__("/x/", {})),
    ("path-key-below-base-url", lambda d: d["paths"].__setitem__("//elsewhere.test/x", {})),
    ("no-external-ref", lambda d: _op(d)["parameters"].append({"$ref": "./parameters.yaml#/Id"})),
    ("path-not-include-query", lambda d: d["paths"].__setitem__("/x?y=1", {})),
    ("path-declarations-must-exist", lambda d: d["paths"].__setitem__("/x/{}", {})),
    (
        "path-params",
        lambda d: d["paths"].__setitem__("/things/{id}/{other}", copy.deepcopy(d["paths"]["/things/{id}"])),
    ),
    ("path-params", lambda d: d["paths"].__setitem__("/things/{key}", copy.deepcopy(d["paths"]["/things/{id}"]))),
    ("operation-parameters", lambda d: _op(d)["parameters"].append({"$ref": "#/components/parameters/Id"})),
    ("operation-operationId-unique", lambda d: d["paths"].__setitem__("/other", {"get": copy.deepcopy(_op(d))})),
    ("operation-operationId", lambda d: _op(d).pop("operationId")),
    ("operation-operationId-valid-in-url", lambda d: _op(d).__setitem__("operationId", "get thing")),
    ("operation-description", lambda d: _op(d).pop("description")),
    ("operation-tags", lambda d: _op(d).pop("tags")),
    ("operation-tag-defined", lambda d: _op(d)["tags"].append("Undefined")),
    ("operation-success-response", lambda d: _op(d)["responses"].__setitem__("404", _op(d)["responses"].pop("200"))),
    ("oas3-operation-security-defined", lambda d: _op(d)["security"].append({"missing": []})),
    ("oas3-unused-component", lambda d: d["components"]["schemas"].__setitem__("Orphan", {"type": "string"})),
    (
        "oas3-examples-value-or-externalValue",
        lambda d: _op(d)["responses"]["200"]["content"]["application/json"]["examples"].__setitem__("bad", {}),
    ),
    (
        "oas3-valid-media-example",
        lambda d: _op(d)["responses"]["200"]["content"]["application/json"]["examples"].__setitem__(
            "bad", {"value": {"id": 5}}
        ),
    ),
    ("oas3-valid-schema-example", lambda d: d["components"]["schemas"]["Thing"]["properties"]["id"].update(example=5)),
    ("array-items", lambda d: d["components"]["schemas"]["Thing"]["properties"]["tags"].pop("items")),
    ("typed-enum", lambda d: d["components"]["schemas"]["Thing"]["properties"]["kind"]["enum"].append(3)),
    (
        "duplicated-entry-in-enum",
        lambda d: d["components"]["schemas"]["Thing"]["properties"]["kind"]["enum"].append("a"),
    ),
    ("no-eval-in-markdown", lambda d: _op(d).__setitem__("description", "run eval(x)")),
    ("no-script-tags-in-markdown", lambda d: _op(d).__setitem__("description", "<script>alert(1)</script>")),
    (
        "oas3_1-servers-in-webhook",
        lambda d: d.__setitem__(
            "webhooks", {"w": {"post": {"servers": [], "responses": {"200": {"description": "ok"}}}}}
        ),
    ),
    (
        "oas3_1-callbacks-in-webhook",
        lambda d: d.__setitem__(
            "webhooks", {"w": {"post": {"callbacks": {}, "responses": {"200": {"description": "ok"}}}}}
        ),
    ),
    (
        "oas3-callbacks-in-callbacks",
        lambda d: _op(d).__setitem__(
            "callbacks",
            {"cb": {"{$request.body#/url}": {"post": {"callbacks": {}, "responses": {"200": {"description": "ok"}}}}}},
        ),
    ),
]


def test_good_document_is_clean() -> None:
    assert [f.render() for f in lint_spec(GOOD)] == []


@pytest.mark.parametrize(("rule", "mutation"), CASES, ids=[f"{i}-{c[0]}" for i, c in enumerate(CASES)])
def test_rule_fires(rule: str, mutation: Callable[[Doc], None]) -> None:
    codes = {f.kind for f in lint_spec(_mutate(mutation)) if f.severity >= Severity.WARNING}
    assert rule in codes


def test_every_rule_has_a_case() -> None:
    assert {rule for rule, _ in CASES} == set(RULES)


def test_malformed_document_does_not_crash() -> None:
    findings = lint_spec({"openapi": "3.1.0", "paths": ["not", "a", "map"], "info": "x"})
    assert any(f.kind == "oas3-schema" and f.severity is Severity.ERROR for f in findings)


def test_unsupported_version_is_an_error() -> None:
    findings = lint_spec({"swagger": "2.0"})
    assert [f.kind for f in findings if f.severity is Severity.ERROR] == ["oas3-schema"]
