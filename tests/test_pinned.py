"""Pinned requests per operation (`contract --pinned FILE`): known-good parameters and bodies must succeed.

Runs on the grown spec (a list and a PATCH beside the documented GET), through the
embedded mock, so every assertion is about the run, not about a stub.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.grown_spec import LIST_OPERATION, WRITE_OPERATION, write_grown_spec
from tests.yaml_text import dump_yaml
from vgcontract.cli import main
from vgcontract.contract import load_pinned, run_contract
from vgcontract.live import Target, conversation_operation
from vgcontract.mock import build_app
from vgcontract.selftest import serve
from vgcontract.spec import load_spec

_WRITE = WRITE_OPERATION  # the grown spec's PATCH


def _pinned(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "pinned.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    return write_grown_spec(tmp_path, list_first=False)


def test_pinned_requests_run_and_a_refused_one_is_a_violation(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fetched = str(conversation_operation(load_spec(spec)))
    good = _pinned(tmp_path, {LIST_OPERATION: [{"parameters": {"limit": 2, "page": 3}}]})
    assert main(["contract", "--spec", str(spec), "--examples", "2", "--pinned", str(good)]) == 0
    capsys.readouterr()
    # The mock answers 404 for IDs starting with `missing-`: a pinned request must not get that.
    bad = _pinned(tmp_path, {fetched: [{"parameters": {"convoId": "missing-gone"}}]})
    code = main(["contract", "--spec", str(spec), "--examples", "2", "--pinned", str(bad)])
    out = capsys.readouterr().out
    assert code == 1, out
    assert f"a pinned request to {fetched} was answered HTTP 404" in out


def test_a_pinned_write_never_touches_a_pinned_conversation_unless_asked(spec: Path, tmp_path: Path) -> None:
    app = build_app(load_spec(spec), token="pin-token")
    agent, ids = app.sample_ids(2)
    writes = [
        {"parameters": {"convoId": ids[0]}, "body": {"tags": ["vgcontract"]}},
        {"parameters": {"convoId": "sandbox-1"}, "body": {"tags": ["vgcontract"]}},
        {"parameters": {"convoId": ids[1]}, "body": {}, "allow-pinned-write": True},
    ]
    requests = load_pinned(_pinned(tmp_path, {_WRITE: writes}), load_spec(spec))
    with serve(app) as base_url:
        target = Target(load_spec(spec), base_url, "pin-token", agent, ids, ids, examples=1, timeout=5.0)
        result = run_contract(target, allow_writes=True, pinned=requests)
    refused = {label: why for label, why in result.not_run.items() if "(pinned)" in label}
    assert len(refused) == 1
    assert f"a write to pinned conversation {ids[0]!r}" in next(iter(refused.values()))
    assert not [f for f in result.findings if f.kind == "pinned_request"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"nope": [{}]}, "no operation 'nope' in the spec; known: "),
        ({LIST_OPERATION: [{"parameters": {"sort": "asc"}}]}, "'sort' is not a path or query parameter of"),
        ({LIST_OPERATION: [{"body": {}}]}, f"{LIST_OPERATION} takes no request body"),
        ({LIST_OPERATION: [{"parameters": {"limit": "${VG_UNSET_FOR_TEST}"}}]}, "${VG_UNSET_FOR_TEST} is not set"),
        ({LIST_OPERATION: [{"params": {}}]}, "each request is a mapping of"),
        ({_WRITE: [{"parameters": {"convoId": "   "}}]}, "'convoId' must be a non-empty string"),
        ([1, 2], "the top level must map operations to lists of requests"),
    ],
)
def test_a_bad_pinned_file_is_one_line_and_exit_2(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: Any, message: str
) -> None:
    code = main(["contract", "--spec", str(spec), "--pinned", str(_pinned(tmp_path, data))])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_environment_values_fill_the_pinned_file(spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VG_SANDBOX", "sandbox-7")
    path = _pinned(tmp_path, {_WRITE: [{"parameters": {"convoId": "${VG_SANDBOX}"}, "body": {"n": "${VG_SANDBOX}"}}]})
    [request] = load_pinned(path, load_spec(spec))
    assert request.path_parameters == {"convoId": "sandbox-7"}
    assert request.body == {"n": "sandbox-7"}
