"""What a client update breaks in the consumer's code: the model surface compared, then the uses found.

The surface of a client is read from its source with `ast`, never by importing it: every
class in `models/`, and each class's annotated attributes with their annotation text.
Between the vendored copy and the new one:

- a class that is gone is **removed**;
- an attribute that is gone is **removed**; one whose annotation changed is **retyped**
  (`int | Unset` -> `str | Unset`: code doing arithmetic on it now gets a string).

The consumer's Python files are then scanned with `ast` for those names: an import or a
use of a removed class, and an attribute access `.name` of a removed or retyped
attribute. The attribute match is by name (a scan cannot know every object's type), so
each use says which class the name belongs to. Where mypy is installed, `mypy_errors`
adds what a type check of the same files says against the new copy.
"""

from __future__ import annotations

import ast
import io
import os
import stat
import subprocess
import sys
import tokenize
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vgcontract.errors import InputError

__all__ = ["Break", "Use", "find_uses", "model_surface", "mypy_errors", "surface_breaks"]

_SKIPPED_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".mypy_cache", ".tox"})


@dataclass(frozen=True)
class Break:
    """One breaking difference in the client's models."""

    kind: str  # "removed-class", "removed-attribute", "retyped-attribute"
    model: str  # the class
    name: str  # the class again, or the attribute
    old: str = ""  # the old annotation
    new: str = ""  # the new annotation

    def describe(self) -> str:
        """One line for a person."""
        if self.kind == "removed-class":
            return f"class {self.model} was removed"
        if self.kind == "removed-attribute":
            return f"{self.model}.{self.name} was removed"
        return f"{self.model}.{self.name} changed type: {self.old} -> {self.new}"


@dataclass(frozen=True)
class Use:
    """A line of the consumer's code that uses something that broke."""

    path: str
    line: int
    code: str
    cause: Break


def model_surface(files: Mapping[str, bytes]) -> dict[str, dict[str, str]]:
    """class -> {attribute: annotation} for every class under `models/` in a client's files."""
    surface: dict[str, dict[str, str]] = {}
    for relative, content in files.items():
        if not (relative.startswith("models/") and relative.endswith(".py")):
            continue
        try:
            tree = ast.parse(content.decode("utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                surface[node.name] = {
                    item.target.id: ast.unparse(item.annotation)
                    for item in node.body
                    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
                }
    return surface


def surface_breaks(old: Mapping[str, Mapping[str, str]], new: Mapping[str, Mapping[str, str]]) -> list[Break]:
    """The breaking differences from `old` to `new` (added classes and attributes break nothing)."""
    breaks: list[Break] = []
    for model in sorted(old):
        if model not in new:
            breaks.append(Break("removed-class", model, model))
            continue
        for name, annotation in sorted(old[model].items()):
            if name not in new[model]:
                breaks.append(Break("removed-attribute", model, name, annotation))
            elif new[model][name] != annotation:
                breaks.append(Break("retyped-attribute", model, name, annotation, new[model][name]))
    return breaks


def _python_files(sources: Iterable[Path]) -> list[Path]:
    """Regular `.py` files only: a FIFO would block a read forever, a dangling link cannot be read."""
    found: list[Path] = []
    for source in sources:
        if source.is_file():
            found.append(source)
        elif source.is_dir():
            for path in sorted(source.rglob("*.py")):
                if _SKIPPED_DIRS.intersection(path.relative_to(source).parts):
                    continue
                try:
                    if stat.S_ISREG(path.stat().st_mode):
                        found.append(path)
                except (OSError, RuntimeError):  # a dangling link or a link loop
                    continue
        else:
            raise InputError(f"{source}: no such file or directory to scan")
    return found


def find_uses(
    sources: Iterable[Path], breaks: list[Break], package: str, *, skip: Path | None = None
) -> tuple[list[Use], list[tuple[str, str]]]:
    """Every line in `sources` that imports a removed class or touches a removed or retyped attribute.

    Also returns the files that could not be scanned, with why: a scan that skipped a file
    must say so, or "no impact" could be a false all-clear.
    """
    classes = {b.model: b for b in breaks if b.kind == "removed-class"}
    attributes: dict[str, Break] = {}
    for item in breaks:
        if item.kind != "removed-class":
            attributes.setdefault(item.name, item)
    uses: list[Use] = []
    unread: list[tuple[str, str]] = []
    skipped = skip.resolve() if skip is not None else None
    for path in _python_files(sources):
        try:
            inside = skipped is not None and path.resolve().is_relative_to(skipped)
        except (OSError, RuntimeError):  # a link loop
            inside = False
        if inside:
            continue  # the vendored client itself
        try:
            raw = path.read_bytes()
            tree = ast.parse(raw)  # bytes: the file's own coding declaration applies
            text = raw.decode(tokenize.detect_encoding(io.BytesIO(raw).readline)[0], errors="replace")
        except (OSError, SyntaxError, ValueError, LookupError) as exc:
            unread.append(
                (path.as_posix(), f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}")
            )
            continue
        lines = text.splitlines()
        for node in ast.walk(tree):
            cause = None
            if isinstance(node, ast.Attribute) and node.attr in attributes:
                cause = attributes[node.attr]
            elif isinstance(node, ast.Name) and node.id in classes:
                cause = classes[node.id]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package):
                cause = next((classes[a.name] for a in node.names if a.name in classes), None)
            line = getattr(node, "lineno", 0)
            if cause is not None and line:
                code = lines[line - 1].strip() if line <= len(lines) else ""
                uses.append(Use(path.as_posix(), line, code, cause))
    unique = {(u.path, u.line, u.cause): u for u in uses}
    return sorted(unique.values(), key=lambda u: (u.path, u.line)), unread


def mypy_errors(sources: Iterable[Path], search_path: Path, *, skip: Iterable[Path] = ()) -> list[str] | None:
    """mypy's errors for `sources` with the new client importable from `search_path`; None without mypy.

    Files in `skip` (those the scan could not read) are left out: one of them would stop
    mypy before it says anything about the others.
    """
    try:
        import mypy  # noqa: F401, PLC0415 - optional: only its presence is asked
    except ImportError:
        return None
    left_out = {p.as_posix() for p in skip}
    files = [str(p) for p in _python_files(sources) if p.as_posix() not in left_out]
    if not files:
        return []
    command = [
        sys.executable, "-m", "mypy", "--no-error-summary", "--show-error-codes", "--ignore-missing-imports",
        "--no-incremental", "--follow-imports=silent", "--config-file", os.devnull,
        "--cache-dir", os.devnull, *files,
    ]  # fmt: skip
    env = {"MYPYPATH": str(search_path), "PATH": ""}
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    return [line for line in result.stdout.splitlines() if ": error:" in line]
