"""Package faces that load their modules on first use.

A subpackage's `__init__` names what it exports in one `if TYPE_CHECKING:` block of
`from <module> import ...` lines, which type checkers and readers see as ordinary imports.
At run time nothing is imported up front: `lazy_face` reads that block once and returns the
module-level `__getattr__` and `__dir__` that import a name's module when the name is first
asked for. Importing `vgcontract.spec.model` then costs `spec.model` alone, not every
module the `vgcontract.spec` face exports, and each command pays only for what it uses.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["lazy_face"]


def _exports(init_file: str) -> dict[str, str]:
    """Each exported name and the module it comes from, read from the TYPE_CHECKING block."""
    tree = ast.parse(Path(init_file).read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        # `if _typing.TYPE_CHECKING:`
        if not (
            isinstance(node, ast.If) and isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING"
        ):
            continue
        for statement in node.body:
            if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                found.update((alias.asname or alias.name, statement.module) for alias in statement.names)
    return found


def lazy_face(package: str, init_file: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for the package `package` whose `__init__` is `init_file`."""
    exports = _exports(init_file)
    here = Path(init_file).parent
    # Importing a submodule binds its name on the package, over whatever the face put there:
    # an export named like a module would turn into that module once anything imports it.
    shadowed = sorted(name for name in exports if (here / f"{name}.py").exists() or (here / name).is_dir())
    if shadowed:
        raise ImportError(f"{package}: exports named like its modules: {', '.join(shadowed)}")
    module = importlib.import_module(package)

    def __getattr__(name: str) -> Any:
        source = exports.get(name)
        if source is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        setattr(module, name, value)  # the next look-up is an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(module), *exports})

    return __getattr__, __dir__
