"""The layout holds: no engine imports the mock, and no module outgrows about 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import vgcontract

PACKAGE = Path(vgcontract.__file__).parent
# The places allowed to know the mock exists: the one that resolves the target, the
# self-test that serves it, the commands that start either, and the mock itself.
MOCK_USERS = {
    "live/target.py",
    "selftest/run.py",
    "selftest/serve.py",
    "cli/commands/mock.py",
    "cli/commands/selftest.py",
}
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_target_and_the_self_test_know_the_mock(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    if relative.startswith("mock/") or relative in MOCK_USERS:
        return
    assert not any(name == "vgcontract.mock" or name.startswith("vgcontract.mock.") for name in _imported(path))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{lines} lines: split it along what it does"
