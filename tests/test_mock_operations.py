"""The mock serves every operation in the spec: routes, auth first, `Allow`, bodies from each schema.

The spec here is the project's, grown as a user would grow it when VoiceGlow documents
more: a list operation (`page`, `limit`, `data: [conversation]`) and a PATCH on the
single conversation. Both key orders of `paths` must behave the same.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import jsonschema
import pytest

from tests.grown_spec import write_grown_spec
from vgcontract.mock import InProcessTransport, build_app
from vgcontract.spec import dereference, load_spec

TOKEN = "grown-spec-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(params=[True, False], ids=["list path first", "list path last"])
def client(request: pytest.FixtureRequest, tmp_path: Path) -> httpx.Client:
    spec = write_grown_spec(tmp_path, list_first=request.param)
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
