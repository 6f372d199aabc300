"""The nightly loop, run locally up to the commit: a drifting API in, a reviewed-ready release out.

A copy of the project is a git repository; the mock serves it on 127.0.0.1 with an
undocumented field in every answer (as the API would after an unannounced change);
`vgcontract fix-drift` patches the spec, releases it and writes the pull-request body; the
result is committed on the branch the workflow would push, and that commit's tree passes
the gates: the release gate, the golden check, the spec lint, and the rule that every
field beyond the documentation page names its source.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.hostile import EMAIL, leaks
from tests.hostile import TOKEN as HOSTILE_TOKEN
from tests.hostile import serve as serve_hostile
from tests.paths import SPEC
from tests.spec_fields import conversation_path, fields
from vgcontract import register_secret
from vgcontract.cli import main
from vgcontract.client import GenerationInputs, check_generated
from vgcontract.drift import DriftSchema, Record, run_drift, suggest_patch
from vgcontract.live import conversation_operation
from vgcontract.mock import build_app
from vgcontract.mock.faults import FaultPlan
from vgcontract.selftest import serve
from vgcontract.spec import client_version, find_project, load_spec, release_gate
from vgcontract.spec.lint import lint_spec

TOKEN = "nightly-loop-token"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repository(project_copy: Path) -> Path:
    """The project copy as a git repository on `main`, one commit in."""
    _git(project_copy, "init", "-q", "-b", "main")
    _git(project_copy, "-c", "user.name=ci", "-c", "user.email=ci@invalid", "add", "-A")
    _git(project_copy, "-c", "user.name=ci", "-c", "user.email=ci@invalid", "commit", "-qm", "base")
    return project_copy


@pytest.mark.slow
def test_drift_becomes_a_released_fix_on_a_branch(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = find_project(repository)
    before = client_version(project.generator_config)
    fetched = conversation_operation(load_spec(project.spec))  # what fix-drift fetches
    app = build_app(load_spec(project.spec), token=TOKEN, faults=FaultPlan(("undocumented-field",), operation=fetched))
    new_field = app.faults.describe("undocumented-field").removeprefix("data.")
    agent, ids = app.sample_ids(5)
    with serve(app) as base_url:
        monkeypatch.setenv("VOICEGLOW_API_TOKEN", TOKEN)
        monkeypatch.setenv("VOICEGLOW_AGENT_ID", agent)
        state = repository / "reports" / "fix-state"
        code = main(["fix-drift", "--base-url", base_url, "--no-progress", "--state", str(state), *ids])
    out = capsys.readouterr().out
    assert code == 1, out  # drift was found: the job is red, and a fix is ready
    assert state.read_text().strip() == "patched"

    # The spec documents the field, says where it came from, and was released as a minor version.
    data = load_spec(project.spec)["components"]["schemas"]
    documented = next(s["properties"][new_field] for s in data.values() if new_field in (s.get("properties") or {}))
    assert documented["x-source"] == "observed by vgcontract drift"
    assert client_version(project.generator_config) == (before[0], before[1] + 1, 0)
    body = (repository / "reports" / "pr-body.md").read_text()
    assert f"response field `data.{new_field}`" in body
    assert "## For a human to review" in body

    # What the workflow's pull-request step commits: a branch whose tree passes the gates.
    _git(repository, "checkout", "-q", "-b", "vgcontract/nightly-drift")
    shutil.rmtree(repository / "reports")
    _git(repository, "add", "-A")
    _git(repository, "-c", "user.name=ci", "-c", "user.email=ci@invalid", "commit", "-qm", "spec: document drift")
    changed = set(_git(repository, "diff", "--name-only", "main", "HEAD").split())
    inputs = (project.spec, project.released_spec, project.changelog, project.generator_config)
    assert {project.relative(path) for path in inputs} <= changed
    assert release_gate(project) == []
    assert check_generated(project.generated, GenerationInputs.of(project)) == []
    assert [f for f in lint_spec(load_spec(project.spec)) if f.severity >= f.severity.WARNING] == []


def test_an_unwritable_state_file_is_a_usage_error_before_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code = main(["fix-drift", "--no-progress", "--reports", str(tmp_path / "r"), "--state", str(blocker / "state")])
    _out, err = capsys.readouterr()
    assert code == 2
    assert err.strip().endswith("is not a directory")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not (tmp_path / "r" / "drift.json").exists()  # nothing was fetched or checked


def test_a_server_s_secrets_and_personal_data_are_withheld_from_everything_committed(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The token (raw, and base64 as `user:token`) and an e-mail as new `state` values and field names."""
    monkeypatch.setenv("VOICEGLOW_API_TOKEN", HOSTILE_TOKEN)
    monkeypatch.setenv("VOICEGLOW_AGENT_ID", "agent7")
    state = repository / "reports" / "fix-state"
    with serve_hostile("echo-drift") as server:
        ids = ["convo-1", "convo-2", "convo-3", "convo-4"]  # one of each `state` the server sends
        code = main(["fix-drift", "--base-url", server.base_url, "--no-progress", "--state", str(state), *ids])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert state.read_text().strip() == "patched"  # the ordinary field and value are documented

    committed = _git(repository, "diff", "main", "--", "openapi", "generated", "CHANGELOG.md")
    assert "sentimentScore" in committed
    assert "escalated" in committed
    b64 = base64.b64encode(f"robot:{HOSTILE_TOKEN}".encode()).decode()
    for text in (committed, out, err, *(p.read_text() for p in (repository / "reports").iterdir() if p.is_file())):
        assert leaks(text, HOSTILE_TOKEN) == []
        assert b64[12:24] not in text
        assert EMAIL not in text

    body = (repository / "reports" / "pr-body.md").read_text()
    assert "value withheld: looks like a secret" in body
    assert "value withheld: looks like personal data" in body
    # What was applied is exactly what the report shows: the patch, reversed, takes the spec back.
    reverse = subprocess.run(
        ["git", "-C", str(repository), "apply", "-R", "--check", "reports/spec.patch"], capture_output=True, check=False
    )
    assert reverse.returncode == 0, reverse.stderr


