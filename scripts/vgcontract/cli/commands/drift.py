"""`vgcontract drift`: find every way responses differ from the spec, from a live target or a corpus.

The engine (`vgcontract.drift.engine`) returns a finished `DriftReport`; this module picks
the source, shows progress on a terminal, writes the reports and maps the result to an
exit code: 0 nothing at or above `--fail-on`, 1 drift, 2 usage or input error (including
an input with no records, or a file source where no record is JSON), 3 inconclusive (no
finding, but some live responses could not be checked: timeouts, rate limits, the budget).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vgcontract.cli import exit_codes
from vgcontract.cli.args import Subparsers, add_fail_on, add_reports, severity
from vgcontract.cli.live import LiveArgs, add_live_options
from vgcontract.cli.progress import progress
from vgcontract.errors import InputError, UsageError
from vgcontract.findings import Severity

if TYPE_CHECKING:
    from vgcontract.drift.model import DriftReport, Record
    from vgcontract.drift.schema import DriftSchema
    from vgcontract.drift.sources import SourceStats
    from vgcontract.live.discover import Discovery
    from vgcontract.live.target import Target
    from vgcontract.spec.model import Spec

__all__ = ["Args", "exit_code", "register", "run"]


@dataclass(frozen=True)
class Args(LiveArgs):
    live: bool
    dir: Path | None
    ndjson: str | None
    fail_on: str
    json: str | None
    markdown: str | None
    junit: str | None
    reports: Path | None
    suggest_patch: str | None
    color: str
    workers: int | None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.workers is not None and not 1 <= self.workers <= 256:
            raise UsageError(f"--workers must be between 1 and 256, got {self.workers}")


def register(sub: Subparsers) -> None:
    """Add `drift` to the command line."""
    parser = sub.add_parser("drift", help="find every way responses differ from the spec; report it for CI")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--live", action="store_true", help="fetch conversations (the default source)")
    source.add_argument("--dir", type=Path, help="directory of recorded responses, one JSON file each")
    source.add_argument("--ndjson", metavar="FILE|-", help="export with one response body per line, streamed")
    add_live_options(parser)
    add_fail_on(parser, ["error", "warning", "info"], "error")
    parser.add_argument("--json", metavar="FILE|-", help="write the JSON report")
    parser.add_argument("--markdown", metavar="FILE|-", help="write the Markdown report (CI step summary)")
    parser.add_argument("--junit", metavar="FILE|-", help="write JUnit XML")
    add_reports(parser, None, "drift.json, drift.md and drift.junit.xml")
    parser.add_argument("--suggest-patch", metavar="FILE|-", help="write the spec change as a unified diff")
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    parser.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="processes for an --ndjson FILE (default: from its size, one more while it saves more than it costs, "
        "up to every core: 2 from about 16 MB) "
        "or a --dir (default 1); the report is the one a single worker writes",
    )  # fmt: skip
    parser.set_defaults(handler=run, args_model=Args)


def _workers(args: Args) -> int:
    """How many processes read the source: a regular NDJSON file or a directory is split; live and stdin are not."""
    from vgcontract.drift.parallel import default_workers

    if args.dir is not None:
        return args.workers or 1  # a directory's size is not known up front: split only when asked
    if args.ndjson is None or args.ndjson == "-" or not Path(args.ndjson).is_file():
        return 1  # stdin, a pipe or a missing file: one reader, and its own message
    if args.workers is not None:
        return args.workers
    size = _size(Path(args.ndjson))
    return default_workers(size) if size is not None else 1


def _records(
    args: Args, stats: SourceStats, target: Target | None = None
) -> tuple[str, Iterator[Record], int | None, bool]:
    """(source description, records, progress total, live?) for the chosen source (`target` when live)."""
    from vgcontract.drift.sources import dir_records, ndjson_records

    if args.ndjson is not None:
        name = "stdin" if args.ndjson == "-" else args.ndjson
        size = None if args.ndjson == "-" else _size(Path(args.ndjson))
        records = ndjson_records(args.ndjson, max_record_bytes=args.max_record_bytes, stats=stats)
        return f"ndjson {name}", records, size, False
    if args.dir is not None:
        records = dir_records(args.dir, max_record_bytes=args.max_record_bytes, stats=stats)
        return f"dir {args.dir}", records, None, False
    from vgcontract.live.fetch import live_records

    target = target or args.target()
    ids = target.sample_ids
    return f"live {target.label}", live_records(target, ids, args.options()), len(ids), True


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def exit_code(report: DriftReport, threshold: Severity, *, live: bool) -> tuple[int, str | None]:
    """The exit code for a finished run, and the one-line error that explains a 2."""
    if report.read == 0:
        return exit_codes.USAGE, f"no records in {report.source}: the input is empty"
    if not live and report.unreadable == report.read:
        return exit_codes.USAGE, f"none of the {report.read} record(s) in {report.source} is JSON"
    code = exit_codes.for_findings(report.findings, threshold)
    if code == exit_codes.OK and report.inconclusive:
        return exit_codes.INCONCLUSIVE, None
    return code, None


def run(args: Args) -> int:
    from vgcontract.drift.engine import run_drift
    from vgcontract.drift.sources import SourceStats
    from vgcontract.reporting import drift as render
    from vgcontract.reporting.writer import ensure_directory, write_report

    threshold = severity(args.fail_on)
    if args.reports is not None:
        ensure_directory(args.reports)  # a bad --reports fails now, not after the run
    spec = args.loaded_spec
    # Resolved once: the records are one operation's bodies (`--operation`, else what --live
    # fetches, else the only one), and a live source fetches from this same target.
    target, discovery = args.target_and_discovery() if args.ndjson is None and args.dir is None else (None, None)
    recorded = None
    if args.dir is not None:
        from vgcontract.live.record import recorded_operation  # a recording's manifest names its operation

        recorded = recorded_operation(args.dir)
    schema = args.drift_schema(target, recorded)
    stats = SourceStats()
    workers = _workers(args)
    if workers > 1 and args.ndjson is not None:
        from vgcontract.drift.parallel import run_drift_parallel

        if not Path(args.ndjson).is_file():
            raise InputError(f"{args.ndjson}: no such file")
        report, stats = run_drift_parallel(
            Path(args.ndjson), spec, schema, workers=workers, max_record_bytes=args.max_record_bytes,
            source=f"ndjson {args.ndjson}", spec_name=spec.shown,
        )  # fmt: skip
        live = False
    elif workers > 1 and args.dir is not None:
        from vgcontract.drift.parallel import run_dir_parallel

        report, stats = run_dir_parallel(
            args.dir, spec, schema, workers=workers, max_record_bytes=args.max_record_bytes,
            source=f"dir {args.dir}", spec_name=spec.shown,
        )  # fmt: skip
        live = False
    else:
        source, records, total, live = _records(args, stats, target)
        unit = "bytes" if total is not None and not live else "responses"
        with progress(not args.no_progress, f"drift ({unit})", total) as update:
            counter = (lambda r: update(r.read)) if live or total is None else (lambda _r: update(stats.bytes_read))
            report = run_drift(records, schema, source=source, spec_name=spec.shown, on_record=counter, stats=stats)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    quiet_stdout = "-" in {str(t) for t in (args.json, args.markdown, args.junit, args.suggest_patch)}
    if not quiet_stdout:
        sys.stdout.write(render.render_terminal(report, threshold, color=color))
    files = render.report_files(report, threshold)
    chosen = {"drift.json": args.json, "drift.md": args.markdown, "drift.junit.xml": args.junit}
    for name, asked in chosen.items():
        # An explicit --json/--markdown/--junit wins over --reports.
        where = asked or (str(args.reports / name) if args.reports is not None else None)
        if where is not None:
            written = write_report(where, files[name], what=f"{name.split('.', 1)[1]} report")
            if written is not None:
                print(f"  report {name}: {written}", file=sys.stderr if quiet_stdout else sys.stdout)
    if args.suggest_patch is not None:
        _write_patch(args, report, schema, spec)
    code, message = exit_code(report, threshold, live=live)
    if message:
        print(f"vgcontract: error: {message}", file=sys.stderr)
    if discovery is not None and discovery.pages and code != exit_codes.USAGE:
        code = _worst(code, _check_listing(args, discovery, spec, threshold, quiet_stdout))
    return code


def _worst(*codes: int) -> int:
    """Findings (1) outrank not-checked (3), which outranks ok (0)."""
    order = (exit_codes.FINDINGS, exit_codes.INCONCLUSIVE, exit_codes.OK)
    return next((c for c in order if c in codes), max(codes))


def _check_listing(args: Args, discovery: Discovery, spec: Spec, threshold: Severity, quiet: bool) -> int:
    """The list pages `--discover` read, drift-checked against the list operation's own schema."""
    from vgcontract.drift.engine import run_drift
    from vgcontract.drift.schema import DriftSchema
    from vgcontract.reporting import drift as render
    from vgcontract.reporting.writer import write_report

    schema = DriftSchema.from_spec(spec, discovery.operation)
    source = f"discover: {len(discovery.pages)} list page(s)"
    report = run_drift(discovery.pages, schema, source=source, spec_name=spec.shown)
    if not quiet:
        sys.stdout.write(render.render_terminal(report, threshold))
    if args.reports is not None:
        for name, content in render.operation_report_files(report, threshold).items():
            write_report(str(args.reports / name), content, what="report")
    return exit_code(report, threshold, live=True)[0]


