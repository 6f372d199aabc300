"""The `drift` and `record` subcommands: arguments, progress, report files, exit codes.

The engine (`_drift_engine`) returns a `DriftReport`; this module picks the source,
shows progress on a terminal, writes the reports and maps the result to an exit code:
0 nothing at or above `--fail-on`, 1 drift, 2 usage or input error (including an input
with no records, or a file source where no record is JSON).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from vgcontract.drift.model import DriftReport, Record
from vgcontract.drift.schema import DriftSchema
from vgcontract.drift.sources import DEFAULT_MAX_RECORD_BYTES, SourceStats
from vgcontract.errors import InputError, UsageError
from vgcontract.findings import Severity
from vgcontract.live.target import MOCK_CONVO_IDS, ContractConfig, LiveOptions
from vgcontract.spec.load import SPEC_PATH, load_spec

__all__ = ["add_drift_parsers", "drift_exit_code", "report_targets", "write_drift_reports"]

EXIT_OK, EXIT_DRIFT, EXIT_USAGE = 0, 1, 2


def _read_ids(args: argparse.Namespace) -> list[str]:
    ids = [i.strip() for i in args.ids if i.strip()]
    if args.ids_file is not None:
        try:
            lines = args.ids_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{args.ids_file}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
        ids += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return ids


def _live_config(args: argparse.Namespace) -> tuple[ContractConfig, list[str]]:
    env = dict(os.environ)
    ids = _read_ids(args)
    if ids:
        env["VOICEGLOW_CONVO_IDS"] = ",".join(ids)
    config = ContractConfig.from_env(env, base_url=args.base_url)
    if config.base_url is None:  # the embedded mock
        return config, ids or list(MOCK_CONVO_IDS)
    return config, list(config.convo_ids)


def _live_options(args: argparse.Namespace) -> LiveOptions:
    return LiveOptions(
        concurrency=args.concurrency,
        connect_timeout=args.connect_timeout,
        read_timeout=args.read_timeout,
        retries=args.retries,
        max_retry_wait=args.max_retry_wait,
        max_record_bytes=args.max_record_bytes,
    )


@contextmanager
def _progress(enabled: bool, label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr when it is a terminal; a no-op updater otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield lambda _done: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.update(task, completed=done)


def _records(args: argparse.Namespace, stats: SourceStats) -> tuple[str, Iterator[Record], int | None, bool]:
    """(source description, records, progress total, live?) for the chosen source."""
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

    config, ids = _live_config(args)
    options = _live_options(args)
    return f"live {config.target}", live_records(config, ids, options), len(ids), True


def _display_path(path: Path) -> str:
    """`path` relative to the working directory when under it: what `git apply` expects in a diff."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def drift_exit_code(report: DriftReport, threshold: Severity, *, live: bool) -> tuple[int, str | None]:
    """The exit code for a finished run, and the one-line error that explains a 2."""
    if report.read == 0:
        return EXIT_USAGE, f"no records in {report.source}: the input is empty"
    if not live and report.unreadable == report.read:
        return EXIT_USAGE, f"none of the {report.read} record(s) in {report.source} is JSON"
    return (EXIT_DRIFT if report.fails(threshold) else EXIT_OK), None


def report_targets(directory: Path) -> dict[str, str | Path | None]:
    """The standard report files in `directory`: drift.json, drift.md, drift.junit.xml."""
    return {
        "json": directory / "drift.json",
        "markdown": directory / "drift.md",
        "junit": directory / "drift.junit.xml",
    }


def write_drift_reports(report: DriftReport, threshold: Severity, targets: dict[str, str | Path | None]) -> list[str]:
    """Write each requested report format (`-` is stdout); return what was written where."""
    from vgcontract.reporting.drift import render_json, render_junit, render_markdown

    renderers: dict[str, Callable[[], bytes]] = {
        "json": lambda: render_json(report, threshold).encode(),
        "markdown": lambda: render_markdown(report, threshold).encode(),
        "junit": lambda: render_junit(report, threshold),
    }
    written = []
    for fmt, target in targets.items():
        if target is None:
            continue
        data = renderers[fmt]()
        if str(target) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            continue
        path = Path(target)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise UsageError(f"{path}: cannot write the {fmt} report: {exc.strerror or exc}") from None
        written.append(f"{fmt}: {path}")
    return written


def _cmd_drift(args: argparse.Namespace) -> int:
    from vgcontract.drift.engine import run_drift
    from vgcontract.reporting.drift import render_terminal

    threshold = Severity[args.fail_on.upper()]
    if args.max_record_bytes < 1:
        raise UsageError(f"--max-record-bytes must be at least 1, got {args.max_record_bytes}")
    schema = DriftSchema.from_spec(load_spec(args.spec))
    spec = _display_path(args.spec)
    stats = SourceStats()
    source, records, total, live = _records(args, stats)
    unit = "bytes" if total is not None and not live else "responses"
    with _progress(not args.no_progress, f"drift ({unit})", total) as update:
        if live or total is None:
            report = run_drift(records, schema, source=source, spec_name=spec, on_record=lambda r: update(r.read))
        else:
            progress = lambda _r: update(stats.bytes_read)  # noqa: E731
            report = run_drift(records, schema, source=source, spec_name=spec, on_record=progress)
    if stats.blank_lines:
        report.notes.append(f"{stats.blank_lines} blank line(s) skipped (not records)")
    if report.paths_overflow:
        report.notes.append(f"{report.paths_overflow} observation(s) beyond 10,000 distinct paths were not aggregated")
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    quiet_stdout = "-" in {str(t) for t in (args.json, args.markdown, args.junit, args.suggest_patch)}
    if not quiet_stdout:
        sys.stdout.write(render_terminal(report, threshold, color=color))
    targets: dict[str, str | Path | None] = {"json": args.json, "markdown": args.markdown, "junit": args.junit}
    if args.reports is not None:  # an explicit --json/--markdown/--junit still wins
        targets = {fmt: targets[fmt] or path for fmt, path in report_targets(args.reports).items()}
    for line in write_drift_reports(report, threshold, targets):
        print(f"  report {line}", file=sys.stderr if quiet_stdout else sys.stdout)
    if args.suggest_patch is not None:
        _write_patch(report, schema, args)
    code, message = drift_exit_code(report, threshold, live=live)
    if message:
        print(f"vgcontract: error: {message}", file=sys.stderr)
    return code


