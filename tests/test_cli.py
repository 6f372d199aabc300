"""The command line: exit codes and one-line errors, run as a user would run it."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from contract_tests.conftest import FIXTURES
from tests.paths import PROJECT
from vgcontract.cli import build_parser, main


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vgcontract", *args], capture_output=True, text=True, check=False)


def test_lint_spec_clean_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint-spec"]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_lint_spec_findings_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", encoding="utf-8")
    assert main(["lint-spec", "--spec", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "info-contact" in out
    assert "oas3-api-servers" in out
    assert main(["lint-spec", "--spec", str(bad), "--fail-on", "error"]) == 0


def test_lint_spec_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint-spec", "--format", "json"]) == 0
    assert '"findings": []' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lint-spec", "--spec", "/nonexistent/spec.yaml"], "no such file"),
        (["page-fields", "/nonexistent/page.txt"], "cannot read"),
        (["check-generated", "--against", "/nonexistent/generated"], "no such directory"),
    ],
)
def test_input_errors_exit_2_with_one_line_and_no_traceback(args: list[str], message: str) -> None:
    result = _run(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2() -> None:
    result = _run("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_check_generated_fails_on_edit_and_says_how_to_fix(tmp_path: Path) -> None:
    copy = tmp_path / "generated"
    shutil.copytree(PROJECT.generated, copy, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (copy / "README.md").write_text("edited by hand\n", encoding="utf-8")
    result = _run("check-generated", "--against", str(copy))
    assert result.returncode == 1
    assert "changed: generated/README.md" in result.stdout
    assert "make generate" in result.stdout


def test_page_fields_prints_the_fixture(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["page-fields", str(FIXTURES / "get-single-conversation.page.txt")]) == 0
    assert capsys.readouterr().out == (FIXTURES / "documented_fields.json").read_text(encoding="utf-8")


# Commands that never read a spec: the docs page parser and the wheel builder.
_SPECLESS = {"page-fields", "dist"}


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_command_that_reads_the_spec_takes_spec() -> None:
    commands = _commands()
    assert set(commands) > _SPECLESS
    for name, command in commands.items():
        flags = {flag for action in command._actions for flag in action.option_strings}
        assert ("--spec" in flags) is (name not in _SPECLESS), name


@pytest.mark.parametrize(
    "argv",
    [
        ["contract", "--examples", "1", "--reports", "{bad}"],
        ["drift", "--no-progress", "--reports", "{bad}"],
        ["drift", "--no-progress", "--json", "{bad}/drift.json"],
        ["drift", "--no-progress", "--markdown", "{bad}/drift.md"],
        ["selftest", "--modes", "type-change", "--reports", "{bad}"],
        ["spec-diff", "openapi/voiceglow.yaml", "openapi/voiceglow.yaml", "--json", "{bad}/d.json"],
        ["spec-diff", "openapi/voiceglow.yaml", "openapi/voiceglow.yaml", "--markdown", "{bad}/d.md"],
        ["record", "--no-progress", "--out", "{bad}"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_a_bad_report_path_is_one_line_and_exit_2(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where a directory should be")
    code = main([arg.replace("{bad}", str(blocker / "reports")) for arg in argv])
    captured = capsys.readouterr()
    assert code == 2, captured.out + captured.err
    [line] = captured.err.strip().splitlines()
    assert line.startswith("vgcontract: error: ")
    assert str(blocker) in line
    assert "Traceback" not in captured.out + captured.err
