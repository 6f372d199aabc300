"""Every spec-diff rule, each with its own base/revision pair, at the level `RULES` gives it.

Schema rules are checked on both sides of the wire: the same property changed in a request
body and in a response body must fire the rule at `RULES[rule][1]` (request) and
`RULES[rule][0]` (response). Operation rules have a pair of their own. The last test makes
adding a rule without a pair here fail.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from typing import Any

import pytest

from vgcontract.spec.diff import RULES, diff_specs

Spec = dict[str, Any]
TODAY = datetime.date(2026, 6, 1)
PAST, FUTURE = "2026-01-01", "2027-01-01"
A = {"type": "object", "properties": {"a": {"type": "string"}}}
B = {"type": "object", "properties": {"b": {"type": "integer"}}}
C = {"type": "object", "properties": {"c": {"type": "boolean"}}}


def _spec(field: Any) -> Spec:
    """One operation taking and returning an object with the property `f` (schema `field`)."""
    body = {"type": "object", "properties": {"f": copy.deepcopy(field)}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things/{id}": {
                "post": {
                    "operationId": "postThing",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "requestBody": {"content": {"application/json": {"schema": body}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": body}}}},
                }
            }
        },
    }


def _fired(base: Spec, head: Spec) -> dict[str, set[Any]]:
    found: dict[str, set[Any]] = {}
    for change in diff_specs(base, head, today=TODAY).changes:
        found.setdefault(change.kind, set()).add((change.severity, "/requestBody/" in change.location))
    return found


# rule -> (old schema of `f`, new schema of `f`, the sides it fires on: "both", "request" or "response")
SCHEMA_PAIRS: dict[str, tuple[Any, Any, str]] = {
    "type-changed": ({"type": "string"}, {"type": "boolean"}, "both"),
    "type-loosened": ({"type": "integer"}, {"type": "number"}, "both"),
    "type-tightened": ({"type": "number"}, {"type": "integer"}, "both"),
    "became-nullable": ({"type": "string"}, {"type": ["string", "null"]}, "both"),
    "null-removed": ({"type": ["string", "null"]}, {"type": "string"}, "both"),
    "wrapped-in-union": (A, {"oneOf": [A, B]}, "both"),
    "union-variant-added": ({"oneOf": [A, B]}, {"oneOf": [A, B, C]}, "both"),
    "any-of-variant-added": ({"anyOf": [A, B]}, {"anyOf": [A, B, C]}, "both"),
    "union-variant-removed": ({"oneOf": [A, B, C]}, {"oneOf": [A, B]}, "both"),
    "all-of-added": (A, {"allOf": [A, {"required": ["a"]}]}, "request"),
    "format-changed": ({"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}, "both"),
    "became-enum": ({"type": "string"}, {"type": "string", "enum": ["x"]}, "both"),
    "enum-value-added": ({"enum": ["x"]}, {"enum": ["x", "y"]}, "both"),
    "enum-value-removed": ({"enum": ["x", "y"]}, {"enum": ["x"]}, "both"),
    "extensible-enum-value-added": ({"x-extensible-enum": ["x"]}, {"x-extensible-enum": ["x", "y"]}, "both"),
    "extensible-enum-value-removed": ({"x-extensible-enum": ["x", "y"]}, {"x-extensible-enum": ["x"]}, "both"),
    "const-added": ({"type": "string"}, {"type": "string", "const": "x"}, "both"),
    "const-removed": ({"type": "string", "const": "x"}, {"type": "string"}, "both"),
    "const-changed": ({"type": "string", "const": "x"}, {"type": "string", "const": "y"}, "both"),
    "pattern-added": ({"type": "string"}, {"type": "string", "pattern": "^a"}, "both"),
    "pattern-changed": ({"type": "string", "pattern": "^a"}, {"type": "string", "pattern": "^b"}, "both"),
    "pattern-removed": ({"type": "string", "pattern": "^a"}, {"type": "string"}, "both"),
    "limit-tightened": ({"type": "string", "maxLength": 10}, {"type": "string", "maxLength": 5}, "both"),
    "limit-loosened": ({"type": "integer", "minimum": 5}, {"type": "integer", "minimum": 1}, "both"),
    "limit-added": ({"type": "array"}, {"type": "array", "maxItems": 3}, "both"),
    "limit-removed": ({"type": "string", "maxLength": 5}, {"type": "string"}, "both"),
    "prefix-items-added": ({"prefixItems": [{"type": "string"}]}, {"prefixItems": [{"type": "string"}] * 2}, "both"),
    "prefix-items-removed": ({"prefixItems": [{"type": "string"}] * 2}, {"prefixItems": [{"type": "string"}]}, "both"),
    "constraint-added": ({"type": "array"}, {"type": "array", "contains": {"type": "string"}}, "both"),
    "constraint-removed": ({"type": "object", "propertyNames": {"maxLength": 3}}, {"type": "object"}, "both"),
    "constraint-changed": ({"dependentRequired": {"a": ["b"]}}, {"dependentRequired": {"a": ["c"]}}, "both"),
    "property-removed": ({**A, "required": ["a"]}, {"type": "object", "properties": {}}, "both"),
    "optional-property-removed": (A, {"type": "object", "properties": {}}, "both"),
    "property-added": ({"type": "object", "properties": {}}, A, "both"),
    "required-property-added": ({"type": "object", "properties": {}}, {**A, "required": ["a"]}, "both"),
    "became-optional": ({**A, "required": ["a"]}, A, "both"),
    "became-required": (A, {**A, "required": ["a"]}, "both"),
    "additional-properties-closed": (A, {**A, "additionalProperties": False}, "both"),
    "additional-properties-opened": ({**A, "additionalProperties": False}, A, "both"),
}


@pytest.mark.parametrize("rule", sorted(SCHEMA_PAIRS))
def test_a_schema_rule_fires_at_its_level_on_each_side(rule: str) -> None:
    old, new, sides = SCHEMA_PAIRS[rule]
    fired = _fired(_spec(old), _spec(new))
    assert rule in fired, f"{rule} did not fire; found {sorted(fired)}"
    response_level, request_level, _why = RULES[rule]
    expected = {(request_level, True)} if sides != "response" else set()
    expected |= {(response_level, False)} if sides != "request" else set()
    assert fired[rule] == expected


def _with(change: Callable[[Spec], Any], base: Spec | None = None) -> tuple[Spec, Spec]:
    old = base or _spec({"type": "string"})
    new = copy.deepcopy(old)
    change(new)
    return old, new


def _op(spec: Spec) -> Any:
    return spec["paths"]["/things/{id}"]["post"]


def _lifecycle(**marks: Any) -> Spec:
    spec = _spec({"type": "string"})
    _op(spec).update(marks)
    return spec


def _param(**fields: Any) -> Spec:
    spec = _spec({"type": "string"})
    _op(spec)["parameters"].append({"name": "q", "in": "query", **fields})
    return spec


def _secured(requirement: list[Any] | None) -> Spec:
    spec = _spec({"type": "string"})
    spec["components"] = {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                                              "oauth": {"type": "oauth2", "flows": {}}}}  # fmt: skip
    if requirement is not None:
        _op(spec)["security"] = requirement
    return spec


def _header(**fields: Any) -> Spec:
    spec = _spec({"type": "string"})
    _op(spec)["responses"]["200"]["headers"] = {"X-Rate": {"schema": {"type": "integer"}, **fields}}
    return spec


def _drop_op(spec: Spec) -> None:
    spec["paths"]["/things/{id}"]["get"] = spec["paths"]["/things/{id}"].pop("post")
    spec["paths"]["/things/{id}"]["get"]["operationId"] = "getThing"


# rule -> (base, revision, unused): each revision differs from its base by the one change
OPERATION_PAIRS: dict[str, tuple[Spec, Spec, Any]] = {
    "path-removed": (*_with(lambda s: s.__setitem__("paths", {})), RULES["path-removed"][0]),
    "operation-removed": (*_with(_drop_op), RULES["operation-removed"][0]),
    "deprecated-operation-removed": (*_with(_drop_op, _lifecycle(deprecated=True)), None),
    "operation-removed-after-sunset": (*_with(_drop_op, _lifecycle(deprecated=True, **{"x-sunset": PAST})), None),
    "operation-removed-before-sunset": (*_with(_drop_op, _lifecycle(deprecated=True, **{"x-sunset": FUTURE})), None),
    "unstable-operation-removed": (*_with(_drop_op, _lifecycle(**{"x-stability-level": "alpha"})), None),
    "operation-deprecated": (*_with(lambda s: _op(s).__setitem__("deprecated", True)), None),
    "stability-decreased": (
        *_with(
            lambda s: _op(s).__setitem__("x-stability-level", "beta"), _lifecycle(**{"x-stability-level": "stable"})
        ),
        None,
    ),
    "stability-invalid": (*_with(lambda s: _op(s).__setitem__("x-stability-level", "gold")), None),
    "sunset-invalid": (*_with(lambda s: _op(s).update({"deprecated": True, "x-sunset": "soon"})), None),
    "sunset-removed": (
        *_with(lambda s: _op(s).pop("x-sunset"), _lifecycle(deprecated=True, **{"x-sunset": FUTURE})),
        None,
    ),
    "sunset-moved-earlier": (
        *_with(
            lambda s: _op(s).__setitem__("x-sunset", "2026-12-01"), _lifecycle(deprecated=True, **{"x-sunset": FUTURE})
        ),
        None,
    ),
    "operation-id-changed": (*_with(lambda s: _op(s).__setitem__("operationId", "makeThing")), None),
    "operation-added": (*_with(lambda s: s["paths"].__setitem__("/other", {"get": {"responses": {}}})), None),
    "security-tightened": (*_with(lambda s: _op(s).__setitem__("security", [{"key": []}]), _secured(None)), None),
    "security-loosened": (*_with(lambda s: _op(s).pop("security"), _secured([{"key": []}])), None),
    "security-scheme-changed": (
        *_with(lambda s: s["components"]["securitySchemes"]["key"].__setitem__("in", "query"), _secured([{"key": []}])),
        None,
    ),
    "servers-changed": (*_with(lambda s: s.__setitem__("servers", [{"url": "https://x.example"}])), None),
    "parameter-required-added": (
        *_with(lambda s: _op(s)["parameters"].append({"name": "q", "in": "query", "required": True})),
        None,
    ),
    "parameter-became-required": (
        *_with(lambda s: _op(s)["parameters"][1].__setitem__("required", True), _param(schema={"type": "string"})),
        None,
    ),
    "parameter-optional-added": (*_with(lambda s: _op(s)["parameters"].append({"name": "q", "in": "query"})), None),
    "parameter-removed": (*_with(lambda s: _op(s)["parameters"].pop(), _param()), None),
    "parameter-removed-before-sunset": (
        *_with(lambda s: _op(s)["parameters"].pop(), _param(deprecated=True, **{"x-sunset": FUTURE})),
        None,
    ),
    "parameter-default-changed": (
        *_with(
            lambda s: _op(s)["parameters"][1]["schema"].__setitem__("default", 2),
            _param(schema={"type": "integer", "default": 1}),
        ),
        None,
    ),
    "request-body-removed": (*_with(lambda s: _op(s).pop("requestBody")), None),
    "request-body-required-added": (*_with(lambda s: _op(s)["requestBody"].__setitem__("required", True)), None),
    "media-type-removed": (*_with(lambda s: _op(s)["requestBody"].__setitem__("content", {})), None),
    "media-type-added": (*_with(lambda s: _op(s)["requestBody"]["content"].__setitem__("text/plain", {})), None),
    "media-type-schema-added": (
        *_with(
            lambda s: _op(s)["requestBody"]["content"]["application/json"].__setitem__("schema", {"type": "object"}),
            _lifecycle(requestBody={"content": {"application/json": {}}}),
        ),
        None,
    ),
    "success-status-removed": (*_with(lambda s: _op(s)["responses"].pop("200")), None),
    "success-status-added": (*_with(lambda s: _op(s)["responses"].__setitem__("201", {"description": "made"})), None),
    "error-status-added": (*_with(lambda s: _op(s)["responses"].__setitem__("404", {"description": "no"})), None),
    "error-status-removed": (
        *_with(
            lambda s: _op(s)["responses"].pop("404"),
            _lifecycle(responses={"200": {"description": "ok"}, "404": {"description": "no"}}),
        ),
        None,
    ),
    "response-header-removed": (
        *_with(lambda s: _op(s)["responses"]["200"].pop("headers"), _header(required=True)),
        None,
    ),
    "response-header-became-optional": (
        *_with(lambda s: _op(s)["responses"]["200"]["headers"]["X-Rate"].pop("required"), _header(required=True)),
        None,
    ),
    "xml-type-changed": (
        *_with(
            lambda s: _op(s)["requestBody"]["content"]["application/xml"]["schema"].__setitem__("type", "string"),
            _lifecycle(requestBody={"content": {"application/xml": {"schema": {"type": "object"}}}}),
        ),
        None,
    ),
    "documentation-changed": (*_with(lambda s: _op(s).__setitem__("summary", "Make a thing")), None),
}


@pytest.mark.parametrize("rule", sorted(OPERATION_PAIRS))
def test_an_operation_rule_fires_at_its_level(rule: str) -> None:
    base, head, _level = OPERATION_PAIRS[rule]
    changes = [change for change in diff_specs(base, head, today=TODAY).changes if change.kind == rule]
    assert changes, f"{rule} did not fire"
    response_level, request_level, _why = RULES[rule]
    for change in changes:
        request = "/requestBody" in change.location or "/parameters" in change.location
        assert change.severity == (request_level if request else response_level), change


def test_every_rule_has_a_pair_here() -> None:
    assert set(RULES) == set(SCHEMA_PAIRS) | set(OPERATION_PAIRS)


def test_an_unchanged_spec_has_no_change() -> None:
    spec = _spec({"oneOf": [A, B], "x-extensible-enum": ["x"], "maxLength": 3})
    assert diff_specs(spec, copy.deepcopy(spec), today=TODAY).changes == ()


def test_path_variables_renamed_are_the_same_path() -> None:
    base = _spec({"type": "string"})
    head = copy.deepcopy(base)
    head["paths"] = {"/things/{thingId}": head["paths"].pop("/things/{id}")}
    head["paths"]["/things/{thingId}"]["post"]["parameters"][0]["name"] = "thingId"
    assert [change.kind for change in diff_specs(base, head, today=TODAY).changes] == []


def test_a_read_only_property_is_not_part_of_a_request() -> None:
    base = _spec({"type": "object", "properties": {}})
    head = _spec({"type": "object", "properties": {"id": {"type": "string", "readOnly": True}}, "required": ["id"]})
    kinds = {(c.kind, "/requestBody/" in c.location) for c in diff_specs(base, head, today=TODAY).changes}
    assert ("required-property-added", True) not in kinds
    assert ("required-property-added", False) in kinds
