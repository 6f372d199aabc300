"""The ``vendor`` and ``dist`` subcommands: shipping the generated client to other repositories."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vgcontract.spec.load import SPEC_PATH

__all__ = ["add_client_parsers"]


def _cmd_vendor(args: argparse.Namespace) -> int:
    from vgcontract.client.vendor import check_vendored, locate_vendored, vendor

    if args.check:
        package_dir = locate_vendored(args.dest, args.package)
        result = check_vendored(package_dir, spec=args.spec)
        for finding in result.findings:
            print(
                f"{package_dir}/{finding.render()}"
                if finding.kind in {"modified", "missing", "added"}
                else finding.render()
            )
        manifest = result.manifest
        state = "matches" if result.ok else f"has {len(result.findings)} problem(s)"
        print(
            f"{package_dir}: vendored {manifest.get('client_version', '?')} of the client "
            f"(spec {manifest['spec']['sha256'][:12]}, {len(manifest['files'])} files) {state}"
        )
        return 0 if result.ok else 1
    written = vendor(args.dest, args.package or "voiceglow_client", force=args.force, spec=args.spec)
    print(
        f"vendored {written.files} files to {written.package_dir} as package {written.package!r} "
        f"(spec {written.spec_sha256[:12]}); check it with: vgcontract vendor --check {args.dest}"
    )
    return 0


def _cmd_dist(args: argparse.Namespace) -> int:
    from vgcontract.client.dist import build_distributions

    built = build_distributions(args.out)
    modules = sum(name.endswith(".py") for name in built.wheel_files)
    print(f"built {built.wheel} ({modules} modules) and {built.sdist}")
    return 0


def add_client_parsers(sub: Any) -> None:
    """Register ``vendor`` and ``dist`` on the main parser's subcommands."""
    vendor = sub.add_parser(
        "vendor",
        help="copy the generated client into another repo's tree (or --check a vendored copy)",
        description="Copy generated/voiceglow_client to DEST/NAME with VENDORED.json, or check such a copy. "
        "Exit codes: 0 ok, 1 the copy was modified or is older than the spec, 2 usage error.",
    )
    vendor.add_argument("dest", type=Path, help="directory to vendor into (the package goes to DEST/NAME)")
    vendor.add_argument("--package", default=None, help="package name to vendor as (default: voiceglow_client)")
    vendor.add_argument("--check", action="store_true", help="check an existing vendored copy instead of writing one")
    vendor.add_argument("--force", action="store_true", help="replace a vendored copy even if it has local edits")
    vendor.add_argument("--spec", type=Path, default=SPEC_PATH, help="the current spec (default: %(default)s)")
    vendor.set_defaults(handler=_cmd_vendor)

    dist = sub.add_parser("dist", help="build the voiceglow-client wheel and sdist")
    dist.add_argument("--out", type=Path, default=Path("dist"), help="output directory (default: %(default)s)")
    dist.set_defaults(handler=_cmd_dist)
