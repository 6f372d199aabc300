"""The live layer's sockets (`vgcontract.live.network`): httpcore's pool on asyncio's own transports.

Each case runs against a raw socket server on 127.0.0.1 that does one thing the
connection layer must get right: HTTPS with a certificate the run is told to trust, a
keep-alive connection the server closes while it sits idle in the pool, a body that
arrives faster than it is read, silence, a refused port.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.standins import TLS_CA, serve_standin
from vgcontract.cli import main
from vgcontract.live import AsyncioBackend, AsyncioTransport, environment_proxy
from vgcontract.runtime import tls_context

Handler = Callable[[socket.socket], None]


@contextmanager
def _server(handle: Handler) -> Iterator[tuple[int, list[int]]]:
    """A loopback server running `handle` on each connection; yields its port and a count of connections."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    accepted: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.append(1)
            threading.Thread(target=_guarded, args=(handle, conn), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def _guarded(handle: Handler, conn: socket.socket) -> None:
    conn.settimeout(10)
    with conn, suppress(OSError):
        handle(conn)


def _read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return b""
        data += chunk
    return data


def _ok(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body)


async def _get(port: int, *paths: str, timeout: float = 5.0) -> list[httpx.Response]:
    async with httpx.AsyncClient(transport=AsyncioTransport(), timeout=timeout) as client:
        return [await client.get(f"http://127.0.0.1:{port}{path}") for path in paths]


def test_a_connection_the_server_closed_while_idle_is_replaced_not_reused() -> None:
    # One answer per connection, then the server hangs up without saying so (no
    # `Connection: close`). The pool must see the closed socket before it sends on it.
    def one_answer(conn: socket.socket) -> None:
        if _read_head(conn):
            conn.sendall(_ok(b"{}"))

    async def two_requests(port: int) -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=AsyncioTransport(), timeout=5) as client:
            first = await client.get(f"http://127.0.0.1:{port}/a")
            await asyncio.sleep(0.2)  # the server's FIN arrives while the connection is idle
            return [first, await client.get(f"http://127.0.0.1:{port}/b")]

    with _server(one_answer) as (port, accepted):
        responses = asyncio.run(two_requests(port))
    assert [r.status_code for r in responses] == [200, 200]
    assert len(accepted) == 2


def test_keep_alive_connections_are_reused() -> None:
    def many_answers(conn: socket.socket) -> None:
        while _read_head(conn):
            conn.sendall(_ok(b"{}"))

    with _server(many_answers) as (port, accepted):
        responses = asyncio.run(_get(port, "/a", "/b", "/c"))
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert len(accepted) == 1


def test_a_fast_body_is_held_unread_only_up_to_the_read_buffer() -> None:
    # The server writes 8 MiB at once; the reader takes nothing for a while, drains the
    # buffer below a quarter (the socket is read again), and pauses once more. Each time,
    # what the connection holds unread stays near its read buffer (one socket read past
    # it at most), and every byte still arrives, in order.
    body = bytes(range(256)) * (8 * 4096)
    read_buffer = 64 * 1024

    def flood(conn: socket.socket) -> None:
        if _read_head(conn):
            conn.sendall(_ok(body))

    async def slow_reader(port: int) -> tuple[list[int], bytes]:
        stream = await AsyncioBackend(read_buffer).connect_tcp("127.0.0.1", port, timeout=5)
        await stream.write(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n", timeout=5)
        held: list[int] = []
        received = bytearray()
        for _pause in range(2):
            await asyncio.sleep(0.5)
            held.append(stream.get_extra_info("unread_bytes"))
            while stream.get_extra_info("unread_bytes") > read_buffer // 8:
                received += await stream.read(4096, timeout=5)
        while len(received) < len(body) + 100:
            chunk = await stream.read(65536, timeout=5)
            if not chunk:
                break
            received += chunk
        await stream.aclose()
        return held, bytes(received)

    with _server(flood) as (port, _):
        held, received = asyncio.run(slow_reader(port))
    assert all(read_buffer <= h <= read_buffer + 256 * 1024 for h in held), held  # asyncio reads <= 256 KiB at once
    assert received.endswith(body)


def test_silence_is_a_read_timeout_and_a_refused_port_a_connect_error() -> None:
    def silent(conn: socket.socket) -> None:
        _read_head(conn)
        conn.recv(1)  # until the client gives up

    with _server(silent) as (port, _), pytest.raises(httpx.ReadTimeout):
        asyncio.run(_get(port, "/", timeout=0.3))

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, never listening: connections are refused
        with pytest.raises(httpx.ConnectError) as caught:
            asyncio.run(_get(port, "/"))
    assert any(isinstance(error, ConnectionRefusedError) for error in _chain(caught.value))


def _chain(error: BaseException | None) -> Iterator[BaseException]:
    """An error and what caused it, as far back as the chain goes (what `misconfiguration` reads)."""
    while error is not None:
        yield error
        error = error.__cause__ or error.__context__


def test_https_with_a_trusted_certificate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS_CA))

    async def fetch(url: str) -> tuple[httpx.Response, str | None]:
        async with httpx.AsyncClient(transport=AsyncioTransport(verify=tls_context()), timeout=5) as client:
            response = await client.get(url + "/agents/a1/convos/c1", headers={"authorization": "Bearer standin-token"})
            return response, response.extensions["network_stream"].get_extra_info("ssl_object").version()

    with serve_standin("conforming", tls=True) as url:
        response, version = asyncio.run(fetch(url))
    assert response.status_code == 200
    assert response.json()
    assert version is not None
    assert version.startswith("TLS")


