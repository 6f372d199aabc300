"""`--spec` pointed at another API: a large OAS 3.0.3 document works with lint, mock, contract and spec-diff.

The document (`tests/other_api.py`) reproduces what the public ConvoCore description
throws at a tool; every count below is taken from the document, never written here.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import pytest

from tests.other_api import other_api, write_other_api
from tests.yaml_text import dump_yaml
from vgcontract.cli import main
from vgcontract.drift import DriftSchema
from vgcontract.mock import DEFAULT_TOKEN, build_app
from vgcontract.spec import dereference, json_gets, load_spec, with_nullable_as_type

_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_other_api(tmp_path_factory.mktemp("other"))


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in _METHODS
    ]


def test_lint_reports_the_documents_real_problems_without_crashing(
    other: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["lint-spec", "--spec", str(other)])
    out = capsys.readouterr()
    assert code == 1  # arrays without `items` are spectral:oas errors
    assert "array-items" in out.out
    assert "Traceback" not in out.err


def test_the_mock_serves_every_operation_with_auth_and_validated_bodies(other: Path) -> None:
    document = dereference(other_api())
    app = build_app(load_spec(other))
    auth = {"Authorization": f"Bearer {DEFAULT_TOKEN}"}

    async def call(method: str, path: str, **kwargs: Any) -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock.test") as client:
            return await client.request(method, app.base_path + path, **kwargs)

    for template, method, op in _operations(document):
        path = template.replace("{id}", "r1")
        body: dict[str, Any] = {"json": {}} if "requestBody" in op else {}
        secured = bool(op.get("security"))
        anonymous = asyncio.run(call(method, path, **body))
        assert (anonymous.status_code == 401) is secured, (method, template)
        answer = asyncio.run(call(method, path, headers=auth, **body))
        if "requestBody" in op:  # `{}` lacks the required member: the documented `default` error, as a 422
            error = op["responses"]["default"]["content"]["application/json"]["schema"]
            assert answer.status_code == 422, (method, template)
            assert jsonschema_rs.validator_for(with_nullable_as_type(error)).is_valid(answer.json())
            continue
        assert answer.status_code == 200, (method, template, answer.text)
        schema = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert jsonschema_rs.validator_for(with_nullable_as_type(schema)).is_valid(answer.json()), template


@pytest.mark.slow
def test_contract_covers_every_operation_of_the_other_api(other: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["contract", "--spec", str(other), "--examples", "2", "--allow-writes"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"operations {len(_operations(other_api()))} |" in out
    assert "no conversations were fetched by ID" in out  # said, not silently skipped


def test_spec_diff_classifies_a_removed_operation(
    other: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = load_spec(other).document  # a fresh copy, changed below
    removed_path, item = next(iter(head["paths"].items()))
    removed = next(m for m in item if m in _METHODS)
    del item[removed]
    changed = tmp_path / "head.yaml"
    changed.write_text(dump_yaml(head), encoding="utf-8")
    code = main(["spec-diff", str(other), str(changed), "--fail-on", "breaking"])
    out = capsys.readouterr().out
    assert code == 1
    assert "operation-removed" in out
    assert f"{removed.upper()} {removed_path} was removed" in out


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_every_body_the_mock_serves_passes_the_drift_check_s_closed_schema(other: Path, dynamic: bool) -> None:
    spec = load_spec(other)
    app = build_app(spec)
    headers = {b"authorization": f"Bearer {DEFAULT_TOKEN}".encode()}
    if dynamic:
        headers[b"prefer"] = b"dynamic=true"
    checked = 0
    for operation in json_gets(spec.document):
        closed = DriftSchema.from_spec(spec.document, operation.name).check_schema
        path = operation.path.replace("{", "").replace("}", "")  # each parameter named after itself
        reply = app.respond("GET", (app.base_path + path).encode(), headers)
        assert reply.status == 200, (operation.name, reply.body[:200])
        errors = [e.message for e in jsonschema_rs.validator_for(closed).iter_errors(json.loads(reply.body))]
        assert not errors, (operation.name, errors[:3])
        checked += 1
    assert checked == len(json_gets(spec.document)) > 0


def test_the_auth_faults_apply_only_where_a_credential_is_asked_for(other: Path) -> None:
    document = dereference(other_api())
    injectors = build_app(load_spec(other)).faults.injectors
    secured = {
        str(op.get("operationId") or f"{method.upper()} {template}"): bool(op.get("security"))
        for template, method, op in _operations(document)
    }
    assert {True, False} <= {secured[name] for name in injectors}  # the document has both kinds
    for name, injector in injectors.items():
        assert injector.applies("auth-ignored") is secured[name], name
        assert injector.applies("auth-401-for-valid") is secured[name], name
