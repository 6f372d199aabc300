"""`make bench`: every figure as a ratio measured side by side in one run; `reports/bench.json` and a table.

Parts (each its own module, runnable alone):

- `bench_client`: the generated client's decoding beside pydantic v2 (datamodel-code-generator
  models of the same spec) and the parse limit (msgspec, orjson); bytes per decoded body;
- `bench_drift`: drift beside orjson and pure-Python jsonschema; peak memory at 10k vs 1M lines;
- `bench_workers`: one 1M-line file, one drift worker beside every core, beside orjson (in this process);
- `bench_live`: `drift --live` at concurrency 8 against +50 ms answers, beside 8 / 0.05 s;
- `bench_process`: what a user waits for, every command a timed process: drift on 20k, 200k
  and 1M-line files beside an orjson loop (1 worker, every core, the default), `--help` and
  `spec-diff` beside `python -c "import yaml, orjson"`, and `drift --live` beside a bare
  httpx loop against the standard library's threaded server;
- `bench_mock`: the mock beside Stoplight Prism 5, when Node's `npx` is available;
- `bench_scrub`: the secret scrubber and the redactor on adversarial text beside ordinary text;
- `bench_spec_load`: the one spec reader beside libyaml's safe load on a 1.4 MB spec.

Exit 1 when a target is missed; the table says which.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benches import (
    bench_client,
    bench_drift,
    bench_live,
    bench_mock,
    bench_process,
    bench_scrub,
    bench_spec_load,
    bench_workers,
)
from vgcontract.spec import find_project

PROJECT = find_project(Path(__file__).resolve().parent)


def _targets(figures: dict[str, Any]) -> list[tuple[str, float, float]]:
    """(what, measured, target): every target of the performance issues."""
    client, drift, workers, live = figures["client"], figures["drift"], figures["drift_workers"], figures["live"]
    process = figures["process"]
    files = {row["lines"]: row for row in process["drift_files"]}
    middle = files[sorted(files)[len(files) // 2]]  # 200k lines in a full run
    startup, threaded = process["startup"], process["live_threaded"]
    return [
        ("client decode vs pydantic v2 (as generated)", client["ratios"]["client_vs_pydantic"], 1.0),
        ("client strict vs pydantic v2 strict", client["ratios"]["client_strict_vs_pydantic_strict"], 1.0),
        ("client memory per body vs pydantic (lower is better: <= 1)",
         client["bytes_per_decoded"]["client"] / client["bytes_per_decoded"]["pydantic_no_email"], 1.0),
        (f"drift {workers['workers']} workers vs 1, in process ({workers['lines']:,} lines)",
         workers["n_workers_vs_1"], 1.7),
        ("drift 1 worker vs orjson parse, in memory", drift["drift_vs_orjson"], 0.85),
        (f"drift process, 1 worker vs an orjson loop process ({middle['lines']:,} lines)",
         middle["one_worker_vs_orjson"], 0.85),
        (f"drift process, {middle['cores']} workers vs 1 ({middle['lines']:,} lines)",
         middle["every_core_vs_one"], 1.6),
        *((f"drift process, default workers vs 1 ({row['lines']:,} lines)", row["default_vs_one"], 1.0)
          for row in process["drift_files"]),
        ("`vgcontract --help` vs python importing yaml+orjson (lower is better: <= 3)", startup["help_vs_floor"], 3.0),
        ("`vgcontract spec-diff` vs python importing yaml+orjson (lower is better: <= 3)",
         startup["spec_diff_vs_floor"], 3.0),
        ("drift --live process vs a bare httpx loop process, threaded server",
         threaded["drift_live_vs_bare_httpx"], 0.95),
        ("drift memory, 1M lines vs 10k (lower is better: <= 1.25)", drift["memory_ratio"], 1.25),
        ("live drift vs concurrency / latency limit, asyncio server", live["vs_limit"], 0.90),
        ("scrubbing, worst hostile MB vs an ordinary MB (lower is better: <= 3)", max(figures["scrub"].values()), 3.0),
        ("spec reader vs libyaml's safe load, 1.4 MB (lower is better: <= 2)",
         figures["spec_load"]["reader_vs_pyyaml"], 2.0),
    ]  # fmt: skip


def _passed(name: str, measured: float, target: float) -> bool:
    return measured <= target if "lower is better" in name else measured >= target


def main(argv: list[str] | None = None) -> int:
    """Run every part; print the table; write reports/bench.json; exit 1 on a missed target."""
    args = argv if argv is not None else sys.argv[1:]
    lines = int(args[0]) if args else 1_000_000
    figures: dict[str, Any] = {}
    print("bench: client decoding ...", flush=True)
    figures["client"] = bench_client.measure()
    print("bench: drift, one process ...", flush=True)
    bench_drift.main(["100000", str(lines)])
    figures["drift"] = json.loads((PROJECT.root / "reports" / "bench-drift.json").read_text(encoding="utf-8"))
    print(f"bench: drift workers on {lines:,} lines ...", flush=True)
    figures["drift_workers"] = bench_workers.measure(lines)
    print("bench: live drift at +50 ms ...", flush=True)
    figures["live"] = bench_live.measure()
    print("bench: whole processes (start-up, drift files, live drift beside bare httpx) ...", flush=True)
    sizes = sorted({max(1, lines // 50), max(1, lines // 5), lines})  # 20k, 200k and 1M lines in a full run
    figures["process"] = bench_process.measure(sizes)
    print("bench: scrubbing hostile text ...", flush=True)
    figures["scrub"] = bench_scrub.measure()
    print("bench: reading a 1.4 MB spec ...", flush=True)
    figures["spec_load"] = bench_spec_load.measure()
    print("bench: the mock beside Prism ...", flush=True)
    mock = bench_mock.run_bench()
    figures["mock"] = [r if isinstance(r, str) else vars(r) | {"per_second": r.rps} for r in mock]
    print(bench_mock.render(mock))
    targets = _targets(figures)
    figures["targets"] = [
        {"what": name, "measured": round(measured, 3), "target": target, "passed": _passed(name, measured, target)}
        for name, measured, target in targets
    ]
    figures["reports_identical_across_workers"] = figures["drift_workers"]["reports_identical"]
    out = PROJECT.root / "reports" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
    client = figures["client"]["per_second"]
    print()
    print(f"{'figure':<84} {'measured':>9} {'target':>7}  result")
    for row in figures["targets"]:
        verdict = "PASS" if row["passed"] else "MISS"
        print(f"{row['what']:<84} {row['measured']:>9.3f} {row['target']:>7}  {verdict}")
    for row in figures["process"]["drift_files"]:
        print(
            f"drift process, {row['lines']:,} lines ({row['mib']} MiB, default {row['default_workers']} worker(s)): "
            + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in row["seconds"].items())
        )
    live = figures["live"]
    print(
        f"live drift, asyncio server: {live['per_second']}/s ({live['vs_limit']:.0%} of the limit); a bare httpx loop "
        f"{live['bare_httpx_per_second']}/s ({live['bare_httpx_vs_limit']:.0%}): {live['vs_bare_httpx']:.2f}x of it"
    )
    print(
        f"client {client['client']:,}/s, pydantic {client['pydantic']:,}/s (no email check: "
        f"{client['pydantic_no_email']:,}/s), msgspec parse {client['msgspec_parse']:,}/s, "
        f"orjson parse {client['orjson_parse']:,}/s"
    )
    print(f"report: {out.relative_to(PROJECT.root)}")
    identical = figures["reports_identical_across_workers"]
    return 0 if identical and all(row["passed"] for row in figures["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
