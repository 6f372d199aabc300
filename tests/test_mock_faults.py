"""The mock's fault modes: each one breaks what it says, on the fields the spec names, deterministically.

Breaks are checked on the wire (through the ASGI interface, as uvicorn calls the app) and
against the spec's own schema, not against the injector's idea of what it did.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import orjson
import pytest

from tests.paths import SPEC
from tests.spec_fields import conversation_path
from tests.yaml_text import dump_yaml
from vgcontract.cli import main
from vgcontract.live import conversation_operation
from vgcontract.mock import DEFAULT_TOKEN, MockApp, build_app
from vgcontract.mock.faults import BODY_MODES, MODES, FaultPlan, parse_modes
from vgcontract.spec import dereference, load_spec

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
_FETCHED = next(operation for operation in load_spec(SPEC).operations if operation.fetched)
PATH = build_app(load_spec(SPEC)).base_path + conversation_path("agent9", "convo-42")
OP = _FETCHED.path


def _get(app: MockApp, path: str = PATH, headers: dict[str, str] | None = None) -> httpx.Response:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock.test") as client:
            return await client.get(path, headers=AUTH if headers is None else headers)

    return asyncio.run(call())


def _fetched(spec: Path = SPEC) -> str | None:
    """The single-conversation GET these tests request: faults are scoped to it."""
    return conversation_operation(load_spec(spec))


def _faulty(*modes: str, rate: float = 1.0, spec: Path = SPEC, delay: float = 15.0) -> MockApp:
    return build_app(load_spec(spec), faults=FaultPlan(modes, rate=rate, delay=delay, operation=_fetched(spec)))


def _success_errors(body: Any) -> list[str]:
    """The spec's 200 schema, closed like the drift check closes it, judged by jsonschema-rs."""
    schema = dereference(load_spec(SPEC))["paths"][OP]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    errors = jsonschema_rs.validator_for(schema).iter_errors(body)
    return [f"{'.'.join(map(str, e.instance_path))}: {e.message}" for e in errors]


def _at(body: Any, dotted: str) -> Any:
    node = body
    for step in dotted.split("."):
        node = node[int(step)] if isinstance(node, list) else node[step]
    return node


def _baseline() -> dict[str, Any]:
    body: dict[str, Any] = _get(build_app(load_spec(SPEC))).json()
    return body


def test_list_faults_names_every_mode_and_its_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mock", "--list-faults", "--fault-operation", str(_fetched())]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == [m.name for m in MODES]
    assert "breaks: data.state" in out
    assert "breaks: data.ID" in out
    assert "breaks: data.ts, else the next of" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--faults", "type-change,nope"], "unknown fault mode 'nope'; known: type-change, "),
        (["--faults", " , "], "--faults needs at least one mode"),
        (["--faults", "slow", "--fault-rate", "1.5"], "--fault-rate must be between 0 and 1, got 1.5"),
        (["--faults", "slow", "--fault-delay", "0"], "--fault-delay must be above 0"),
    ],
)
def test_bad_fault_options_are_one_line_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["mock", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"vgcontract: error: {message}")
    assert err.count("\n") == 1


def test_faults_have_one_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["mock", "--drift", "slow"])
    assert refused.value.code == 2
    assert "unrecognized arguments: --drift" in capsys.readouterr().err


def test_parse_modes_keeps_order_and_drops_repeats() -> None:
    assert parse_modes("slow, type-change,slow") == ("slow", "type-change")


def test_without_faults_the_body_conforms() -> None:
    assert _success_errors(_baseline()) == []


def test_type_change_retypes_the_first_required_scalar() -> None:
    response = _get(_faulty("type-change"))
    body = response.json()
    assert body["data"]["ID"] == 42  # "convo-42" as a number: a string field became an integer
    assert 'data.ID: 42 is not of type "string"' in _success_errors(body)


def test_nested_type_change_breaks_one_field_inside_an_array_of_objects() -> None:
    app = _faulty("nested-type-change")
    body = _get(app).json()
    [(mode, path)] = list(app.faults.applied)
    assert mode == "nested-type-change"
    assert "[]." in path
    [error] = _success_errors(body)
    where, _, message = error.partition(": ")
    assert re.sub(r"\.\d+", "[]", where) == path  # the schema names exactly the field the mock broke
    assert "is not of type" in message


def test_null_object_and_array_to_object() -> None:
    body = _get(_faulty("null-object")).json()
    nulls = [k for k, v in body["data"].items() if v is None]
    assert len(nulls) == 1
    assert _success_errors(body) == [f'data.{nulls[0]}: null is not of type "object"']
    before, after = _baseline()["data"], _get(_faulty("array-to-object")).json()["data"]
    changed = [k for k in before if isinstance(before[k], list) and not isinstance(after[k], list)]
    assert len(changed) == 1
    name = changed[0]
    assert after[name] == {str(i): item for i, item in enumerate(before[name])}


def test_undocumented_fields_top_level_and_nested() -> None:
    app = _faulty("undocumented-field")
    new = app.faults.describe("undocumented-field").removeprefix("data.")  # a name the spec lacks
    body = _get(app).json()
    assert body["data"][new] == 0.82
    assert _success_errors(body) == []  # the spec's objects are open: only the drift check sees it
    app = _faulty("nested-undocumented-field")
    nested = _get(app).json()
    [(_, path)] = list(app.faults.applied)
    assert path.endswith(".traceId")
    assert path.count(".") >= 2  # inside a nested object, not at the top of `data`
    assert orjson.dumps(nested).count(b'"traceId":"tr-7f3a9c"') == 1


