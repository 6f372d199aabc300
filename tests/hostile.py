"""Servers on 127.0.0.1 that behave like real ones, ordinary and hostile, for the live-mode tests.

Each is a raw socket server in a daemon thread (so it can drip, hint forever or hang up
mid-answer, which `http.server` cannot), answering with the embedded mock's bodies where it
answers at all. Every request is recorded (method, raw path, Authorization), so a test can
prove that no request carrying the token left the operation's path. Loops are bounded:
each connection handler stops after `_MAX_SECONDS`, and the server stops when its context
exits.

Personalities whose shape is faithful (the contract holds; a run must pass):
    stdlib        501 to undeclared methods, like Python's http.server
    html-404      405 with an HTML page to undeclared methods, HTML 404 elsewhere
    gzip          every body gzip-compressed
    rate-limit    one request in four answered 429 with Retry-After: 1 (`serve(retry_after=...)`)
Hostile or broken ones (a run must end in budget with 1 or 3, and never leak):
    echo-body     the caller's Authorization value inside a 200 body, where a number belongs
    echo-header   the Authorization value echoed in X-Request-Id
    echo-encoded  the token in base64 (alone and as `user:token`), hex and half in the body and a header
    echo-drift    drift made of secrets: the token (raw and base64) and a personal e-mail as new
                  `state` values and new field names, beside one ordinary new field and value
    set-cookie    a `Set-Cookie` on every answer; `Seen.cookie` shows whether it came back
    drip          the body at ten bytes a second
    header-drip   the status line and headers at ten bytes a second
    hints         `103 Early Hints`, forever
    gzip-bomb     256 KB of gzip that inflates to 256 MiB
    endless       a chunked body that never ends
    deep          JSON nested 100,000 levels deep
    close         the connection closed with no answer
    429-forever   429 with Retry-After: 999999, every time
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import socket
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tests.paths import SPEC
from vgcontract.mock import build_app
from vgcontract.spec import load_spec

__all__ = ["EMAIL", "FAITHFUL", "HOSTILE", "TOKEN", "HostileServer", "Seen", "echoes", "gzip_bomb", "leaks", "serve"]

TOKEN = "hostile-test-token-5f2c9a"
EMAIL = "jane.doe@example.com"  # personal data a server may return
FAITHFUL = ("stdlib", "html-404", "gzip", "rate-limit", "set-cookie")
HOSTILE = (
    "echo-body", "echo-header", "echo-encoded", "echo-drift", "drip", "header-drip", "hints", "gzip-bomb", "endless",
    "deep", "close", "429-forever",
)  # fmt: skip
_MAX_SECONDS = 60.0  # no handler runs longer, whatever its personality
_HTML = b"<!DOCTYPE html><html><body><h1>%d</h1></body></html>"


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    authorization: str
    cookie: str = ""
    host: str = ""


@dataclass
class HostileServer:
    """The running server: its base URL and every request it saw."""

    personality: str
    retry_after: str = "1"  # what `rate-limit` asks a client to wait, in seconds
    base_url: str = ""
    seen: list[Seen] = field(default_factory=list)
    counter: itertools.count[int] = field(default_factory=itertools.count)


def _read_request(conn: socket.socket) -> tuple[str, str, dict[str, str]] | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk or len(data) > 1 << 20:
            return None
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    line, *rest = head.split("\r\n")
    method, path, _ = [*line.split(" "), "", ""][:3]
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in rest)}
    return method, path, headers


def _answer(status: int, body: bytes, headers: dict[str, str] | None = None, reason: str = "X") -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class _Handler:
    def __init__(self, server: HostileServer) -> None:
        self.server = server
        self.mock = build_app(load_spec(SPEC), token=TOKEN)

    def mock_answer(self, method: str, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        raw = {k.encode(): v.encode("latin-1") for k, v in headers.items()}
        reply = self.mock.respond(method, path.encode("latin-1"), raw)
        extra = {k.decode(): v.decode("latin-1") for k, v in reply.headers}
        return reply.status, {"Content-Type": reply.content_type.decode(), **extra}, reply.body

    def handle(self, conn: socket.socket) -> None:
        request = _read_request(conn)
        if request is None:
            return
        method, path, headers = request
        auth = headers.get("authorization", "")
        self.server.seen.append(Seen(method, path, auth, headers.get("cookie", ""), headers.get("host", "")))
        number = next(self.server.counter)
        getattr(self, "_" + self.server.personality.replace("-", "_"))(conn, method, path, headers, auth, number)

    # --- faithful -----------------------------------------------------------------------

    def _stdlib(self, conn: socket.socket, method: str, path: str, headers: dict[str, str], *_: object) -> None:
        if method not in {"GET", "HEAD"}:
            conn.sendall(_answer(501, _HTML % 501, {"Content-Type": "text/html"}, "Unsupported method"))
            return
        status, extra, body = self.mock_answer(method, path, headers)
        conn.sendall(_answer(status, body, extra))

    def _html_404(self, conn: socket.socket, method: str, path: str, headers: dict[str, str], *_: object) -> None:
        status, extra, body = self.mock_answer(method, path, headers)
        if status in (404, 405):
            allow = {"Allow": "GET"} if status == 405 else {}
            conn.sendall(_answer(status, _HTML % status, {"Content-Type": "text/html", **allow}))
            return
        conn.sendall(_answer(status, body, extra))

    def _gzip(self, conn: socket.socket, method: str, path: str, headers: dict[str, str], *_: object) -> None:
        status, extra, body = self.mock_answer(method, path, headers)
        conn.sendall(_answer(status, gzip.compress(body), {**extra, "Content-Encoding": "gzip"}))

    def _rate_limit(
        self, conn: socket.socket, method: str, path: str, headers: dict[str, str], _auth: str, number: int
    ) -> None:
        if number % 4 == 3:
            body = b'{"success": false, "message": "Too many requests"}'
            extra = {"Content-Type": "application/json", "Retry-After": self.server.retry_after}
            conn.sendall(_answer(429, body, extra, "Too Many Requests"))
            return
        self._stdlib(conn, method, path, headers)

    # --- hostile ------------------------------------------------------------------------

    def _echo_body(
        self, conn: socket.socket, method: str, path: str, headers: dict[str, str], auth: str, _n: int
    ) -> None:
        status, extra, body = self.mock_answer(method, path, headers)
        if status == 200:
            # The token where a number belongs (validator messages quote the value), and bare
            # in an undocumented field (drift samples show undocumented values).
            # Whatever operation answered: the first object holding a whole number takes it.
            parsed = json.loads(body)
            record = _first_object_with_a_number(parsed)
            if record is not None:
                number = next(k for k, v in record.items() if type(v) is int)
                record[number] = auth
                record["echo"] = auth.removeprefix("Bearer ")
            body = json.dumps(parsed).encode()
        conn.sendall(_answer(status, body, extra))

    def _echo_encoded(
        self, conn: socket.socket, method: str, path: str, headers: dict[str, str], auth: str, _n: int
    ) -> None:
        status, extra, body = self.mock_answer(method, path, headers)
        token = auth.removeprefix("Bearer ")
        if status == 200 and token:
            parsed = json.loads(body)
            record = _first_object_with_a_number(parsed)
            if record is not None:
                for name, form in echoes(token).items():
                    record[f"echo_{name}"] = form
            body = json.dumps(parsed).encode()
        echoed = {"X-Echo": echoes(token)["basic"]} if token else {}
        conn.sendall(_answer(status, body, {**extra, **echoed}))

    def _echo_drift(  # noqa: PLR0917 - every personality takes the same arguments
        self, conn: socket.socket, method: str, path: str, headers: dict[str, str], auth: str, number: int
    ) -> None:
        status, extra, body = self.mock_answer(method, path, headers)
        token = auth.removeprefix("Bearer ")
        parsed = json.loads(body) if status == 200 else None
        record = _first_object_with_a_number(parsed)
        if record is not None and token:
            b64 = base64.b64encode(f"robot:{token}".encode()).decode()
            # Set whether or not the mock's body has it (an optional field): the n-th request
            # gets the n-th value, whichever conversation it asks for.
            record["state"] = [token, b64, EMAIL, "escalated"][number % 4]
            record.update({token: 1, b64: 2, EMAIL: 3, "sentimentScore": 0.5})
            body = json.dumps(parsed).encode()
        conn.sendall(_answer(status, body, extra))

    def _set_cookie(self, conn: socket.socket, method: str, path: str, headers: dict[str, str], *_: object) -> None:
        status, extra, body = self.mock_answer(method, path, headers)
        conn.sendall(_answer(status, body, {**extra, "Set-Cookie": "session=server-chosen-7731; Path=/"}))

    def _echo_header(
        self, conn: socket.socket, method: str, path: str, headers: dict[str, str], auth: str, _n: int
    ) -> None:
        status, extra, body = self.mock_answer(method, path, headers)
        conn.sendall(_answer(status, body, {**extra, "X-Request-Id": auth or "none"}))

    def _drip(self, conn: socket.socket, method: str, path: str, headers: dict[str, str], *_: object) -> None:
        status, extra, body = self.mock_answer(method, path, headers)
        raw = _answer(status, body, extra)
        head, _sep, rest = raw.partition(b"\r\n\r\n")
        conn.sendall(head + b"\r\n\r\n")
        _drip(conn, rest)

    def _header_drip(self, conn: socket.socket, *_: object) -> None:
        _drip(conn, _answer(200, b"{}", {"Content-Type": "application/json"}))

    def _hints(self, conn: socket.socket, *_: object) -> None:
        started = time.monotonic()
        while time.monotonic() - started < _MAX_SECONDS:
            conn.sendall(b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
            time.sleep(0.01)

    def _gzip_bomb(self, conn: socket.socket, *_: object) -> None:
        extra = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        conn.sendall(_answer(200, gzip_bomb(), extra))

    def _endless(self, conn: socket.socket, *_: object) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"[" * 65536
        started = time.monotonic()
        while time.monotonic() - started < _MAX_SECONDS:
            conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    def _deep(self, conn: socket.socket, *_: object) -> None:
        body = b'{"success": true, "message": "ok", "data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        conn.sendall(_answer(200, body, {"Content-Type": "application/json"}))

    def _close(self, conn: socket.socket, *_: object) -> None:
        conn.shutdown(socket.SHUT_RDWR)

    def _429_forever(self, conn: socket.socket, *_: object) -> None:
        body = b'{"success": false, "message": "Too many requests"}'
        extra = {"Content-Type": "application/json", "Retry-After": "999999"}
        conn.sendall(_answer(429, body, extra, "Too Many Requests"))


@cache
def gzip_bomb(inflated: int = 256 << 20) -> bytes:
    """A gzip stream of about a thousandth of `inflated` bytes that inflates to `inflated` zeros.

    Deflate blocks cut with a full flush do not refer back to earlier ones, so one
    mebibyte's block is repeated rather than compressing every mebibyte again (0.2 s
    instead of 1.8 s for 256 MiB). The trailer's CRC and length are those of the zeros: a
    reader that inflates it all finds a well-formed stream.
    """
    block = b"\0" * (1 << 20)
    squeezer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    deflated = squeezer.compress(block) + squeezer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(inflated >> 20):
        crc = zlib.crc32(block, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip, deflate, no name, no time
    trailer = struct.pack("<II", crc, inflated & 0xFFFFFFFF)
    return header + deflated * (inflated >> 20) + squeezer.flush() + trailer


def _drip(conn: socket.socket, data: bytes) -> None:
    started = time.monotonic()
    for index in range(len(data)):
        if time.monotonic() - started > _MAX_SECONDS:
            return
        conn.sendall(data[index : index + 1])
        time.sleep(0.1)  # under any read timeout: only a total deadline ends it


@contextmanager
def serve(personality: str, *, retry_after: str = "1") -> Iterator[HostileServer]:
    """Run a server with `personality` on a free 127.0.0.1 port until the block exits."""
    server = HostileServer(personality, retry_after)
    handler = _Handler(server)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.1)
    stop = threading.Event()

    def one(conn: socket.socket) -> None:
        with conn, suppress(OSError):
            conn.settimeout(_MAX_SECONDS)
            handler.handle(conn)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=one, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    server.base_url = f"http://127.0.0.1:{listener.getsockname()[1]}{handler.mock.base_path}"
    try:
        yield server
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()


def echoes(token: str) -> dict[str, str]:
    """The token in the forms a server may echo it: what no output may hold."""
    data = token.encode()
    return {
        "base64": base64.b64encode(data).decode(),
        "basic": "Basic " + base64.b64encode(b"robot:" + data).decode(),
        "urlsafe": base64.urlsafe_b64encode(b"x" + data).decode(),
        "hex": data.hex(),
        "half": token[: len(token) // 2 + 1],
    }


def leaks(text: str, token: str = TOKEN) -> list[str]:
    """Which forms of `token` `text` holds: the token itself, or 12 characters of any encoded echo of it.

    Twelve characters of an encoded form carry at least eight of the token's own: the
    scrubber's rule, checked here independently of it.
    """
    found = ["raw"] if token in text else []
    for name, form in echoes(token).items():
        core = form.removeprefix("Basic ")
        if name == "basic":
            core = core[12:]  # past the base64 of `robot:` and the characters it shares
        stretches = [core[i : i + 12] for i in range(0, max(len(core) - 12, 0) + 1, 4)]
        if any(stretch in text for stretch in stretches):
            found.append(name)
    return found


def _first_object_with_a_number(node: Any) -> dict[str, Any] | None:
    """Depth-first, the first JSON object with an integer member (a conversation, or a row)."""
    if isinstance(node, dict):
        if any(type(v) is int for v in node.values()):
            return node
        children: list[Any] = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _first_object_with_a_number(child)
        if found is not None:
            return found
    return None
