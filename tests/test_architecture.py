"""The layout holds: no engine imports the mock or reads the spec itself, and layers point down."""

from __future__ import annotations

import ast
import functools
import sys
from pathlib import Path

import pytest

import vgcontract

PACKAGE = Path(vgcontract.__file__).parent
# The places allowed to know the mock exists: the one that resolves the target, the
# self-test that serves it, the commands that start either, and the mock itself.
MOCK_USERS = {
    "live/target.py",
    "selftest/run.py",
    "selftest/server.py",
    "cli/commands/mock.py",
    "cli/commands/selftest.py",
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@functools.cache
def _tree(path: Path) -> ast.Module:
    """A module's syntax tree, parsed once for all the checks that read it (never changed by them)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _imported(path: Path) -> set[str]:
    tree = _tree(path)
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


# What reads a spec file or finds the project: only the commands (and the spec layer itself) may.
_LOADERS = {"load_spec", "parse_spec", "read_file", "bundle", "find_project", "resolve_spec", "load_revision"}
_ENGINES = ("drift/", "live/", "contract/", "mock/", "selftest/", "reporting/")


def _called(path: Path) -> set[str]:
    tree = _tree(path)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else "")
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_engine_reads_the_spec_or_finds_the_project(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    if not relative.startswith(_ENGINES):
        return
    assert not (_called(path) & _LOADERS), "engines get the `Spec` their command read; they never read one"


# Layers point down: the spec layer knows nothing above it, and no engine knows the command line.
_ABOVE_SPEC = ("cli", "reporting", "contract", "selftest", "drift", "live", "mock", "client")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_layers_point_down(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    imported = {name for name in _imported(path) if name.startswith("vgcontract.")}
    layers = {name.split(".")[1] for name in imported}
    if relative.startswith("spec/"):
        assert not layers & set(_ABOVE_SPEC), sorted(layers & set(_ABOVE_SPEC))
    if relative.startswith(_ENGINES):
        assert "cli" not in layers
    if relative.startswith(("drift/", "live/")):  # below the contract run, the self-test and the renderers
        assert not layers & {"contract", "selftest", "reporting", "client"}, sorted(layers)


# The runtime is copied into the client: it can import only what the client depends on.
_RUNTIME_IMPORTS = {"attrs", "httpx", "httpcore"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "runtime").glob("*.py")), ids=lambda p: p.name)
def test_the_runtime_imports_only_what_the_client_has(path: Path) -> None:
    tree = _tree(path)
    outside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            outside.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            outside.update(alias.name.split(".")[0] for alias in node.names)
    assert not {name for name in outside if name not in sys.stdlib_module_names} - _RUNTIME_IMPORTS
