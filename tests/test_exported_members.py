"""The public surface: each package exports exactly what its `__all__` says, and tests use only that.

Like httpx's `test_exported_members.py`: a name added to a package without being exported,
or exported without existing, fails here, and so does a test that reaches for a private
name (the tests are the first users of the public API).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import vgcontract

ROOT = Path(__file__).resolve().parents[1]


def _packages() -> list[str]:
    found = [vgcontract.__name__]
    for info in pkgutil.walk_packages(vgcontract.__path__, prefix="vgcontract."):
        if info.ispkg and info.name != "vgcontract.cli.commands":  # one module per command, no shared API
            found.append(info.name)
    return found


def _modules() -> list[str]:
    # `__main__` runs the command line when imported: it is an entry point, not an API.
    names = [info.name for info in pkgutil.walk_packages(vgcontract.__path__, prefix="vgcontract.")]
    return [name for name in names if name != "vgcontract.__main__"]


@pytest.mark.parametrize("name", _packages())
def test_a_package_exports_exactly_its_public_members(name: str) -> None:
    package = importlib.import_module(name)
    public = sorted(
        member
        for member, value in vars(package).items()
        if not member.startswith("_") and not isinstance(value, ModuleType)
    )
    assert sorted(package.__all__) == public


@pytest.mark.parametrize("name", _modules())
def test_every_module_declares_its_api_and_every_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert all(not member.startswith("_") for member in exported)
    assert [member for member in exported if not hasattr(module, member)] == []


def _imports(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "vgcontract"
        for alias in node.names
    ]


@pytest.mark.parametrize(
    "path", sorted([*ROOT.glob("tests/*.py"), *ROOT.glob("contract_tests/*.py")]), ids=lambda p: p.name
)
def test_tests_import_only_exported_names(path: Path) -> None:
    private = []
    for module, member in _imports(path):
        imported = importlib.import_module(module)
        exported = getattr(imported, "__all__", ())
        is_submodule = isinstance(getattr(imported, member, None), ModuleType)
        if member not in exported and not is_submodule:
            private.append(f"{module}.{member}")
    assert private == []


def test_the_console_command_is_the_cli_main() -> None:
    import tomllib  # noqa: PLC0415

    from vgcontract.cli import main  # noqa: PLC0415

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"vgcontract": f"{main.__module__}:{main.__name__}"}
