"""The one live HTTP layer: every request a live command makes goes through `AsyncLiveClient`.

The contract run (through the sync `LiveClient` facade), the drift check's fetches, `record`
and the self-test all send through it, on the transport the target resolved (a socket, or
the embedded mock in-process). Each request is bounded four ways:

- a **total deadline** (`Bounds.timeout`, `VOICEGLOW_TIMEOUT`) over connect, headers
  (any number of `1xx` included) and body, enforced with `asyncio.timeout`, so a drip of one
  byte a second, or an endless stream of `103 Early Hints`, ends on time;
- the **run budget** (`Budget`): no request starts, and no retry waits, past the run's end;
- a **body cap** on the *decompressed* bytes (`vgcontract.runtime.body`, the client's own
  reader): gzip and deflate are inflated with `max_length`, so a gzip bomb costs at most
  the cap in memory; other encodings are refused;
- **retries only where safe**, by the one policy the generated client follows too
  (`vgcontract.runtime.policy.RetryPolicy`, `Bounds.retry`): a connection that could not
  be made is retried for any method; 429, 502, 503, 504 and a connection cut after sending,
  for idempotent methods only (never a write unless the caller opts in), after the server's
  `Retry-After` or a jittered backoff, and only when that wait is within `max_retry_after`
  and fits in the budget: a server that says "come back in eleven days" is not waited for.

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
import ssl
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from vgcontract.live.origin import ForeignOrigin, Origin, no_cookie_jar
from vgcontract.runtime.body import ACCEPT_ENCODING, BodyDecodeError, BodyTooLargeError, aread_body
from vgcontract.runtime.policy import RETRY_STATUSES, RetryPolicy

__all__ = [
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
    "unchecked_kind",
]

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
    """The limits of every request: total deadline, connect timeout, body cap, retry policy."""

    timeout: float = 10.0
    connect_timeout: float = 5.0
    max_body_bytes: int = 4 * 1024 * 1024
    retry: RetryPolicy = field(default_factory=RetryPolicy)


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
        self._transport = transport
        # The httpx client builds each request (base URL, headers, timeouts, JSON) and owns
        # the transport; the request goes straight to the transport. None of the layers of
        # `AsyncClient.send` applies: redirects are answers, there is no cookie jar and no
        # auth flow, and the transport (a proxy's too) was chosen for the base URL's origin.
        self._http = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            cookies=no_cookie_jar(),
            headers={"Accept-Encoding": ACCEPT_ENCODING, **(headers or {})},
            timeout=httpx.Timeout(bounds.timeout, connect=min(bounds.connect_timeout, bounds.timeout)),
            follow_redirects=False,  # a redirect is an answer to check, not a place to go with the token
            trust_env=False,  # the environment's proxy is the target's choice (`environment_proxy`)
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
        """Send one request, retrying where the policy allows; the answer with its body decoded, or a `LiveError`.

        `retry` True retries whatever the method, False never; None leaves it to the policy.
        """
        method = method.upper()
        policy = self.bounds.retry
        retries = 0
        while True:
            may_retry = retries < policy.max_retries and retry is not False
            try:
                response = await self._once(method, path, headers, params, json)
            except ConnectionFailed as exc:
                # Never reached the server: safe for any method; cut after sending: idempotent ones.
                connected = not isinstance(exc.cause, httpx.ConnectError | httpx.ConnectTimeout)
                allowed = retry is True or policy.retries_error(method, connected=connected, read_timeout=False)
                wait = policy.wait(retries, None)
                if exc.cause is None or not (may_retry and allowed) or wait is None or wait >= self.budget.remaining():
                    raise
            else:
                if not may_retry or response.status_code not in policy.statuses:
                    return response
                if retry is None and method not in policy.methods:
                    return response
                wait = policy.wait(retries, response.headers.get("retry-after"))
                if wait is None or wait >= self.budget.remaining():
                    # Told to come back later than this run can wait: the rate limit stands, unchecked.
                    return response
            retries += 1
            await self._sleep(wait)

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
                streamed = await self._transport.handle_async_request(request)
                streamed.request = request
                return await aread_body(streamed, self.bounds.max_body_bytes, started=started)
        except TimeoutError:
            raise DeadlineExceeded(f"no complete answer within {left:g} s") from None
        except httpx.TimeoutException:
            raise DeadlineExceeded(f"no complete answer within {time.monotonic() - started:.3g} s") from None
        except httpx.HTTPError as exc:
            raise ConnectionFailed(f"the connection failed ({type(exc).__name__})", exc) from None
        except BodyTooLargeError as exc:
            raise BodyTooLarge(str(exc)) from None
        except BodyDecodeError as exc:
            raise UndecodableBody(str(exc)) from None


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
