"""Typed command arguments and the options several commands share.

Each command module declares a frozen dataclass of its arguments (subclassing
`CommandArgs`) and registers its parser with `register(subparsers)`; `main` parses the
command line and builds that dataclass, so a handler never reads an untyped namespace.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Self, TypeAlias

from vgcontract.findings import Severity

__all__ = ["CommandArgs", "Subparsers", "add_fail_on", "add_reports", "add_spec", "severity"]

if TYPE_CHECKING:
    # argparse has no public name for the object `add_subparsers` returns.
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction


@dataclass(frozen=True)
class CommandArgs:
    """Base of every command's typed arguments."""

    @classmethod
    def from_namespace(cls, namespace: argparse.Namespace) -> Self:
        """The dataclass from the parsed namespace, field by field."""
        return cls(**{f.name: getattr(namespace, f.name) for f in fields(cls)})


def add_spec(parser: argparse.ArgumentParser, what: str = "spec to read") -> None:
    """`--spec FILE`: default the project's spec (`[tool.vgcontract] spec` in pyproject.toml)."""
    parser.add_argument(
        "--spec", type=Path, default=None, metavar="FILE", help=f"{what} (default: the project's, from pyproject.toml)"
    )


def add_reports(parser: argparse.ArgumentParser, default: Path | None, what: str) -> None:
    """`--reports DIR`: where the command writes its report files."""
    shown = f" (default: {default})" if default is not None else ""
    parser.add_argument("--reports", type=Path, default=default, metavar="DIR", help=f"write {what} here{shown}")


def add_fail_on(parser: argparse.ArgumentParser, choices: list[str], default: str | None, why: str = "") -> None:
    """`--fail-on LEVEL`: the lowest severity that fails the command."""
    parser.add_argument(
        "--fail-on",
        choices=choices,
        default=default,
        help=f"lowest severity that fails the run (default: {default}){why}",
    )


def severity(name: str) -> Severity:
    """A `--fail-on` value as a `Severity`."""
    return Severity.parse(name)
