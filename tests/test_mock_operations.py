"""The mock serves every operation in the spec: routes, auth first, `Allow`, bodies from each schema.

The spec here is the project's, grown as a user would grow it when VoiceGlow documents
more: a list operation (`page`, `limit`, `data: [conversation]`) and a PATCH on the
single conversation. Both key orders of `paths` must behave the same.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml

from tests.paths import SPEC
from vgcontract.mock import InProcessTransport, build_app
from vgcontract.spec import dereference, load_spec

TOKEN = "grown-spec-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _grown(list_first: bool) -> dict[str, Any]:
    doc: dict[str, Any] = load_spec(SPEC)
    (single_path, single), *_ = doc["paths"].items()
    get = single["get"]
    envelope_ref = get["responses"]["200"]["content"]["application/json"]["schema"]
    envelope = dereference(doc, envelope_ref)
    row = copy.deepcopy(envelope["properties"]["data"])
    listing = {
        "get": {
            "operationId": "listConversations",
            "summary": "List conversations",
            "x-source": "the third-party description (ConvoCore), conversationRouter-getAgentConvos",
            "parameters": [
                single["parameters"][0],
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 20}},
            ],
            "responses": {
                "200": {
                    "description": "A page of conversations",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "success": {"type": "boolean"},
                                    "message": {"type": "string"},
                                    "data": {"type": "array", "items": row},
                                },
                            }
                        }
                    },
                },
                "401": get["responses"]["401"],
            },
        }
    }
    security = get.get("security", doc.get("security"))
    if security is not None:  # the new operations are protected as the documented one is
        listing["get"]["security"] = security
    single["patch"] = {
        "operationId": "updateConversation",
        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": get["responses"]["200"], "401": get["responses"]["401"]},
        **({"security": security} if security is not None else {}),
    }
    list_path = single_path.rsplit("/", 1)[0]
    paths = {list_path: listing, single_path: single} if list_first else {single_path: single, list_path: listing}
    doc["paths"] = paths
    return doc


@pytest.fixture(params=[True, False], ids=["list path first", "list path last"])
def client(request: pytest.FixtureRequest, tmp_path: Path) -> httpx.Client:
    spec = tmp_path / "grown.yaml"
    spec.write_text(yaml.safe_dump(_grown(request.param), sort_keys=False), encoding="utf-8")
    app = build_app(spec, token=TOKEN)
    return httpx.Client(base_url="http://mock.test" + app.base_path, transport=InProcessTransport(app))


def test_the_list_needs_a_token_and_pages_by_the_query(client: httpx.Client, tmp_path: Path) -> None:
    assert client.get("/agents/a1/convos").status_code == 401  # auth before routing
    assert client.get("/no/such/path").status_code == 401  # unknown paths reveal nothing without a token
    assert client.get("/no/such/path", headers=AUTH).status_code == 404
    page = client.get("/agents/a1/convos", params={"page": 2, "limit": 5}, headers=AUTH)
    assert page.status_code == 200
    rows = page.json()["data"]
    assert len(rows) == 5
    assert len({row["ID"] for row in rows}) == 5
    again = client.get("/agents/a1/convos", params={"page": 2, "limit": 5}, headers=AUTH).json()["data"]
    assert again == rows  # deterministic
    assert client.get("/agents/a1/convos", params={"limit": 100000}, headers=AUTH).json()["data"].__len__() == 100
    row_schema = dereference(load_spec(tmp_path / "grown.yaml"))["paths"]["/agents/{agentId}/convos"]["get"][
        "responses"
    ]["200"]["content"]["application/json"]["schema"]["properties"]["data"]["items"]
    for row in rows:
        jsonschema.validate(row, row_schema)
    # Each row's ID is a conversation the single operation serves, as itself.
    single = client.get(f"/agents/a1/convos/{rows[0]['ID']}", headers=AUTH).json()
    assert single["data"]["ID"] == rows[0]["ID"]


def test_allow_comes_from_the_spec(client: httpx.Client) -> None:
    denied = client.delete("/agents/a1/convos/c1", headers=AUTH)
    assert denied.status_code == 405
    assert denied.headers["allow"] == "GET, PATCH"
    assert client.patch("/agents/a1/convos/c1", headers=AUTH, json={"tags": ["x"]}).status_code == 200
    assert client.post("/agents/a1/convos", headers=AUTH).headers["allow"] == "GET"