def test_https_with_an_untrusted_certificate_is_a_tls_error() -> None:
    async def fetch(url: str) -> None:
        async with httpx.AsyncClient(transport=AsyncioTransport(verify=tls_context()), timeout=5) as client:
            await client.get(url)

    with serve_standin("conforming", tls=True) as url, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY"):
        asyncio.run(fetch(url))


@pytest.mark.usefixtures("live_env")
def test_the_main_job_over_https(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS_CA))
    with serve_standin("conforming", tls=True) as url:
        code = main(["contract", "--examples", "5", "--reports", str(tmp_path), "--base-url", url])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    assert "failures 0" in out.out + out.err


def test_a_large_upload_waits_for_a_slow_reader_and_goes_on() -> None:
    # 8 MiB to a server that reads slowly at first: the kernel's buffers fill, the write
    # waits for them to drain, and then carries on to the end.
    upload = b"x" * (8 << 20)

    def slow_reader(conn: socket.socket) -> None:
        head = _read_head(conn)
        if not head:
            return
        length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
        got = len(head.split(b"\r\n\r\n", 1)[1])
        time.sleep(0.3)  # long enough for the client's side to be paused
        while got < length:
            chunk = conn.recv(65536)
            if not chunk:
                return
            got += len(chunk)
        conn.sendall(_ok(b'{"got": %d}' % got))

    async def post(port: int) -> httpx.Response:
        async with httpx.AsyncClient(transport=AsyncioTransport(), timeout=10) as client:
            return await client.post(f"http://127.0.0.1:{port}/up", content=upload)

    with _server(slow_reader) as (port, _):
        response = asyncio.run(post(port))
    assert response.json() == {"got": len(upload)}


