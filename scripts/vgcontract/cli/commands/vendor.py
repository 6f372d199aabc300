"""`vgcontract vendor`: copy the generated client into another repo's tree, or `--check` such a copy.

Replacing an earlier copy reports the update: the version jump and its bump, the
changelog entries in between, what broke in the models, and with `--impact SRC...` the
consumer's lines that use it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_spec
from vgcontract.errors import UsageError, VgContractError

if TYPE_CHECKING:
    from vgcontract.client.vendoring import VendorCheck, VendorResult

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(CommandArgs):
    dest: Path
    package: str | None
    check: bool
    force: bool
    spec: Path | None
    impact: tuple[Path, ...]
    fail_on_breaking: bool

    def __post_init__(self) -> None:
        object.__setattr__(self, "impact", tuple(self.impact))  # argparse gives a list
        if self.check and (self.impact or self.fail_on_breaking):
            raise UsageError("--impact and --fail-on-breaking report an update; they do not go with --check")
        if self.fail_on_breaking and not self.impact:
            raise UsageError("--fail-on-breaking needs --impact SRC... (the code to scan)")


def register(sub: Subparsers) -> None:
    """Add `vendor` to the command line."""
    parser = sub.add_parser(
        "vendor",
        help="copy the generated client into another repo's tree (or --check a vendored copy)",
        description="Copy the generated client to DEST/NAME with VENDORED.json, or check such a copy. "
        "Exit codes: 0 ok, 1 the copy was tampered with or is stale (--check), or the update breaks "
        "lines of --impact code (--fail-on-breaking), 2 usage error.",
    )
    parser.add_argument("dest", type=Path, help="directory to vendor into (the package goes to DEST/NAME)")
    parser.add_argument("--package", default=None, help="package name to vendor as (default: voiceglow_client)")
    parser.add_argument("--check", action="store_true", help="check an existing vendored copy instead of writing one")
    parser.add_argument("--force", action="store_true", help="replace a vendored copy even if it has local edits")
    parser.add_argument(
        "--impact", nargs="+", type=Path, default=(), metavar="SRC",
        help="scan this code (files or directories) for uses of what the update removed or retyped",
    )  # fmt: skip
    parser.add_argument(
        "--fail-on-breaking", action="store_true", help="exit 1 when --impact finds a line that the update breaks"
    )
    add_spec(parser, "the current spec")
    parser.set_defaults(handler=run, args_model=Args)


def _print_check(result: VendorCheck) -> int:
    from vgcontract.client.vendoring import EDIT_KINDS

    for finding in result.findings:
        # A local edit is located in the copy: the full path, apart from the kind.
        where = str(result.package_dir / finding.location) if finding.kind in EDIT_KINDS else finding.location
        where = where.encode("utf-8", "backslashreplace").decode("utf-8")  # an undecodable file name
        print(f"{finding.severity!s:<7}  {finding.kind:<16}  {where}  {finding.message}")
    manifest = result.manifest
    kinds = {f.kind for f in result.findings}
    verdict = [
        *(["tampered"] if kinds & EDIT_KINDS else []),
        *(["stale, breaking"] if "stale-breaking" in kinds else []),
        *(["stale, compatible"] if "stale-compatible" in kinds else []),
        *(["stale"] if kinds & {"stale-spec", "stale-client"} else []),
    ]
    state = "matches" if result.ok else ", ".join(verdict)
    print(
        f"{result.package_dir}: vendored {manifest.get('client_version', '?')} of the client "
        f"(spec {manifest['spec']['sha256'][:12]}, {len(manifest['files'])} files): {state}"
    )
    return exit_codes.OK if result.ok else exit_codes.FINDINGS


def _print_update(written: VendorResult, changelog: Path) -> None:
    from vgcontract.spec.changelog import read_entries
    from vgcontract.spec.release import bump_between, parse_version

    if written.previous_version is None or written.previous_version == written.version:
        return
    try:
        old, new = parse_version(written.previous_version), parse_version(written.version)
    except (ValueError, VgContractError):  # the old manifest's version is not X.Y.Z: say what it was
        print(f"update: voiceglow-client {written.previous_version!r} -> {written.version}")
        return
    change = "downgrade" if new < old else bump_between(old, new)
    print(f"update: voiceglow-client {written.previous_version} -> {written.version} ({change})")
    text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
    entries = [e for e in read_entries(changelog) if old < e.version <= new]
    if entries:
        print(f"changes since {written.previous_version}:")
        for entry in entries:  # `start`/`end` are offsets into the text
            body = [line for line in text[entry.start : entry.end].splitlines() if not line.startswith("<!--")]
            print("\n".join(f"  {line}" if line else "" for line in body).rstrip())


def _print_impact(written: VendorResult, sources: tuple[Path, ...]) -> int:
    """The breaks and the consumer's lines that use them; the number of such lines."""
    from vgcontract.client.impact import find_uses, mypy_errors

    if written.breaks:
        print("breaking for code that uses the client:")
        for item in written.breaks:
            print(f"  {item.describe()}")
    if not sources:
        return 0
    if not written.breaks:
        print("impact: the update breaks nothing in the models: no code to scan")
        return 0
    uses, unread = find_uses(sources, written.breaks, written.package, skip=written.package_dir)
    for path, reason in unread:
        print(f"impact: could not scan {path}: {reason}")
    if uses:
        print("these lines need attention:")
        for use in uses:
            print(f"  {use.path}:{use.line}: {use.code}    <- {use.cause.describe()}")
    else:
        print(f"impact: no line of {', '.join(map(str, sources))} uses what the update removed or retyped")
    errors = mypy_errors(sources, written.package_dir.parent, skip=[Path(p) for p, _ in unread])
    if errors:
        print("mypy, against the new copy:")
        for line in errors[:50]:
            print(f"  {line}")
    return len(uses)


def run(args: Args) -> int:
    from vgcontract.client.vendoring import check_vendored, locate_vendored, vendor
    from vgcontract.spec.project import find_project

    project = find_project()
    spec = args.spec or project.spec
    if args.check:
        package_dir = locate_vendored(args.dest, args.package)
        return _print_check(check_vendored(package_dir, source=project.generated, spec=spec))
    missing = [str(src) for src in args.impact if not (src.is_file() or src.is_dir())]
    if missing:  # said before the copy is touched
        raise UsageError(f"--impact: no such file or directory: {missing[0]}")
    written = vendor(args.dest, args.package, force=args.force, source=project.generated, spec=spec)
    print(
        f"vendored {written.files} files to {written.package_dir} as package {written.package!r} "
        f"(client {written.version}, spec {written.spec_sha256[:12]})"
    )
    _print_update(written, project.generated / "CHANGELOG.md")
    broken = _print_impact(written, args.impact)
    print(f"check it with: {written.check_command}  (standard library only)")
    print(f"          and: vgcontract vendor --check {args.dest}  (in this repository: is it stale?)")
    sys.stdout.flush()
    return exit_codes.FINDINGS if args.fail_on_breaking and broken else exit_codes.OK
