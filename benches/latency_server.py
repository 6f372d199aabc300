"""A local server for the live benchmark: the mock's bodies, 50 ms late on every answer, counting what it sees.

Run as a separate process (`python -m benches.latency_server DELAY`), so the client under test
has its own interpreter. It prints its port on the first line of stdout. `GET /_stats`
answers the highest number of requests it had in flight at once, how many it served, and,
with `rate-limit` as the second argument, for the IDs it rate-limited once (`Retry-After: 1`
on the first request of every ID that ends in `7`), the shortest wait the client left
before asking again.
"""

from __future__ import annotations

import asyncio
import socket
import sys
import time
from typing import Any

import orjson

from vgcontract.live import Target
from vgcontract.mock import build_app
from vgcontract.spec import find_project, load_spec

TOKEN = "bench-token"
AGENT = "agent-bench"

__all__ = ["SlowApp"]


class SlowApp:
    """What the server counts: requests in flight (and the most at once), answers, Retry-After waits."""

    def __init__(self, mock: Any, delay: float, rate_limit: bool) -> None:
        self.mock, self.delay, self.rate_limit = mock, delay, rate_limit
        self.in_flight = self.max_in_flight = self.served = 0
        self.limited: dict[str, float] = {}  # path -> when the 429 was sent
        self.waits: list[float] = []


class _Protocol:
    """A small HTTP/1.1 keep-alive server on asyncio streams, with `SlowApp`'s bookkeeping.

    uvicorn and the ASGI mock cost a millisecond or so per answer in this one process; with
    eight answers due at the same instant that queues them by several milliseconds, and the
    benchmark would measure this server, not the client. Bodies are made once, up front.
    """

    def __init__(self, app: SlowApp, mock: Any) -> None:
        self.app, self.mock = app, mock
        self.bodies: dict[bytes, bytes] = {}

    def body(self, path: bytes) -> bytes:
        cached = self.bodies.get(path)
        if cached is None:
            reply = self.mock.respond("GET", path, {b"authorization": f"Bearer {TOKEN}".encode()})
            cached = self.bodies[path] = reply.body
        return cached

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        app = self.app
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                if path == b"/_stats":
                    body = orjson.dumps({
                        "max_in_flight": app.max_in_flight, "served": app.served,
                        "retried": len(app.waits), "min_retry_wait": min(app.waits) if app.waits else None,
                    })  # fmt: skip
                    writer.write(_response(200, body))
                    continue
                app.in_flight += 1
                app.max_in_flight = max(app.max_in_flight, app.in_flight)
                try:
                    await asyncio.sleep(app.delay)
                    key = path.decode()
                    if app.rate_limit and key.endswith("7") and key not in app.limited:
                        app.limited[key] = time.monotonic()
                        writer.write(_response(429, b'{"success":false,"message":"slow down"}', b"Retry-After: 1\r\n"))
                        continue
                    if key in app.limited:
                        app.waits.append(time.monotonic() - app.limited.pop(key))
                    app.served += 1
                    writer.write(_response(200, self.body(path)))
                finally:
                    app.in_flight -= 1
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()


def _response(status: int, body: bytes, extra: bytes = b"") -> bytes:
    reason = b"OK" if status == 200 else b"Too Many Requests"
    head = b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n" % (status, reason, len(body))
    return head + extra + b"\r\n" + body


def main() -> None:
    """Serve on a free port of 127.0.0.1 until killed; print the port first."""
    delay = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    rate_limit = len(sys.argv) > 2 and sys.argv[2] == "rate-limit"
    warm = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    spec = find_project().spec
    mock = build_app(load_spec(spec), token=TOKEN)
    protocol = _Protocol(SlowApp(mock, delay, rate_limit), mock)
    fetched = Target(load_spec(spec), "", TOKEN, AGENT, (), ())  # only for its paths: the operation the spec marks
    for n in range(warm):
        protocol.body(f"{mock.base_path}{fetched.conversation_path(f'convo-{n:05d}')}".encode())

    async def run() -> None:
        server = await asyncio.start_server(protocol.serve, "127.0.0.1", 0, backlog=256)
        sock = server.sockets[0]
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        print(sock.getsockname()[1], flush=True)
        await server.serve_forever()

    asyncio.run(run())


if __name__ == "__main__":
    main()
