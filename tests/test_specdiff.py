"""spec-diff on 35 small spec pairs, each with its expected classification, plus the CLI and the version gate."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.paths import SPEC
from tests.yaml_text import dump_yaml
from vgcontract import Severity
from vgcontract.cli import main
from vgcontract.spec import human_line
from vgcontract.spec.diff import diff_specs

Spec = dict[str, Any]
OP = "/agents/{agentId}/convos/{convoId}"


def base_spec() -> Spec:
    """A small spec in the shape of the real one: $refs, nested objects, an array, an enum, errors."""
    path_param = {"in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1", "description": "A small API."},
        "servers": [{"url": "https://eu.example/v3"}],
        "security": [{"bearer": []}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Envelope": {
                    "type": "object",
                    "required": ["success", "data"],
                    "properties": {"success": {"type": "boolean"}, "data": {"$ref": "#/components/schemas/Convo"}},
                },
                "Convo": {
                    "type": "object",
                    "required": ["ID"],
                    "properties": {
                        "ID": {"type": "string", "description": "The conversation ID."},
                        "ts": {"type": "integer"},
                        "state": {"type": "string", "enum": ["a", "b"]},
                        "vapi": {"$ref": "#/components/schemas/Vapi"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "url": {"type": "string"},
                    },
                },
                "Vapi": {"type": "object", "properties": {"cost": {"type": "number"}, "status": {"type": "string"}}},
                "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
            },
        },
        "paths": {
            OP: {
                "parameters": [{"name": "agentId", **path_param}, {"name": "convoId", **path_param}],
                "get": {
                    "operationId": "getConversation",
                    "parameters": [{"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["en", "de"]}}],
                    "responses": {
                        "200": _json("#/components/schemas/Envelope"),
                        "404": _json("#/components/schemas/Error"),
                    },
                },
            }
        },
    }


def _json(ref: str) -> dict[str, Any]:
    return {"description": "d", "content": {"application/json": {"schema": {"$ref": ref}}}}


def schemas(spec: Spec) -> Any:
    return spec["components"]["schemas"]


def convo(spec: Spec) -> Any:
    return schemas(spec)["Convo"]["properties"]


def get(spec: Spec) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"][OP]["get"]
    return operation


Mutation = Callable[[Spec], object]
B, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 -- I is the info level here; ERROR is breaking

CASES: list[tuple[str, Mutation, list[tuple[Severity, str]]]] = [
    ("identical", lambda s: None, []),
    ("path removed", lambda s: s["paths"].pop(OP), [(B, "path-removed")]),
    (
        "path renamed",
        lambda s: s["paths"].__setitem__("/agents/{agentId}/chats/{convoId}", s["paths"].pop(OP)),
        [(B, "path-removed"), (I, "operation-added")],
    ),
    (
        "operation added",
        lambda s: s["paths"][OP].__setitem__(
            "delete", {"operationId": "d", "responses": {"204": {"description": "x"}}}
        ),
        [(I, "operation-added")],
    ),
    (
        "operation id changed",
        lambda s: get(s).__setitem__("operationId", "fetchConversation"),
        [(B, "operation-id-changed")],
    ),
    (
        "new required parameter",
        lambda s: get(s)["parameters"].append(
            {"name": "v", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        [(B, "parameter-required-added")],
    ),
    (
        "new optional parameter",
        lambda s: get(s)["parameters"].append({"name": "v", "in": "query", "schema": {"type": "string"}}),
        [(I, "parameter-optional-added")],
    ),
    (
        "parameter became required",
        lambda s: get(s)["parameters"][0].__setitem__("required", True),
        [(B, "parameter-became-required")],
    ),
    ("parameter removed", lambda s: get(s).__setitem__("parameters", []), [(W, "parameter-removed")]),
    (
        "parameter type changed",
        lambda s: get(s)["parameters"][0].__setitem__("schema", {"type": "integer"}),
        [(B, "type-changed")],
    ),
    (
        "parameter enum value removed",
        lambda s: get(s)["parameters"][0]["schema"]["enum"].remove("de"),
        [(B, "enum-value-removed")],
    ),
    (
        "parameter enum value added",
        lambda s: get(s)["parameters"][0]["schema"]["enum"].append("fr"),
        [(I, "enum-value-added")],
    ),
    (
        "parameter max length added",
        lambda s: get(s)["parameters"][0]["schema"].__setitem__("maxLength", 2),
        [(W, "limit-added")],  # oasdiff: request-parameter-max-length-set, a warning
    ),
    (
        "path parameter type narrowed by a pattern",
        lambda s: s["paths"][OP]["parameters"][1]["schema"].__setitem__("pattern", "^c-"),
        [(B, "pattern-added")],
    ),
    ("success status removed", lambda s: get(s)["responses"].pop("200"), [(B, "success-status-removed")]),
    (
        "error status added",
        lambda s: get(s)["responses"].__setitem__("429", _json("#/components/schemas/Error")),
        [(I, "error-status-added")],
    ),
    ("error status removed", lambda s: get(s)["responses"].pop("404"), [(W, "error-status-removed")]),
    (
        "required property removed",
        lambda s: (convo(s).pop("ID"), schemas(s)["Convo"].__setitem__("required", [])),
        [(B, "property-removed")],
    ),
    ("optional property removed", lambda s: convo(s).pop("ts"), [(W, "optional-property-removed")]),
    ("property added", lambda s: convo(s).__setitem__("notes", {"type": "string"}), [(I, "property-added")]),
    ("property type changed", lambda s: convo(s)["ts"].__setitem__("type", "string"), [(B, "type-changed")]),
    (
        "property type narrowed",
        lambda s: (
            convo(s)["ts"].__setitem__("type", ["integer"])
            or schemas(s)["Vapi"]["properties"]["cost"].__setitem__("type", "integer")
        ),
        [(I, "type-tightened")],  # a response that now holds fewer values: an int is still a number
    ),
    (
        "property became nullable",
        lambda s: convo(s)["ts"].__setitem__("type", ["integer", "null"]),
        [(B, "became-nullable")],
    ),
    (
        "nullable via anyOf and a $ref",
        lambda s: convo(s).__setitem__("vapi", {"anyOf": [{"$ref": "#/components/schemas/Vapi"}, {"type": "null"}]}),
        [(B, "became-nullable")],
    ),
    ("nullable the OpenAPI 3.0 way", lambda s: convo(s)["ts"].__setitem__("nullable", True), [(B, "became-nullable")]),
    ("property became optional", lambda s: schemas(s)["Convo"].__setitem__("required", []), [(B, "became-optional")]),
    ("property became required", lambda s: schemas(s)["Convo"]["required"].append("ts"), [(I, "became-required")]),
    ("response enum gained a value", lambda s: convo(s)["state"]["enum"].append("c"), [(W, "enum-value-added")]),
    ("response enum lost a value", lambda s: convo(s)["state"]["enum"].remove("b"), [(I, "enum-value-removed")]),
    (
        "undocumented properties refused",
        lambda s: schemas(s)["Convo"].__setitem__("additionalProperties", False),
        [(W, "additional-properties-closed")],
    ),
    (
        "nested type change behind a $ref",
        lambda s: schemas(s)["Vapi"]["properties"]["cost"].__setitem__("type", "string"),
        [(B, "type-changed")],
    ),
    (
        "array item type changed",
        lambda s: convo(s)["tags"]["items"].__setitem__("type", "integer"),
        [(B, "type-changed")],
    ),
    ("format added", lambda s: convo(s)["url"].__setitem__("format", "uri"), [(W, "format-changed")]),
    (
        "security scheme changed",
        lambda s: s["components"]["securitySchemes"].__setitem__(
            "bearer", {"type": "apiKey", "in": "header", "name": "X-Key"}
        ),
        [(B, "security-scheme-changed")],
    ),
    ("servers changed", lambda s: s["servers"].append({"url": "https://na.example/v3"}), [(W, "servers-changed")]),
    (
        "description changed",
        lambda s: convo(s)["ID"].__setitem__("description", "The ID."),
        [(I, "documentation-changed")],
    ),
    ("a $ref inlined, nothing else", lambda s: convo(s).__setitem__("vapi", copy.deepcopy(schemas(s)["Vapi"])), []),
    (
        "the same object through allOf",
        lambda s: schemas(s).__setitem__(
            "Convo",
            {
                "allOf": [
                    {
                        "type": "object",
                        "required": ["ID"],
                        "properties": {k: v for k, v in convo(s).items() if k != "url"},
                    },
                    {"properties": {"url": {"type": "string"}}},
                ]
            },
        ),
        [],
    ),
]


@pytest.mark.parametrize(("name", "mutate", "expected"), CASES, ids=[case[0] for case in CASES])
def test_each_pair_is_classified(name: str, mutate: Mutation, expected: list[tuple[Severity, str]]) -> None:
    head = base_spec()
    mutate(head)
    diff = diff_specs(base_spec(), head)
    found = sorted((change.severity, change.kind) for change in diff.changes)
    # A description change at a use site of a shared component shows once per use: count rules, not places.
    assert sorted(set(found)) == sorted(set(expected)), [c.as_json() for c in diff.changes]
    for change in diff.changes:
        assert change.location.startswith("/"), change
        assert change.message


def test_pointers_name_the_use_site_behind_refs() -> None:
    head = base_spec()
    schemas(head)["Vapi"]["properties"]["cost"]["type"] = "string"
    (change,) = diff_specs(base_spec(), head).changes
    operation = "/paths/~1agents~1{agentId}~1convos~1{convoId}/get"
    assert (
        change.location
        == operation + "/responses/200/content/application~1json/schema/properties/data/properties/vapi/properties/cost"
    )


@pytest.mark.parametrize(
    ("mutate", "bump"),
    [
        (lambda s: None, "none"),
        (lambda s: convo(s)["ID"].__setitem__("description", "x"), "patch"),
        (lambda s: convo(s).__setitem__("notes", {"type": "string"}), "minor"),
        (lambda s: convo(s)["state"]["enum"].append("c"), "minor"),
        (lambda s: convo(s).pop("ID"), "major"),
    ],
)
def test_suggested_bump(mutate: Mutation, bump: str) -> None:
    head = base_spec()
    mutate(head)
    assert diff_specs(base_spec(), head).bump == bump


def write(path: Path, spec: Spec) -> Path:
    path.write_text(dump_yaml(spec), encoding="utf-8")
    return path


def test_cli_outputs_and_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = base_spec()
    convo(head).pop("ID")
    convo(head)["state"]["enum"].append("c")
    old, new = write(tmp_path / "old.yaml", base_spec()), write(tmp_path / "new.yaml", head)
    assert main(["spec-diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "BREAKING" in out
    assert "suggested voiceglow-client bump: major" in out
    assert main(["spec-diff", str(old), str(new), "--fail-on", "breaking"]) == 1
    capsys.readouterr()
    assert main(["spec-diff", str(old), str(new), "--json", "-"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["bump"] == "major"
    assert document["counts"] == {"breaking": 1, "warning": 1, "info": 0}
    assert main(["spec-diff", str(old), str(new), "--markdown", str(tmp_path / "diff.md")]) == 0
    markdown = (tmp_path / "diff.md").read_text(encoding="utf-8")
    assert "| breaking | `property-removed` |" in markdown
    capsys.readouterr()
    assert main(["spec-diff", str(old), str(old), "--fail-on", "warning"]) == 0


def test_cli_reads_git_revisions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["spec-diff", "HEAD:openapi/voiceglow.yaml", "openapi/voiceglow.yaml"]) in (0, 1)
    assert "spec-diff HEAD:openapi/voiceglow.yaml -> openapi/voiceglow.yaml" in capsys.readouterr().out
    assert main(["spec-diff", "no-such-rev-xyz:openapi/voiceglow.yaml", "openapi/voiceglow.yaml"]) == 2
    assert "git cannot show it" in capsys.readouterr().err
    assert main(["spec-diff", "missing.yaml", "openapi/voiceglow.yaml"]) == 2


def test_a_changelog_version_the_gate_cannot_read_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    argv = ["spec-diff", str(SPEC), str(SPEC), "--changelog", "--changelog-file", str(changelog), "--version", "9.x"]
    assert main(argv) == 2
    assert "'9.x' is not a version of the form X.Y.Z" in capsys.readouterr().err
    assert not changelog.exists()


def test_a_changelog_line_names_an_array_row_field_as_drift_does() -> None:
    def ok(ref: str) -> dict[str, Any]:
        return {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref}}}}}

    rows = {"type": "array", "items": {"$ref": "#/components/schemas/Row"}}
    old: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {"/x": {"get": {"operationId": "getX", "responses": ok("#/components/schemas/Env")}}},
        "components": {"schemas": {
            "Env": {"type": "object", "properties": {"rows": rows}},
            "Row": {"type": "object", "properties": {"a": {"type": "string"}}},
        }},
    }  # fmt: skip
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Row"]["properties"]["b"] = {"type": "string"}
    [change] = diff_specs(old, new).changes
    assert human_line(change, old, new) == "**Added** · `Row.b`: `str` (response field `rows[].b`)."


# --- what mutation testing found unasserted --------------------------------------------------


def _with_rate_header(spec: Spec, *, required: bool) -> Spec:
    header = {"required": required, "schema": {"type": "integer"}}
    get(spec)["responses"]["200"]["headers"] = {"X-Rate-Remaining": header}
    return spec


def test_a_response_header_is_a_change_only_when_it_stops_being_required() -> None:
    optional, required = _with_rate_header(base_spec(), required=False), _with_rate_header(base_spec(), required=True)
    assert diff_specs(optional, _with_rate_header(base_spec(), required=False)).changes == ()
    assert diff_specs(required, _with_rate_header(base_spec(), required=True)).changes == ()
    loosened = diff_specs(required, optional).changes
    assert [(c.kind, c.location.rsplit("/", 1)[-1]) for c in loosened] == [
        ("response-header-became-optional", "X-Rate-Remaining")
    ]


def test_a_documentation_change_says_whether_text_was_added_changed_or_removed() -> None:
    head = base_spec()
    convo(head)["ID"]["description"] = "Another wording."
    head["info"].pop("description")
    convo(head)["tags"]["description"] = "Labels."
    changes = diff_specs(base_spec(), head).changes
    what = {c.message.split(":")[0] for c in changes if c.kind == "documentation-changed"}
    assert what == {"description changed", "description removed", "description added"}


def test_a_property_called_description_is_a_field_not_documentation() -> None:
    base, head = base_spec(), base_spec()
    convo(base)["description"] = {"type": "string"}
    convo(head)["description"] = {"type": "integer"}
    kinds = {c.kind for c in diff_specs(base, head).changes}
    assert "documentation-changed" not in kinds
    assert kinds & {"type-changed", "type-narrowed"}, kinds
