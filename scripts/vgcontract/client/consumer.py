"""What a vendored copy tells its consumer: the README written for them, from the project's template.

The template is `openapi/templates/vendored/README.md.jinja` (covered by the generation
manifest's templates hash). Its facts are read, never restated: the runtime dependencies
from the generated `pyproject.toml`, the version, and the test double's fault names from
the generated `testing` package (by `ast`, without importing it).
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import jinja2

from vgcontract.client.generate import source_package
from vgcontract.errors import InputError
from vgcontract.spec.project import find_project

__all__ = ["TEMPLATE", "consumer_readme"]

TEMPLATE = Path("vendored") / "README.md.jinja"


def _faults(source: Path) -> list[str]:
    module = source / source_package(source) / "testing" / "__init__.py"
    try:
        tree = ast.parse(module.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "FAULTS" for t in node.targets):
            value = ast.literal_eval(node.value)
            return [str(v) for v in value] if isinstance(value, tuple | list) else []
    return []


def consumer_readme(source: Path, package: str) -> str:
    """The vendored README for `package`, copied from the client generated in `source`."""
    try:
        project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{source / 'pyproject.toml'}: cannot read the client's metadata: {exc}") from None
    template = find_project(source).templates / TEMPLATE
    try:
        text = template.read_text(encoding="utf-8")
    except OSError:
        raise InputError(f"{template}: no vendored README template") from None
    environment = jinja2.Environment(keep_trailing_newline=True, autoescape=False)  # noqa: S701 - Markdown, not HTML
    return environment.from_string(text).render(
        package=package,
        source_package=source_package(source),
        version=project.get("version", "unknown"),
        dependencies=list(project.get("dependencies") or []),
        faults=_faults(source),
        check_command=f"python3 -I path/to/{package}/_vendored.py check",
    )
