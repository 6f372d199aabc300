"""`vgcontract vendor`: copy the generated client into another repo's tree, or `--check` such a copy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_spec

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(CommandArgs):
    dest: Path
    package: str | None
    check: bool
    force: bool
    spec: Path | None


def register(sub: Subparsers) -> None:
    """Add `vendor` to the command line."""
    parser = sub.add_parser(
        "vendor",
        help="copy the generated client into another repo's tree (or --check a vendored copy)",
        description="Copy the generated client to DEST/NAME with VENDORED.json, or check such a copy. "
        "Exit codes: 0 ok, 1 the copy was modified or is older than the spec, 2 usage error.",
    )
    parser.add_argument("dest", type=Path, help="directory to vendor into (the package goes to DEST/NAME)")
    parser.add_argument("--package", default=None, help="package name to vendor as (default: voiceglow_client)")
    parser.add_argument("--check", action="store_true", help="check an existing vendored copy instead of writing one")
    parser.add_argument("--force", action="store_true", help="replace a vendored copy even if it has local edits")
    add_spec(parser, "the current spec")
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.client.vendor import EDIT_KINDS, SOURCE_PACKAGE, check_vendored, locate_vendored, vendor
    from vgcontract.spec.project import find_project

    project = find_project()
    spec = args.spec or project.spec
    if args.check:
        package_dir = locate_vendored(args.dest, args.package)
        result = check_vendored(package_dir, source=project.generated, spec=spec)
        for finding in result.findings:
            # A local edit is located in the copy; say which copy, apart from the finding's kind.
            where = f"{package_dir}/{finding.location}" if finding.kind in EDIT_KINDS else finding.location
            print(f"{finding.severity!s:<7}  {finding.kind}  {where}  {finding.message}")
        manifest = result.manifest
        state = "matches" if result.ok else f"has {len(result.findings)} problem(s)"
        print(
            f"{package_dir}: vendored {manifest.get('client_version', '?')} of the client "
            f"(spec {manifest['spec']['sha256'][:12]}, {len(manifest['files'])} files) {state}"
        )
        return exit_codes.OK if result.ok else exit_codes.FINDINGS
    package = args.package or SOURCE_PACKAGE
    written = vendor(args.dest, package, force=args.force, source=project.generated, spec=spec)
    print(
        f"vendored {written.files} files to {written.package_dir} as package {written.package!r} "
        f"(spec {written.spec_sha256[:12]}); check it with: vgcontract vendor --check {args.dest}"
    )
    return exit_codes.OK
