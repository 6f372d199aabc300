"""The `selftest` subcommand: the kill table of the drift modes, then the false-positive sweep.

Exit codes: 0 every mode caught and no finding without drift; 1 otherwise; 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["add_selftest_parser"]

EXIT_OK, EXIT_FAILED = 0, 1


def _cmd_selftest(args: argparse.Namespace) -> int:
    from vgcontract.errors import UsageError
    from vgcontract.mock.faults.catalogue import parse_modes
    from vgcontract.reporting.selftest import render_json, render_markdown, render_row, render_summary, table_header
    from vgcontract.selftest.run import run_selftest, run_sweep

    modes = parse_modes(args.modes) if args.modes is not None else None
    if args.examples < 1 or args.sweep_examples < 1:
        raise UsageError("--examples and --sweep-examples must be at least 1")
    if args.seeds < 0 or args.workers < 1:
        raise UsageError("--seeds must be 0 or more and --workers at least 1")
    rate = "" if args.rate == 1.0 else f", breaking {args.rate:.0%} of responses"
    print(f"selftest: the main job (schemathesis + drift check) against the mock on 127.0.0.1, per drift mode{rate}")
    print(table_header(), flush=True)
    result = run_selftest(
        modes, examples=args.examples, rate=args.rate, on_outcome=lambda row: print(render_row(row), flush=True)
    )
    if args.seeds:
        print(f"sweep: {args.seeds} no-drift runs, each with its own data and example seed ...", flush=True)
        result.sweep = run_sweep(args.seeds, examples=args.sweep_examples, workers=args.workers)
        result.seconds += result.sweep.seconds
    # The rows were printed as they finished; only the summary is left.
    sys.stdout.write(render_summary(result))
    if args.reports is not None:
        args.reports.mkdir(parents=True, exist_ok=True)
        for name, text in (("selftest.md", render_markdown(result)), ("selftest.json", render_json(result))):
            (args.reports / name).write_text(text, encoding="utf-8")
            print(f"  report: {args.reports / name}")
    return EXIT_OK if result.passed else EXIT_FAILED


def add_selftest_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `selftest` on the top-level subparsers."""
    parser = sub.add_parser(
        "selftest",
        help="break the mock in each drift mode and show which ones the main job catches (kill table)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--modes", metavar="KIND[,KIND...]", help="only these drift modes (default: all)")
    parser.add_argument("--examples", type=int, default=60, help="generated examples per run (default: %(default)s)")
    parser.add_argument(
        "--seeds", type=int, default=0, help="false-positive sweep: this many no-drift runs with other seeds"
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
    parser.add_argument("--reports", type=Path, default=None, help="write selftest.md and selftest.json here")
    parser.set_defaults(handler=_cmd_selftest)
