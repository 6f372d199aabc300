"""The CI workflows users copy, and the pre-commit hooks: valid, and calling only Makefile targets."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT
from tests.yaml_text import load_yaml

WORKFLOWS = ROOT / ".github" / "workflows"
MAKEFILE_TARGETS = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))


def load(name: str) -> dict[Any, Any]:
    document: dict[Any, Any] = load_yaml((WORKFLOWS / name).read_text(encoding="utf-8"))
    return document


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def make_targets(run: str) -> list[str]:
    """The targets a `run:` line asks make for; fails the test if it runs anything else."""
    words = shlex.split(run)
    assert words[0] == "make", f"run: must call a Makefile target, got {run!r}"
    return [word for word in words[1:] if "=" not in word]


def check_jsonschema(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, paths),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_both_workflows_are_valid_github_workflows() -> None:
    result = check_jsonschema(WORKFLOWS / "contract.yml", WORKFLOWS / "drift-nightly.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "name: x\non: push\njobs:\n  a:\n    steps:\n      - run: make test\n", encoding="utf-8"
    )  # no runs-on
    assert check_jsonschema(broken).returncode == 1


@pytest.mark.parametrize("name", ["contract.yml", "drift-nightly.yml"])
def test_every_run_line_calls_only_makefile_targets(name: str) -> None:
    runs = [step["run"] for step in steps(load(name)) if "run" in step]
    assert runs
    for run in runs:
        for target in make_targets(run):
            assert target in MAKEFILE_TARGETS, f"{name}: make {target} is not a Makefile target"


def test_the_pull_request_workflow() -> None:
    workflow = load("contract.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    targets = [make_targets(step["run"])[0] for step in steps(workflow) if "run" in step]
    assert targets == ["lint-spec", "check-generated", "test", "spec-diff"]
    spec_diff = next(step for step in steps(workflow) if "spec-diff" in step.get("run", ""))
    assert "$GITHUB_STEP_SUMMARY" in spec_diff["run"]
    assert "github.base_ref" in spec_diff["env"]["BASE"]
    checkout = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch's spec must be in git
    assert checkout["with"]["persist-credentials"] is False
    assert "BASE=" not in spec_diff["run"]  # a branch name reaches make through the environment only


def test_the_nightly_drift_workflow() -> None:
    workflow = load("drift-nightly.yml")
    assert workflow[True]["schedule"][0]["cron"]
    (job,) = workflow["jobs"].values()
    all_steps = steps(workflow)
    # The secrets only in the steps that call the API: no other step, no third-party action, sees them.
    assert "env" not in job
    assert "env" not in workflow
    with_secrets = [step for step in all_steps if "secrets." in str(step.get("env", {}))]
    assert [make_targets(step["run"])[0] for step in with_secrets] == ["contract", "fix-drift"]
    for step in with_secrets:
        for name in ("VOICEGLOW_API_TOKEN", "VOICEGLOW_AGENT_ID", "VOICEGLOW_CONVO_IDS"):
            assert step["env"][name] == f"${{{{ secrets.{name} }}}}"
        assert "VOICEGLOW_BASE_URL" in step["env"]  # live mode, not the mock
    assert "secrets." not in str([step for step in all_steps if step not in with_secrets])
    assert workflow["concurrency"]["cancel-in-progress"] is False  # one nightly at a time, never cut off
    targets = [make_targets(step["run"])[0] for step in all_steps if "run" in step]
    assert targets == ["contract", "fix-drift", "ci-summary"]
    contract = next(step for step in all_steps if step.get("run", "").startswith("make contract"))
    assert "FAIL_ON=warning" in contract["run"]  # the same threshold as `make contract` locally
    assert "continue-on-error" not in contract  # a violation or drift fails the job
    fix = next(step for step in all_steps if step.get("id") == "fix")
    assert fix["run"] == "make fix-drift FAIL_ON=warning"
    # Write permissions only on the job, and only what the PR and the issue need.
    assert workflow["permissions"] == {"contents": "read"}
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    pull = next(step for step in all_steps if step.get("uses", "").startswith("peter-evans/create-pull-request"))
    assert pull["with"]["branch"] == "vgcontract/nightly-drift"  # one branch: one PR, updated nightly
    assert pull["with"]["body-path"] == "reports/pr-body.md"
    assert "steps.fix.outputs.state == 'patched'" in pull["if"]
    issue = next(step for step in all_steps if step.get("uses", "").startswith("actions/github-script"))
    assert "steps.fix.outputs.state == 'unpatchable'" in issue["if"]
    summary = next(step for step in all_steps if "ci-summary" in step.get("run", ""))
    assert "$GITHUB_STEP_SUMMARY" in summary["run"]
    assert summary["if"] == "${{ always() }}"
    upload = next(step for step in all_steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "reports/"
    assert upload["if"] == "${{ always() }}"


ACTIONS = [WORKFLOWS / "contract.yml", WORKFLOWS / "drift-nightly.yml", ROOT / "action.yml"]
ACTIONS.append(ROOT / "examples" / "consumer-workflow.yml")


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "zizmor"), "--offline", "--min-severity", "medium"]
    return subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, check=False)


def test_zizmor_finds_nothing_at_medium_or_above() -> None:
    result = zizmor(*ACTIONS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "workflow"),
    [
        ("an action pinned by tag", "steps:\n      - uses: actions/checkout@v4\n"),
        (
            "a checkout that keeps its credentials",
            "steps:\n      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0\n",
        ),
    ],
)
def test_zizmor_catches_what_the_workflows_avoid(name: str, workflow: str, tmp_path: Path) -> None:
    path = tmp_path / ".github" / "workflows" / "bad.yml"
    path.parent.mkdir(parents=True)
    path.write_text(
        f"name: bad\non: push\npermissions: {{}}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    {workflow}",
        encoding="utf-8",
    )
    assert zizmor(path).returncode != 0, name


def test_every_action_is_pinned_by_commit_with_its_version_beside_it() -> None:
    for path in ACTIONS:
        for line in path.read_text(encoding="utf-8").splitlines():
            use = re.match(r"\s*-?\s*uses:\s*(\S+)(.*)", line)
            if use is None or use[1].startswith("./"):
                continue
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use[1]), f"{path.name}: {use[1]}"
            assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", use[2]), f"{path.name}: {line.strip()}"


def test_pre_commit_runs_ruff_the_spec_lint_and_the_golden_check() -> None:
    config = load_yaml((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {hook: hooks[hook]["entry"] for hook in ("ruff", "spec-lint", "golden-check")} == {
        "ruff": "make ruff",
        "spec-lint": "make lint-spec",
        "golden-check": "make check-generated",
    }
    for hook in hooks.values():
        assert hook["language"] == "system"
        assert hook["pass_filenames"] is False
        for target in make_targets(hook["entry"]):
            assert target in MAKEFILE_TARGETS


def test_ci_summary_appends_the_reports(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier\n", encoding="utf-8")
    result = subprocess.run(
        ["make", "-s", "ci-summary", f"SUMMARY={summary}"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier\n")
    for report in ("contract.md", "drift.md"):
        if (ROOT / "reports" / report).is_file():
            assert (ROOT / "reports" / report).read_text(encoding="utf-8") in text
