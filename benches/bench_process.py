"""`make bench` (whole-process part): what a user waits for, each command timed as a process.

Every figure here is a child process timed from start to exit, interleaved with its floor
on the same machine state, so start-up, reading and the report all count:

* drift on NDJSON files of full conversations (20k, 200k and 1M lines): a plain
  `orjson.loads` loop over the same file (its own process) beside `vgcontract drift
  --ndjson FILE` with one worker, with every core, and with the default worker count;
* start-up: `vgcontract --help` and `vgcontract spec-diff` of the released spec against the
  current one, beside `python -c "import yaml, orjson"` (median of several runs);
* live drift against the standard library's threaded HTTP server, +50 ms per answer: a
  bare `httpx.AsyncClient` loop with a semaphore (`benches.bare_httpx`, its own process)
  beside `vgcontract drift --live`, on the same server and IDs.

`python -m benches.bench_process [LINES...]` runs it alone and prints the figures as JSON.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benches.bench_drift import write_corpus
from benches.latency_server import AGENT, TOKEN
from benches.processes import spawn, stop
from vgcontract.drift import cores, default_workers
from vgcontract.live import Target
from vgcontract.mock import build_app
from vgcontract.spec import find_project, load_spec

__all__ = ["drift_files", "live_threaded", "measure", "startup"]

PROJECT = find_project(Path(__file__).resolve().parent)
VGCONTRACT = str(Path(sys.executable).with_name("vgcontract"))
# The floor for drift: what a user's own loop over the file would do, in a process of its own.
_ORJSON_LOOP = (
    "import sys, orjson\n"
    "loads = orjson.loads\n"
    "with open(sys.argv[1], 'rb', buffering=1 << 20) as handle:\n"
    "    for line in handle:\n"
    "        if line.strip():\n"
    "            loads(line)\n"
)


def _timed(command: Sequence[str], *, env: dict[str, str] | None = None, ok: Sequence[int] = (0,)) -> float:
    """Seconds from start to exit of `command`; its output is discarded, a failure stops the bench."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, cwd=PROJECT.root, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in ok:
        raise SystemExit(f"bench: {' '.join(command[:4])} ... exited {done.returncode}: {done.stderr[-400:]!r}")
    return seconds


def drift_files(sizes: Sequence[int], rounds: int = 5) -> list[dict[str, Any]]:
    """Per file size: whole-process seconds of the orjson loop and of drift at 1, every-core and default workers."""
    many = cores()
    out = []
    with tempfile.TemporaryDirectory(prefix="vgcontract-bench-", dir=os.environ.get("BENCH_TMP")) as tmp:
        for lines in sizes:
            path = Path(tmp) / f"export-{lines}.ndjson"
            with path.open("wb") as handle:
                write_corpus(handle, lines)
            drift = [VGCONTRACT, "drift", "--ndjson", str(path), "--no-progress"]
            contenders = {
                "orjson": [sys.executable, "-c", _ORJSON_LOOP, str(path)],
                "drift_1_worker": [*drift, "--workers", "1"],
                "drift_every_core": [*drift, "--workers", str(many)],
                "drift_default": drift,
            }
            best = dict.fromkeys(contenders, float("inf"))
            for _ in range(rounds if lines < 1_000_000 else 1):  # interleaved: the same machine state for all
                for name, command in contenders.items():
                    best[name] = min(best[name], _timed(command))
            size = path.stat().st_size
            path.unlink()
            out.append({
                "lines": lines, "mib": round(size / 2**20, 1), "cores": many,
                "default_workers": default_workers(size),
                "seconds": {name: round(s, 3) for name, s in best.items()},
                "one_worker_vs_orjson": best["orjson"] / best["drift_1_worker"],
                "every_core_vs_one": best["drift_1_worker"] / best["drift_every_core"],
                "default_vs_one": best["drift_1_worker"] / best["drift_default"],
            })  # fmt: skip
    return out


def startup(runs: int = 9) -> dict[str, Any]:
    """Median seconds of `--help` and of a spec-diff, beside `python -c "import yaml, orjson"`."""
    released = PROJECT.released_spec
    contenders = {
        "python_import_yaml_orjson": [sys.executable, "-c", "import yaml, orjson"],
        "help": [VGCONTRACT, "--help"],
        "spec_diff": [VGCONTRACT, "spec-diff", str(released), str(PROJECT.spec)],
    }
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(runs):
        for name, command in contenders.items():
            times[name].append(_timed(command))
    median = {name: statistics.median(values) for name, values in times.items()}
    floor = median["python_import_yaml_orjson"]
    return {
        "runs": runs,
        "median_seconds": {name: round(s, 3) for name, s in median.items()},
        "help_vs_floor": median["help"] / floor,
        "spec_diff_vs_floor": median["spec_diff"] / floor,
    }


def live_threaded(ids: int = 600, concurrency: int = 8, delay: float = 0.05, rounds: int = 4) -> dict[str, Any]:
    """`drift --live` beside a bare httpx loop, both whole processes, against one threaded server."""
    server = spawn([sys.executable, "-m", "benches.threaded_server", str(delay)], stdout=subprocess.PIPE,
                   cwd=PROJECT.root)  # fmt: skip
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        spec = load_spec(PROJECT.spec)
        convos = [f"convo-{n:05d}" for n in range(ids)]
        fetched = Target(spec, "", TOKEN, AGENT, (), ())  # only for its paths: the operation the spec marks
        base = f"http://127.0.0.1:{port}{build_app(spec).base_path}"  # the spec's server path
        with tempfile.TemporaryDirectory(prefix="vgcontract-bench-") as tmp:
            listed = Path(tmp) / "paths.txt"
            listed.write_text("\n".join(fetched.conversation_path(c) for c in convos), encoding="utf-8")
            env = {
                **os.environ, "VOICEGLOW_BASE_URL": base, "VOICEGLOW_API_TOKEN": TOKEN, "VOICEGLOW_AGENT_ID": AGENT,
                "VOICEGLOW_CONVO_IDS": ",".join(convos),
            }  # fmt: skip
            contenders = {
                "bare_httpx": [sys.executable, "-m", "benches.bare_httpx", base, TOKEN, str(concurrency), f"@{listed}"],
                "drift_live": [VGCONTRACT, "drift", "--live", "--no-progress", "--concurrency", str(concurrency)],
            }
            _timed(contenders["bare_httpx"], env=env)  # warm: the server makes each body on first use
            best = dict.fromkeys(contenders, float("inf"))
            for _ in range(rounds):
                for name, command in contenders.items():
                    best[name] = min(best[name], _timed(command, env=env))
    finally:
        stop(server)
    return {
        "server": "http.server.ThreadingHTTPServer (HTTP/1.0), +50 ms per answer",
        "ids": ids,
        "concurrency": concurrency,
        "seconds": {name: round(s, 3) for name, s in best.items()},
        "per_second": {name: round(ids / s, 1) for name, s in best.items()},
        "drift_live_vs_bare_httpx": best["bare_httpx"] / best["drift_live"],
    }


def measure(sizes: Sequence[int] = (20_000, 200_000, 1_000_000)) -> dict[str, Any]:
    """Every whole-process figure."""
    return {"startup": startup(), "live_threaded": live_threaded(), "drift_files": drift_files(sizes)}


if __name__ == "__main__":
    import json

    chosen = [int(a) for a in sys.argv[1:]] or [20_000, 200_000, 1_000_000]
    print(json.dumps(measure(chosen), indent=2))
