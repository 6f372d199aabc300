"""Vendoring the generated client into another repository's tree, and checking a vendored copy.

``vendor`` copies ``generated/voiceglow_client`` to ``DEST/NAME`` (the package renamed to
NAME when asked: absolute ``voiceglow_client`` references are rewritten, relative imports
need nothing) with what a consumer needs beside the code: a README written for them,
``CHANGELOG.md``, the spec it was generated from (``openapi.yaml``), a standard-library
checker (``_vendored.py``, `vgcontract.client.vendored_check`) and ``VENDORED.json``: the
version, the spec's sha256, the generator and its inputs, this repository's commit, and a
sha256 and size per file. Replacing an earlier copy also reports the update: the old version, and
what broke in the models (`vgcontract.client.impact`).

``check_vendored`` compares a vendored copy with its manifest (modified, missing, added
files and symbolic links: tampered, by the copy's own checker's rules) and with the current
spec and client, so an edit made together with a rewritten manifest is caught too: stale and breaking, stale and
compatible (the spec diff from the copy's own ``openapi.yaml``), or a stale client.
Results are data; the CLI prints them.
"""

from __future__ import annotations

import hashlib
import json
import keyword
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from vgcontract.client import vendored_check
from vgcontract.client.consumer import consumer_readme
from vgcontract.client.generate import MANIFEST_NAME, source_package
from vgcontract.client.impact import Break, model_surface, surface_breaks
from vgcontract.errors import InputError, UsageError
from vgcontract.findings import Finding, Severity
from vgcontract.spec.diff import diff_specs
from vgcontract.spec.model import load_spec
from vgcontract.spec.release import released_bytes

__all__ = [
    "CHECKER",
    "EDIT_KINDS",
    "SPEC_COPY",
    "STALE_KINDS",
    "VENDOR_MANIFEST",
    "VendorCheck",
    "VendorResult",
    "check_vendored",
    "locate_vendored",
    "vendor",
]

VENDOR_MANIFEST = "VENDORED.json"


@dataclass(frozen=True)
class VendorResult:
    """What ``vendor`` wrote, and what changed for the consumer when it replaced an earlier copy."""

    package_dir: Path
    package: str
    files: int
    spec_sha256: str
    version: str = "unknown"
    previous_version: str | None = None  # None: a first vendoring
    breaks: list[Break] = field(default_factory=list)  # in the models, from the previous copy

    @property
    def check_command(self) -> str:
        """The consumer-side check, runnable without this repository."""
        return f"python3 -I {self.package_dir / CHECKER} check"


# The kinds of vendor finding: local edits (tampered) and staleness. All are errors.
EDIT_KINDS = frozenset({"modified", "missing", "added", "symlink"})
# What a copy's content follows from besides the spec: equal in a manifest and now, the same
# client would be generated.
_INPUTS = ("source_package", "generator", "templates_sha256", "shipped_sha256", "config_sha256", "vgcontract")
STALE_KINDS = frozenset({"stale-breaking", "stale-compatible", "stale-spec", "stale-client"})
SPEC_COPY = "openapi.yaml"
CHECKER = "_vendored.py"


def _finding(kind: str, path: str, detail: str) -> Finding:
    return Finding(kind, Severity.ERROR, path, detail)


@dataclass(frozen=True)
class VendorCheck:
    """The result of ``check_vendored``; ``ok`` when there is nothing to report."""

    package_dir: Path
    manifest: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def vendor(
    dest: Path,
    package: str | None = None,
    *,
    force: bool = False,
    source: Path,
    spec: Path,
) -> VendorResult:
    """Copy the client package to ``dest/package``, renamed, and write its ``VENDORED.json``.

    Replaces an earlier vendored copy; refuses (``UsageError``) to overwrite a directory
    that was not vendored, or a vendored copy with local edits unless ``force``.
    """
    if not spec.is_file():
        raise InputError(f"{spec}: no such spec file")
    package = package or source_package(source)  # default: the generated package's own name
    _check_package_name(package)
    target = dest / package
    previous: dict[str, Any] | None = None
    old_surface: dict[str, dict[str, str]] = {}
    if target.exists():
        _check_replaceable(target, force=force, source=source, spec=spec)
        previous = _read_manifest(target)
        old = {
            rel: vendored_check.read_listed(target, rel, vendored_check.MAX_UNSIZED_BYTES)
            for rel in _tree_files(target)
        }
        old_surface = model_surface({rel: content for rel, content in old.items() if content is not None})
    files = _render(source, package, spec)
    manifest = _manifest(package, files, source=source, spec=spec)
    # Build beside the target and swap it in, so a failure never leaves half a package.
    try:
        dest.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{package}-", dir=dest))
    except OSError as exc:
        raise InputError(f"{dest}: cannot write there: {exc.strerror or exc}") from None
    try:
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        (staging / VENDOR_MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"{target}: cannot write the vendored copy: {exc.strerror or exc}") from None
    breaks = surface_breaks(old_surface, model_surface(files)) if previous is not None else []
    old_version = str(previous.get("client_version", "unknown")) if previous is not None else None
    return VendorResult(
        target, package, len(files), manifest["spec"]["sha256"], manifest["client_version"], old_version, breaks
    )


