"""`vgcontract contract`: the main job, the contract run and the drift check, on the mock or the live API."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_fail_on, add_reports, add_spec, severity
from vgcontract.cli.live import add_discover
from vgcontract.cli.progress import progress

if TYPE_CHECKING:
    from vgcontract.contract.pinned import PinnedRequest
    from vgcontract.spec.model import Spec

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(CommandArgs):
    spec: Path | None
    base_url: str | None
    examples: int | None
    reports: Path
    fail_on: str
    hygiene: str
    allow_writes: bool
    discover: int | None
    pinned: Path | None


def register(sub: Subparsers) -> None:
    """Add `contract` to the command line."""
    parser = sub.add_parser(
        "contract", help="the main job: run the contract checks against the mock (default) or the live API"
    )
    add_spec(parser, "spec to check against")
    parser.add_argument(
        "--base-url", default=None, help="live API base URL (default: $VOICEGLOW_BASE_URL, else the mock)"
    )
    parser.add_argument(
        "--examples", type=int, default=None, help="generated examples (default: $VOICEGLOW_ST_EXAMPLES or 60)"
    )
    add_reports(parser, Path("reports"), "contract.{md,junit.xml} and drift.{json,md,junit.xml}")
    add_fail_on(
        parser,
        ["error", "warning", "info"],
        "warning",
        ": undocumented fields, new enum values and timestamp units fail it too, because the spec is then stale; "
        "contract failures always fail",
    )
    parser.add_argument(
        "--hygiene",
        choices=["warning", "error"],
        default="warning",
        help="how provider hygiene counts (undeclared methods, Allow, input strictness): a warning by default; "
        "`error` makes it a contract failure",
    )
    parser.add_argument(
        "--allow-writes",
        action="store_true",
        help="also run the spec's write operations (POST, PUT, PATCH, DELETE) against a live API; "
        "the embedded mock always runs them",
    )
    parser.add_argument(
        "--pinned", type=Path, default=None, metavar="FILE",
        help="requests per operation that must succeed (YAML; default: $VGCONTRACT_PINNED, "
        "else `pinned` under [tool.vgcontract])",
    )  # fmt: skip
    add_discover(parser)
    parser.set_defaults(handler=run, args_model=Args)


def _pinned(flag: Path | None, spec: Spec) -> list[PinnedRequest]:
    """The pinned requests, checked against the spec before anything is sent."""
    from vgcontract.contract.pinned import load_pinned, pinned_file
    from vgcontract.errors import UsageError
    from vgcontract.spec.project import find_project

    try:
        setting = find_project().pinned
    except UsageError:  # outside a project: only --pinned and the environment
        setting = None
    path = pinned_file(flag, os.environ, str(setting) if setting is not None else None)
    return load_pinned(path, spec) if path is not None else []


def run(args: Args) -> int:
    from vgcontract.cli.live import discovered
    from vgcontract.contract.checks import check_plan
    from vgcontract.contract.mainjob import run_main_job
    from vgcontract.live.discover import discover_count
    from vgcontract.live.target import resolve_target
    from vgcontract.reporting import contract as contract_report
    from vgcontract.reporting import drift as drift_report
    from vgcontract.reporting.writer import ensure_directory, write_all
    from vgcontract.spec.model import load_spec
    from vgcontract.spec.project import resolve_spec

    threshold = severity(args.fail_on)
    ensure_directory(args.reports)  # a bad --reports fails now, not after the run
    spec = load_spec(resolve_spec(args.spec))  # read once: every engine below gets this object
    count = discover_count(args.discover, os.environ)
    target = resolve_target(
        os.environ, spec=spec, base_url=args.base_url, examples=args.examples, discovering=count is not None
    )
    if count is not None:
        target = discovered(target, count)[0]
    # In a CI log (no terminal, no bar) this line says how long the wait may be.
    operations = len(spec.operations)
    print(f"contract: checking {target.label} against {spec.source}: {operations} operation(s) ...", flush=True)
    pinned = _pinned(args.pinned, spec)
    plan = check_plan(hygiene=severity(args.hygiene))
    with progress(True, "contract (operations)", operations) as update:
        job = run_main_job(target, plan=plan, allow_writes=args.allow_writes, pinned=pinned, on_operation=update)
    findings = job.contract_findings
    print(contract_report.render_summary(job.contract, findings))
    written = write_all(args.reports, contract_report.report_files(job.contract, findings))
    for report in job.drift_reports:
        sys.stdout.write(drift_report.render_terminal(report, threshold))
        # The fetched operation's reports are drift.*; the others' names carry the operation.
        named = drift_report.report_files if report is job.drift else drift_report.operation_report_files
        written += write_all(args.reports, named(report, threshold))
    for path in written:
        print(f"  report: {path}")
    if job.fails(threshold):
        return exit_codes.FINDINGS
    return exit_codes.INCONCLUSIVE if job.inconclusive else exit_codes.OK
