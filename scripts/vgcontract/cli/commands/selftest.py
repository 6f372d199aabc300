"""`vgcontract selftest`: the kill table of the mock's fault modes, then the false-positive sweep.

Exit codes: 0 every mode caught and no finding without a fault; 1 otherwise; 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_reports, add_spec
from vgcontract.errors import UsageError

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(CommandArgs):
    spec: Path | None
    modes: str | None
    examples: int
    seeds: int
    sweep_examples: int
    workers: int
    rate: float
    reports: Path | None


def register(sub: Subparsers) -> None:
    """Add `selftest` to the command line."""
    parser = sub.add_parser(
        "selftest",
        help="break the mock in each fault mode and show which ones the main job catches (kill table)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_spec(parser, "spec the mock serves and the job checks")
    parser.add_argument("--modes", metavar="KIND[,KIND...]", help="only these fault modes (default: all)")
    parser.add_argument("--examples", type=int, default=60, help="generated examples per run (default: %(default)s)")
    parser.add_argument(
        "--seeds", type=int, default=0, help="false-positive sweep: this many runs without faults, other seeds"
    )
    parser.add_argument(
        "--sweep-examples", type=int, default=25, help="generated examples per sweep run (default: %(default)s)"
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processes for the sweep (default: the CPU count)"
    )
    parser.add_argument(
        "--rate", type=float, default=1.0, help="fraction of responses each mode breaks (default: %(default)s)"
    )
    add_reports(parser, None, "selftest.md and selftest.json")
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.mock.faults import parse_modes
    from vgcontract.reporting.selftest import render_json, render_markdown, render_row, render_summary, table_header
    from vgcontract.reporting.writer import ensure_directory, write_all
    from vgcontract.selftest.run import run_selftest, run_sweep
    from vgcontract.spec.model import load_spec
    from vgcontract.spec.project import resolve_spec

    modes = parse_modes(args.modes) if args.modes is not None else None
    if args.examples < 1 or args.sweep_examples < 1:
        raise UsageError("--examples and --sweep-examples must be at least 1")
    if args.seeds < 0 or args.workers < 1:
        raise UsageError("--seeds must be 0 or more and --workers at least 1")
    if args.reports is not None:
        ensure_directory(args.reports)  # a bad --reports fails now, not after minutes of runs
    spec = load_spec(resolve_spec(args.spec))
    rate = "" if args.rate == 1.0 else f", breaking {args.rate:.0%} of responses"
    print(f"selftest: the main job (schemathesis + drift check) against the mock on 127.0.0.1, per fault mode{rate}")
    print(table_header(), flush=True)
    result = run_selftest(
        spec, modes, examples=args.examples, rate=args.rate, on_outcome=lambda row: print(render_row(row), flush=True)
    )
    if args.seeds:
        print(f"sweep: {args.seeds} runs without faults, each with its own data and example seed ...", flush=True)
        result.sweep = run_sweep(spec, args.seeds, examples=args.sweep_examples, workers=args.workers)
        result.seconds += result.sweep.seconds
    # The rows were printed as they finished; only the summary is left.
    sys.stdout.write(render_summary(result))
    if args.reports is not None:
        files = {"selftest.md": render_markdown(result), "selftest.json": render_json(result)}
        for path in write_all(args.reports, files):
            print(f"  report: {path}")
    return exit_codes.OK if result.passed else exit_codes.FINDINGS
