"""`make bench` (drift workers part): one NDJSON file, one worker beside every core, beside orjson alone.

The file holds `lines` full conversations (the drift bench's corpus) on disk, read through
the page cache by every contender, in five interleaved rounds; each figure is its best round:

* `orjson`: the same line reader as the drift source, `orjson.loads` per line, one core;
* `drift, 1 worker` and `drift, N workers`: `run_drift_parallel`, as `drift --ndjson FILE
  --workers N` runs it.

The two drift reports must be the same, apart from `seconds`; the figures say whether they were.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from benches.bench_drift import PROJECT, _schema, write_corpus
from vgcontract import Severity
from vgcontract.drift import DEFAULT_MAX_RECORD_BYTES, cores, run_drift_parallel, stream_records
from vgcontract.reporting.drift import render_json
from vgcontract.spec import load_spec

__all__ = ["measure"]


def _orjson_file(path: Path) -> float:
    started = time.perf_counter()
    loads = orjson.loads
    with path.open("rb") as handle:
        for record in stream_records(io.BufferedReader(handle, 1 << 20)):
            loads(record.body)
    return time.perf_counter() - started


def _drift(path: Path, workers: int) -> tuple[float, str]:
    schema = _schema()
    started = time.perf_counter()
    report, _stats = run_drift_parallel(
        path,
        load_spec(PROJECT.spec),
        schema,
        workers=workers,
        max_record_bytes=DEFAULT_MAX_RECORD_BYTES,
        source="bench",
        spec_name="bench",
    )
    seconds = time.perf_counter() - started
    data = orjson.loads(render_json(report, Severity.WARNING))
    data.pop("seconds", None)
    return seconds, orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()


def measure(lines: int = 1_000_000, rounds: int = 5) -> dict[str, Any]:
    """Seconds and lines/s for each contender on one file of `lines` lines, the best of `rounds`."""
    workers = cores()
    with tempfile.TemporaryDirectory(prefix="vgcontract-bench-", dir=os.environ.get("BENCH_TMP")) as tmp:
        path = Path(tmp) / "export.ndjson"
        with path.open("wb") as out:
            write_corpus(out, lines)
        size = path.stat().st_size
        orjson_s = one_s = many_s = float("inf")
        for _ in range(rounds):  # interleaved, best of each: what the machine allows, not what a neighbour took
            orjson_s = min(orjson_s, _orjson_file(path))
            seconds, one_report = _drift(path, 1)
            one_s = min(one_s, seconds)
            seconds, many_report = _drift(path, workers)
            many_s = min(many_s, seconds)
    return {
        "lines": lines,
        "rounds": rounds,
        "gib": round(size / 2**30, 2),
        "workers": workers,
        "orjson_lines_per_s": round(lines / orjson_s),
        "drift_1_worker_lines_per_s": round(lines / one_s),
        "drift_n_workers_lines_per_s": round(lines / many_s),
        "n_workers_vs_1": one_s / many_s,
        "one_worker_vs_orjson": orjson_s / one_s,
        "reports_identical": one_report == many_report,
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000), indent=2))
