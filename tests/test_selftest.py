"""`vgcontract selftest`: the kill table is honest, in both directions.

A fast subset of the modes runs the real main job here; the full table over every mode and
the 200-seed false-positive sweep are `make selftest`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest

from tests.paths import SPEC
from vgcontract import Finding, Severity
from vgcontract.cli import main
from vgcontract.contract import ContractResult, MainJobResult
from vgcontract.drift import DriftReport
from vgcontract.live import Target, conversation_operation
from vgcontract.mock import build_app
from vgcontract.reporting.selftest import render_markdown, render_table
from vgcontract.runtime import tls_context
from vgcontract.selftest import BASELINE, run_mode, run_selftest, run_sweep
from vgcontract.spec import load_spec

FAST_MODES = "type-change,envelope-missing-data,auth-ignored"


@pytest.mark.slow
def test_fast_subset_is_caught_and_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["selftest", "--modes", FAST_MODES, "--examples", "5", "--reports", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    # One kill-table row per mode and operation it can break (an auth mode on a public one breaks nothing).
    injectors = build_app(load_spec(SPEC)).faults.injectors
    applicable = {(mode, op) for mode in FAST_MODES.split(",") for op, injector in injectors.items()
                  if injector.applies(mode)}  # fmt: skip
    runs = len(applicable)
    assert runs > len(FAST_MODES.split(","))
    assert f"kill rate: {runs}/{runs} (100%); no-drift baseline: 0 finding(s)" in out
    report = json.loads((tmp_path / "selftest.json").read_text())
    assert report["passed"] is True
    assert report["baseline"]["findings"] == 0
    assert {(row["mode"], row["operation"]) for row in report["modes"]} == applicable
    fetched = str(conversation_operation(load_spec(SPEC)))
    rows = {row["mode"]: row for row in report["modes"] if row["operation"] == fetched}
    assert rows["type-change"]["named"] == ["data.ID"]
    assert rows["type-change"]["checks"] == ["response_schema_conformance", "drift:type-mismatch"]
    # The missing property itself is named, by both halves of the job.
    assert rows["envelope-missing-data"]["named"] == ["data"]
    assert "response_schema_conformance" in rows["envelope-missing-data"]["checks"]
    # Our auth probe (schemathesis' own `ignored_auth` would re-send through a second HTTP stack).
    assert "ignored_auth" in rows["auth-ignored"]["checks"]
    assert f"| type-change | {fetched} | yes |" in (tmp_path / "selftest.md").read_text()


def _empty_job(target: Target, ids: Sequence[str]) -> MainJobResult:
    """A suite that fetches a conversation but checks nothing: every mode must count as missed."""
    url = f"{target.base_url}{target.conversation_path(ids[0])}"
    httpx.get(url, headers=target.auth_headers, timeout=5, verify=tls_context())  # the process's TLS context
    return MainJobResult(ContractResult(target.label, [], []), DriftReport(source="none", spec="none"))


def _wrong_field_job(target: Target, ids: Sequence[str]) -> MainJobResult:
    """A suite that fails, but for a reason unrelated to the break."""
    job = _empty_job(target, ids)
    job.contract.findings.append(Finding("custom", Severity.ERROR, "data.somethingElse", "m"))
    return job


def test_a_suite_that_checks_nothing_kills_nothing() -> None:
    fetched = str(conversation_operation(load_spec(SPEC)))
    result = run_selftest(load_spec(SPEC), ["type-change", "json-500"], examples=1, job=_empty_job)
    assert result.caught == 0
    assert not result.passed
    # Only the fetched conversation is requested by this suite: other operations are never broken.
    rows = {(m.mode, m.operation): m for m in result.modes}
    assert rows[("type-change", fetched)].reason == rows[("json-500", fetched)].reason == "the main job passed"
    assert rows[("type-change", fetched)].broken == ("data.ID",)  # the mock did break it: the suite missed it
    assert all(m.reason for m in result.modes)
    table = render_table(result)
    assert f"type-change                 {fetched:<20}  NO      the main job passed" in table
    assert f"not caught: type-change on {fetched}: the main job passed; the mock broke data.ID" in table
    assert table.rstrip().endswith("s)")
    assert "result: FAIL" in table


def test_failing_for_the_wrong_reason_is_not_a_catch() -> None:
    outcome = run_mode(load_spec(SPEC), ("type-change",), examples=1, job=_wrong_field_job)
    assert not outcome.caught
    assert outcome.reason == "the job failed, but named none of the fields the mock broke"
    transport = run_mode(load_spec(SPEC), ("json-500",), examples=1, job=_wrong_field_job)
    assert transport.caught  # a non-body break has no field to name: failing the job is the catch


def test_a_noisy_baseline_fails_the_self_test() -> None:
    result = run_selftest(load_spec(SPEC), [], examples=1, job=_wrong_field_job)
    assert result.baseline.mode == BASELINE
    assert result.baseline.findings == 1
    assert not result.passed
    assert "| (no drift) | - | - | 1 finding(s) |" in render_markdown(result)


@pytest.mark.slow
def test_the_sweep_reports_exactly_the_noisy_seeds() -> None:
    clean = run_sweep(load_spec(SPEC), 1, examples=2)
    assert clean.noisy == ()
    noisy = run_sweep(load_spec(SPEC), 2, examples=2, faults=("undocumented-field",))
    assert [seed for seed, _ in noisy.noisy] == [1, 2]
    fetched = str(conversation_operation(load_spec(SPEC)))
    new = build_app(load_spec(SPEC)).faults.injectors[fetched].describe("undocumented-field")
    assert f"drift:undocumented-field {new}" in noisy.noisy[0][1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--modes", "nope"], "unknown fault mode 'nope'"),
        (["--examples", "0"], "--examples and --sweep-examples must be at least 1"),
        (["--seeds", "-1"], "--seeds must be 0 or more"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(["selftest", *argv]) == 2
    assert capsys.readouterr().err.startswith(f"vgcontract: error: {message}")
