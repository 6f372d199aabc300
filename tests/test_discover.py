"""`--discover N`: conversation IDs listed by the spec's list operation, never guessed.

A listable target gives N IDs to check; a target whose list cannot be read (rate limited
for good, an error) is inconclusive (exit 3), not a violation; a spec whose list has no
readable ID is a usage error (exit 2).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from tests.grown_spec import LIST_OPERATION, LIST_PATH, grown_spec, write_grown_spec
from tests.hostile import TOKEN, serve
from tests.yaml_text import dump_yaml
from vgcontract.cli import main
from vgcontract.drift import DriftSchema
from vgcontract.mock import MockApp, build_app
from vgcontract.mock.faults import FaultPlan
from vgcontract.selftest import serve as serve_app
from vgcontract.spec import load_spec

# Any stretch of 8 characters of a registered secret is scrubbed from the output: a token
# made of words (`discover-token`) would scrub the word `discover` from every message.
LIST_TOKEN = "lst-7Qm2Xw9Rz4"
COUNT = 3


def _live_env(monkeypatch: pytest.MonkeyPatch, token: str, agent: str) -> None:
    monkeypatch.setenv("VOICEGLOW_API_TOKEN", token)
    monkeypatch.setenv("VOICEGLOW_AGENT_ID", agent)
    monkeypatch.delenv("VOICEGLOW_CONVO_IDS", raising=False)
    monkeypatch.setenv("VOICEGLOW_TIMEOUT", "2")


def _grown_mock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, list_first: bool) -> tuple[Path, MockApp]:
    """A grown spec, its mock, and a live environment with a token and an agent but no pinned IDs."""
    spec = write_grown_spec(tmp_path, list_first=list_first)
    app = build_app(load_spec(spec), token=LIST_TOKEN)
    agent, _ids = app.sample_ids(1)
    _live_env(monkeypatch, LIST_TOKEN, agent)
    return spec, app


def test_discovered_ids_are_fetched_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, app = _grown_mock(tmp_path, monkeypatch, list_first=False)
    with serve_app(app) as url:
        # No pinned IDs: without --discover a live run has nothing to check.
        assert main(["drift", "--live", "--no-progress", "--spec", str(spec), "--base-url", url]) == 2
        assert "VOICEGLOW_CONVO_IDS" in capsys.readouterr().err
        argv = ["drift", "--live", "--no-progress", "--spec", str(spec), "--base-url", url]
        code = main([*argv, "--discover", str(COUNT), "--json", "-"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert report["counts"]["read"] == COUNT
    assert report["counts"]["conforming"] == COUNT


def test_a_bad_count_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drift", "--live", "--no-progress", "--discover", "0"]) == 2
    assert "--discover must be at least 1" in capsys.readouterr().err


def test_a_list_without_an_id_field_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = grown_spec(list_first=True)
    _drop_required_lists(doc)  # rows keep their fields, but none is a required ID
    spec = tmp_path / "no-id.yaml"
    spec.write_text(dump_yaml(doc), encoding="utf-8")
    assert main(["drift", "--live", "--no-progress", "--spec", str(spec), "--discover", "2"]) == 2
    err = capsys.readouterr().err
    assert "required string ID property" in err
    assert "Traceback" not in err


def _drop_required_lists(node: object) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("required"), list):
            del node["required"]
        for child in node.values():
            _drop_required_lists(child)
    elif isinstance(node, list):
        for child in node:
            _drop_required_lists(child)


@pytest.mark.parametrize(("personality", "expected"), [("stdlib", 0), ("rate-limit", 0), ("429-forever", 3)])
def test_discovery_against_loopback_servers(
    personality: str,
    expected: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = write_grown_spec(tmp_path, list_first=True)
    _live_env(monkeypatch, TOKEN, "agent7")
    monkeypatch.setenv("VOICEGLOW_RUN_BUDGET", "20")
    with serve(personality) as server:
        argv = ["drift", "--live", "--no-progress", "--spec", str(spec), "--base-url", server.base_url]
        code = main([*argv, "--discover", "2", "--max-retry-wait", "1", "--retries", "1"])
    out, err = capsys.readouterr()
    assert code == expected, out + err
    assert TOKEN not in out + err
    if expected == 3:
        assert f"not checked: discover: GET {LIST_PATH} answered HTTP 429" in err
    assert any(seen.path.split("?")[0].endswith(_list_path_end()) for seen in server.seen)  # the list was asked


def test_the_contract_run_discovers_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, app = _grown_mock(tmp_path, monkeypatch, list_first=True)
    argv = ["contract", "--spec", str(spec), "--examples", "3", "--reports", str(tmp_path / "r")]
    with serve_app(app) as url:
        monkeypatch.setenv("VOICEGLOW_DISCOVER", "many")
        assert main([*argv, "--base-url", url]) == 2
        assert "VOICEGLOW_DISCOVER must be a whole number" in capsys.readouterr().err
        monkeypatch.setenv("VOICEGLOW_DISCOVER", str(COUNT))
        code = main([*argv, "--base-url", url])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "result: PASS" in out
    assert f"{COUNT} conversation(s)" in out  # the drift half read what was discovered


class _Lists:
    """The mock, except that its list answers `rows(id_field)` (a body, or raw bytes); counts the asks."""

    def __init__(self, app: MockApp, spec: Path, rows: Callable[[str], Any]) -> None:
        self.app, self.rows, self.base_path, self.asked = app, rows, app.base_path, 0
        self.envelope = DriftSchema.from_spec(load_spec(spec), LIST_OPERATION).envelope

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.endswith(_list_path_end()):
            await self.app(scope, receive, send)
            return
        self.asked += 1
        shape = self.envelope
        rows = self.rows(str(shape.id_field))
        body = rows if isinstance(rows, bytes) else json.dumps(
            {str(shape.flag): True, str(shape.message): "ok", shape.record[0]: rows}).encode()  # fmt: skip
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})


def _list_path_end() -> str:
    """The list path's last segment: the conversation path without its ID."""
    return "/" + LIST_PATH.rsplit("/", 1)[1]


