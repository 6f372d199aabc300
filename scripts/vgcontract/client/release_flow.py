"""`vgcontract release`: from an edited spec to a released client, in one idempotent step.

1. diff the spec against the released spec (`openapi/released.yaml`);
2. choose the bump from the diff (or take `--version`, refused if too small);
3. write the client version and the spec's matching `info.version`;
4. generate the client once, then write exactly one CHANGELOG.md entry for the version, in words a Python user reads (it
   records the spec's and the templates' hashes: a template change alone is a patch release);
5. write the client (only files whose content changed are rewritten), with the entry shipped;
6. record the released spec, and run the gates (golden check against that generation, release gate).

Run again with nothing new, it changes nothing. Without a released spec yet, the current
spec is recorded as the current version's release (the first run adopts the project).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from vgcontract.client.generate import GenerationInputs, diff_trees, generate_into, ship_changelog, sync_tree
from vgcontract.errors import UsageError
from vgcontract.findings import Finding, Severity
from vgcontract.spec.changelog import read_entries, render_entry, write_entry
from vgcontract.spec.diff import SpecDiff, diff_specs
from vgcontract.spec.model import load_spec
from vgcontract.spec.project import Project
from vgcontract.spec.release import (
    RANK,
    bump_between,
    bumped,
    client_sha256,
    client_version,
    generator_changed,
    generator_hashes,
    label,
    parse_version,
    release_gate,
    released_bytes,
    set_client_version,
    set_spec_version,
    sha256_of,
    spec_sha256,
)

__all__ = ["ReleaseResult", "release"]


@dataclass
class ReleaseResult:
    """What a release did: the version, the bump, the diff, the files it wrote, the entry, the gates."""

    previous: str
    version: str
    bump: str
    diff: SpecDiff
    written: list[str] = field(default_factory=list)
    entry: str = ""
    gate: list[Finding] = field(default_factory=list)
    adopted: bool = False  # no released spec existed: the current spec was recorded as the release

    @property
    def nothing_new(self) -> bool:
        """True when the run changed no file."""
        return not self.written


def _target_version(current: tuple[int, int, int], diff: SpecDiff, requested: str | None) -> tuple[int, int, int]:
    if requested is None:
        return bumped(current, diff.bump) if diff.changes else current
    wanted = parse_version(requested)
    done = bump_between(current, wanted)
    if diff.changes and RANK[done] < RANK[diff.bump]:
        least = label(bumped(current, diff.bump))
        raise UsageError(
            f"--version {requested} is a {done} bump from {label(current)}, but the spec's changes call for "
            f"a {diff.bump} bump: use --version {least} or higher"
        )
    if wanted < current:
        raise UsageError(f"--version {requested} is lower than the current {label(current)}")
    return wanted


def release(project: Project, *, version: str | None = None) -> ReleaseResult:
    """Release the spec's changes as a new client version; see the module docstring.

    A release that fails part way (the generator refuses the spec) puts back the version
    files and CHANGELOG.md as they were, so the next run does not bump a second time.
    """
    kept = {path: path.read_bytes() for path in (project.generator_config, project.spec, project.changelog)
            if path.is_file()}  # fmt: skip
    try:
        return _release(project, version)
    except BaseException:
        for path, data in kept.items():
            path.write_bytes(data)
        if project.changelog not in kept:
            project.changelog.unlink(missing_ok=True)
        raise


def _release(project: Project, version: str | None) -> ReleaseResult:
    spec, released = project.spec, project.released_spec
    current = client_version(project.generator_config)
    adopted = not released.is_file()
    new = load_spec(spec)
    old = load_spec(released) if not adopted else new
    diff = diff_specs(old, new)
    entries = read_entries(project.changelog)
    # The templates or the generator config changed since the last release and the spec did
    # not: the code the client ships changed, so it is a patch release (an older entry that
    # recorded no hash: unknown, no release).
    changed = generator_changed(project, entries[0].fields) if entries else []
    code_only = not adopted and not diff.changes and version is None and bool(changed)
    target = bumped(current, "patch") if code_only else _target_version(current, diff, version)
    result = ReleaseResult(label(current), label(target), bump_between(current, target), diff, adopted=adopted)
    show = project.relative
    if set_client_version(project.generator_config, result.version):
        result.written.append(show(project.generator_config))
    if set_spec_version(spec, result.version):
        result.written.append(show(spec))
    inputs = GenerationInputs.of(project)
    with tempfile.TemporaryDirectory(prefix="vgcontract-release-") as tmp:
        # One generation serves the entry's hash, the client written and the golden gate.
        fresh = Path(tmp) / "out"
        generate_into(fresh, inputs, changelog=False)
        if diff.changes or not entries or entries[0].label != result.version:
            # The entry holds the hash of the client it ships with: taken before the entry
            # exists, which is fine, as the hash leaves out the release records.
            hashes = {**generator_hashes(project), "client-sha256": client_sha256(fresh)}
            result.entry = render_entry(
                diff, result.version, spec_sha256=spec_sha256(load_spec(spec)), old=old, new=load_spec(spec),
                generator=hashes, bump=result.bump,
            )  # fmt: skip
            write_entry(project.changelog, result.version, result.entry)
            result.written.append(show(project.changelog))
        ship_changelog(fresh, inputs.changelog)  # after the entry: the client ships CHANGELOG.md
        result.written += [f"{show(project.generated)}/{name}" for name in sync_tree(fresh, project.generated)]
        new = load_spec(spec)  # after the version edit
        if adopted or spec_sha256(new) != sha256_of(released):
            released.parent.mkdir(parents=True, exist_ok=True)
            released.write_bytes(released_bytes(new))  # a split spec: all its files, as one document
            result.written.append(show(released))
        result.gate = _gates(project, fresh)
    return result


def _gates(project: Project, fresh: Path) -> list[Finding]:
    stale = diff_trees(fresh, project.generated)
    found = [
        Finding("generated-stale", Severity.ERROR, f"generated/{d.path}", f"{d.kind}: not a fresh generation")
        for d in stale
    ]
    return found + release_gate(project)