def test_a_body_that_ends_when_the_server_closes_is_read_whole() -> None:
    body = b'{"ends": "at the close"}' * 1000

    def until_close(conn: socket.socket) -> None:
        if _read_head(conn):
            conn.sendall(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n" + body)

    with _server(until_close) as (port, _):
        (response,) = asyncio.run(_get(port, "/"))
    assert response.content == body


def test_a_connection_reset_mid_answer_is_a_read_error_at_once() -> None:
    # A reset, not a clean close: only `connection_lost` hears of it. The read must fail
    # then, not wait out its timeout.
    def reset(conn: socket.socket) -> None:
        if _read_head(conn):
            conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{")
            time.sleep(0.1)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    started = time.monotonic()
    with _server(reset) as (port, _), pytest.raises(httpx.ReadError):
        asyncio.run(_get(port, "/", timeout=20))
    assert time.monotonic() - started < 10


def test_a_unix_socket_connection_reads_and_writes(tmp_path: Path) -> None:
    path = str(tmp_path / "api.sock")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(path)
    listener.listen()

    def answer() -> None:
        conn, _ = listener.accept()
        with conn:
            if _read_head(conn):
                conn.sendall(_ok(b"{}"))

    async def exchange() -> bytes:
        stream = await AsyncioBackend().connect_unix_socket(path, timeout=5)
        await stream.write(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n", timeout=5)
        received = b""
        while not received.endswith(b"{}"):
            chunk = await stream.read(4096, timeout=5)
            if not chunk:
                break
            received += chunk
        await stream.aclose()
        return received

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        assert asyncio.run(exchange()) == _ok(b"{}")
    finally:
        thread.join(timeout=5)
        listener.close()


def test_a_plain_http_target_never_reads_the_ca_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The TLS context is made for the first HTTPS connection: a broken CA setting cannot stop plain HTTP."""
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    with pytest.raises(FileNotFoundError):  # what making the context now would do
        tls_context()

    def answer(conn: socket.socket) -> None:
        _read_head(conn)
        conn.sendall(_ok(b"plain"))

    with _server(answer) as (port, _):
        [response] = asyncio.run(_get(port, "/"))
    assert response.content == b"plain"


@pytest.mark.parametrize(
    ("variables", "url", "expected"),
    [
        ({}, "https://api.example.com/v3", None),
        ({"HTTPS_PROXY": "http://proxy:3128"}, "https://api.example.com/v3", "http://proxy:3128"),
        ({"HTTPS_PROXY": "http://proxy:3128"}, "http://api.example.com/v3", None),
        ({"http_proxy": "http://low:1", "HTTP_PROXY": "http://up:2"}, "http://api.example.com/v3", "http://low:1"),
        ({"ALL_PROXY": "socks5://s:1080"}, "https://api.example.com/v3", "socks5://s:1080"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "example.com"}, "https://api.example.com/v3", None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".example.com"}, "https://api.example.com/v3", None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "ample.com"}, "https://api.example.com/v3", "http://p:1"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"}, "https://api.example.com/v3", None),
        ({"HTTPS_PROXY": "http://p:1", "no_proxy": "other.org, API.Example.com"}, "https://api.example.com/v3", None),
        ({"HTTP_PROXY": "http://p:1", "NO_PROXY": "127.0.0.1:8080"}, "http://127.0.0.1:8080/v3", None),
        ({"HTTP_PROXY": "http://p:1", "NO_PROXY": "127.0.0.1:8080"}, "http://127.0.0.1:9090/v3", "http://p:1"),
    ],
)
def test_the_environments_proxy_is_read_as_the_standard_library_reads_it(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], url: str, expected: str | None
) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert environment_proxy(url) == expected


@contextmanager
def _forward_proxy() -> Iterator[tuple[str, list[str]]]:
    """An HTTP forward proxy on 127.0.0.1 that relays each request and keeps its request line."""
    seen: list[str] = []

    class Relay(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(f"{self.command} {self.path}")
            headers = {k: v for k, v in self.headers.items() if k.lower() not in {"host", "proxy-connection"}}
            upstream = httpx.get(self.path, headers=headers, timeout=5, trust_env=False)
            self.send_response(upstream.status_code)
            self.send_header("content-type", upstream.headers.get("content-type", ""))
            self.send_header("content-length", str(len(upstream.content)))
            self.end_headers()
            self.wfile.write(upstream.content)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Relay)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.usefixtures("live_env")
@pytest.mark.parametrize("bypass", [False, True])
def test_drift_live_goes_through_the_environments_proxy_unless_no_proxy_names_the_host(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], bypass: bool
) -> None:
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with _forward_proxy() as (proxy, seen), serve_standin("conforming") as url:
        monkeypatch.setenv("HTTP_PROXY", proxy)
        monkeypatch.setenv("NO_PROXY", "127.0.0.1" if bypass else "")
        code = main(["drift", "--live", "--no-progress", "--color", "never", "--base-url", url])
    assert code == 0, capsys.readouterr()
    if bypass:
        assert seen == []
    else:  # the absolute form a proxy is sent, once for every conversation
        assert sorted(seen) == sorted(f"GET {url}/agents/agent7/convos/convo-{n}" for n in (1, 2, 3))
