"""`make bench`: the mock's throughput, measured from a separate process, beside Prism's.

The load generator is a small asyncio HTTP/1.1 client on raw keep-alive sockets (much
lighter than a full client, so it is less likely to be the bottleneck) run in its own
process. Each server is measured with the same loader, the same request mix and the same
duration, one after the other in one run, so the ratio is meaningful on a noisy machine.
Stoplight Prism 5 is started with `npx` when Node is available; otherwise its column says
why it is missing.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benches.processes import spawn, stop
from vgcontract.mock import DEFAULT_TOKEN
from vgcontract.spec import find_project

PROJECT = find_project(Path(__file__).resolve().parent)

__all__ = ["BenchResult", "load", "run_bench"]

PRISM_PACKAGE = "@stoplight/prism-cli@5"


@dataclass(frozen=True)
class BenchResult:
    """Requests per second of one server under the shared load."""

    name: str
    requests: int
    errors: int
    seconds: float

    @property
    def rps(self) -> float:
        """Completed 2xx requests per second."""
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0


async def _worker(host: str, port: int, paths: list[bytes], deadline: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = 0
    try:
        while time.monotonic() < deadline:
            writer.write(paths[i % len(paths)])
            i += 1
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            counts[0] += 1
            if status != 200:
                counts[1] += 1
    finally:
        writer.close()


async def _load(host: str, port: int, base: str, seconds: float, connections: int) -> tuple[int, int, float]:
    requests = [
        (
            f"GET {base}/agents/agent{i % 13}/convos/convo-{i} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Authorization: Bearer {DEFAULT_TOKEN}\r\nAccept: application/json\r\n\r\n"
        ).encode()
        for i in range(500)
    ]
    counts = [0, 0]
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*(_worker(host, port, requests[c::connections], deadline, counts) for c in range(connections)))
    return counts[0], counts[1], time.monotonic() - started


def load(port: int, base: str, seconds: float, connections: int) -> tuple[int, int, float]:
    """Run the load in this process (the bench calls it in a child process)."""
    return asyncio.run(_load("127.0.0.1", port, base, seconds, connections))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(port: int, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def _measure(name: str, command: list[str], port: int, base: str, *, seconds: float, connections: int) -> BenchResult:
    proc = spawn(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=PROJECT.root)
    try:
        if not _wait_for(port, proc, timeout=120):
            raise RuntimeError(f"{name} did not start")
        loader = (
            "import json,sys; from benches.bench_mock import load; "
            f"print(json.dumps(load({port}, {base!r}, 1.0, {connections})));"  # warm-up
            f"print(json.dumps(load({port}, {base!r}, {seconds}, {connections})))"
        )
        out = subprocess.run([sys.executable, "-c", loader], capture_output=True, text=True, check=True).stdout
        done, errors, took = json.loads(out.strip().splitlines()[-1])
        return BenchResult(name, done, errors, took)
    finally:
        stop(proc)  # npx's `node` child too


def run_bench(seconds: float = 5.0, connections: int = 16) -> list[BenchResult | str]:
    """Measure the mock, then Prism when Node is there; a string explains a missing result."""
    port = _free_port()
    mock_cmd = [sys.executable, "-m", "vgcontract", "mock", "--port", str(port)]
    results: list[BenchResult | str] = [
        _measure("vgcontract mock", mock_cmd, port, "/v3", seconds=seconds, connections=connections)
    ]
    npx = shutil.which("npx")
    if npx is None:
        results.append("Prism 5: not measured (no Node/npx on this machine)")
        return results
    port = _free_port()
    prism_cmd = [npx, "--yes", PRISM_PACKAGE, "mock", "--port", str(port), "--host", "127.0.0.1", str(PROJECT.spec)]
    try:
        results.append(_measure("Prism 5 (static)", prism_cmd, port, "", seconds=seconds, connections=connections))
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        results.append(f"Prism 5: not measured ({exc})")
    return results


def render(results: list[BenchResult | str]) -> str:
    """A table of the results and the ratio to Prism when both were measured."""
    lines = [f"{'server':<22}{'requests':>10}{'non-2xx':>9}{'seconds':>9}{'req/s':>10}"]
    measured = [r for r in results if isinstance(r, BenchResult)]
    for r in measured:
        lines.append(f"{r.name:<22}{r.requests:>10}{r.errors:>9}{r.seconds:>9.1f}{r.rps:>10.0f}")
    lines += [r for r in results if isinstance(r, str)]
    if len(measured) == 2 and measured[1].rps:
        ratio = measured[0].rps / measured[1].rps
        verdict = "meets" if ratio >= 2 else "misses"
        lines.append(f"mock / Prism = {ratio:.2f}x ({verdict} the 2x target)")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - `make bench` entry point
    print(render(run_bench(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0)))