def _discover(spec: Path, url: str, *extra: str) -> int:
    return main(["drift", "--live", "--no-progress", "--spec", str(spec), "--base-url", url, *extra])


def test_listed_ids_that_cannot_be_one_path_segment_are_skipped_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, app = _grown_mock(tmp_path, monkeypatch, list_first=True)
    _agent, (usable,) = app.sample_ids(1)
    lists = _Lists(app, spec, lambda key: [{key: usable}, {key: "   "}, {key: "x" * 5000}, {key: 7}, {}, "not a row"])
    with serve_app(cast("MockApp", lists)) as url:
        code = _discover(spec, url, "--discover", "10", "--json", "-")
    out, err = capsys.readouterr()
    assert code == 1, err  # rows of the wrong shape are drift in the list itself
    assert json.loads(out)["counts"]["read"] == 1  # only the usable ID was fetched
    assert "discover: 1 ID(s) to check; 5 listed row(s) skipped" in err
    assert "Traceback" not in err


def test_a_listed_id_that_echoes_the_token_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, app = _grown_mock(tmp_path, monkeypatch, list_first=True)
    _agent, (usable,) = app.sample_ids(1)
    lists = _Lists(app, spec, lambda key: [{key: usable}, {key: LIST_TOKEN}, {key: f"x-{LIST_TOKEN}-y"}])
    out_dir = tmp_path / "recorded"
    with serve_app(cast("MockApp", lists)) as url:
        code = main(["record", "--spec", str(spec), "--base-url", url, "--discover", "5", "--out", str(out_dir)])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "2 listed row(s) skipped" in err
    files = sorted(path.name for path in out_dir.iterdir())
    assert len(files) == 2  # the usable conversation and the manifest
    assert not any(LIST_TOKEN in path.read_text() or LIST_TOKEN in path.name for path in out_dir.iterdir())
    assert LIST_TOKEN not in out + err


