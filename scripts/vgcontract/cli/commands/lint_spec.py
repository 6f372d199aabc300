"""`vgcontract lint-spec`: openapi-spec-validator plus the spectral:oas rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_fail_on, add_spec, severity
from vgcontract.findings import Severity

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(CommandArgs):
    spec: Path | None
    fail_on: str
    format: str


def register(sub: Subparsers) -> None:
    """Add `lint-spec` to the command line."""
    parser = sub.add_parser("lint-spec", help="validate and lint the OpenAPI spec (spectral:oas rules)")
    add_spec(parser, "spec to lint")
    add_fail_on(parser, ["error", "warning", "info", "hint"], "warning")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.reporting.common import findings_json
    from vgcontract.spec.bundle import ForeignRef
    from vgcontract.spec.lint import lint_spec
    from vgcontract.spec.model import load_spec
    from vgcontract.spec.project import resolve_spec
    from vgcontract.spec.read import read_file

    spec = resolve_spec(args.spec)
    try:
        document = load_spec(spec, check_paths=False).document  # a foreign path key is a finding here
    except ForeignRef:  # so is a $ref the reader refuses: the rules name it, in the file as written
        document = read_file(spec)
    findings = lint_spec(document)
    if args.format == "json":
        print(findings_json(findings, spec=str(spec)), end="")
    else:
        for finding in findings:
            print(finding.render())
        counts = {s: sum(f.severity == s for f in findings) for s in reversed(Severity)}
        summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
        print(f"{spec}: {summary} (openapi-spec-validator + spectral:oas rules)")
    return exit_codes.for_findings(findings, severity(args.fail_on))
