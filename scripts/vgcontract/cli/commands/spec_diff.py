"""`vgcontract spec-diff`: classify the changes between two specs and suggest the client's version bump."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_spec, severity

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(CommandArgs):
    base: str
    head: str | None
    spec: Path | None
    markdown: str | None
    json: str | None
    fail_on: str | None
    changelog: bool
    changelog_file: Path | None
    version: str | None


def register(sub: Subparsers) -> None:
    """Add `spec-diff` to the command line."""
    parser = sub.add_parser(
        "spec-diff",
        help="classify the changes between two specs: breaking, warning, info; suggest the client's version bump",
        description="Each side is a file or REV:path (for example origin/main:openapi/voiceglow.yaml). "
        "Exit codes: 0 ok, 1 a change at or above --fail-on, 2 usage or input error.",
    )
    parser.add_argument("base", help="the old spec: a file or REV:path")
    parser.add_argument("head", nargs="?", default=None, help="the new spec: a file or REV:path (default: --spec)")
    add_spec(parser, "the new spec when HEAD is not given")
    parser.add_argument(
        "--markdown", metavar="FILE", help="also write Markdown (- for stdout; appends to /dev/* and step summaries)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write JSON (- for stdout)")
    parser.add_argument(
        "--fail-on", choices=["breaking", "warning"], default=None, help="exit 1 at this level or above"
    )
    parser.add_argument(
        "--changelog",
        action="store_true",
        help="print the CHANGELOG.md entry for the change instead (`release` writes it)",
    )
    parser.add_argument(
        "--changelog-file", type=Path, default=None, help="with --changelog: insert the entry at the top of this file"
    )
    parser.add_argument(
        "--version", default=None, help="with --changelog: the version (default: the current one, bumped)"
    )
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.reporting import specdiff as render
    from vgcontract.reporting.writer import write_report
    from vgcontract.spec.diff import diff_specs
    from vgcontract.spec.project import find_project, resolve_spec
    from vgcontract.spec.release import bumped, client_version, label, load_revision, parse_version, revision_bytes

    head_name = args.head or str(resolve_spec(args.spec))
    base, base_label = load_revision(args.base)
    head, head_label = load_revision(head_name)
    diff = diff_specs(base, head)
    if args.changelog:
        from vgcontract.spec.changelog import render_entry, write_entry

        # A version the release gate cannot read would be an entry nothing checks: X.Y.Z only.
        version = label(parse_version(args.version)) if args.version else label(
            bumped(client_version(find_project().generator_config), diff.bump))  # fmt: skip
        digest = hashlib.sha256(revision_bytes(head_name)).hexdigest()
        entry = render_entry(diff, version, spec_sha256=digest, old=base, new=head)
        if args.changelog_file:
            write_entry(args.changelog_file, version, entry)
            print(f"{args.changelog_file}: added the entry for voiceglow-client {version} ({diff.bump})")
        else:
            sys.stdout.write(entry)
        return exit_codes.OK
    if args.json:
        write_report(args.json, render.render_json(diff, base_label, head_label), what="JSON report")
    if args.markdown:
        write_report(args.markdown, render.render_markdown(diff, base_label, head_label), what="Markdown report")
    if "-" not in (args.json, args.markdown):
        sys.stdout.write(render.render_terminal(diff, base_label, head_label))
    if args.fail_on is None:
        return exit_codes.OK
    return exit_codes.for_findings(diff.changes, severity(args.fail_on))