def _write_patch(args: Args, report: DriftReport, schema: DriftSchema, spec: Spec) -> None:
    from vgcontract.drift.engine import run_drift
    from vgcontract.drift.patch import verified_patch
    from vgcontract.drift.sources import SourceStats
    from vgcontract.reporting.writer import write_report
    from vgcontract.spec.model import single_file_text

    recheck = None
    if args.dir is not None or (args.ndjson is not None and args.ndjson != "-"):

        def recheck(patched: DriftSchema) -> DriftReport:
            return run_drift(_records(args, SourceStats())[1], patched, source=report.source)

    patch, after = verified_patch(report, schema, single_file_text(spec), spec.shown, recheck)
    write_report(str(args.suggest_patch), patch.diff, what="patch")
    for change in patch.changes:
        print(f"  patch: {change}", file=sys.stderr)
    for skipped in patch.not_patched:
        print(f"  patch: not patched: {skipped}", file=sys.stderr)
    for where, reason in patch.withheld:
        print(f"  patch: not patched: {where}: value withheld: {reason}", file=sys.stderr)
    if after is not None:
        left = after.counts_by_severity()
        print(
            f"  patch: re-checked the corpus against the patched spec: {left[Severity.ERROR]} error(s), "
            f"{left[Severity.WARNING]} warning(s) left (the not-patched findings above)",
            file=sys.stderr,
        )
