"""Serving the embedded mock on 127.0.0.1 for the self-test: a real server, in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from vgcontract.errors import UsageError
from vgcontract.mock.app import MockApp

__all__ = ["serve"]


@contextmanager
def serve(app: MockApp) -> Iterator[str]:
    """Serve `app` with uvicorn on a free 127.0.0.1 port in a thread; yield its base URL."""
    sock = socket.socket()
    # Accepted connections inherit it: without it, the mock's header and body writes meet the
    # client's delayed ACK and every answer waits about 40 ms on loopback.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="error", access_log=False, lifespan="off", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="vgcontract-selftest", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise UsageError("the self-test could not start the mock on 127.0.0.1")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}{app.base_path}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
