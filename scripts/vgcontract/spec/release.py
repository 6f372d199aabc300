"""The client's version and CHANGELOG against the spec: loading spec revisions, and the version gate.

Each ``CHANGELOG.md`` entry is written by ``vgcontract spec-diff --changelog`` and records
the git blob ID of the spec it was released with (``<!-- vgcontract: spec-blob=... -->``).
The gate (run by ``check-generated``) fails when:

- the client's version (``openapi/generator-config.yaml``) has no entry at the top;
- the spec has breaking or additive changes since the top entry's spec;
- the top entry's version bump is smaller than its spec changes call for.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vgcontract.errors import InputError
from vgcontract.findings import Finding, Severity
from vgcontract.spec.diff import SpecDiff, diff_specs, level_label
from vgcontract.spec.load import load_spec
from vgcontract.spec.project import Project

__all__ = [
    "ChangelogEntry",
    "blob_id",
    "bumped",
    "client_version",
    "insert_entry",
    "load_revision",
    "read_changelog",
    "revision_bytes",
    "version_gate",
]

_ENTRY = re.compile(
    r"^## voiceglow-client (\d+)\.(\d+)\.(\d+)\b.*?\n(?:.*?\n)*?<!-- vgcontract: spec-blob=([0-9a-f]{40}) -->",
    re.MULTILINE,
)
_RANK = {"none": 0, "patch": 1, "minor": 2, "major": 3}


@dataclass(frozen=True)
class ChangelogEntry:
    version: tuple[int, int, int]
    spec_blob: str

    @property
    def label(self) -> str:
        return ".".join(map(str, self.version))


def blob_id(content: bytes) -> str:
    """The git blob ID of ``content`` (what ``git hash-object`` prints), computed without git."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def revision_bytes(spec: str, *, cwd: Path | None = None) -> bytes:
    """The raw bytes of a spec given as a file path, or ``REV:path`` / a blob ID from git."""
    path = Path(spec)
    if path.exists():
        try:
            return path.read_bytes()
        except OSError as exc:
            raise InputError(f"{spec}: cannot read: {exc.strerror or exc}") from None
    if ":" not in spec and not re.fullmatch(r"[0-9a-f]{40}", spec):
        raise InputError(f"{spec}: no such file (use REV:path for a git revision)")
    try:
        return subprocess.run(["git", "show", spec], cwd=cwd, capture_output=True, check=True, timeout=30).stdout
    except subprocess.CalledProcessError as exc:
        detail = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["unknown revision"]
        raise InputError(f"{spec}: git cannot show it: {detail[0]}") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"{spec}: git is not available: {exc}") from None


def load_revision(spec: str) -> tuple[dict[str, Any], str]:
    """A spec from a file path, or ``REV:path`` / a blob ID from git; returns (document, label)."""
    path = Path(spec)
    if path.exists():
        return load_spec(path), str(path)
    content = revision_bytes(spec)
    try:
        document = yaml.safe_load(content)
    except yaml.YAMLError:
        raise InputError(f"{spec}: not valid YAML") from None
    if not isinstance(document, dict):
        raise InputError(f"{spec}: the top level is not a mapping")
    return document, spec


def client_version(config: Path) -> tuple[int, int, int]:
    """The client's version, from ``package_version_override`` in the generator config."""
    text = config.read_text(encoding="utf-8")
    match = re.search(r"^package_version_override:\s*['\"]?(\d+)\.(\d+)\.(\d+)", text, re.MULTILINE)
    if not match:
        raise InputError(f"{config}: no package_version_override: X.Y.Z")
    return int(match[1]), int(match[2]), int(match[3])


def bumped(version: tuple[int, int, int], bump: str) -> tuple[int, int, int]:
    """``version`` after a semantic-version bump (strict semver, also below 1.0)."""
    major, minor, patch = version
    if bump == "major":
        return major + 1, 0, 0
    if bump == "minor":
        return major, minor + 1, 0
    if bump == "patch":
        return major, minor, patch + 1
    return version


