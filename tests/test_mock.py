"""The embedded mock: every answer conforms to the spec, and its data is deterministic and plausible.

Conformance is checked with jsonschema-rs against the spec's own response schemas, a code
path independent of the mock's generator.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
from collections import Counter
from typing import Any

import httpx
import jsonschema_rs
import pytest

from benches.processes import spawn, stop
from tests.paths import ROOT, SPEC
from tests.standins import free_port
from vgcontract.mock import DEFAULT_TOKEN, ConversationFactory, MockApp, build_app
from vgcontract.spec import dereference, load_spec

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}
OP = "/agents/{agentId}/convos/{convoId}"
SAMPLE_IDS = [(f"agent{i % 7}", f"convo-{i}") for i in range(250)]
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]+$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


@pytest.fixture(scope="module")
def app() -> MockApp:
    return build_app(load_spec(SPEC))


@pytest.fixture(scope="module")
def responses_schema() -> dict[str, Any]:
    resolved = dereference(load_spec(SPEC))
    schemas: dict[str, Any] = resolved["paths"][OP]["get"]["responses"]
    return schemas


def _get(app: MockApp, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> httpx.Response:
    # Through the real ASGI interface, as uvicorn would call it.
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock.test") as client:
            return await client.request(method, path, headers=headers)

    return asyncio.run(call())


def _conforms(responses: dict[str, Any], status: int, body: Any) -> list[str]:
    response = responses.get(str(status)) or responses["default"]
    schema = response["content"]["application/json"]["schema"]
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    return [f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in validator.iter_errors(body)]


def test_generated_conversations_conform(app: MockApp, responses_schema: dict[str, Any]) -> None:
    for agent, convo in SAMPLE_IDS:
        response = _get(app, f"/v3/agents/{agent}/convos/{convo}", AUTH)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert _conforms(responses_schema, 200, response.json()) == [], (agent, convo)


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/v3/agents/a/convos/c", {}, 401),
        ("/v3/agents/a/convos/c", {"Authorization": "Bearer wrong"}, 401),
        ("/v3/agents/a/convos/c", {"Authorization": DEFAULT_TOKEN}, 401),
        ("/v3/agents/foreign-a/convos/c", AUTH, 403),
        ("/v3/agents/missing-a/convos/c", AUTH, 404),
        ("/v3/agents/a/convos/missing-c", AUTH, 404),
        ("/v3/agents/a/convos/c", {**AUTH, "Prefer": "code=429"}, 429),
        ("/v3/agents/a/convos/c", {**AUTH, "Prefer": "code=404"}, 404),
        ("/v3/agents/a/convos/c", {**AUTH, "Prefer": "code=503"}, 503),
        ("/v3/agents/a/convos/c", {**AUTH, "Prefer": "example=agentNotOwned"}, 403),
        ("/v3/agents/a/convos/c", {**AUTH, "Prefer": "code=200"}, 200),
        ("/v3/agents/a/convos/c", {**AUTH, "Prefer": "example=pageExample"}, 200),
    ],
)
def test_errors_and_preferences_conform(
    app: MockApp, responses_schema: dict[str, Any], path: str, headers: dict[str, str], status: int
) -> None:
    response = _get(app, path, headers)
    assert response.status_code == status
    body = response.json()
    assert _conforms(responses_schema, status, body) == []
    assert body["success"] is (status == 200)


def test_rate_limit_carries_retry_after(app: MockApp) -> None:
    response = _get(app, "/v3/agents/a/convos/c", {**AUTH, "Prefer": "code=429"})
    assert response.headers["retry-after"] == "30"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("POST", "/v3/agents/a/convos/c", 405), ("DELETE", "/v3/agents/a/convos/c", 405), ("GET", "/v3/agents/a", 404)],
)
def test_other_methods_and_paths(app: MockApp, method: str, path: str, status: int) -> None:
    response = _get(app, path, AUTH, method=method)
    assert response.status_code == status
    assert response.json()["success"] is False
    if status == 405:
        assert response.headers["allow"] == "GET"


def test_unknown_paths_get_404(app: MockApp) -> None:
    for path in ("/", "/v3", "/v2/agents/a/convos/c", "/v3/agents//convos/c", "/v3/agents/a/convos/c/extra"):
        assert _get(app, path, AUTH).status_code == 404, path


def test_page_example_is_served_for_its_ids(app: MockApp) -> None:
    page = json.loads((ROOT / "contract_tests" / "fixtures" / "page_example_response.json").read_text())
    assert _get(app, "/v3/agents/agent123/convos/agent123_convo456", AUTH).json() == page


def test_encoded_slash_stays_inside_the_id(app: MockApp) -> None:
    body = _get(app, "/v3/agents/a/convos/x%2Fy", AUTH).json()
    assert body["data"]["ID"] == "x/y"


def test_same_ids_same_body_across_processes(app: MockApp) -> None:
    here = _get(app, "/v3/agents/agent9/convos/c-42", AUTH).content
    code = (
        "from pathlib import Path; from vgcontract.mock import build_app; from vgcontract.spec import load_spec;"
        f"import sys; r = build_app(load_spec(Path({str(SPEC)!r}))).respond('GET', b'/v3/agents/agent9/convos/c-42', "
        "{b'authorization': b'Bearer vg-mock-token'}); sys.stdout.buffer.write(r.body)"
    )
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert here == there
    assert _get(app, "/v3/agents/agent9/convos/c-43", AUTH).content != here


def _conversation_schema() -> dict[str, Any]:
    envelope = dereference(load_spec(SPEC))["paths"][OP]["get"]["responses"]["200"]["content"]["application/json"]
    schema: dict[str, Any] = envelope["schema"]["properties"]["data"]
    return schema


def test_a_body_made_again_is_the_same_and_the_caller_s_own() -> None:
    first = ConversationFactory(_conversation_schema()).conversation("agent9", "c-42")
    made = json.dumps(first, sort_keys=True)
    for value in first.values():  # a caller changes what it got, down to nested members
        if isinstance(value, dict):
            value.clear()
        elif isinstance(value, list):
            value.append("changed")
    first["ID"] = "changed"
    # Another factory of an equal schema (another dereferenced copy): the same body, untouched.
    again = ConversationFactory(_conversation_schema()).conversation("agent9", "c-42")
    assert json.dumps(again, sort_keys=True) == made
    assert json.dumps(ConversationFactory(_conversation_schema(), seed=3).conversation("agent9", "c-42")) != made
    complete = ConversationFactory(_conversation_schema(), complete=True).conversation("agent9", "c-42")
    assert json.dumps(complete, sort_keys=True) != made


def test_values_are_plausible(app: MockApp) -> None:
    present: Counter[str] = Counter()
    states: set[str] = set()
    for agent, convo in SAMPLE_IDS:
        data = _get(app, f"/v3/agents/{agent}/convos/{convo}", AUTH).json()["data"]
        present.update(data.keys())
        assert data["ID"] == convo
        for key in ("userEmail",):
            if key in data:
                assert EMAIL.match(data[key]), data[key]
        for key in ("userPhone", "whatsappBusinessNumber"):
            if key in data:
                assert E164.match(data[key]), data[key]
        stamps = [data[k] for k in ("firstMessageTS", "lastMessageTS", "lastModified") if k in data]
        assert stamps == sorted(stamps)
        for key in ("ts", "firstMessageTS", "lastMessageTS", "lastModified"):
            if key in data:
                assert 1_600_000_000 <= data[key] < 2_000_000_000  # seconds, not milliseconds
        if "state" in data:
            states.add(data["state"])
        for key in ("handoffHistory", "crmActivities", "tags"):
            if key in data:
                assert 0 <= len(data[key]) <= 3
    assert states == {"requested_chat", "human-chatting", "ai-chatting", "ended_chat"}
    # Optional fields are sometimes absent and sometimes present; the required ones always are.
    data_schema = dereference(load_spec(SPEC))["components"]["schemas"]["Conversation"]
    required = set(data_schema.get("required") or ())
    assert required
    assert all(present[name] == len(SAMPLE_IDS) for name in required)
    optional = {k: n for k, n in present.items() if k not in required}
    # Every optional field the spec lists shows up in the sample, and none in every body.
    assert set(optional) == set(data_schema["properties"]) - required
    assert all(0 < n < len(SAMPLE_IDS) for n in optional.values())


def test_token_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICEGLOW_MOCK_TOKEN", "another-token")
    app = build_app(load_spec(SPEC))
    assert _get(app, "/v3/agents/a/convos/c", AUTH).status_code == 401
    assert _get(app, "/v3/agents/a/convos/c", {"Authorization": "Bearer another-token"}).status_code == 200


def test_mock_command_serves_on_loopback() -> None:
    """`vgcontract mock` as a real server process: one request, then it is stopped."""
    port = free_port()
    proc = spawn(
        [sys.executable, "-m", "vgcontract", "mock", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        response = None
        for _ in range(200):  # bounded: at most ~10 s for the server to come up
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/v3/agents/a/convos/c", headers=AUTH, timeout=2)
                break
            except httpx.ConnectError:
                time.sleep(0.05)
        assert response is not None
        assert response.status_code == 200
        assert response.json()["data"]["ID"] == "c"
    finally:
        stop(proc)  # the process group: nothing it started outlives the test
        out, _ = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/v3" in out
    assert DEFAULT_TOKEN not in out  # says where the token comes from, never the token
