"""The one live HTTP layer: every request a live command makes goes through `AsyncLiveClient`.

The contract run (through the sync `LiveClient` facade), the drift check's fetches, `record`
and the self-test all send through it, on the transport the target resolved (a socket, or
the embedded mock in-process). Each request is bounded four ways:

- a **total deadline** (`Bounds.timeout`, `VOICEGLOW_TIMEOUT`) over connect, headers
  (any number of `1xx` included) and body, enforced with `asyncio.timeout`, so a drip of one
  byte a second, or an endless stream of `103 Early Hints`, ends on time;
- the **run budget** (`Budget`): no request starts, and no retry waits, past the run's end;
- a **body cap** on the *decompressed* bytes: gzip and deflate are inflated here, with
  `max_length`, so a gzip bomb costs at most the cap in memory; other encodings are refused;
- **retries only where safe**: 429, 502, 503 and 504 are retried for GET, HEAD and OPTIONS
  (never a write unless the caller opts in), after the server's `Retry-After`, and only
  when that wait is within the cap (`max_retry_wait`) and fits in the budget: a server
  that says "come back in eleven days" is not waited for at all.

The token goes nowhere but the base URL: a request for another scheme, host or port, off
the base path, or with a `Host` header naming another host is refused before it is sent
(`vgcontract.live.origin`: `ForeignOrigin`, a usage error); redirects are answers, never
followed; and no cookie a server sets is ever sent back (no cookie jar).

What cannot be answered raises a `LiveError` (the request could not be checked); an HTTP
answer, whatever its status, is returned with its body decoded and its encoding headers gone.

    LiveError                  a request that could not be checked (inconclusive)
    ├── DeadlineExceeded       no complete answer within the total deadline
    ├── ConnectionFailed       refused, reset, TLS or DNS failure, a protocol error
    ├── BodyTooLarge           more than `max_body_bytes` after decompression
    ├── UndecodableBody        a content encoding that cannot be (or was not) decoded
    └── BudgetExhausted        the run's time budget ran out before it was sent
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import ssl
import threading
import time
import zlib
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import httpx

from vgcontract.live.origin import ForeignOrigin, Origin, no_cookie_jar

__all__ = [
    "RETRY_STATUSES",
    "SAFE_METHODS",
    "AsyncLiveClient",
    "BodyTooLarge",
    "Bounds",
    "Budget",
    "BudgetExhausted",
    "ConnectionFailed",
    "DeadlineExceeded",
    "LiveClient",
    "LiveError",
    "UndecodableBody",
    "misconfiguration",
    "retry_delay",
    "unchecked_kind",
]

RETRY_STATUSES = frozenset({429, 502, 503, 504})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_ENCODING_HEADERS = frozenset({b"content-encoding", b"content-length", b"transfer-encoding"})
T = TypeVar("T")


class LiveError(Exception):
    """A request that got no complete, readable HTTP answer: the check could not be made."""

    kind = "transport"


class DeadlineExceeded(LiveError):
    """No complete answer (headers and body) within the request's total deadline."""

    kind = "timeout"


class ConnectionFailed(LiveError):
    """The connection could not be made or broke; `cause` is the underlying httpx error."""

    kind = "connection"

    def __init__(self, message: str, cause: httpx.HTTPError | None = None) -> None:
        super().__init__(message)
        self.cause = cause


class BodyTooLarge(LiveError):
    """The body, decompressed, is larger than the cap."""

    kind = "body-too-large"


class UndecodableBody(LiveError):
    """The body's content encoding is not one we can (or asked to) decode, or it is corrupt."""

    kind = "undecodable-body"


class BudgetExhausted(LiveError):
    """The run's time budget ran out before this request could be sent (or retried)."""

    kind = "budget-exhausted"


def unchecked_kind(status: int) -> str | None:
    """`rate-limited` or `unavailable` for a status that says nothing about the contract; else None."""
    if status not in RETRY_STATUSES:
        return None
    return "rate-limited" if status == 429 else "unavailable"


