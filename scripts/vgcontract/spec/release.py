"""Releases of the client: its version, the released spec, and the gate that keeps them in step.

A release is recorded three ways, all written by `vgcontract release` (`vgcontract.client.release_flow`):

- the client's version, `package_version_override` in the generator config, and the
  spec's `info.version`, which match;
- `openapi/released.yaml` (`[tool.vgcontract] released-spec`), the spec as released: the
  next release diffs against it, and so does the gate, whether the spec is committed,
  staged or only edited;
- one CHANGELOG.md entry per version (`vgcontract.spec.changelog`), with the bump and the
  released spec's sha256 in its marker.

`release_gate` (run by `check-generated`, `release --check` and so `make test`) returns a
finding, with a command that fixes it, whenever those disagree.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from vgcontract.errors import InputError
from vgcontract.findings import Finding, Severity
from vgcontract.spec.bundle import SpecFiles
from vgcontract.spec.diff import SpecDiff, diff_specs, level_label
from vgcontract.spec.model import Spec, load_spec, parse_spec
from vgcontract.spec.project import Project
from vgcontract.spec.read import parse_text
from vgcontract.spec.yamledit import YamlText

__all__ = [
    "RANK",
    "SHIPPED_MODULES",
    "blob_id",
    "bump_between",
    "bumped",
    "client_sha256",
    "client_version",
    "generator_hashes",
    "label",
    "load_revision",
    "parse_version",
    "release_gate",
    "released_bytes",
    "revision_bytes",
    "set_client_version",
    "set_spec_version",
    "sha256_of",
    "shipped_sha256",
    "spec_sha256",
    "summary",
    "tree_sha256",
]

RANK = {"none": 0, "patch": 1, "minor": 2, "major": 3}
RELEASE_COMMAND = "make release"
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
_CONFIG_VERSION = re.compile(r"^(package_version_override:\s*)['\"]?\d+\.\d+\.\d+['\"]?", re.MULTILINE)


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
    if spec.startswith("-"):
        # git would read it as an option (`--output=FILE` writes a file).
        raise InputError(f"{spec}: a revision cannot start with '-'")
    command = ["git", "show", "--end-of-options", spec]  # whatever it holds, `spec` is a revision
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, check=True, timeout=30).stdout
    except subprocess.CalledProcessError as exc:
        detail = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["unknown revision"]
        raise InputError(f"{spec}: git cannot show it: {detail[0]}") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"{spec}: git is not available: {exc}") from None


class _RevisionFiles(SpecFiles):
    """A git revision's tree: a spec split into files is read as it was at that revision."""

    local = False

    def __init__(self, revision: str) -> None:
        self.revision = revision

    def locate(self, path: Path) -> Path:
        return Path(os.path.normpath(path))  # paths inside the revision's tree: nothing on disk to follow

    def read(self, path: Path) -> Any:
        content = revision_bytes(self.shown(path))
        try:
            return parse_text(content.decode("utf-8-sig"), self.shown(path))
        except UnicodeDecodeError:
            raise InputError(f"{self.shown(path)}: not UTF-8 text") from None

    def shown(self, path: Path) -> str:
        return f"{self.revision}:{path.relative_to('/').as_posix()}"


def load_revision(spec: str) -> tuple[Spec, str]:
    """A spec from a file path, or ``REV:path`` / a blob ID from git; returns (document, label).

    At ``REV:path``, the files a split spec names are read from the same revision.
    """
    path = Path(spec)
    if path.exists():
        return load_spec(path), str(path)
    revision, colon, inside = spec.partition(":")
    if colon and inside and not spec.startswith("-"):
        return load_spec(Path("/") / inside, files=_RevisionFiles(revision)), spec
    content = revision_bytes(spec)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{spec}: not UTF-8 text") from None
    return parse_spec(text, spec), spec


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


def bump_between(old: tuple[int, int, int], new: tuple[int, int, int]) -> str:
    """The semantic-version bump from `old` to `new` (`none` when not higher)."""
    if new[0] > old[0]:
        return "major"
    if new[:2] > old[:2]:
        return "minor"
    return "patch" if new > old else "none"