def test_enum_and_timestamp_units() -> None:
    body = _get(_faulty("enum-new-value")).json()
    assert body["data"]["state"] == "archived"
    assert len(_success_errors(body)) == 1
    before, after = _baseline()["data"], _get(_faulty("timestamp-units")).json()["data"]
    assert after["ts"] == before["ts"] * 1000
    assert after["ts"] >= 10**12


def test_envelope_breaks() -> None:
    missing = _get(_faulty("envelope-missing-data")).json()
    assert set(missing) == {"success", "message"}
    false = _get(_faulty("success-false-200"))
    assert false.status_code == 200
    assert false.json()["success"] is False
    assert false.json()["data"]["ID"] == "convo-42"


def test_transport_breaks() -> None:
    html = _get(_faulty("html-200"))
    assert (html.status_code, html.headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert html.text.startswith("<!DOCTYPE html>")
    server_error = _get(_faulty("json-500"))
    assert (server_error.status_code, server_error.json()["success"]) == (500, False)
    plain = _get(_faulty("wrong-content-type"))
    assert plain.headers["content-type"] == "text/plain; charset=utf-8"
    assert plain.json() == _baseline()
    truncated = _get(_faulty("truncated-body"))
    whole = orjson.dumps(_baseline())
    assert truncated.content == whole[: len(whole) // 2]
    assert truncated.headers["content-length"] == str(len(whole) // 2)
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(truncated.content)


def test_slow_answers_after_the_delay() -> None:
    app = _faulty("slow", delay=7.5)
    reply = app.respond("GET", PATH.encode(), {b"authorization": f"Bearer {app.token}".encode()})
    assert reply.delay == 7.5  # the server waits this long before it sends (`MockApp.__call__`)
    assert orjson.loads(reply.body) == _baseline()


def test_auth_breaks() -> None:
    ignored = _faulty("auth-ignored")
    assert _get(ignored, headers={}).status_code == 200
    assert _get(ignored, headers={"Authorization": "Bearer wrong"}).json()["data"]["ID"] == "convo-42"
    rejecting = _faulty("auth-401-for-valid")
    assert _get(rejecting).status_code == 401
    assert _get(build_app(load_spec(SPEC)), headers={}).status_code == 401  # the baseline still rejects a missing token


def test_removed_renamed_and_error_envelope() -> None:
    missing = _get(_faulty("required-field-missing")).json()
    assert "ID" not in missing["data"]
    assert _success_errors(missing) == ['data: "ID" is a required property']
    app = _faulty("field-renamed")
    renamed = _get(app).json()["data"]
    [(_, path)] = list(app.faults.applied)
    assert "_" in path
    assert path.removeprefix("data.") in renamed
    assert _get(_faulty("wrong-conversation")).json()["data"]["ID"] == "convo-42-cached-neighbour"
    errors = _get(_faulty("error-envelope-drift"), headers={})
    assert errors.status_code == 401
    assert errors.json() == {"error": "Unauthorized"}


def test_modes_follow_the_spec(tmp_path: Path) -> None:
    """Rename fields in a copy of the spec: the modes break the new names, not a hard-coded list."""
    spec = load_spec(SPEC).document  # a fresh copy, changed below
    conversation = spec["components"]["schemas"]["Conversation"]
    renames = {"state": "status", "ts": "startedAt"}  # the enum field, and the first epoch-seconds field
    conversation["properties"] = {renames.get(k, k): v for k, v in conversation["properties"].items()}
    conversation["required"] = ["ID", "status"]
    path = tmp_path / "renamed.yaml"
    path.write_text(dump_yaml(spec), encoding="utf-8")
    enum = _get(_faulty("enum-new-value", spec=path)).json()["data"]
    assert enum["status"] == "archived"
    assert "state" not in enum
    app = _faulty("timestamp-units", "required-field-missing", spec=path)
    body = _get(app).json()["data"]
    assert body["startedAt"] >= 10**12
    assert {p for _, p in app.faults.applied} == {"data.startedAt", "data.ID"}
    assert app.faults.describe("enum-new-value") == "data.status"


def test_rate_is_deterministic_and_close_to_the_fraction() -> None:
    plan = FaultPlan(("type-change",), rate=0.25)
    keys = [f"GET /v3/agents/a/convos/c{i}".encode() for i in range(4000)]
    chosen = [plan.selects("type-change", k) for k in keys]
    assert chosen == [plan.selects("type-change", k) for k in keys]  # same key, same answer
    assert 0.22 < sum(chosen) / len(keys) < 0.28
    other_seed = FaultPlan(("type-change",), rate=0.25, seed=7)
    assert chosen != [other_seed.selects("type-change", k) for k in keys]
    assert not any(FaultPlan(("type-change",), rate=0.0).selects("type-change", k) for k in keys[:100])
    assert not plan.selects("slow", keys[0])  # a mode that is not in the plan never applies


def test_rate_over_http_drifts_the_same_conversations_every_time() -> None:
    def drifted(app: MockApp) -> set[int]:
        new = app.faults.describe("undocumented-field").removeprefix("data.")
        out = set()
        for i in range(200):
            body = _get(app, f"/v3/agents/a/convos/c-{i}").json()
            if new in body["data"]:
                out.add(i)
        return out

    first = drifted(_faulty("undocumented-field", rate=0.3))
    assert 40 <= len(first) <= 80
    assert drifted(_faulty("undocumented-field", rate=0.3)) == first


@pytest.mark.parametrize("mode", sorted(BODY_MODES))
def test_body_modes_never_crash_on_odd_ids(mode: str) -> None:
    # Generated IDs include digits outside ASCII ("³") and control characters.
    app = _faulty(mode)
    for path in (
        "/v3/agents/%C2%B3/convos/%C2%B3%C2%B2",
        "/v3/agents/%07/convos/1e100",
        "/v3/agents/a/convos/%F0%9F%98%80",
    ):
        assert _get(app, path).status_code == 200