def misconfiguration(exc: LiveError, host: str | None, label: str, timeout: float) -> str | None:
    """One line saying what is misconfigured, when `exc` means the target cannot be reached at all.

    A host that does not resolve, refuses connections, fails TLS or cannot be connected to
    in time is a usage error (exit 2). Anything else (a timeout after connecting, a cut
    connection, an oversized body) is an answer that could not be checked: None.
    """
    cause = exc.cause if isinstance(exc, ConnectionFailed) else None
    if isinstance(cause, httpx.ConnectTimeout):
        return f"{label}: cannot connect within {timeout:g} s (VOICEGLOW_TIMEOUT)"
    if not isinstance(cause, httpx.ConnectError):
        return None
    text, inner = str(cause).lower(), cause.__cause__ or cause.__context__
    if isinstance(inner, ssl.SSLError) or "ssl" in text or "certificate" in text or "tls" in text:
        return f"TLS error talking to {host}: {str(cause).splitlines()[0][:160]}"
    if any(s in text for s in ("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution")):
        return f"cannot resolve host {host!r}"
    return f"cannot connect to {host}: {str(cause).splitlines()[0][:160] or 'connection failed'}"


@dataclass(frozen=True)
class Bounds:
    """The limits of every request: total deadline, connect timeout, body cap, retries."""

    timeout: float = 10.0
    connect_timeout: float = 5.0
    max_body_bytes: int = 4 * 1024 * 1024
    retries: int = 2
    max_retry_wait: float = 30.0
    backoff: float = 0.5


class Budget:
    """The run's time budget: a deadline on the monotonic clock, shared by every request of the run."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (negative when spent)."""
        return self.deadline - time.monotonic()

    def __repr__(self) -> str:
        return f"Budget({self.seconds:g} s, {max(self.remaining(), 0):.1f} s left)"


def retry_delay(
    attempt: int, retry_after: str | None, cap: float, backoff: float = 0.5, *, now: datetime | None = None
) -> float:
    """Seconds to wait before retry `attempt + 1`: `Retry-After` (seconds or a date) or jittered backoff, capped."""
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            return min(float(value), cap)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, min((when - (now or datetime.now(UTC))).total_seconds(), cap))
    ceiling = min(backoff * (2**attempt), cap)
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not a secret