def parse_version(text: str) -> tuple[int, int, int]:
    """`"1.2.3"` -> `(1, 2, 3)`; raises `InputError` for anything else."""
    match = _VERSION.match(text.strip())
    if not match:
        raise InputError(f"{text!r} is not a version of the form X.Y.Z")
    return int(match[1]), int(match[2]), int(match[3])


def label(version: tuple[int, int, int]) -> str:
    """`(1, 2, 3)` -> `"1.2.3"`."""
    return ".".join(map(str, version))


def set_client_version(config: Path, version: str) -> bool:
    """Write `package_version_override: version`; True when the file changed."""
    text = config.read_text(encoding="utf-8")
    new = _CONFIG_VERSION.sub(lambda m: m.group(1) + version, text, count=1)
    if new == text:
        return False
    config.write_text(new, encoding="utf-8")
    return True


def set_spec_version(spec: Path, version: str) -> bool:
    """Write `info.version: version` into the spec, editing that one line; True when it changed."""
    text = spec.read_text(encoding="utf-8")
    doc = parse_spec(text, str(spec))
    if str((doc.get("info") or {}).get("version")) == version:
        return False
    edit = YamlText(text)
    edit.replace_entry("#/info/version", {"version": version})
    spec.write_text(edit.render(), encoding="utf-8")
    return True


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def spec_sha256(spec: Spec) -> str:
    """The spec's identity: the sha256 of `released_bytes` (a one-file spec: its file's)."""
    return hashlib.sha256(released_bytes(spec)).hexdigest()


def released_bytes(spec: Spec) -> bytes:
    """What a copy of the spec holds (released, vendored): its file, or one document for a spec split into files."""
    if spec.path is not None and len(spec.files) <= 1:
        return spec.path.read_bytes()
    return (json.dumps(spec.document, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def summary(diff: SpecDiff) -> str:
    """`1 breaking, 2 info change(s)`."""
    levels = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    parts = [f"{diff.count(level)} {level_label(level)}" for level in levels if diff.count(level)]
    return ", ".join(parts) + " change(s)" if parts else "no change"


def _problem(kind: str, where: str, message: str) -> Finding:
    return Finding(kind, Severity.ERROR, where, message)


def tree_sha256(root: Path) -> str | None:
    """One hash over a directory's files (names and contents); None when it is not a directory."""
    if not root.is_dir():
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).hexdigest().encode() + b"\n")
    return digest.hexdigest()


# The toolkit's own modules that generation copies into the client unchanged, by the name
# they take there: the runtime (`vgcontract.runtime`) and the test double's value maker.
_PACKAGE = Path(__file__).resolve().parents[1]
SHIPPED_MODULES = {
    **{f"_runtime/{path.name}": path for path in sorted((_PACKAGE / "runtime").glob("*.py"))},
    "testing/_values.py": _PACKAGE / "spec" / "values.py",
}


def shipped_sha256() -> str:
    """One hash over the modules copied into the client (`SHIPPED_MODULES`)."""
    digest = hashlib.sha256()
    for name, source in sorted(SHIPPED_MODULES.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(source.read_bytes()).hexdigest().encode() + b"\n")
    return digest.hexdigest()


# Files of the generated tree that a release itself rewrites: the record of releases, and
# the manifest (which holds the spec's hash, and so its version).
_RELEASE_RECORDS = frozenset({"CHANGELOG.md", "README.md", "GENERATION.json"})
_VERSION_LINES = re.compile(rb'^(__version__ = |version = )"\d+\.\d+\.\d+"$', re.MULTILINE)
_CACHES = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist"})


def client_sha256(generated: Path) -> str:
    """One hash over what the client ships: every file of the generated tree, its version lines
    (``__version__``, the pyproject's ``version``) blanked, without the release records."""
    digest = hashlib.sha256()
    for path in sorted(p for p in generated.rglob("*") if p.is_file()):
        relative = path.relative_to(generated)
        if relative.as_posix() in _RELEASE_RECORDS or _CACHES & set(relative.parts):
            continue
        if any(part.endswith(".egg-info") for part in relative.parts):
            continue
        content = _VERSION_LINES.sub(rb'\1"X.Y.Z"', path.read_bytes())
        digest.update(relative.as_posix().encode() + b"\0" + hashlib.sha256(content).hexdigest().encode() + b"\n")
    return digest.hexdigest()


