"""The drift check per operation: no "first GET" rule, list rows checked at `data[]`, either key order.

On the spec grown by a list and a PATCH: a file source must say which operation its
bodies answer (`--operation`), a drifted list row is named at `data[].field`, and the live
commands and the main job find the operation they fetch by the spec's `x-vgcontract-fetch` mark, whatever the order of
the keys in `paths`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.grown_spec import LIST_OPERATION, LIST_PATH, SINGLE_PATH, write_grown_spec
from tests.paths import SPEC
from tests.spec_fields import fields
from vgcontract.cli import main
from vgcontract.drift import DriftSchema
from vgcontract.live import MANIFEST_NAME, conversation_operation, recorded_operation
from vgcontract.mock import BodyMaker, MockApp, build_app
from vgcontract.selftest import serve
from vgcontract.spec import PATH_VARIABLE, Paging, dereference, iter_operations, load_spec


def _list_bodies(spec: Path, count: int) -> list[dict[str, Any]]:
    item = dereference(load_spec(spec))["paths"][LIST_PATH]
    schema = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    paging = Paging.of(item, item["get"])
    params = dict.fromkeys(PATH_VARIABLE.findall(LIST_PATH), "a1")
    return [
        BodyMaker().body(schema, params, f"{paging.number}={n}&{paging.size}=3", paging=paging)
        for n in range(1, count + 1)
    ]


def _live_mock(spec: Path, monkeypatch: pytest.MonkeyPatch, token: str, count: int) -> tuple[MockApp, list[str]]:
    """The spec's mock, and a live environment pinned to `count` of its conversations."""
    app = build_app(load_spec(spec), token=token)
    agent, ids = app.sample_ids(count)
    monkeypatch.setenv("VOICEGLOW_API_TOKEN", token)
    monkeypatch.setenv("VOICEGLOW_AGENT_ID", agent)
    monkeypatch.setenv("VOICEGLOW_CONVO_IDS", ",".join(ids))
    return app, list(ids)


def _rows_key(spec: Path) -> str:
    return DriftSchema.from_spec(load_spec(spec), LIST_OPERATION).envelope.record[0]


@pytest.mark.parametrize("list_first", [True, False], ids=["list path first", "list path last"])
def test_a_file_source_names_its_operation_and_list_rows_are_checked(
    list_first: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_grown_spec(tmp_path, list_first=list_first)
    bodies = _list_bodies(spec, 4)
    rows = bodies[1][_rows_key(spec)]
    assert isinstance(rows, list)
    rows[0][fields().undocumented()] = 0.4  # a field the row schema does not document
    corpus = tmp_path / "lists.ndjson"
    corpus.write_bytes(b"".join(orjson.dumps(b) + b"\n" for b in bodies))

    # Without --operation a file is read as what `record` writes, the single-conversation GET,
    # and the report says so: list bodies then drift, visibly against the other operation.
    assert main(["drift", "--ndjson", str(corpus), "--spec", str(spec), "--json", "-"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["operation"] == conversation_operation(load_spec(spec))
    assert report["operation"] != LIST_OPERATION

    argv = ["drift", "--ndjson", str(corpus), "--spec", str(spec), "--operation", LIST_OPERATION]
    assert main([*argv, "--fail-on", "warning", "--json", "-"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["path"]) for f in report["findings"] if f["severity"] != "info"] == [
        ("undocumented-field", f"{_rows_key(spec)}[].{fields().undocumented()}")
    ]
    assert report["counts"]["read"] == 4


@pytest.mark.parametrize("list_first", [True, False], ids=["list path first", "list path last"])
def test_live_commands_find_what_they_fetch_in_either_key_order(
    list_first: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_grown_spec(tmp_path, list_first=list_first)
    assert build_app(load_spec(spec)).sample_ids(3)[1]  # the grown spec still serves conversations
    assert main(["drift", "--live", "--no-progress", "--spec", str(spec)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    code = main(["contract", "--spec", str(spec), "--examples", "5", "--reports", str(tmp_path / "r")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "result: PASS" in out


def test_every_operation_is_checked_and_live_writes_need_an_opt_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_grown_spec(tmp_path, list_first=True)
    code = main(["contract", "--spec", str(spec), "--examples", "3", "--reports", str(tmp_path / "mock")])
    out = capsys.readouterr().out
    assert code == 0, out
    operations = sum(1 for _operation in iter_operations(load_spec(spec)))
    assert f"operations {operations} |" in out
    for label in (f"GET {LIST_PATH}:", f"PATCH {SINGLE_PATH}:"):
        assert f"  {label} examples" in out  # the mock runs writes: nothing real is written

    app, _ids = _live_mock(spec, monkeypatch, "grown-live-token", 2)
    with serve(app) as url:
        argv = ["contract", "--spec", str(spec), "--base-url", url, "--examples", "3", "--reports", str(tmp_path / "l")]
        assert main(argv) == 0
        live = capsys.readouterr().out
        assert f"not run: PATCH {SINGLE_PATH}: a write" in live
        assert main([*argv, "--allow-writes"]) == 0
        opted = capsys.readouterr().out
    assert f"  PATCH {SINGLE_PATH}: examples" in opted
    assert "not run:" not in opted


def test_a_recorded_directory_is_read_as_the_operation_its_manifest_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_grown_spec(tmp_path, list_first=True)
    out = tmp_path / "recorded"
    assert main(["record", "--no-progress", "--spec", str(spec), "--out", str(out)]) == 0
    capsys.readouterr()
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["operation"] == conversation_operation(load_spec(spec))
    assert recorded_operation(out) == manifest["operation"]

    # List bodies with a manifest naming the list operation: read as rows, no --operation needed.
    lists = tmp_path / "lists"
    lists.mkdir()
    for n, body in enumerate(_list_bodies(spec, 2)):
        (lists / f"page-{n}.json").write_bytes(orjson.dumps(body))
    (lists / MANIFEST_NAME).write_text(json.dumps({"operation": LIST_OPERATION}), encoding="utf-8")
    assert main(["drift", "--dir", str(lists), "--spec", str(spec), "--json", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["operation"] == LIST_OPERATION
    assert report["counts"]["conforming"] == 2

    # Without the manifest the default operation reads them, and they drift.
    (lists / MANIFEST_NAME).unlink()
    assert main(["drift", "--dir", str(lists), "--spec", str(spec), "--json", "-"]) == 1
    assert json.loads(capsys.readouterr().out)["operation"] != LIST_OPERATION


def test_live_runs_fetch_the_marked_operation_wherever_its_path_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = load_spec(SPEC).document
    moved = SINGLE_PATH.replace("/{", "/v9/{", 1)  # the same operation, somewhere else
    doc["paths"] = {moved if path == SINGLE_PATH else path: item for path, item in doc["paths"].items()}
    spec = tmp_path / "moved.yaml"
    spec.write_text(json.dumps(doc), encoding="utf-8")
    app, ids = _live_mock(spec, monkeypatch, "moved-token", 3)
    with serve(app) as url:
        code = main(["drift", "--live", "--no-progress", "--spec", str(spec), "--base-url", url, "--json", "-"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert report["counts"]["conforming"] == len(ids)  # fetched at the moved path, and conforming there
