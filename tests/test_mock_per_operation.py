"""Every operation is served from its own definition: request bodies, error bodies, envelopes and faults.

Small specs written here use envelope names VoiceGlow does not (`ok`, `result`, `items`),
so nothing can pass by knowing `success`/`message`/`data`.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import orjson
import pytest

from tests.grown_spec import LIST_OPERATION, LIST_PATH, SINGLE_PATH, write_grown_spec
from tests.yaml_text import dump_yaml
from vgcontract import Severity
from vgcontract.cli import main
from vgcontract.contract import run_contract
from vgcontract.drift import DriftSchema, Record, run_drift
from vgcontract.live import Target, conversation_operation, expand_path
from vgcontract.mock import DEFAULT_TOKEN, build_app
from vgcontract.mock.faults import FaultPlan
from vgcontract.selftest import serve
from vgcontract.spec import PATH_VARIABLE, Envelope, dereference, load_spec

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}

_WIDGET = {
    "type": "object",
    "required": ["widgetId", "size"],
    "properties": {
        "widgetId": {"type": "string"},
        "size": {"type": "integer", "minimum": 1},
        "shape": {"type": "object", "properties": {"sides": {"type": "integer"}}},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
}
_PROBLEM = {
    "type": "object",
    "required": ["ok", "problem"],
    "properties": {
        "ok": {"type": "boolean"},
        "problem": {"type": "string"},
        "code": {"type": "integer", "example": 4040},
    },
}


def _other_api() -> dict[str, Any]:
    """An API with its own envelope (`ok` / `result`), a write, and error bodies with no examples."""
    wrapped = {
        "type": "object",
        "required": ["ok", "result"],
        "properties": {"ok": {"type": "boolean", "example": True}, "note": {"type": "string"}, "result": _WIDGET},
    }
    page = {
        "type": "object",
        "properties": {"ok": {"type": "boolean"}, "items": {"type": "array", "items": _WIDGET}},
    }

    def problem(text: str) -> dict[str, Any]:
        return {"description": text, "content": {"application/json": {"schema": _PROBLEM}}}

    def ok(schema: dict[str, Any]) -> dict[str, Any]:
        return {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}

    return {
        "openapi": "3.1.0",
        "info": {"title": "Widgets", "version": "1.0.0"},
        "servers": [{"url": "https://widgets.example.test/api"}],
        "paths": {
            "/shops/{shopId}/widgets": {
                "parameters": [{"name": "shopId", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {
                    "operationId": "listWidgets",
                    "parameters": [
                        {"name": "per_page", "in": "query", "schema": {"type": "integer", "default": 3, "maximum": 7}},
                        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                    ],
                    "responses": {**ok(page), "4XX": problem("no shop")},
                },
            },
            "/shops/{shopId}/widgets/{widgetId}": {
                "parameters": [
                    {"name": "shopId", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "widgetId", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "get": {"operationId": "getWidget", "responses": {**ok(wrapped), "404": problem("no widget")}},
                "put": {
                    "operationId": "putWidget",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _WIDGET}}},
                    "responses": {**ok(wrapped), "422": problem("invalid widget")},
                },
            },
        },
    }


@pytest.fixture
def widgets(tmp_path: Path) -> Path:
    path = tmp_path / "widgets.yaml"
    path.write_text(dump_yaml(_other_api()), encoding="utf-8")
    return path


def _send(spec: Path, method: str, path: str, **kwargs: Any) -> httpx.Response:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=build_app(load_spec(spec), faults=kwargs.pop("plan", None)))
        async with httpx.AsyncClient(transport=transport, base_url="http://mock.test") as client:
            return await client.request(method, path, headers={**AUTH, **kwargs.pop("headers", {})}, **kwargs)

    return asyncio.run(call())


def _names(template: str) -> list[str]:
    return PATH_VARIABLE.findall(template)


def _response_schema(spec: Path, path: str, method: str, status: str) -> dict[str, Any]:
    resolved = dereference(load_spec(spec))
    schema: dict[str, Any] = resolved["paths"][path][method]["responses"][status]["content"]["application/json"][
        "schema"
    ]
    return schema


def test_the_envelope_is_read_from_the_schema_not_from_key_names(widgets: Path) -> None:
    single = Envelope.from_schema(_response_schema(widgets, "/shops/{shopId}/widgets/{widgetId}", "get", "200"))
    assert (single.record, single.success_flag, single.message, single.id_field) == (
        ("result",),
        "ok",
        "note",
        "widgetId",
    )
    listing = Envelope.from_schema(_response_schema(widgets, "/shops/{shopId}/widgets", "get", "200"))
    assert listing.record == ("items", "[]")
    assert listing.is_list
    bare = Envelope.from_schema(_WIDGET)  # one nested object and no flag: a record, not a wrapper
    assert bare.record == ()
    assert bare.success_flag is None
    assert bare.id_field == "widgetId"


def test_a_write_body_is_validated_against_the_operations_request_schema(widgets: Path) -> None:
    path = "/api/shops/s1/widgets/w1"
    good = _send(widgets, "PUT", path, json={"widgetId": "w1", "size": 3})
    assert good.status_code == 200
    assert good.json()["ok"] is True
    problem = jsonschema_rs.validator_for(_PROBLEM)
    for body in ({"widgetId": "w1", "size": 0}, {"size": 2}, None):
        kwargs: dict[str, Any] = {"json": body} if body is not None else {}
        answer = _send(widgets, "PUT", path, **kwargs)
        assert answer.status_code == 422, body  # the documented status for an invalid body
        assert problem.is_valid(answer.json())
        assert answer.json()["ok"] is False
    broken = _send(widgets, "PUT", path, content=b"{not json", headers={"Content-Type": "application/json"})
    assert broken.status_code == 422
    assert "not valid JSON" in broken.json()["problem"]


def test_error_bodies_follow_each_operations_documented_schema(widgets: Path) -> None:
    problem = jsonschema_rs.validator_for(_PROBLEM)
    for path in ("/api/shops/s1/widgets/missing-w", "/api/shops/missing-s/widgets"):
        answer = _send(widgets, "GET", path)
        assert answer.status_code == 404
        assert problem.is_valid(answer.json()), answer.text
        assert answer.json()["code"] == 4040  # the schema's own example value


def test_a_range_status_is_served_like_the_status_it_covers(widgets: Path) -> None:
    answer = _send(widgets, "GET", "/api/shops/missing-s/widgets")
    assert answer.status_code == 404  # the mock's own 404 for a missing shop, in the `4XX` body
    assert jsonschema_rs.validator_for(_PROBLEM).is_valid(answer.json())
    assert answer.json()["ok"] is False


def test_pages_follow_the_operations_own_paging_parameters(widgets: Path) -> None:
    def rows(query: str) -> list[str]:
        answer = _send(widgets, "GET", f"/api/shops/s1/widgets{query}")
        assert answer.status_code == 200, answer.text
        return [row["widgetId"] for row in answer.json()["items"]]

    paging = dereference(load_spec(widgets))["paths"]["/shops/{shopId}/widgets"]["get"]["parameters"][0]["schema"]
    assert len(rows("")) == paging["default"]  # the documented default, not the mock's own
    assert len(rows("?per_page=1000")) == paging["maximum"]
    assert len(rows("?per_page=2")) == 2
    assert rows("?per_page=2&page=2")[0] not in rows("?per_page=2&page=1")


def test_drift_checks_another_apis_envelope(widgets: Path) -> None:
    spec = load_spec(widgets)
    schema = DriftSchema.from_spec(spec, "getWidget")
    good = orjson.dumps({"ok": True, "result": {"widgetId": "w1", "size": 2}})
    failed = orjson.dumps({"ok": False, "result": {"widgetId": "w1", "size": 2}})
    report = run_drift([Record("w1", good, 200), Record("w2", failed, 200)], schema, source="test")
    assert report.conforming == 1
    assert [(f.kind, f.location) for f in report.findings if f.severity >= Severity.WARNING] == [
        ("envelope-violation", "ok")
    ]


def test_faults_break_the_list_operation_at_its_rows(tmp_path: Path) -> None:
    spec = write_grown_spec(tmp_path, list_first=True)
    plan = FaultPlan(("undocumented-field",), operation=LIST_OPERATION)
    app = build_app(load_spec(spec), faults=plan)
    listing = _send(
        spec, "GET", app.base_path + expand_path(LIST_PATH, dict.fromkeys(_names(LIST_PATH), "a1")), plan=plan
    )
    single = _send(
        spec, "GET", app.base_path + expand_path(SINGLE_PATH, dict.fromkeys(_names(SINGLE_PATH), "a1")), plan=plan
    )
    schema = DriftSchema.from_spec(load_spec(spec), LIST_OPERATION)
    rows_key = schema.envelope.record[0]
    new = app.faults.describe("undocumented-field")
    assert new.startswith(f"{rows_key}[].")
    name = new.removeprefix(f"{rows_key}[].")
    assert name in listing.json()[rows_key][0]
    single_key = DriftSchema.from_spec(load_spec(spec), conversation_operation(load_spec(spec))).envelope.record[0]
    assert name not in single.json()[single_key]  # scoped to the list: the single conversation is untouched
    report = run_drift([Record("page", listing.content, 200, "application/json")], schema, source="test")
    assert ("undocumented-field", new) in {(f.kind, f.location) for f in report.findings}


def test_a_fault_on_an_unknown_operation_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    spec = write_grown_spec(tmp_path, list_first=False)
    code = main(["mock", "--spec", str(spec), "--faults", "slow", "--fault-operation", "nope", "--list-faults"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("vgcontract: error: --fault-operation 'nope' has no JSON success body to break; known: ")
    assert LIST_OPERATION in err
    assert str(conversation_operation(load_spec(spec))) in err


def test_a_closed_reader_is_not_a_traceback() -> None:
    script = "import sys; from vgcontract.cli import main; sys.exit(main(['mock', '--list-faults']))"
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader goes away before the first line
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
    assert proc.returncode in (0, 3)  # 0 when everything fit in the pipe buffer first


def test_a_refused_valid_token_is_found_on_every_operation(tmp_path: Path) -> None:
    """A 401 is documented, so only our probe sees a gateway refusing the configured token on the list."""
    spec = write_grown_spec(tmp_path, list_first=False)
    app = build_app(load_spec(spec), token="t0k", faults=FaultPlan(("auth-401-for-valid",), operation=LIST_OPERATION))
    agent, ids = app.sample_ids(2)
    with serve(app) as base_url:
        target = Target(load_spec(spec), base_url, "t0k", agent, ids, ids, examples=2, timeout=5.0)
        result = run_contract(target)
    refused = [f for f in result.findings if f.kind == "valid_token_refused"]
    assert len(refused) == 1
    assert refused[0].location == "status 401"
    assert "t0k" not in refused[0].evidence["reproduce"]
