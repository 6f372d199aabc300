"""The mock serves every operation in the spec: routes, auth first, `Allow`, bodies from each schema.

The spec here is the project's, grown as a user would grow it when VoiceGlow documents
more: a list operation and a PATCH on the single conversation. Both key orders of `paths`
must behave the same. Paths, paging parameters and envelope members are read from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

from tests.grown_spec import LIST_OPERATION, LIST_PATH, SINGLE_PATH, grown_spec, write_grown_spec
from vgcontract.drift import DriftSchema
from vgcontract.live import conversation_operation, expand_path
from vgcontract.mock import MAX_PAGE, InProcessTransport, build_app
from vgcontract.spec import HTTP_METHODS, PATH_VARIABLE, Paging, dereference, load_spec

TOKEN = "grown-spec-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@dataclass
class Grown:
    client: httpx.Client
    spec: Path


@pytest.fixture(params=[True, False], ids=["list path first", "list path last"])
def grown(request: pytest.FixtureRequest, tmp_path: Path) -> Grown:
    spec = write_grown_spec(tmp_path, list_first=request.param)
    app = build_app(load_spec(spec), token=TOKEN)
    return Grown(httpx.Client(base_url="http://mock.test" + app.base_path, transport=InProcessTransport(app)), spec)


def _path(template: str, *values: str) -> str:
    return expand_path(template, dict(zip(PATH_VARIABLE.findall(template), values, strict=True)))


def test_the_list_needs_a_token_and_pages_by_the_query(grown: Grown) -> None:
    client, listing = grown.client, _path(LIST_PATH, "a1")
    resolved = dereference(load_spec(grown.spec))
    paging = Paging.of(resolved["paths"][LIST_PATH], resolved["paths"][LIST_PATH]["get"])
    assert paging.size is not None
    assert paging.number is not None
    shape = DriftSchema.from_spec(load_spec(grown.spec), LIST_OPERATION).envelope
    rows_key, id_field = shape.record[0], str(shape.id_field)
    assert client.get(listing).status_code == 401  # auth before routing
    assert client.get("/no/such/path").status_code == 401  # unknown paths reveal nothing without a token
    assert client.get("/no/such/path", headers=AUTH).status_code == 404
    asked: dict[str, Any] = {paging.number: 2, paging.size: 5}
    page = client.get(listing, params=asked, headers=AUTH)
    assert page.status_code == 200
    rows = page.json()[rows_key]
    assert len(rows) == 5
    assert len({row[id_field] for row in rows}) == 5
    again = client.get(listing, params=asked, headers=AUTH).json()[rows_key]
    assert again == rows  # deterministic
    huge = client.get(listing, params={paging.size: 100000}, headers=AUTH).json()[rows_key]
    assert len(huge) == min(paging.size_max or MAX_PAGE, MAX_PAGE)
    row_schema = resolved["paths"][LIST_PATH]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    for row in rows:
        jsonschema.validate(row, row_schema["properties"][rows_key]["items"])
    # Each row's ID is a conversation the single operation serves, as itself.
    conversation = conversation_operation(load_spec(grown.spec))
    single_shape = DriftSchema.from_spec(load_spec(grown.spec), conversation).envelope
    single = client.get(_path(SINGLE_PATH, "a1", rows[0][id_field]), headers=AUTH).json()
    assert single_shape.record_id(single) == rows[0][id_field]


def test_allow_comes_from_the_spec(grown: Grown) -> None:
    def declared(path: str) -> str:
        item = grown_spec(list_first=True)["paths"][path]
        return ", ".join(sorted(m.upper() for m in item if m in HTTP_METHODS))

    client, single = grown.client, _path(SINGLE_PATH, "a1", "c1")
    undeclared = next(m for m in ("DELETE", "PUT", "POST") if m not in declared(SINGLE_PATH))
    denied = client.request(undeclared, single, headers=AUTH)
    assert denied.status_code == 405
    assert denied.headers["allow"] == declared(SINGLE_PATH)
    assert client.patch(single, headers=AUTH, json={"tags": ["x"]}).status_code == 200
    other = next(m for m in ("POST", "PUT", "DELETE") if m not in declared(LIST_PATH))
    assert client.request(other, _path(LIST_PATH, "a1"), headers=AUTH).headers["allow"] == declared(LIST_PATH)
