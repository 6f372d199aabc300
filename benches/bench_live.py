"""`make bench` (live part): `drift --live` against a server that adds 50 ms to every answer.

The limit is set by concurrency and latency: conversations/s <= concurrency / round trip.
At concurrency 8 and 50 ms that is 160/s; the figure is the best of five runs, each
against a fresh server, so a neighbour's burst on this shared machine does not decide it.
Each run is followed by a bare httpx loop (`benches.bare_httpx`) against a fresh server of
the same kind, so the share can be read beside what httpx alone reaches here.
The server (`benches.latency_server`, its own process) counts the requests it has in
flight at once, so "never above the configured concurrency" is measured at the server.
A second, smaller run gets `429 Retry-After: 1` once for every tenth ID and shows the
client still waits as told.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from typing import Any

import httpx

from benches.bare_httpx import fetch_all
from benches.latency_server import AGENT, TOKEN
from benches.processes import spawn, stop
from vgcontract.live import LiveOptions, Target, live_records
from vgcontract.mock import build_app
from vgcontract.spec import find_project, load_spec

__all__ = ["measure"]

PROJECT = find_project()


def _run(ids: int, concurrency: int, delay: float, *, rate_limit: bool, bare: bool = False) -> dict[str, Any]:
    """Fetch `ids` conversations at `concurrency` from a fresh server: through the bounded layer,
    or with `bare`, through a bare httpx loop (`benches.bare_httpx`) in this process.
    """
    mode = "rate-limit" if rate_limit else "plain"
    command = [sys.executable, "-m", "benches.latency_server", str(delay), mode, str(ids)]
    server = spawn(command, stdout=subprocess.PIPE, cwd=PROJECT.root)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        for _ in range(600):  # until it answers (after making its bodies)
            try:
                httpx.get(f"http://127.0.0.1:{port}/_stats", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        convos = tuple(f"convo-{n:05d}" for n in range(ids))
        base = f"http://127.0.0.1:{port}{build_app(load_spec(PROJECT.spec)).base_path}"  # the spec's server path
        target = Target(load_spec(PROJECT.spec), base, TOKEN, AGENT, convos, convos)
        options = LiveOptions(concurrency=concurrency, retries=2, max_retry_wait=5.0)
        started = time.perf_counter()
        statuses: list[int | None]
        if bare:
            paths = [target.conversation_path(convo).lstrip("/") for convo in convos]
            ok = asyncio.run(fetch_all(base + "/", TOKEN, concurrency, paths))
            statuses = [200] * ok  # fetch_all counts the 200s
        else:
            statuses = [record.status for record in live_records(target, convos, options)]
        seconds = time.perf_counter() - started
        stats: dict[str, Any] = httpx.get(f"http://127.0.0.1:{port}/_stats", timeout=5).json()
    finally:
        stop(server)
    return {"seconds": seconds, "ok": sum(1 for s in statuses if s == 200), **stats}


def measure(ids: int = 2000, concurrency: int = 8, delay: float = 0.05, rounds: int = 5) -> dict[str, Any]:
    """The best rate of `rounds` beside concurrency / latency; then, on a tenth of the IDs, Retry-After honoured."""
    runs, bare_runs = [], []
    for _ in range(rounds):  # interleaved with a bare httpx loop against the same kind of server
        runs.append(_run(ids, concurrency, delay, rate_limit=False))
        bare_runs.append(_run(ids, concurrency, delay, rate_limit=False, bare=True))
    plain = min(runs, key=lambda run: run["seconds"])
    bare = min(bare_runs, key=lambda run: run["seconds"])
    limited = _run(ids // 10, concurrency, delay, rate_limit=True)
    rate, limit = ids / plain["seconds"], concurrency / delay
    return {
        "ids": ids,
        "concurrency": concurrency,
        "added_latency_s": delay,
        "seconds": round(plain["seconds"], 3),
        "per_second": round(rate, 1),
        "per_second_each_round": [round(ids / run["seconds"], 1) for run in runs],
        "limit_per_second": round(limit, 1),
        "vs_limit": rate / limit,
        "bare_httpx_per_second": round(ids / bare["seconds"], 1),
        "bare_httpx_vs_limit": ids / bare["seconds"] / limit,
        "vs_bare_httpx": bare["seconds"] / plain["seconds"],
        "ok_200": plain["ok"],
        "max_in_flight_at_server": max(*(run["max_in_flight"] for run in runs), limited["max_in_flight"]),
        "retry_after_run": {
            "ids": ids // 10,
            "ok_200": limited["ok"],
            "rate_limited_once": limited["retried"],
            "min_wait_after_retry_after_1s": limited["min_retry_wait"],
        },
    }


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))
