"""Helpers for the generated client's tests: scripted transports and a loopback server.

``scripted`` answers each request with the next item of a script (a response, or an
exception to raise as the transport would), so retries can be driven exactly and the
requests seen can be checked. ``serve_script`` does the same over real TCP on 127.0.0.1,
for the behaviours a mock transport cannot show: timeouts, dropped connections, sockets.
"""

from __future__ import annotations

import importlib
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.paths import PROJECT
from voiceglow_client import AuthenticatedClient

__all__ = [
    "BASE_URL",
    "OK_BODY",
    "TOKEN",
    "Hang",
    "Reply",
    "Script",
    "ScriptedServer",
    "imported_from",
    "json_reply",
    "scripted",
    "serve_script",
    "type_check_and_lint",
]

BASE_URL = "https://eu-gcp-api.vg-stuff.com/v3"
TOKEN = "vg-test-token-4f1c9e2a7b"
OK_BODY = b'{"success": true, "message": "ok", "data": {"ID": "c"}}'
Answer = httpx.Response | Exception


def json_reply(status: int, body: bytes = OK_BODY, headers: dict[str, str] | None = None) -> httpx.Response:
    """A response as the wire would carry it: ``body`` is sent as is, even when a header says gzip."""
    all_headers = {"content-type": "application/json", **(headers or {})}
    return httpx.Response(status, stream=httpx.ByteStream(body), headers=all_headers)


@dataclass
class Script:
    """The answers to give, in order; the last one repeats. ``requests`` records what came in."""

    answers: Sequence[Answer]
    requests: list[httpx.Request] = field(default_factory=list)
    waits: list[float] = field(default_factory=list)
    """The waits the client asked for before its retries, recorded instead of slept."""

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    def answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        # A fresh response each time, over the same raw bytes (a ByteStream can be read again).
        return httpx.Response(answer.status_code, headers=answer.headers, stream=answer.stream)

    async def aanswer(self, request: httpx.Request) -> httpx.Response:
        return self.answer(request)


def scripted(answers: Sequence[Answer], **options: Any) -> tuple[AuthenticatedClient, Script]:
    """A client whose sync and async transports both answer from one script."""
    script = Script(answers)
    options.setdefault("sleep", script.sleep)
    options.setdefault("async_sleep", script.async_sleep)
    client = AuthenticatedClient(base_url=BASE_URL, token=TOKEN, **options)
    client.set_httpx_client(httpx.Client(base_url=BASE_URL, transport=httpx.MockTransport(script.answer)))
    client.set_async_httpx_client(httpx.AsyncClient(base_url=BASE_URL, transport=httpx.MockTransport(script.aanswer)))
    return client, script


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = OK_BODY
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "application/json"),)


@dataclass(frozen=True)
class Hang:
    """Read the request, then say nothing for ``seconds`` (a stalled server)."""

    seconds: float


class ScriptedServer:
    """What a ``serve_script`` server saw: how many requests, and their raw header blocks."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.raw_requests: list[bytes] = []


@contextmanager
def serve_script(steps: Sequence[Reply | Hang], *, max_connections: int = 20) -> Iterator[ScriptedServer]:
    """A raw HTTP/1.1 server on 127.0.0.1 answering one step per request, then the last step again.

    Each connection gets one answer and is closed. At most ``max_connections`` are served,
    so a client that loops forever cannot make the test loop forever.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    server = ScriptedServer(f"http://127.0.0.1:{listener.getsockname()[1]}/v3")
    stop = threading.Event()

    def answer(connection: socket.socket, step: Reply | Hang) -> None:
        with connection:
            connection.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                data += chunk
            server.raw_requests.append(data)
            if isinstance(step, Hang):
                stop.wait(step.seconds)
                return
            head = f"HTTP/1.1 {step.status} X\r\nContent-Length: {len(step.body)}\r\nConnection: close\r\n"
            head += "".join(f"{name}: {value}\r\n" for name, value in step.headers)
            with suppress(OSError):
                connection.sendall(head.encode() + b"\r\n" + step.body)

    def serve() -> None:
        # One thread per connection, so that a hanging answer does not hold up the next one.
        served = 0
        while not stop.is_set() and served < max_connections:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            step = steps[min(served, len(steps) - 1)]
            served += 1
            threading.Thread(target=answer, args=(connection, step), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def type_check_and_lint(root: Path, package: str = "voiceglow_client") -> None:
    """`mypy --strict` and ruff on a client generated into `root`, as the project's own client is checked.

    mypy starts from a copy of the project client's cache when `make typecheck` left one:
    the standard library, httpx and attrs are then read from it (seconds saved), and mypy
    checks every module whose source or options differ, so nothing it would report is hidden.
    """
    warm = PROJECT.generated / ".mypy_cache"
    if warm.is_dir() and not (root / ".mypy_cache").exists():
        shutil.copytree(warm, root / ".mypy_cache")
    for command in (["mypy", "--strict", package], ["ruff", "check", "--quiet", "."]):
        tool = str(Path(sys.executable).parent / command[0])
        run = subprocess.run([tool, *command[1:]], cwd=root, capture_output=True, text=True, check=False)
        assert run.returncode == 0, (command, run.stdout[-2000:], run.stderr[-2000:])


@contextmanager
def imported_from(root: Path, package: str = "voiceglow_client") -> Iterator[Any]:
    """`package` as generated into `root`, imported inside the block; the project's modules back after it.

    A test that imported the project's client before (a model, `UNSET`) must find the same
    objects after another client was imported under the same name.
    """
    ours = [name for name in list(sys.modules) if name.split(".")[0] == package]
    saved = {name: sys.modules.pop(name) for name in ours}
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(root))
        for name in [name for name in list(sys.modules) if name.split(".")[0] == package]:
            del sys.modules[name]
        sys.modules.update(saved)