class _Inflater:
    """Decodes gzip/deflate incrementally, never holding more than `cap` decoded bytes."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap, self.size = cap, 0
        names = [e.strip().lower() for e in encoding.split(",") if e.strip() and e.strip().lower() != "identity"]
        if len(names) > 1 or (names and names[0] not in {"gzip", "x-gzip", "deflate"}):
            raise UndecodableBody(f"content encoding {encoding!r} was not asked for and is not decoded")
        self.mode = names[0] if names else None
        self._zlib = self._new() if self.mode else None

    def _new(self) -> Any:
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self.mode in {"gzip", "x-gzip"} else zlib.MAX_WBITS)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.cap:
            raise BodyTooLarge(f"the body is larger than {self.cap:,} bytes (decompressed)")
        return data

    def feed(self, chunk: bytes) -> bytes:
        if self._zlib is None:
            return self._count(chunk)
        out = bytearray()
        data = chunk
        try:
            while data:
                # `max_length` stops inflation one byte past the cap: a bomb is never expanded.
                out += self._count(self._zlib.decompress(data, self.cap - self.size + 1))
                data = self._zlib.unconsumed_tail
                if not data and self._zlib.unused_data:  # a further gzip member
                    data, self._zlib = self._zlib.unused_data, self._new()
        except zlib.error as exc:
            raise UndecodableBody(f"the {self.mode} body is corrupt: {exc}") from None
        return bytes(out)

    def flush(self) -> bytes:
        return b"" if self._zlib is None else self._count(self._zlib.flush())


class AsyncLiveClient:
    """Bounded requests on one target: see the module docstring for the bounds."""

    def __init__(
        self,
        base_url: str,
        transport: httpx.AsyncBaseTransport,
        *,
        bounds: Bounds,
        budget: Budget,
        headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.bounds, self.budget = bounds, budget
        self._sleep = sleep  # the wait before a retry (injected: a test records it instead of waiting)
        self._origin = Origin(base_url)
        self._http = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            cookies=no_cookie_jar(),
            headers={"Accept-Encoding": "gzip, deflate", **(headers or {})},
            timeout=httpx.Timeout(bounds.timeout, connect=min(bounds.connect_timeout, bounds.timeout)),
            follow_redirects=False,  # a redirect is an answer to check, not a place to go with the token
        )

    async def __aenter__(self) -> AsyncLiveClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections."""
        await self._http.aclose()

    async def send(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        retry: bool | None = None,
    ) -> httpx.Response:
        """Send one request, retrying where safe; the answer with its body decoded, or a `LiveError`."""
        method = method.upper()
        retry = method in SAFE_METHODS if retry is None else retry
        attempts = self.bounds.retries + 1 if retry else 1
        for attempt in range(attempts):
            response = await self._once(method, path, headers, params, json)
            if response.status_code not in RETRY_STATUSES or attempt == attempts - 1:
                return response
            retry_after = response.headers.get("retry-after")
            asked = retry_delay(attempt, retry_after, float("inf"), self.bounds.backoff)
            if asked > self.bounds.max_retry_wait or asked >= self.budget.remaining():
                # Told to come back later than this run can wait: the rate limit stands, unchecked.
                return response
            await self._sleep(asked)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(
        self, method: str, path: str, headers: Mapping[str, str] | None, params: Mapping[str, Any] | None, json: Any
    ) -> httpx.Response:
        left = min(self.bounds.timeout, self.budget.remaining())
        if left <= 0:
            raise BudgetExhausted("the run's time budget was spent before this request")
        try:
            request = self._http.build_request(method, path, headers=headers, params=params, json=json)
        except (httpx.InvalidURL, ValueError) as exc:
            raise ConnectionFailed(f"the request cannot be built: {exc}") from None
        refusal = self._origin.refusal(request)
        if refusal is not None:
            raise ForeignOrigin(refusal)
        started = time.monotonic()
        try:
            async with asyncio.timeout(left):
                response = await self._http.send(request, stream=True)
                try:
                    body = await self._read(response)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise DeadlineExceeded(f"no complete answer within {left:g} s") from None
        except httpx.TimeoutException:
            raise DeadlineExceeded(f"no complete answer within {time.monotonic() - started:.3g} s") from None
        except httpx.HTTPError as exc:
            raise ConnectionFailed(f"the connection failed ({type(exc).__name__})", exc) from None
        kept = [(k, v) for k, v in response.headers.raw if k.lower() not in _ENCODING_HEADERS]
        answer = httpx.Response(response.status_code, headers=kept, content=bytes(body), request=request)
        answer.elapsed = timedelta(seconds=time.monotonic() - started)  # schemathesis reads it
        return answer

    async def _read(self, response: httpx.Response) -> bytearray:
        """The body, decoded and capped, as it arrives."""
        cap = self.bounds.max_body_bytes
        if response.is_stream_consumed:
            # A transport that answered with its content already read and decoded (a test double).
            return bytearray(_Inflater("", cap).feed(response.content))
        inflater = _Inflater(response.headers.get("content-encoding", ""), cap)
        body = bytearray()
        async for chunk in response.aiter_raw():
            body += inflater.feed(chunk)
        body += inflater.flush()
        return body


class LiveClient:
    """The sync face of `AsyncLiveClient`, for callers that are not async (schemathesis' cases).

    The async client runs on a private event loop in a daemon thread; `send` waits for it.
    """

    def __init__(self, make: Any) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="vgcontract-live", daemon=True)
        self._thread.start()
        self._client: AsyncLiveClient = self._run(_call(make))

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        future: Future[T] = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result()

    @property
    def budget(self) -> Budget:
        return self._client.budget

    def send(self, method: str, path: str, **options: Any) -> httpx.Response:
        """`AsyncLiveClient.send`, waited for."""
        return self._run(self._client.send(method, path, **options))

    def close(self) -> None:
        """Close the connections and stop the loop."""
        if self._loop.is_closed():
            return
        self._run(self._client.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def __enter__(self) -> LiveClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


async def _call(make: Any) -> AsyncLiveClient:
    # The async client must be built on the loop that will run it.
    client: AsyncLiveClient = make()
    return client