def locate_vendored(dest: Path, package: str | None = None) -> Path:
    """The vendored package directory under ``dest``: ``dest/package``, ``dest`` itself, or its one vendored child."""
    if package is not None:
        _check_package_name(package)
        candidates = [dest / package]
    elif (dest / VENDOR_MANIFEST).is_file():
        candidates = [dest]
    else:
        candidates = sorted(path.parent for path in dest.glob(f"*/{VENDOR_MANIFEST}"))
        if len(candidates) > 1:
            names = ", ".join(path.name for path in candidates)
            raise UsageError(f"{dest}: several vendored packages ({names}); name one with --package")
    if not candidates or not (candidates[0] / VENDOR_MANIFEST).is_file():
        raise UsageError(f"{dest}: no {VENDOR_MANIFEST} found; is this a copy made by `vgcontract vendor`?")
    return candidates[0]


def check_vendored(package_dir: Path, *, source: Path, spec: Path) -> VendorCheck:
    """Compare a vendored copy with its manifest, and with the current spec and client."""
    if not spec.is_file():
        raise InputError(f"{spec}: no such spec file")
    manifest = _read_manifest(package_dir)
    recorded: dict[str, str] = manifest["files"]
    findings: list[Finding] = []
    try:
        # The copy's own checker: links never followed, no file read past its recorded size.
        _manifest_again, problems = vendored_check.check(package_dir)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    findings += [_finding(kind, relative, detail) for kind, relative, detail in problems]
    current_spec = _sha256(released_bytes(load_spec(spec)))
    if manifest["spec"]["sha256"] != current_spec:
        findings.append(_stale(package_dir, manifest, spec, current_spec))
    else:
        rendered = _render(source, manifest["package"], spec)
        fresh = {relative: _sha256(content) for relative, content in rendered.items()}
        changed = sorted(name for name in set(fresh) | set(recorded) if fresh.get(name) != recorded.get(name))
        current = _manifest(manifest["package"], rendered, source=source, spec=spec)
        if changed and all(manifest.get(key) == current[key] for key in _INPUTS):
            # Made by this very toolkit from these very inputs, yet the manifest records other
            # content: it was rewritten along with the code (what the copy's own check cannot see).
            reported = {f.location for f in findings}
            findings += [
                _finding("modified", name, "differs from the client this toolkit generates; VENDORED.json was "
                         "rewritten to match")
                for name in changed if name not in reported
            ]  # fmt: skip
        elif changed:
            findings.append(
                _finding(
                    "stale-client",
                    VENDOR_MANIFEST,
                    f"the client has changed since (templates, config or generator); {len(changed)} file(s) differ: "
                    + ", ".join(changed[:5]),
                )
            )
    return VendorCheck(package_dir, manifest, findings)


def _stale(package_dir: Path, manifest: dict[str, Any], spec: Path, current: str) -> Finding:
    """Stale, and whether updating breaks code: the spec diff from the copy's own spec to the current one."""
    was = f"vendored from spec {manifest['spec']['sha256'][:12]}, the current spec is {current[:12]}"
    copy = package_dir / SPEC_COPY
    try:
        old = load_spec(copy) if copy.is_file() else None
    except InputError:  # an edited copy of the spec: reported as `modified`; staleness is unclassified
        old = None
    if old is None:  # a copy made before the spec travelled with it, or a broken one
        return _finding("stale-spec", VENDOR_MANIFEST, f"{was}: run `vgcontract vendor` again")
    diff = diff_specs(old, load_spec(spec))
    breaking = diff.count(Severity.ERROR)
    if breaking:
        first = next(c for c in diff.changes if c.severity is Severity.ERROR)
        detail = f"{was}; {breaking} breaking change(s), e.g. {first.kind} {first.location}: {first.message}"
        return _finding("stale-breaking", VENDOR_MANIFEST, f"{detail}; update with --impact to see what breaks")
    return _finding("stale-compatible", VENDOR_MANIFEST, f"{was}; no breaking change ({diff.bump}): safe to update")


