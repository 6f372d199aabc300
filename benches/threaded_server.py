"""A plain threaded HTTP server for the live benchmark: the standard library's, 50 ms late on every answer.

`http.server.ThreadingHTTPServer` with an ordinary request handler: a thread per
connection, HTTP/1.0 by default (a connection per request) or HTTP/1.1 keep-alive with
`keep-alive` as the third argument. It is the kind of server a user's staging API might be,
not one tuned for the benchmark: the bare httpx loop and `vgcontract drift --live` are
measured against the same one. Bodies are the mock's, made on first use of each path.
Run as `python -m benches.threaded_server DELAY [http1.0|keep-alive]`; the port is the
first line of stdout.
"""

from __future__ import annotations

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from benches.latency_server import TOKEN
from vgcontract.mock import build_app
from vgcontract.spec import find_project, load_spec

__all__ = ["main"]


def _handler(mock: Any, delay: float, keep_alive: bool) -> type[BaseHTTPRequestHandler]:
    bodies: dict[str, bytes] = {}
    lock = threading.Lock()
    auth = {b"authorization": f"Bearer {TOKEN}".encode()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

        def do_GET(self) -> None:
            time.sleep(delay)
            with lock:
                body = bodies.get(self.path)
                if body is None:
                    body = bodies[self.path] = mock.respond("GET", self.path.encode(), auth).body
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def main() -> None:
    """Serve on a free port of 127.0.0.1 until killed; print the port first."""
    delay = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    keep_alive = len(sys.argv) > 2 and sys.argv[2] == "keep-alive"
    mock = build_app(load_spec(find_project().spec), token=TOKEN)
    # The one setting changed: a listen backlog of 5 (the default) drops connection attempts at
    # concurrency 8, and the kernel retries a dropped SYN a second later: that measures TCP,
    # not the client, and falls on either contender at random.
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(mock, delay, keep_alive))
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
