"""Stand-in VoiceGlow servers on 127.0.0.1 for live-mode tests: one conforms, others drift.

Each stand-in is a real HTTP server on a free loopback port, in a daemon thread, serving
the embedded mock's answers with one realistic break applied to the operation the spec
marks to fetch (the conversation), found by the mark, never by its place in `paths`; the
other operations answer as the mock does. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import re
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.paths import SPEC
from vgcontract.mock import DEFAULT_TOKEN, build_app
from vgcontract.spec import load_spec

__all__ = ["BREAKS", "STATEFUL_BREAKS", "TLS_CA", "TOKEN", "free_port", "serve_standin"]

TOKEN = "standin-token"
# A self-signed certificate for 127.0.0.1 and localhost, valid 2000-2100, made for these tests
# only (its key is beside it, in server.pem): point SSL_CERT_FILE here to trust it.
TLS_CA = Path(__file__).with_name("tls") / "ca.pem"
Answer = tuple[int, dict[str, str], bytes]
Break = Callable[[str, dict[str, str], Answer], Answer]


def _json_break(mutate: Callable[[dict[str, Any]], None]) -> Break:
    def apply(_path: str, _headers: dict[str, str], answer: Answer) -> Answer:
        status, headers, body = answer
        if status != 200:
            return answer
        data = json.loads(body)
        mutate(data)
        return status, headers, json.dumps(data).encode()

    return apply


def _html_200(_path: str, _headers: dict[str, str], answer: Answer) -> Answer:
    if answer[0] != 200:
        return answer
    return 200, {"Content-Type": "text/html"}, b"<html><body>Maintenance</body></html>"


def _server_error(_path: str, _headers: dict[str, str], _answer: Answer) -> Answer:
    return 500, {"Content-Type": "application/json"}, b'{"success": false, "message": "boom"}'


def _rate_limited_once() -> Break:
    seen: set[str] = set()

    def apply(path: str, _headers: dict[str, str], answer: Answer) -> Answer:
        if path in seen:
            return answer
        seen.add(path)
        return 429, {"Content-Type": "application/json", "Retry-After": "0"}, b'{"success": false, "message": "slow"}'

    return apply


def _personal(data: dict[str, Any]) -> None:
    data["data"].update(
        userEmail="ada.lovelace@example.com",
        userPhone="+14155550123",
        userID="+442071838750",
        ipAddress="192.0.2.44",
        userName="Ada Lovelace",
        notes="Call Ada on (415) 555-0199 or mail ada@corp.example.org",
        userWebsite="https://ada:s3cret@example.com/profile?token=abc123&x=1",
        unknownContact={"mobile": "+33612345678", "host": "2001:db8::1 and 10.0.0.7"},
    )


BREAKS: dict[str, Break | None] = {
    "conforming": None,
    "wrong-type": _json_break(lambda d: d["data"].__setitem__("messagesNum", "five")),
    "null-object": _json_break(lambda d: d["data"].__setitem__("vapi", None)),
    "html-200": _html_200,
    "server-error": _server_error,
    "personal-data": _json_break(_personal),
}
# Built per server: a break with state must not leak between tests.
STATEFUL_BREAKS: dict[str, Callable[[], Break]] = {"rate-limited-once": _rate_limited_once}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve_standin(kind: str, *, tls: bool = False) -> Iterator[str]:
    """Serve one stand-in; yield its base URL (with the spec's /v3 path).

    With `tls`, it speaks HTTPS with the test certificate `TLS_CA` (for 127.0.0.1).
    """
    spec = load_spec(SPEC)
    app = build_app(spec, token=TOKEN)
    breaker = STATEFUL_BREAKS[kind]() if kind in STATEFUL_BREAKS else BREAKS.get(kind)
    fetched = next(operation for operation in spec.operations if operation.fetched)
    broken = re.compile("^" + re.escape(app.base_path) + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(fetched.path)) + "$")
    ignore_auth = kind == "no-auth-200"

    class Handler(BaseHTTPRequestHandler):
        # Headers and body leave in two writes: without it, the body waits for the client's
        # delayed ACK (about 40 ms on loopback) on every answer.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            if ignore_auth:
                headers["authorization"] = f"Bearer {TOKEN}"
            raw = {k.encode(): v.encode() for k, v in headers.items()}
            reply = app.respond("GET", self.path.encode(), raw)
            answer: Answer = (reply.status, {"Content-Type": "application/json"}, reply.body)
            answer = (answer[0], {**answer[1], **{k.decode(): v.decode() for k, v in reply.headers}}, answer[2])
            if breaker is not None and broken.match(self.path.split("?", 1)[0]):
                answer = breaker(self.path, headers, answer)
            status, out_headers, body = answer
            self.send_response(status)
            for key, value in out_headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS_CA.with_name("server.pem"))
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}{app.base_path}"
    finally:
        server.shutdown()
        server.server_close()


assert DEFAULT_TOKEN != TOKEN  # stand-ins must not accept the mock's documented default