def generator_hashes(project: Project) -> dict[str, str]:
    """What the client is made from besides the spec, and what it is, hashed: the templates,
    the toolkit's modules shipped into the client, the generator config without its version
    line (a release changes that line itself), and the generated tree (`client_sha256`), so
    that a change to the client's bytes from anywhere (the generator's or ruff's version
    too) needs a release."""
    config = _CONFIG_VERSION.sub(r"\1X.Y.Z", project.generator_config.read_text(encoding="utf-8"), count=1)
    return {
        "templates-sha256": tree_sha256(project.templates) or "none",
        "shipped-sha256": shipped_sha256(),
        "config-sha256": hashlib.sha256(config.encode("utf-8")).hexdigest(),
        "client-sha256": client_sha256(project.generated) if project.generated.is_dir() else "none",
    }


def generator_changed(project: Project, recorded: dict[str, str]) -> list[str]:
    """The generator inputs that differ from what an entry recorded (an input it did not record: unknown)."""
    return [key.removesuffix("-sha256") for key, value in generator_hashes(project).items()
            if recorded.get(key) not in (None, value)]  # fmt: skip


def release_gate(project: Project, *, spec: Path | None = None) -> list[Finding]:
    """Every way the spec, the client's version, the released spec and CHANGELOG.md disagree."""
    spec = spec or project.spec
    released, config, changelog = project.released_spec, project.generator_config, project.changelog
    version = client_version(config)
    if not released.is_file():
        where = project.relative(released)
        return [_problem("release-missing", where, f"no released spec at {where}: run `{RELEASE_COMMAND}`")]
    current = load_spec(spec)
    problems = []
    diff = diff_specs(load_spec(released), current)
    if diff.changes:
        problems.append(
            _problem(
                "spec-changed-without-release",
                project.relative(spec),
                f"the spec has {summary(diff)} since the {label(version)} release (a {diff.bump} change): "
                f"run `{RELEASE_COMMAND}`",
            )
        )
    spec_version = str((current.get("info") or {}).get("version", ""))
    if spec_version != label(version) and not diff.changes:
        problems.append(
            _problem(
                "spec-version-mismatch",
                project.relative(spec),
                f"info.version is {spec_version!r} but the client is {label(version)}: run `{RELEASE_COMMAND}`",
            )
        )
    from vgcontract.spec.changelog import read_entries  # noqa: PLC0415 - only the gate reads entries: spec-diff stays light

    entries = read_entries(changelog)
    top = entries[0] if entries else None
    if top is None or top.version != version:
        newest = f"newest entry is {top.label}" if top else "has no entry"
        problems.append(
            _problem(
                "version-without-entry",
                changelog.name,
                f"the client is {label(version)} but {changelog.name} {newest}: run `{RELEASE_COMMAND}`",
            )
        )
    elif changed := generator_changed(project, top.fields):
        inputs = {
            "templates": project.relative(project.templates),
            "shipped": "the toolkit's modules copied into the client",
            "config": project.relative(project.generator_config),
            "client": f"the generated client ({project.relative(project.generated)})",
        }
        names = " and ".join(inputs[name] for name in changed if name in inputs)
        problems.append(
            _problem(
                "generator-changed-without-release",
                names,
                f"{names} changed since the {top.label} release, so the code the client ships did: "
                f"run `{RELEASE_COMMAND}` (a patch release)",
            )
        )
    elif len(entries) > 1 and "bump" in top.fields:
        done, needed = bump_between(entries[1].version, top.version), top.fields["bump"]
        if RANK.get(done, 0) < RANK.get(needed, 0):
            problems.append(
                _problem(
                    "bump-too-small",
                    changelog.name,
                    f"{entries[1].label} -> {top.label} is a {done} bump, but its changes call for {needed}: "
                    f"the entry was edited by hand; restore it with `git checkout {changelog.name}` and run "
                    f"`{RELEASE_COMMAND}`",
                )
            )
    return problems
