"""Where a vgcontract project keeps its spec, generator inputs, client and changelog.

A project is the nearest directory, from the working directory up, whose `pyproject.toml`
has a `[tool.vgcontract]` table. Its keys name the files, relative to that directory; the
defaults are this repository's layout:

    [tool.vgcontract]
    spec = "openapi/voiceglow.yaml"
    generator-config = "openapi/generator-config.yaml"
    templates = "openapi/templates"
    generated = "generated"
    changelog = "CHANGELOG.md"
    released-spec = "openapi/released.yaml"   # the spec as last released (written by `release`)
    pinned = "contract-pinned.yaml"           # optional: requests that must succeed (`vgcontract.contract.pinned`)

Nothing is found relative to the installed package: the toolkit works the same from a
wheel, an editable install or another checkout. `--spec` on the command line always wins;
`VGCONTRACT_SPEC` in the environment (what `make SPEC=...` sets) replaces the project's
spec for everything that asks the project, the contract suites included.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from vgcontract.errors import InputError, UsageError

__all__ = ["Project", "display_path", "find_project", "resolve_spec"]

_DEFAULTS = {
    "spec": "openapi/voiceglow.yaml",
    "generator-config": "openapi/generator-config.yaml",
    "templates": "openapi/templates",
    "generated": "generated",
    "changelog": "CHANGELOG.md",
    "released-spec": "openapi/released.yaml",
}


@dataclass(frozen=True)
class Project:
    """The files of one vgcontract project, as absolute paths."""

    root: Path
    spec: Path
    generator_config: Path
    templates: Path
    generated: Path
    changelog: Path
    released_spec: Path
    pinned: Path | None = None

    @classmethod
    def at(cls, root: Path, settings: dict[str, object] | None = None) -> Project:
        """The project rooted at `root`, with `settings` (the `[tool.vgcontract]` table) over the defaults."""
        values = {**_DEFAULTS, **{k: str(v) for k, v in (settings or {}).items() if k in _DEFAULTS}}
        root = root.resolve()
        return cls(
            root=root,
            spec=root / values["spec"],
            generator_config=root / values["generator-config"],
            templates=root / values["templates"],
            generated=root / values["generated"],
            changelog=root / values["changelog"],
            released_spec=root / values["released-spec"],
            pinned=root / str(settings["pinned"]) if settings and settings.get("pinned") else None,
        )

    def relative(self, path: Path) -> str:
        """`path` relative to the project root when under it (what a diff or a hint should show)."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def find_project(start: Path | None = None) -> Project:
    """The project containing `start` (default: the working directory). Raises `UsageError` if none."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f"{candidate}: cannot read: {exc}") from None
        settings = data.get("tool", {}).get("vgcontract")
        if isinstance(settings, dict):
            project = Project.at(directory, settings)
            override = os.environ.get("VGCONTRACT_SPEC", "").strip()
            return replace(project, spec=Path(override).resolve()) if override else project
    raise UsageError(
        f"no vgcontract project at or above {here} (a pyproject.toml with [tool.vgcontract]); pass --spec FILE"
    )


def resolve_spec(spec: Path | None) -> Path:
    """The spec a command reads: `--spec` when given, else the project's."""
    return spec if spec is not None else find_project().spec


def display_path(path: Path) -> str:
    """`path` as reports name it: relative to its project's root (what `git apply` expects), else to the
    working directory, else as given."""
    try:
        return find_project(path.resolve().parent).relative(path)
    except UsageError:  # outside any project
        try:
            return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return path.as_posix()