def _bodies_with(extra: dict[str, object]) -> list[bytes]:
    """Three of the mock's conversation bodies, each with `extra` added to its record."""
    app = build_app(load_spec(SPEC), token=HOSTILE_TOKEN)
    agent, ids = app.sample_ids(3)
    auth = {b"authorization": f"Bearer {HOSTILE_TOKEN}".encode()}
    bodies = []
    for convo in ids:
        reply = app.respond("GET", f"{app.base_path}{conversation_path(agent, convo)}".encode(), auth)
        parsed = json.loads(reply.body)
        parsed[fields().record_key].update(extra)
        bodies.append(json.dumps(parsed).encode())
    return bodies


def test_drift_made_only_of_secrets_patches_nothing_and_says_why() -> None:
    register_secret(HOSTILE_TOKEN)
    spec = load_spec(SPEC)
    schema = DriftSchema.from_spec(spec, conversation_operation(spec))
    nested = {"ok": 1, EMAIL: 2}
    records = [Record(f"c{i}", body) for i, body in enumerate(_bodies_with({HOSTILE_TOKEN[:12]: 1, EMAIL: nested}))]
    report = run_drift(records, schema, source="test")
    patch = suggest_patch(report, schema, SPEC.read_text(encoding="utf-8"), "openapi/voiceglow.yaml")
    assert patch.changes == []  # fix-drift's state: unpatchable
    assert patch.diff == ""
    assert sorted(reason for _where, reason in patch.withheld) == ["looks like a secret", "looks like personal data"]
    assert all("<withheld>" in where for where, _reason in patch.withheld)


def test_a_patch_that_still_holds_a_secret_is_never_written(
    repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last gate: were the withholding ever to miss one, fix-drift writes and releases nothing."""
    monkeypatch.setattr("vgcontract.drift.patch.why_withheld", lambda _value: None)
    monkeypatch.setenv("VOICEGLOW_API_TOKEN", HOSTILE_TOKEN)
    monkeypatch.setenv("VOICEGLOW_AGENT_ID", "agent7")
    with serve_hostile("echo-drift") as server:
        code = main(["fix-drift", "--base-url", server.base_url, "--no-progress", "convo-1", "convo-2"])
    err = capsys.readouterr().err
    assert code == 2
    assert "looks like a secret: nothing was written or released" in err
    assert _git(repository, "status", "--porcelain", "--", "openapi", "generated", "CHANGELOG.md") == ""
