"""`drift --workers N`: one NDJSON file, or a directory of recordings, checked by N processes.

The file is cut into N byte ranges at line ends; a directory's sorted files into N
contiguous slices. Each worker scans its range exactly as
`run_drift` scans a file (`engine.scan_records`) and returns its `Scan` and counts. The
parent merges them **in file order**, as if one pass had read them all:

- counts add up; line numbers are shifted by the lines of the ranges before;
- an aggregate's records, occurrences and types add up; its sample IDs and masked
  samples are the first ones in file order (the same "first distinct, up to the cap"
  rule a single pass applies);
- inferred shapes merge; new enum values keep their first-seen order;
- a documented path is never observed only if no range saw it.

So the report is the one a single worker writes: same findings, order, samples and counts
(only `seconds` differs, as it does between any two runs). Memory stays per worker: each
streams its range. On Linux the workers are forked after the parent has built the check
schema, so a worker starts in milliseconds and nothing is imported, built or pickled
again; `default_workers` picks the count from the file's size and that measured cost.

The one case that can differ is the 10,000-path cap, which each worker applies to its own
range.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, BinaryIO

from vgcontract.drift.engine import Scan, finish_report, scan_records
from vgcontract.drift.model import (
    MAX_ENUM_VALUES,
    MAX_LISTED_RECORDS,
    MAX_PATHS,
    MAX_SAMPLES,
    DriftReport,
    UnreadableRecord,
)
from vgcontract.drift.schema import DriftSchema
from vgcontract.drift.sources import SourceStats, dir_files, file_records, skip_rest_of_line, stream_records
from vgcontract.errors import InputError
from vgcontract.spec.model import Spec

__all__ = ["cores", "default_workers", "run_dir_parallel", "run_drift_parallel", "split_ranges"]

# A ref is `line N`, or `ID (line N)` when the body names another ID: only that number moves.
_LINE_REF = re.compile(r"^line (\d+)$|\(line (\d+)\)$")


# The cost model behind the default worker count, measured on the 2-core machine with
# forked workers (`benches/bench_process.py` checks the default against one worker): a
# worker costs about 40 ms to start and merge, and a full conversation about 8 ms per MiB.
WORKER_START_SECONDS = 0.04
SECONDS_PER_BYTE = 8e-3 / 2**20
_MARGIN = 1.5  # add a worker only when it saves clearly more than it costs


def cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def default_workers(size: int) -> int:
    """How many workers check a file of `size` bytes fastest: one more while it saves more than it costs.

    Going from k workers to k + 1 saves `size * SECONDS_PER_BYTE / (k * (k + 1))` and costs
    one more worker's start; never more workers than cores, and one for a small file.
    """
    start = WORKER_START_SECONDS if _forking() else WORKER_START_SECONDS * 10  # a spawned worker imports and builds
    workers, most = 1, cores()
    while workers < most and size * SECONDS_PER_BYTE / (workers * (workers + 1)) > _MARGIN * start:
        workers += 1
    return workers


def split_ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """`parts` byte ranges of `path`, each ending just after a newline (the last at the end)."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as handle:
        for index in range(1, parts):
            handle.seek(max(cuts[-1], size * index // parts))
            skip_rest_of_line(handle)  # to the end of the line the cut fell in, in bounded reads
            cuts.append(min(handle.tell(), size))
    cuts.append(size)
    return [(start, end) for start, end in itertools.pairwise(cuts) if end > start] or [(0, 0)]


class _Range:
    """A binary stream over [start, end) of a file: what `stream_records` reads."""

    def __init__(self, handle: BinaryIO, end: int) -> None:
        self._handle, self._left = handle, end - handle.tell()

    def readline(self, limit: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        line = self._handle.readline(self._left if limit < 0 else min(limit, self._left))
        self._left -= len(line)
        return line


@dataclass
class _Shard:
    """One worker's result."""

    report: DriftReport
    scan: Scan
    stats: SourceStats = field(default_factory=SourceStats)


# The schema each worker checks against. Forked workers inherit the parent's, built once
# and never pickled; spawned ones (where fork is unsafe) rebuild it from the pickled spec.
_INHERITED: dict[str, DriftSchema] = {}
_Job = tuple[Spec | None, str, str, int, int, int]  # spec, operation, file, start, end, max record bytes
_DirJob = tuple[Spec | None, str, str, list[str], int]  # spec, operation, directory, files, max record bytes


def _worker_schema(spec: Spec | None, operation: str) -> DriftSchema:
    inherited = _INHERITED.get("schema")  # in the parent, or in a forked worker
    if inherited is not None:
        return inherited
    assert spec is not None, "a spawned worker is sent the spec"
    return DriftSchema.from_spec(spec, operation)


def _scan_range(job: _Job) -> _Shard:
    """Worker body (a separate process): scan one byte range of the file."""
    spec, operation, path, start, end, max_record_bytes = job
    schema = _worker_schema(spec, operation)
    report = DriftReport(source="", spec="", operation=operation)
    stats = SourceStats()
    with open(path, "rb", buffering=1 << 20) as handle:
        handle.seek(start)
        records = stream_records(_Range(handle, end), max_record_bytes=max_record_bytes, stats=stats)  # type: ignore[arg-type]
        scan = scan_records(records, schema, report)
    return _Shard(report, scan, stats)


def _scan_files(job: _DirJob) -> _Shard:
    """Worker body for a directory source: scan one contiguous slice of its sorted files."""
    spec, operation, directory, files, max_record_bytes = job
    schema = _worker_schema(spec, operation)
    report = DriftReport(source="", spec="", operation=operation)
    stats = SourceStats()
    paths = [Path(name) for name in files]
    records = file_records(Path(directory), paths, max_record_bytes=max_record_bytes, stats=stats)
    return _Shard(report, scan_records(records, schema, report), stats)


def run_dir_parallel(
    directory: Path,
    spec: Spec,
    schema: DriftSchema,
    *,
    workers: int,
    max_record_bytes: int,
    source: str,
    spec_name: str,
) -> tuple[DriftReport, SourceStats]:
    """`run_drift_parallel` for a directory of recorded responses: the sorted files in N contiguous slices."""
    started = time.monotonic()
    files = [str(path) for path in dir_files(directory)]
    size = max(1, -(-len(files) // max(1, workers)))  # ceiling division: N slices at most
    fork = _forking()  # decided once: a forked worker is sent no spec, a spawned one needs it
    shipped = None if fork else spec
    jobs: list[_DirJob] = [
        (shipped, schema.operation, str(directory), files[i : i + size], max_record_bytes)
        for i in range(0, len(files), size)
    ] or [(shipped, schema.operation, str(directory), [], max_record_bytes)]
    return _report(_run(jobs, _scan_files, schema, fork), schema, source, spec_name, started)


def _report(
    shards: list[_Shard], schema: DriftSchema, source: str, spec_name: str, started: float
) -> tuple[DriftReport, SourceStats]:
    """The shards merged in order and finished into the one-worker report."""
    report = DriftReport(source=source, spec=spec_name or schema.operation or "the spec", operation=schema.operation)
    scan, stats = _merge(shards, report)
    finish_report(report, scan, schema, stats)
    report.seconds = time.monotonic() - started
    return report, stats


# Processes, not threads: the check is CPU-bound Python. Forked on Linux, so a worker starts
# in milliseconds with the modules and the schema already built; spawned elsewhere (fork is
# unsafe on macOS), where each worker imports and builds them again.
_LINUX = sys.platform == "linux"


def _forking() -> bool:
    """Fork on Linux; from 3.12 only while this process has one thread, as Python asks."""
    return _LINUX and (sys.version_info < (3, 12) or threading.active_count() == 1)


def _run(jobs: list[Any], worker: Any, schema: DriftSchema, fork: bool) -> list[_Shard]:
    _INHERITED["schema"] = schema  # before the fork: every worker starts with it
    try:
        if len(jobs) == 1:
            return [worker(jobs[0])]
        with ProcessPoolExecutor(max_workers=len(jobs), mp_context=get_context("fork" if fork else "spawn")) as pool:
            return list(pool.map(worker, jobs))
    finally:
        _INHERITED.clear()


def _shift(ref: str, lines: int) -> str:
    if not lines:
        return ref

    def moved(match: re.Match[str]) -> str:
        number = int(match.group(1) or match.group(2)) + lines
        return f"line {number}" if match.group(1) else f"(line {number})"

    return _LINE_REF.sub(moved, ref)


def _merge(shards: list[_Shard], report: DriftReport) -> tuple[Scan, SourceStats]:
    merged, stats, offset = Scan(), SourceStats(), 0
    merged.pending = set.intersection(*(s.scan.pending for s in shards)) if shards else set()
    for shard in shards:
        part, scan = shard.report, shard.scan
        report.read += part.read
        report.conforming += part.conforming
        report.with_findings += part.with_findings
        report.unreadable += part.unreadable
        report.inconclusive += part.inconclusive
        for record in part.unreadable_records:
            if len(report.unreadable_records) < MAX_LISTED_RECORDS:
                report.unreadable_records.append(UnreadableRecord(_shift(record.ref, offset), record.reason))
        for key, aggregate in scan.aggregates.items():
            aggregate.sample_refs = [_shift(ref, offset) for ref in aggregate.sample_refs]
            mine = merged.aggregates.get(key)
            if mine is None:
                if len(merged.aggregates) >= MAX_PATHS:
                    merged.overflow += aggregate.occurrences
                    continue
                merged.aggregates[key] = aggregate
                continue
            mine.records += aggregate.records
            mine.occurrences += aggregate.occurrences
            mine.observed_types.update(aggregate.observed_types)
            mine.sample_refs += aggregate.sample_refs[: MAX_SAMPLES - len(mine.sample_refs)]
            for sample in aggregate.samples:
                if len(mine.samples) < MAX_SAMPLES and sample not in mine.samples:
                    mine.samples.append(sample)
        for name, shape in scan.shapes.items():
            if name in merged.shapes:
                merged.shapes[name].merge(shape)
            else:
                merged.shapes[name] = shape
        for name, values in scan.enum_values.items():
            kept = merged.enum_values.setdefault(name, [])
            kept += [v for v in values if v not in kept][: MAX_ENUM_VALUES - len(kept)]
        merged.overflow += scan.overflow
        merged.saw_success_body = merged.saw_success_body or scan.saw_success_body
        stats.blank_lines += shard.stats.blank_lines
        stats.bytes_read += shard.stats.bytes_read
        offset += shard.stats.lines
    return merged, stats


def run_drift_parallel(
    path: Path, spec: Spec, schema: DriftSchema, *, workers: int, max_record_bytes: int, source: str, spec_name: str
) -> tuple[DriftReport, SourceStats]:
    """The drift report of the NDJSON file `path`, computed by `workers` processes (see the module doc)."""
    started = time.monotonic()
    try:
        ranges = split_ranges(path, workers)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    fork = _forking()  # decided once: a forked worker is sent no spec, a spawned one needs it
    shipped = None if fork else spec
    jobs: list[_Job] = [(shipped, schema.operation, str(path), start, end, max_record_bytes) for start, end in ranges]
    return _report(_run(jobs, _scan_range, schema, fork), schema, source, spec_name, started)