def test_a_list_nested_too_deep_to_parse_is_inconclusive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, app = _grown_mock(tmp_path, monkeypatch, list_first=True)
    lists = _Lists(app, spec, lambda _key: b"[" * 100_000 + b"]" * 100_000)
    with serve_app(cast("MockApp", lists)) as url:
        code = _discover(spec, url, "--discover", "2")
    err = capsys.readouterr().err
    assert code == 3, err
    assert "answered a body that is not JSON" in err
    assert "Traceback" not in err


def test_pages_that_add_no_new_id_end_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, app = _grown_mock(tmp_path, monkeypatch, list_first=True)
    _agent, (usable,) = app.sample_ids(1)
    lists = _Lists(app, spec, lambda key: [{key: usable}] * 20)  # every page: the same full page
    with serve_app(cast("MockApp", lists)) as url:
        code = _discover(spec, url, "--discover", "5", "--json", "-")
    out = capsys.readouterr().out
    assert code == 0, out
    assert json.loads(out)["counts"]["read"] == 1
    assert lists.asked == 2  # the second page added nothing: no third is asked for


def test_a_refused_connection_is_a_usage_error_when_discovering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, _app = _grown_mock(tmp_path, monkeypatch, list_first=True)
    monkeypatch.setenv("VOICEGLOW_RETRY_BACKOFF", "0.01")  # the refused connection is retried all the same
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    argv = ["--spec", str(spec), "--base-url", f"http://127.0.0.1:{port}/v3", "--discover", "2"]
    assert main(["contract", *argv, "--reports", str(tmp_path / "r")]) == 2
    assert main(["drift", "--live", "--no-progress", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("cannot connect to 127.0.0.1") == 2, err
    assert "Traceback" not in err


def test_the_listed_rows_are_drift_checked_against_the_list_operation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A drifted list row is found at `data[].field` even when every single conversation conforms."""
    spec = write_grown_spec(tmp_path, list_first=True)
    listing = LIST_OPERATION
    app = build_app(load_spec(spec), token=LIST_TOKEN, faults=FaultPlan(("undocumented-field",), operation=listing))
    agent, _ids = app.sample_ids(1)
    _live_env(monkeypatch, LIST_TOKEN, agent)
    broken = app.faults.describe("undocumented-field")
    reports = tmp_path / "reports"
    with serve_app(app) as url:
        argv = ["drift", "--live", "--no-progress", "--spec", str(spec), "--base-url", url]
        code = main([*argv, "--discover", str(COUNT), "--reports", str(reports), "--fail-on", "warning"])
    out = capsys.readouterr().out
    assert code == 1, out
    single = json.loads((reports / "drift.json").read_text())
    assert single["counts"]["conforming"] == COUNT  # the conversations themselves are untouched
    rows = json.loads((reports / f"drift-{listing}.json").read_text())
    assert rows["operation"] == listing
    assert {(f["kind"], f["path"]) for f in rows["findings"]} >= {("undocumented-field", broken)}
    assert f"undocumented-field  {broken}" in out


def test_a_first_page_of_unusable_ids_does_not_end_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, app = _grown_mock(tmp_path, monkeypatch, list_first=True)
    _agent, (usable,) = app.sample_ids(1)
    pages: Iterator[list[Any]] = iter([["   ", 7], [usable, "  "]])

    def rows(key: str) -> list[dict[str, Any]]:
        return [{key: value} for value in next(pages, [usable, "  "])]

    lists = _Lists(app, spec, rows)
    with serve_app(cast("MockApp", lists)) as url:
        code = _discover(spec, url, "--discover", "2", "--json", "-")
    out = capsys.readouterr().out
    assert json.loads(out)["counts"]["read"] == 1, out  # found on the second page
    assert lists.asked == 3  # the third page repeats the second: the walk ends there
    assert code == 1  # the unusable rows are drift in the list itself