def _write_patch(report: DriftReport, schema: DriftSchema, args: argparse.Namespace) -> None:
    from vgcontract.drift.engine import run_drift
    from vgcontract.drift.patch import verified_patch

    spec_path: Path = args.spec
    name = _display_path(spec_path)
    recheck = None
    if args.dir is not None or (args.ndjson is not None and args.ndjson != "-"):

        def recheck(patched: DriftSchema) -> DriftReport:
            return run_drift(_records(args, SourceStats())[1], patched, source=report.source)

    patch, after = verified_patch(report, schema, spec_path.read_text(encoding="utf-8"), name, recheck)
    if str(args.suggest_patch) == "-":
        sys.stdout.write(patch.diff)
    else:
        try:
            Path(args.suggest_patch).write_text(patch.diff, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.suggest_patch}: cannot write the patch: {exc.strerror or exc}") from None
    for change in patch.changes:
        print(f"  patch: {change}", file=sys.stderr)
    for skipped in patch.not_patched:
        print(f"  patch: not patched: {skipped}", file=sys.stderr)
    if after is not None:
        left = after.counts_by_severity()
        print(
            f"  patch: re-checked the corpus against the patched spec: {left[Severity.ERROR]} error(s), "
            f"{left[Severity.WARNING]} warning(s) left (the not-patched findings above)",
            file=sys.stderr,
        )


def _cmd_record(args: argparse.Namespace) -> int:
    from vgcontract.live.fetch import live_records
    from vgcontract.live.record import write_recordings

    schema = DriftSchema.from_spec(load_spec(args.spec))
    config, ids = _live_config(args)
    options = _live_options(args)
    with _progress(not args.no_progress, "record", len(ids)) as update:
        fetched = 0

        def counted() -> Iterator[Record]:
            nonlocal fetched
            for record in live_records(config, ids, options):
                fetched += 1
                update(fetched)
                yield record

        spec_sha = hashlib.sha256(Path(args.spec).read_bytes()).hexdigest()
        result = write_recordings(
            counted(), args.out, schema, token=config.token, target=config.target, spec_sha256=spec_sha
        )
    print(f"record: {config.target}: {len(result.written)} written, {len(result.skipped)} skipped -> {args.out}")
    for ref, reason in result.skipped:
        print(f"  skipped {ref}: {reason}")
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.redactions.items())) or "none"
    print(f"  redacted: {kinds}; manifest: {result.manifest}")
    return EXIT_OK if result.written else EXIT_DRIFT


def _add_live_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", help="conversation IDs (else --ids-file, else $VOICEGLOW_CONVO_IDS)")
    parser.add_argument("--ids-file", type=Path, help="file with one conversation ID per line (# comments)")
    parser.add_argument("--base-url", help="API base URL (default: $VOICEGLOW_BASE_URL, else the embedded mock)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (default: %(default)s)")
    parser.add_argument("--retries", type=int, default=3, help="retries on 429/502/503/504/connection errors")
    parser.add_argument("--connect-timeout", type=float, default=5.0, help="seconds (default: %(default)s)")
    parser.add_argument("--read-timeout", type=float, default=30.0, help="seconds (default: %(default)s)")
    parser.add_argument("--max-retry-wait", type=float, default=60.0, help="cap on one wait, Retry-After included")
    parser.add_argument("--spec", type=Path, default=SPEC_PATH, help="spec to check against (default: %(default)s)")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    parser.add_argument(
        "--max-record-bytes", type=int, default=DEFAULT_MAX_RECORD_BYTES, help="larger records are reported, not read"
    )


def add_drift_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], handler_key: str = "handler") -> None:
    """Register `drift` and `record` on the main parser's subcommands."""
    drift = sub.add_parser("drift", help="find every way responses differ from the spec; report it for CI")
    source = drift.add_mutually_exclusive_group()
    source.add_argument("--live", action="store_true", help="fetch conversations (the default source)")
    source.add_argument("--dir", type=Path, help="directory of recorded responses, one JSON file each")
    source.add_argument("--ndjson", metavar="FILE|-", help="export with one response body per line, streamed")
    _add_live_options(drift)
    drift.add_argument("--fail-on", choices=["error", "warning", "info"], default="error", help="default: error")
    drift.add_argument("--json", metavar="FILE|-", help="write the JSON report")
    drift.add_argument("--markdown", metavar="FILE|-", help="write the Markdown report (CI step summary)")
    drift.add_argument("--junit", metavar="FILE|-", help="write JUnit XML")
    drift.add_argument("--reports", type=Path, help="write drift.json, drift.md and drift.junit.xml here")
    drift.add_argument("--suggest-patch", metavar="FILE|-", help="write the spec change as a unified diff")
    drift.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    drift.set_defaults(**{handler_key: _cmd_drift})

    record = sub.add_parser("record", help="fetch conversations and store them, redacted, as fixtures")
    record.add_argument("--out", type=Path, required=True, help="directory for the recordings")
    _add_live_options(record)
    record.set_defaults(**{handler_key: _cmd_record})