def _check_package_name(package: str) -> None:
    # ASCII only: Python folds other identifiers (NFKC), so `ﬁle` would be imported as `file`.
    if not package.isascii() or not package.isidentifier() or keyword.iskeyword(package):
        raise UsageError(f"--package must be a Python identifier (letters, digits, _), got {package!r}")


def _check_replaceable(target: Path, *, force: bool, source: Path, spec: Path) -> None:
    if not (target / VENDOR_MANIFEST).is_file():
        raise UsageError(f"{target} exists and was not made by `vgcontract vendor`; move it away first")
    if force:
        return
    edits = [f for f in check_vendored(target, source=source, spec=spec).findings if f.kind in EDIT_KINDS]
    if edits:
        names = ", ".join(f.location for f in edits[:5])
        raise UsageError(f"{target} has local edits ({names}); re-vendor with --force to discard them")


def _render(source: Path, package: str, spec: Path) -> dict[str, bytes]:
    """The vendored files, by path relative to the package directory, with the package renamed."""
    original = source_package(source)
    package_dir = source / original
    if not package_dir.is_dir():
        raise InputError(f"{package_dir}: no generated client; run `make generate`")
    try:
        generated_from = json.loads((source / MANIFEST_NAME).read_text(encoding="utf-8"))["spec"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"{source / MANIFEST_NAME}: missing or unreadable; run `make generate`") from None
    if generated_from != _sha256(released_bytes(load_spec(spec))):
        # The copy would carry this spec beside code generated from another one.
        raise UsageError(f"{source} was not generated from {spec}: run `make release` (or `make generate`) first")
    files: dict[str, bytes] = {}
    for relative in sorted(_tree_files(package_dir)):
        content = (package_dir / relative).read_bytes()
        if relative.endswith(".py") and package != original:
            content = re.sub(rf"\b{original}\b", package, content.decode("utf-8")).encode("utf-8")
        files[relative] = content
    changelog = source / "CHANGELOG.md"
    if changelog.is_file():
        files["CHANGELOG.md"] = changelog.read_bytes()
    files[SPEC_COPY] = released_bytes(load_spec(spec))
    files[CHECKER] = Path(vendored_check.__file__).read_bytes()
    files["README.md"] = consumer_readme(source, package).encode("utf-8")
    return files


def _manifest(package: str, files: dict[str, bytes], *, source: Path, spec: Path) -> dict[str, Any]:
    generation = json.loads((source / MANIFEST_NAME).read_text(encoding="utf-8"))
    return {
        "package": package,
        "source_package": source_package(source),
        "client_version": _client_version(source),
        "spec": {"path": generation["spec"]["path"], "sha256": _sha256(released_bytes(load_spec(spec)))},
        "generator": generation["generator"],
        "templates_sha256": generation["templates"]["sha256"],
        "shipped_sha256": (generation.get("shipped") or {}).get("sha256"),
        "config_sha256": generation["config"]["sha256"],
        "vgcontract": {"version": metadata.version("vgcontract"), "commit": _commit(source, spec)},
        "files": {relative: _sha256(content) for relative, content in files.items()},
        "sizes": {relative: len(content) for relative, content in files.items()},
        "check": f"python3 -I {package}/{CHECKER} check",
    }


def _read_manifest(package_dir: Path) -> dict[str, Any]:
    path = package_dir / VENDOR_MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read the vendoring manifest: {exc}") from None
    spec = manifest.get("spec") if isinstance(manifest, dict) else None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    package = manifest.get("package") if isinstance(manifest, dict) else None
    ok = (
        isinstance(spec, dict)
        and isinstance(spec.get("sha256"), str)
        and isinstance(files, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
        and isinstance(package, str)
        and package.isascii()
        and package.isidentifier()
    )
    if not ok:
        raise InputError(f"{path}: not a vendoring manifest (package, spec.sha256 and files are required)")
    return manifest


def _tree_files(root: Path) -> set[str]:
    # One rule for what a copy holds, shared with the checker the copy carries.
    return vendored_check.tree_files(root)


def _client_version(source: Path) -> str:
    match = re.search(r'^version = "([^"]+)"', (source / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else "unknown"


def _commit(source: Path, spec: Path) -> str:
    """This repository's commit, marked ``-dirty`` when the client or spec has uncommitted edits."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", str(source), str(spec.parent)],
            cwd=source, capture_output=True, text=True, check=True, timeout=10,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}-dirty" if status.strip() else head


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
