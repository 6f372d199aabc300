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
        for member in dir(package)  # a face may load some names on first use (`__getattr__`, `__dir__`)
        if not member.startswith("_")
        and (not isinstance(getattr(package, member), ModuleType) or member in package.__all__)
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
    """(module, name) of every `from vgcontract... import name`; (module, "") of every `import vgcontract...`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "vgcontract":
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names if alias.name.split(".")[0] == "vgcontract"]
    return found


@pytest.mark.parametrize(
    "path",
    sorted([*ROOT.glob("tests/*.py"), *ROOT.glob("contract_tests/*.py"), *ROOT.glob("benches/*.py")]),
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_tests_import_only_what_a_package_exports(path: Path) -> None:
    """A package's face (`vgcontract.spec`, `vgcontract.mock.faults`) is public; a module behind it is not,
    unless its package exports it by name (the report renderers: `vgcontract.reporting.drift`)."""
    private = []
    for module, member in _imports(path):
        imported = importlib.import_module(module)
        parent, _, name = module.rpartition(".")
        if not hasattr(imported, "__path__") and name not in importlib.import_module(parent).__all__:
            private.append(f"{module} (a module its package does not export)")
        elif member and member not in imported.__all__:
            private.append(f"{module}.{member}")
    assert private == []


def test_the_console_command_is_the_cli_main() -> None:
    import tomllib  # noqa: PLC0415

    from vgcontract.cli import main  # noqa: PLC0415

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"vgcontract": f"{main.__module__}:{main.__name__}"}
