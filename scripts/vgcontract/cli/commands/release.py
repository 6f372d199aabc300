"""`vgcontract release`: from an edited spec to a released client, in one idempotent command.

Exit codes: 0 released (or nothing to release), 1 a gate still fails after the release, or
`--check` found the spec changed without a release, 2 usage error (`--version` too small).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_spec
from vgcontract.errors import UsageError
from vgcontract.findings import Finding

__all__ = ["Args", "print_gate", "register", "run"]

_VGCONTRACT = ".venv/bin/vgcontract"  # what the README and every hint use: the project's own environment


@dataclass(frozen=True)
class Args(CommandArgs):
    spec: Path | None
    check: bool
    version: str | None


def register(sub: Subparsers) -> None:
    """Add `release` to the command line."""
    parser = sub.add_parser(
        "release",
        help="release the spec's changes: bump, info.version, regenerate, CHANGELOG.md entry, gates",
        description=__doc__,
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail with one line per problem (make test runs it)"
    )
    parser.add_argument("--version", default=None, help="release as this version (refused if the bump is too small)")
    add_spec(parser, "the spec to release: the project's own (another is refused)")
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.client.release_flow import release
    from vgcontract.spec.project import find_project
    from vgcontract.spec.release import release_gate

    project = find_project()
    if args.spec is not None and args.spec.resolve() != project.spec.resolve():
        # A release writes the project's version, released spec, CHANGELOG and client: from
        # another spec it would overwrite them with a client that spec does not describe.
        raise UsageError(f"release works on the project's spec ({project.relative(project.spec)}), not {args.spec}")
    if args.check:
        problems = release_gate(project)
        print_gate(problems)
        return exit_codes.FINDINGS if problems else exit_codes.OK
    result = release(project, version=args.version)
    if result.nothing_new:
        print(f"release: nothing to release; the spec is the {result.version} release")
    else:
        if result.adopted:
            print(f"release: recorded the current spec as the {result.version} release")
        elif result.diff.changes:
            print(f"release: voiceglow-client {result.previous} -> {result.version} ({result.bump})")
        print(result.entry.rstrip() if result.entry else "", end="\n\n" if result.entry else "")
        for path in result.written:
            print(f"  wrote {path}")
    for problem in result.gate:
        print(f"release: still failing: {problem.message}")
    if result.gate:
        return exit_codes.FINDINGS
    if not result.nothing_new:
        print(f"next: review `git diff`, then `git add -A && git commit -m 'voiceglow-client {result.version}'`; "
              f"`{_VGCONTRACT} dist --out dist` builds the wheel")  # fmt: skip
    return exit_codes.OK


def print_gate(problems: list[Finding]) -> None:
    """The release gate's verdict, one line per problem (`release --check` and `check-generated` print it)."""
    for problem in problems:
        print(f"release: {problem.message}")
    if not problems:
        print("release: the spec, the client's version and CHANGELOG.md agree")
