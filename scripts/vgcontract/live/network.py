"""The live layer's sockets: httpcore's connection pool over asyncio's own transports.

httpx's default async transport reaches sockets through anyio. For the live layer that
cost shows: each read and write opens a cancel scope, and every time the pool hands out
or takes back a connection it asks each idle one whether the server has closed it, by
building anyio's attribute table and calling `select()` on the raw socket. Here each
connection is an `asyncio.Protocol`: the event loop reads as bytes arrive, so "has the
server closed, or spoken out of turn" is a look at what has arrived, and a read waits on
one future. `AsyncioTransport` is httpx's pooling made from public parts (an
`httpcore.AsyncConnectionPool` given this backend), like the client's `DeadlineTransport`.
Its TLS context is made when the first HTTPS connection opens: loading the CA bundle takes
tens of milliseconds that a plain-HTTP target never needs. A proxy named by the
environment (`environment_proxy`) is reached through httpx's own transport instead.

Bounds are kept: a connection holds at most `READ_BUFFER` unread bytes before its socket stops
being read, so a server that floods cannot grow memory past it while the caller reads at its
own pace; every read, write, connect and TLS handshake honours the timeout httpcore
passes; a write waits while the kernel's buffer is full. httpcore's error types are
raised, chained to the socket error that caused them, and mapped to httpx's on the way
out, as httpx maps them.
"""

from __future__ import annotations

import asyncio
import functools
import socket
import ssl
import urllib.request
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from vgcontract.runtime.transport import _httpx_errors, tls_context

__all__ = ["READ_BUFFER", "AsyncioBackend", "AsyncioTransport", "environment_proxy"]

READ_BUFFER = 256 * 1024  # unread bytes at which a socket stops being read (resumed at a quarter)
# A request's headers and body leave at once, never held back waiting for an ACK.
_NODELAY = ((socket.IPPROTO_TCP, socket.TCP_NODELAY, 1),)


class _Connection(asyncio.Protocol):
    """What one socket delivered and has not been read yet, and whether it has ended."""

    def __init__(self, read_buffer: int = READ_BUFFER) -> None:
        self.read_buffer = read_buffer
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.ended = False  # the server closed its side, or the connection was lost
        self.error: BaseException | None = None
        self.paused = False
        self._reader: asyncio.Future[None] | None = None
        self._writable: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) >= self.read_buffer and not self.paused and self.transport is not None:
            self.paused = True
            self.transport.pause_reading()
        self._wake_reader()

    def eof_received(self) -> bool:
        self.ended = True
        self._wake_reader()
        return False  # close our side too: HTTP/1.1 has nothing to say after the server's EOF

    def connection_lost(self, exc: Exception | None) -> None:
        self.ended, self.error = True, exc
        self._wake_reader()
        self.resume_writing()

    def pause_writing(self) -> None:
        self._writable = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        waiter, self._writable = self._writable, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _wake_reader(self) -> None:
        waiter = self._reader
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def wait_readable(self, timeout: float | None) -> None:
        """Until bytes or the end arrive, or `timeout` passes (`httpcore.ReadTimeout`)."""
        self._reader = asyncio.get_running_loop().create_future()
        try:
            async with asyncio.timeout(timeout):
                await self._reader
        except TimeoutError:
            raise httpcore.ReadTimeout(f"no bytes within {timeout:g} s") from None
        finally:
            self._reader = None

    async def wait_writable(self, timeout: float | None) -> None:
        """Until the kernel takes more bytes, or `timeout` passes (`httpcore.WriteTimeout`)."""
        waiter = self._writable
        if waiter is None:
            return
        try:
            async with asyncio.timeout(timeout):
                await asyncio.shield(waiter)
        except TimeoutError:
            raise httpcore.WriteTimeout(f"the socket took no bytes within {timeout:g} s") from None


