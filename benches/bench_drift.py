"""`make bench` (drift part): drift throughput and memory, measured side by side in one run.

The corpus is NDJSON of full conversations (every documented field present, at least one
item per array) from the mock's factory: a set of distinct bodies, each line with its own
conversation ID. Three things are measured on the same bytes, interleaved over rounds,
best round kept (the machines are shared and noisy):

* orjson alone: the same line reader, `orjson.loads` per line. The floor;
* the drift check: `run_drift` over the NDJSON source, as `vgcontract drift --ndjson` runs;
* pure-Python `jsonschema` (Draft 2020-12, formats checked) with the same check schema, on a
  slice of the corpus (it is ~50x slower; a slice gives its throughput without minutes).

Memory: `vgcontract drift --ndjson -` runs in a child process fed through a pipe, once with
10k lines and once with 1M; each child reports its own peak RSS.

Targets (the issue's): drift >= 50% of orjson's throughput, >= 30x jsonschema's, and peak
memory at 1M lines within 1.25x of the peak at 10k. Exit 1 when a target is missed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import jsonschema
import orjson

from vgcontract.drift import DriftSchema, run_drift, stream_records
from vgcontract.live import conversation_operation
from vgcontract.mock import ConversationFactory
from vgcontract.spec import dereference, find_project, load_spec

PROJECT = find_project(Path(__file__).resolve().parent)


def _schema() -> DriftSchema:
    """The drift schema of what the nightly check fetches (the spec holds other operations too)."""
    spec = load_spec(PROJECT.spec)
    return DriftSchema.from_spec(spec, conversation_operation(spec))


__all__ = ["corpus_lines", "main", "write_corpus"]

_DISTINCT = 500
_ID_SLOT = b"convo-bench-XXXXXXXXX"


def _templates(count: int = _DISTINCT) -> list[tuple[bytes, bytes]]:
    schema = _schema()
    envelope = dereference(schema.spec, schema.sites[()].schema)
    factory = ConversationFactory(envelope["properties"]["data"], complete=True)
    out = []
    for i in range(count):
        data = factory.conversation("agent-bench", f"template-{i}")
        data["ID"] = _ID_SLOT.decode()
        line = orjson.dumps({"success": True, "message": "Conversation retrieved successfully", "data": data})
        head, tail = line.split(_ID_SLOT, 1)
        out.append((head, tail + b"\n"))
    return out


def corpus_lines(count: int, templates: list[tuple[bytes, bytes]] | None = None) -> Iterator[bytes]:
    """`count` NDJSON lines of full conversations, each with its own ID, generated lazily."""
    parts = templates or _templates()
    for n in range(count):
        head, tail = parts[n % len(parts)]
        yield head + b"convo-%09d" % n + tail


def write_corpus(stream: IO[bytes], count: int, templates: list[tuple[bytes, bytes]] | None = None) -> None:
    """Write `count` corpus lines to `stream` (a file or a child's stdin) in batches."""
    batch: list[bytes] = []
    for line in corpus_lines(count, templates):
        batch.append(line)
        if len(batch) == 4096:
            stream.write(b"".join(batch))
            batch.clear()
    stream.write(b"".join(batch))


def _orjson_only(data: bytes) -> float:
    started = time.perf_counter()
    loads = orjson.loads
    for record in stream_records(io.BytesIO(data)):
        loads(record.body)
    return time.perf_counter() - started


def _drift(data: bytes, schema: DriftSchema, expected: int) -> float:
    started = time.perf_counter()
    report = run_drift(stream_records(io.BytesIO(data)), schema, source="bench")
    elapsed = time.perf_counter() - started
    if report.read != expected or report.conforming != expected:
        raise SystemExit(f"bench corpus did not conform: {report.read} read, {report.conforming} conforming")
    return elapsed


def _jsonschema(lines: list[bytes], schema: DriftSchema) -> float:
    validator = jsonschema.Draft202012Validator(
        schema.check_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    started = time.perf_counter()
    for line in lines:
        if not validator.is_valid(orjson.loads(line)):
            raise SystemExit("bench corpus did not conform for jsonschema")
    return time.perf_counter() - started


def _peak_rss_mib(lines: int) -> float:
    """Run `vgcontract drift --ndjson -` in a child fed `lines` lines; return its peak RSS."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of this (large)
    # process would report the parent's size. VmHWM belongs to the child's own address space.
    code = (
        "import re, sys\n"
        "from vgcontract.cli.main import main\n"
        "rc = main(['drift', '--ndjson', '-', '--no-progress', '--json', '/dev/null'])\n"
        "status = open('/proc/self/status').read()\n"
        "sys.stderr.write('PEAK %s\\n' % re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
        "sys.exit(rc)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stdin is not None
    templates = _templates(50)
    write_corpus(child.stdin, lines, templates)
    child.stdin.close()
    assert child.stderr is not None
    err = child.stderr.read()
    child.wait()
    if child.returncode != 0:
        raise SystemExit(f"drift child failed ({child.returncode}): {err.decode()[-300:]}")
    peak = next(line for line in err.decode().splitlines() if line.startswith("PEAK "))
    return int(peak.split()[1]) / 1024  # VmHWM is in kB


def main(argv: list[str] | None = None) -> int:
    """Run the drift benchmark; print a table; write reports/bench-drift.json; exit 1 on a missed target."""
    args = argv if argv is not None else sys.argv[1:]
    lines = int(args[0]) if args else 100_000
    big = int(args[1]) if len(args) > 1 else 1_000_000
    rounds = 3
    schema = _schema()
    print(f"drift bench: building a corpus of {lines:,} full conversations ...", flush=True)
    data = b"".join(corpus_lines(lines))
    orjson_best = drift_best = float("inf")
    for _ in range(rounds):  # interleaved, best of each: the same machine state for both
        orjson_best = min(orjson_best, _orjson_only(data))
        drift_best = min(drift_best, _drift(data, schema, lines))
    sample = data.splitlines()[: max(500, lines // 50)]
    js_seconds = _jsonschema(sample, schema)
    orjson_rate, drift_rate, js_rate = lines / orjson_best, lines / drift_best, len(sample) / js_seconds
    print(f"drift bench: peak memory, {big:,} lines vs 10,000 through `drift --ndjson -` ...", flush=True)
    small_peak, big_peak = _peak_rss_mib(10_000), _peak_rss_mib(big)
    vs_orjson, vs_jsonschema = drift_rate / orjson_rate, drift_rate / js_rate
    memory_ratio = big_peak / small_peak
    mib, avg = round(len(data) / 2**20, 1), len(data) // lines
    results: dict[str, Any] = {
        "corpus": {"lines": lines, "mib": mib, "avg_line_bytes": avg},
        "orjson_lines_per_s": round(orjson_rate),
        "drift_lines_per_s": round(drift_rate),
        "jsonschema_lines_per_s": round(js_rate),
        "jsonschema_sample_lines": len(sample),
        "drift_vs_orjson": round(vs_orjson, 3),
        "drift_vs_jsonschema": round(vs_jsonschema, 1),
        "peak_rss_mib": {"10k": round(small_peak, 1), f"{big // 1000}k": round(big_peak, 1)},
        "memory_ratio": round(memory_ratio, 3),
    }
    checks = [
        ("drift >= 50% of orjson parse throughput", vs_orjson >= 0.5),
        ("drift >= 30x pure-Python jsonschema", vs_jsonschema >= 30),
        (f"peak memory at {big:,} lines <= 1.25x the peak at 10,000", memory_ratio <= 1.25),
    ]
    results["targets"] = dict(checks)
    print(f"  corpus: {lines:,} lines, {mib} MiB ({avg} B/line)")
    print(f"  orjson parse only : {orjson_rate:>10,.0f} lines/s")
    print(f"  vgcontract drift  : {drift_rate:>10,.0f} lines/s  ({vs_orjson:.0%} of orjson)")
    print(f"  jsonschema (pure) : {js_rate:>10,.0f} lines/s  (drift is {vs_jsonschema:.1f}x faster)")
    print(f"  peak RSS: 10k lines {small_peak:.1f} MiB, {big:,} lines {big_peak:.1f} MiB ({results['memory_ratio']}x)")
    for name, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    out = PROJECT.root / "reports" / "bench-drift.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"  report: {Path(os.path.relpath(out))}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
