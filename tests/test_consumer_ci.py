"""The consumer's CI: the composite action, its copy-paste example, and the pre-commit hook.

The example's inputs must be the action's, and the action's vendor-check step and the
hook's entry are run here against a real vendored copy, clean and edited.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT
from tests.yaml_text import load_yaml
from vgcontract.cli import main

ACTION: dict[str, Any] = load_yaml((ROOT / "action.yml").read_text(encoding="utf-8"))
EXAMPLE: dict[Any, Any] = load_yaml((ROOT / "examples" / "consumer-workflow.yml").read_text(encoding="utf-8"))
HOOKS: list[dict[str, Any]] = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _action_steps() -> list[dict[str, Any]]:
    return [s for job in EXAMPLE["jobs"].values() for s in job["steps"] if s.get("uses") == "./"]


def test_the_example_uses_only_the_actions_inputs_and_every_command_exists() -> None:
    inputs = ACTION["inputs"]
    required = {name for name, spec in inputs.items() if spec.get("required")}
    commands = set()
    for step in _action_steps():
        given = set(step["with"])
        assert given <= set(inputs), given - set(inputs)
        assert required <= given
        commands.add(step["with"]["command"])
    runs = "\n".join(str(step.get("if", "")) + str(step.get("run", "")) for step in ACTION["runs"]["steps"])
    for command in commands:
        assert f"'{command}'" in runs or f"{command})" in runs, command


def test_no_input_is_expanded_inside_a_script() -> None:
    """Inputs reach the scripts as environment variables: a value can never become shell code."""
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


@pytest.fixture
def vendored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["vendor", str(tmp_path / "third_party"), "--package", "acme_voice"]) == 0
    capsys.readouterr()
    return tmp_path / "third_party" / "acme_voice"


def test_the_actions_vendor_check_step_passes_a_clean_copy_and_fails_an_edited_one(vendored: Path) -> None:
    step = next(s for s in ACTION["runs"]["steps"] if s.get("if") == "inputs.command == 'vendor-check'")
    env = {**os.environ, "GITHUB_ACTION_PATH": str(ROOT), "VENDORED": str(vendored)}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", step["run"]], env=env, capture_output=True, text=True, check=False)

    clean = run()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "as vendored" in clean.stdout
    (vendored / "client.py").write_text("# edited\n", encoding="utf-8")
    edited = run()
    assert edited.returncode == 1
    assert f"modified  {vendored / 'client.py'}" in edited.stdout


def test_the_pre_commit_hook_runs_the_same_checker_without_an_install(vendored: Path) -> None:
    [hook] = HOOKS
    entry = ROOT / hook["entry"]
    assert hook["language"] == "script"
    assert entry.stat().st_mode & stat.S_IXUSR  # pre-commit runs a script hook directly
    command = [str(entry), *hook["args"], str(vendored)]
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    assert subprocess.run(command, capture_output=True, text=True, check=False, env=env).returncode == 0
    (vendored / "extra.py").write_text("X = 1\n", encoding="utf-8")
    caught = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert caught.returncode == 1
    assert "added" in caught.stdout