def _bump_between(old: tuple[int, int, int], new: tuple[int, int, int]) -> str:
    if new[0] > old[0]:
        return "major"
    if new[:2] > old[:2]:
        return "minor"
    return "patch" if new > old else "none"


def insert_entry(path: Path, entry: str) -> None:
    """Put ``entry`` above the newest entry of the CHANGELOG at ``path`` (or at its end if it has none)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Changelog of voiceglow-client\n\n"
    match = re.search(r"^## voiceglow-client ", text, re.MULTILINE)
    at = match.start() if match else len(text)
    path.write_text(text[:at] + entry + text[at:], encoding="utf-8")


def read_changelog(path: Path) -> list[ChangelogEntry]:
    """The entries of CHANGELOG.md, newest first."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return [ChangelogEntry((int(m[1]), int(m[2]), int(m[3])), m[4]) for m in _ENTRY.finditer(text)]


def _spec_at(blob: str) -> dict[str, Any] | None:
    try:
        return load_revision(blob)[0]
    except InputError:
        return None


def _problem(kind: str, where: Path, message: str) -> Finding:
    return Finding(kind, Severity.ERROR, where.name, message)


def version_gate(
    project: Project,
    *,
    spec: Path | None = None,
    lookup: Callable[[str], dict[str, Any] | None] | None = None,
) -> list[Finding]:
    """Problems with the client's version and CHANGELOG, as findings (empty when the gate passes).

    ``lookup`` finds the spec recorded by a blob ID (default: git's object store).
    """
    spec = spec or project.spec
    changelog, config = project.changelog, project.generator_config
    find = lookup or _spec_at
    entries = read_changelog(changelog)
    version = client_version(config)
    label = ".".join(map(str, version))
    command = "vgcontract spec-diff <old spec> openapi/voiceglow.yaml --changelog --changelog-file CHANGELOG.md"
    if not entries:
        return [_problem("changelog-missing", changelog, f"no entry with a spec-blob marker; write one with {command}")]
    top = entries[0]
    problems: list[Finding] = []
    if top.version != version:
        problems.append(
            _problem(
                "version-without-entry",
                changelog,
                f"the client is {label} but {changelog.name}'s newest entry is {top.label}: add an entry for {label}",
            )
        )
    content = spec.read_bytes()
    if blob_id(content) != top.spec_blob:
        released = find(top.spec_blob)
        if released is None:
            problems.append(
                _problem(
                    "released-spec-unknown",
                    changelog,
                    f"{changelog.name} {top.label} names spec blob {top.spec_blob[:12]}, which git cannot find: "
                    "cannot classify the spec's changes",
                )
            )
        else:
            diff = diff_specs(released, load_spec(spec))
            if _RANK[diff.bump] >= _RANK["minor"]:
                problems.append(
                    _problem(
                        "spec-changed-without-release",
                        spec,
                        f"the spec has {_summary(diff)} since {top.label} (a {diff.bump} change): bump "
                        f"package_version_override to {'.'.join(map(str, bumped(top.version, diff.bump)))} "
                        "(openapi/generator-config.yaml), `make generate`, then "
                        + command.replace("<old spec>", top.spec_blob[:12]),
                    )
                )
    if len(entries) > 1:
        previous = entries[1]
        old, new = find(previous.spec_blob), find(top.spec_blob)
        if old is not None and new is not None:
            needed = diff_specs(old, new).bump
            done = _bump_between(previous.version, top.version)
            if _RANK[done] < _RANK[needed] and _RANK[needed] >= _RANK["minor"]:
                problems.append(
                    _problem(
                        "bump-too-small",
                        changelog,
                        f"{previous.label} -> {top.label} is a {done} bump, but its spec changes call for {needed}",
                    )
                )
    return problems


def _summary(diff: SpecDiff) -> str:
    levels = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    parts = [f"{diff.count(level)} {level_label(level)}" for level in levels if diff.count(level)]
    return ", ".join(parts) + " change(s)"