class _Stream(httpcore.AsyncNetworkStream):
    """One connection as httpcore reads and writes it."""

    def __init__(self, transport: asyncio.Transport, connection: _Connection) -> None:
        self._transport, self._connection = transport, connection

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        connection = self._connection
        if not connection.buffer and not connection.ended:
            await connection.wait_readable(timeout)
        if connection.buffer:
            data = bytes(connection.buffer[:max_bytes])
            del connection.buffer[:max_bytes]
            if connection.paused and len(connection.buffer) <= connection.read_buffer // 4:
                connection.paused = False
                self._transport.resume_reading()
            return data
        if connection.error is not None:
            raise httpcore.ReadError(str(connection.error) or type(connection.error).__name__) from connection.error
        return b""  # the server closed the connection

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        connection = self._connection
        if connection.ended or self._transport.is_closing():
            error = connection.error
            raise httpcore.WriteError(str(error) if error else "the connection is closed") from error
        self._transport.write(buffer)
        await connection.wait_writable(timeout)

    async def aclose(self) -> None:
        if self._transport.get_extra_info("ssl_object") is not None:
            # No TLS close_notify, as httpx's own transport: the exchange is framed by HTTP,
            # and a graceful TLS shutdown needs round trips a finished run will not wait for.
            self._transport.abort()
        else:
            self._transport.close()
        await asyncio.sleep(0)  # the loop closes the socket on its next turn: let it come

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport = await loop.start_tls(
                    self._transport, self._connection, ssl_context, server_hostname=server_hostname
                )
        except TimeoutError:
            self._transport.close()
            raise httpcore.ConnectTimeout(f"no TLS handshake within {timeout:g} s") from None
        except (OSError, ssl.SSLError) as exc:
            self._transport.close()
            raise httpcore.ConnectError(str(exc)) from exc
        if transport is None:  # pragma: no cover - asyncio returns None only for a closed loop
            raise httpcore.ConnectError("the TLS handshake did not complete")
        self._connection.transport = transport
        return _Stream(transport, self._connection)

    def get_extra_info(self, info: str) -> Any:
        """httpcore's keys, and `unread_bytes`: what arrived and has not been read yet."""
        if info == "is_readable":  # asked of an idle connection: did the server close it, or speak unasked?
            return self._connection.ended or bool(self._connection.buffer)
        if info == "unread_bytes":
            return len(self._connection.buffer)
        names = {"ssl_object": "ssl_object", "client_addr": "sockname", "server_addr": "peername", "socket": "socket"}
        return self._transport.get_extra_info(names[info]) if info in names else None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Connections on the running asyncio loop's transports (see the module docstring).

    `read_buffer` bounds what a connection holds unread before it stops reading its socket.
    """

    def __init__(self, read_buffer: int = READ_BUFFER) -> None:
        self._protocol = functools.partial(_Connection, read_buffer)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        local = (local_address, 0) if local_address else None
        try:
            async with asyncio.timeout(timeout):
                transport, connection = await loop.create_connection(self._protocol, host, port, local_addr=local)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"cannot connect within {timeout:g} s") from None
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        sock = transport.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return _Stream(transport, connection)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport, connection = await loop.create_unix_connection(self._protocol, path)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"cannot connect within {timeout:g} s") from None
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        return _Stream(transport, connection)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class _ResponseStream(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for chunk in self._stream:
                yield chunk

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            with _httpx_errors():
                await close()


class _Pool(httpcore.AsyncConnectionPool):
    """httpcore's pool on `AsyncioBackend`, making its TLS context for the first HTTPS connection."""

    def __init__(
        self,
        verify: ssl.SSLContext | str | bool,
        *,
        max_connections: int | None,
        max_keepalive_connections: int | None,
        keepalive_expiry: float | None,
        socket_options: list[tuple[int, int, int]],
    ) -> None:
        backend = AsyncioBackend()
        super().__init__(
            max_connections=max_connections,
            max_keepalive_connections=max_keepalive_connections,
            keepalive_expiry=keepalive_expiry,
            socket_options=socket_options,
            network_backend=backend,
        )
        self._verify, self._expiry = verify, keepalive_expiry
        self._backend, self._options = backend, socket_options
        self._tls: ssl.SSLContext | None = None

    def create_connection(self, origin: httpcore.Origin) -> httpcore.AsyncConnectionInterface:
        if origin.scheme == b"https" and self._tls is None:
            self._tls = tls_context(self._verify)
        return httpcore.AsyncHTTPConnection(
            origin=origin,
            ssl_context=self._tls,
            keepalive_expiry=self._expiry,
            network_backend=self._backend,
            socket_options=self._options,
        )


def environment_proxy(url: str) -> str | None:
    """The proxy the environment names for `url`, or None to connect directly.

    Read as the standard library reads it (`urllib.request.getproxies_environment`):
    `https_proxy` or `http_proxy` by the URL's scheme, else `all_proxy`, a lowercase name
    before its uppercase twin, and none for a host that `no_proxy` lists (a host, a domain
    suffix, or `*`).
    """
    parts = urlsplit(url)
    proxies = urllib.request.getproxies_environment()
    host = (parts.hostname or "").lower()
    names = {host, f"{host}:{parts.port}" if parts.port else host}
    for listed in proxies.get("no", "").lower().split(","):
        entry = listed.strip().lstrip(".")
        if entry == "*" or any(name == entry or name.endswith("." + entry) for name in names if entry):
            return None
    return proxies.get(parts.scheme) or proxies.get("all")


class AsyncioTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over a connection pool on `AsyncioBackend` (see the module docstring)."""

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | str | bool = True,
        limits: httpx.Limits | None = None,
        socket_options: Iterable[tuple[int, int, int]] = _NODELAY,
    ) -> None:
        limits = limits or httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
        self._pool = _Pool(
            verify,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            socket_options=list(socket_options),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(request.stream, httpx.AsyncByteStream):
            raise TypeError("AsyncioTransport sends async requests only")
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _httpx_errors():
            response = await self._pool.handle_async_request(core_request)
        if not isinstance(response.stream, AsyncIterable):  # pragma: no cover - an async pool streams async
            raise TypeError("the connection pool answered with a sync stream")
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseStream(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()
