"""The clients: connection settings, timeouts, retries, and the one place requests are sent.

``AuthenticatedClient`` (token required) and ``Client`` share everything else:

- a default timeout of 5 s to connect and 30 s to read (``timeout=``, ``DEFAULT_TIMEOUT``);
- retries of connection errors and of 429, 502, 503 and 504, with exponential backoff and
  jitter, ``Retry-After`` honoured up to 60 s, and a bounded count and total time
  (``retries=RetryPolicy(...)``, or ``retries=0`` to turn them off); only idempotent methods
  are retried (``RetryPolicy.methods``: a write is sent twice only if the caller adds it);
- a total deadline (``RetryPolicy.total_timeout``) that every read honours, headers and
  ``1xx`` answers included, so a server that drips bytes or sends Early Hints forever ends;
- bodies read with a size cap (``max_response_bytes``), so a hostile server cannot exhaust memory;
- ``strict=True`` to raise ``ResponseShapeError`` when a body departs from the spec.

The token is sent through an ``httpx.Auth`` that adds the header per request, so it is in
no default header, repr, str, log line or error message.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import random
import ssl
import time
from collections.abc import Iterable, Mapping
from typing import Any, Self
from urllib.parse import unquote, urlsplit

import attrs
import httpcore
import httpx

from ._scrub import strip_userinfo
from .errors import (
    APIConnectionError,
    APITimeoutError,
    InvalidRequestError,
    ResponseShapeError,
    parse_retry_after,
    scrub,
)

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "REGIONS",
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
]

logger = logging.getLogger(__name__.rpartition(".")[0] or __name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""5 s to connect, 30 s for each read, write and pool wait."""

DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""A conversation is a few kilobytes; anything near this is not one."""

# The spec's `servers`, by region. The generator does not pass `servers` to templates, so
# they are copied here; vgcontract's tests fail if the two ever disagree.
REGIONS: Mapping[str, str] = {
    "eu": "https://eu-gcp-api.vg-stuff.com/v3",
    "na": "https://na-gcp-api.vg-stuff.com/v3",
}

# Hooks so tests can observe waits without spending them.
_sleep = time.sleep
_async_sleep = asyncio.sleep
_jitter = random.Random()  # noqa: S311 -- jitter spreads retries; it protects no secret


def _non_negative(_instance: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not value >= 0:
        raise ValueError(f"{attribute.name} must be a number >= 0, got {value!r}")


def _upper_methods(methods: Iterable[str]) -> frozenset[str]:
    return frozenset(method.upper() for method in methods)


@attrs.frozen
class RetryPolicy:
    """When and how long to wait before sending the same request again (idempotent methods only).

    A retry follows a connection error (including a connect timeout) or a status in
    ``statuses``. The wait is the server's ``Retry-After`` (seconds or an HTTP date) capped
    at ``max_retry_after``, else ``initial_delay * 2**n`` capped at ``max_delay`` with up to
    25% jitter off. No retry starts once ``total_timeout`` seconds have passed since the
    first attempt, and no attempt runs past it. Read timeouts are retried only with
    ``retry_read_timeouts``: a stalled server would otherwise cost the full read timeout
    again on every attempt.
    """

    max_retries: int = attrs.field(default=2)
    initial_delay: float = attrs.field(default=0.5, validator=_non_negative)
    max_delay: float = attrs.field(default=8.0, validator=_non_negative)
    max_retry_after: float = attrs.field(default=60.0, validator=_non_negative)
    total_timeout: float | None = attrs.field(default=120.0, validator=_non_negative)
    statuses: frozenset[int] = attrs.field(default=frozenset({429, 502, 503, 504}), converter=frozenset)
    retry_read_timeouts: bool = False
    methods: frozenset[str] = attrs.field(
        default=frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}), converter=_upper_methods
    )
    """The methods a retry may repeat: the idempotent ones. Add ``POST``/``PATCH`` to opt in."""

    @max_retries.validator
    def _check_max_retries(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"max_retries must be an integer >= 0, got {value!r}")

    def backoff(self, retry_number: int) -> float:
        """The wait before retry ``retry_number`` (0-based) when the server gave no ``Retry-After``."""
        ceiling = min(self.initial_delay * 2.0 ** min(retry_number, 60), self.max_delay)
        return ceiling * (1.0 - 0.25 * _jitter.random())

    def wait(self, retry_number: int, retry_after: str | None) -> float:
        """The wait before retry ``retry_number``, honouring a ``Retry-After`` header value."""
        asked = parse_retry_after(retry_after)
        if asked is not None:
            return min(asked, self.max_retry_after)
        return self.backoff(retry_number)


def _as_retry_policy(value: RetryPolicy | int) -> RetryPolicy:
    return value if isinstance(value, RetryPolicy) else RetryPolicy(max_retries=value)


def _as_timeout(value: httpx.Timeout | float | None) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


class _TokenAuth(httpx.Auth):
    """Adds the authorization header to each request; shows nothing of it anywhere."""

    __slots__ = ("_name", "_value")

    def __init__(self, name: str, value: str) -> None:
        self._name = name
        self._value = value

    def auth_flow(self, request: httpx.Request) -> Any:
        request.headers[self._name] = self._value
        yield request

    def __repr__(self) -> str:
        return f"<TokenAuth {self._name}: [redacted]>"


# The deadline of the request being sent on this thread or task, for `_DeadlineStream`.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("voiceglow_deadline", default=None)


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` shortened to what is left of the deadline; `error` when nothing is left."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the total deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write gets at most the time left before the deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """Connections whose streams honour the current request's total deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_tcp(host, port, left, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _deadline_transport(verify: str | bool | ssl.SSLContext) -> httpx.HTTPTransport:
    """httpx's transport, its connections made by `_DeadlineBackend`.

    httpx has no public hook for the network backend; its pool keeps it as
    `_network_backend` (httpx 0.23 to 0.28). The client's tests fail if that ever moves.
    """
    transport = httpx.HTTPTransport(verify=verify)
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if pool is not None and backend is not None:
        pool._network_backend = _DeadlineBackend(backend)
    return transport


class _Attempts:
    """The retry bookkeeping of one call, shared by the sync and async loops so both behave the same."""

    def __init__(self, client: _BaseClient, method: str) -> None:
        self.method = method.upper()
        self.policy = client.retries
        self.timeout = client.timeout
        self.secrets = client._secrets()
        self.max_response_bytes = client.max_response_bytes
        self.deadline = None if self.policy.total_timeout is None else time.monotonic() + self.policy.total_timeout
        self.retries = 0

    def attempt_timeout(self) -> httpx.Timeout:
        """This attempt's timeout: the client's, shortened so that it cannot outlast the total budget."""
        if self.deadline is None:
            return self.timeout
        left = max(self.deadline - time.monotonic(), 0.001)

        def cap(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(
            connect=cap(self.timeout.connect),
            read=cap(self.timeout.read),
            write=cap(self.timeout.write),
            pool=cap(self.timeout.pool),
        )

    def read_chunk(self, body: bytearray, chunk: bytes, response: httpx.Response) -> None:
        """Add one chunk of the body, refusing more than the cap or reading past the budget."""
        body += chunk
        if len(body) > self.max_response_bytes:
            raise ResponseShapeError(
                f"the body is larger than max_response_bytes ({self.max_response_bytes})",
                status_code=response.status_code,
            )
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise httpx.ReadTimeout("the total time budget ran out while reading the body")

    def after_response(self, request: httpx.Request, response: httpx.Response, body: bytearray) -> float | None:
        """Seconds to wait before retrying this response, or None to return it."""
        # httpx.Response.read() keeps the body in _content; reading it through iter_bytes
        # ourselves is the only way to cap its size, so the attribute is set the same way.
        response._content = bytes(body)
        if response.status_code not in self.policy.statuses:
            return None
        wait = self._next_wait(response.headers.get("retry-after"))
        if wait is not None:
            self._log(request, str(response.status_code), wait)
        return wait

    def after_error(self, request: httpx.Request, error: httpx.HTTPError) -> float:
        """Seconds to wait before retrying after this error; raises the typed error when no retry is left."""
        if isinstance(error, httpx.DecodingError):
            raise ResponseShapeError(f"the body could not be decoded: {scrub(str(error), self.secrets)}") from None
        kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
        if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
            retryable = True  # it never reached the server: safe to send again, whatever the method
        elif isinstance(error, httpx.TimeoutException):
            retryable = self.policy.retry_read_timeouts and self.method in self.policy.methods
        elif isinstance(error, httpx.TransportError):
            retryable = self.method in self.policy.methods  # the server may have acted on it
        else:
            retryable = False  # a redirect loop, a protocol misuse: asking again changes nothing
        wait = self._next_wait(None) if retryable else None
        if wait is None:
            detail = scrub(str(error) or "no detail", self.secrets)
            message = f"{request.method} {scrub(str(request.url), self.secrets)}: {type(error).__name__}: {detail}"
            raise kind(message[:500], method=request.method, url=str(request.url)) from None
        self._log(request, type(error).__name__, wait)
        return wait

    def _next_wait(self, retry_after: str | None) -> float | None:
        if self.retries >= self.policy.max_retries or self.method not in self.policy.methods:
            return None
        wait = self.policy.wait(self.retries, retry_after)
        if self.deadline is not None and time.monotonic() + wait >= self.deadline:
            return None
        self.retries += 1
        return wait

    def _log(self, request: httpx.Request, reason: str, wait: float) -> None:
        logger.info(
            "%s %s: %s; retry %d of %d in %.2f s",
            request.method,
            scrub(str(request.url), self.secrets),
            reason,
            self.retries,
            self.policy.max_retries,
            wait,
        )


def _build(
    http: httpx.Client | httpx.AsyncClient, method: str, url: str, attempts: _Attempts, kwargs: Any
) -> httpx.Request:
    """The request for one attempt; a URL httpx refuses is the caller's error, not a crash."""
    try:
        return http.build_request(method, url, timeout=attempts.attempt_timeout(), **kwargs)
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as error:
        raise InvalidRequestError(
            f"{method} request cannot be built: {scrub(str(error), attempts.secrets)[:300]}"
        ) from None


@attrs.define(repr=False)
class _BaseClient:
    _base_url: str = attrs.field(alias="base_url")
    _cookies: dict[str, str] = attrs.field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = attrs.field(factory=dict, kw_only=True, alias="headers")
    _timeout: httpx.Timeout = attrs.field(default=DEFAULT_TIMEOUT, converter=_as_timeout, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = attrs.field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = attrs.field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = attrs.field(factory=dict, kw_only=True, alias="httpx_args")
    strict: bool = attrs.field(default=False, kw_only=True)
    """Raise ResponseShapeError when a body departs from the spec (default: keep the data)."""
    retries: RetryPolicy = attrs.field(factory=RetryPolicy, converter=_as_retry_policy, kw_only=True)
    """The retry policy; an int sets ``max_retries`` (0 turns retries off)."""
    max_response_bytes: int = attrs.field(default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True)
    """A larger body raises ResponseShapeError instead of being read into memory."""
    _client: httpx.Client | None = attrs.field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = attrs.field(default=None, init=False)

    @classmethod
    def for_region(cls, region: str, **kwargs: Any) -> Self:
        """A client for one of ``REGIONS`` (``"eu"`` or ``"na"``)."""
        try:
            base_url = REGIONS[region.lower()]
        except KeyError:
            raise ValueError(f"unknown region {region!r}; known: {', '.join(sorted(REGIONS))}") from None
        return cls(base_url=base_url, **kwargs)

    @property
    def timeout(self) -> httpx.Timeout:
        """The timeout of each attempt."""
        return self._timeout

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={strip_userinfo(self._base_url)!r}, timeout={self._timeout!r}, "
            f"retries={self.retries.max_retries}, strict={self.strict})"
        )

    def _auth(self) -> httpx.Auth | None:
        return None

    def _secrets(self) -> tuple[str, ...]:
        """Strings that must never appear in an error message or a log line: the base URL's password."""
        try:
            parts = urlsplit(self._base_url)
        except ValueError:
            return ()
        if not parts.password:
            return ()
        return (parts.password, unquote(parts.password), f"{unquote(parts.username or '')}:{unquote(parts.password)}")

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A copy of this client that sends these headers too."""
        return attrs.evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A copy of this client that sends these cookies too."""
        return attrs.evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout | float | None) -> Self:
        """A copy of this client with another timeout (None: wait forever)."""
        return attrs.evolve(self, timeout=timeout)

    def with_retries(self, retries: RetryPolicy | int) -> Self:
        """A copy of this client with another retry policy (0: no retries)."""
        return attrs.evolve(self, retries=retries)

    def _httpx_options(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._headers,
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            "auth": self._auth(),
            **self._httpx_args,
        }

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use this ``httpx.Client``: its own headers and transport apply; this client's timeout, retries and token still do."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The underlying ``httpx.Client``, made on first use (with the deadline-honouring transport)."""
        if self._client is None:
            options = self._httpx_options()
            if "transport" not in options:
                options["transport"] = _deadline_transport(self._verify_ssl)
            self._client = httpx.Client(**options)
        return self._client

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use this ``httpx.AsyncClient``: its own headers and transport apply; this client's timeout, retries and token still do."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The underlying ``httpx.AsyncClient``, made on first use."""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(**self._httpx_options())
        return self._async_client

    def __enter__(self) -> Self:
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        self.get_httpx_client().__exit__(*args, **kwargs)

    async def __aenter__(self) -> Self:
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send one request with this client's timeouts and retries, and read its body in full.

        Returns the last response, whatever its status. Raises ``APIConnectionError`` or
        ``APITimeoutError`` when no response arrived, and ``ResponseShapeError`` when the
        body is over ``max_response_bytes`` or its content encoding is broken.
        """
        http = self.get_httpx_client()
        attempts = _Attempts(self, method)
        while True:
            request = _build(http, method, url, attempts, kwargs)
            body = bytearray()
            wait: float | None
            deadline = _DEADLINE.set(attempts.deadline)
            try:
                response = http.send(request, stream=True, **self._send_options())
                try:
                    for chunk in response.iter_bytes():
                        attempts.read_chunk(body, chunk, response)
                finally:
                    response.close()
            except httpx.HTTPError as error:
                wait = attempts.after_error(request, error)
            else:
                wait = attempts.after_response(request, response, body)
                if wait is None:
                    return response
            finally:
                _DEADLINE.reset(deadline)
            _sleep(wait)

    async def arequest(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """The async twin of ``request``: the same timeouts, retries, caps and errors."""
        http = self.get_async_httpx_client()
        attempts = _Attempts(self, method)
        while True:
            request = _build(http, method, url, attempts, kwargs)
            body = bytearray()
            wait: float | None
            left = None if attempts.deadline is None else max(attempts.deadline - time.monotonic(), 0.0)
            try:
                async with asyncio.timeout(left):  # headers, any 1xx and the body, all in the deadline
                    response = await http.send(request, stream=True, **self._send_options())
                    try:
                        async for chunk in response.aiter_bytes():
                            attempts.read_chunk(body, chunk, response)
                    finally:
                        await response.aclose()
            except TimeoutError:
                wait = attempts.after_error(request, httpx.ReadTimeout("the total deadline passed", request=request))
            except httpx.HTTPError as error:
                wait = attempts.after_error(request, error)
            else:
                wait = attempts.after_response(request, response, body)
                if wait is None:
                    return response
            await _async_sleep(wait)

    def _send_options(self) -> dict[str, Any]:
        # Passed per request, so that a client given by set_httpx_client() still sends the token.
        auth = self._auth()
        return {} if auth is None else {"auth": auth}


@attrs.define(repr=False)
class Client(_BaseClient):
    """A client for endpoints that need no token.

    ``base_url`` (or ``Client.for_region("eu")``), plus keyword options: ``timeout``
    (default 5 s connect, 30 s read), ``retries`` (a ``RetryPolicy`` or a count; default 2),
    ``strict``, ``max_response_bytes``, ``headers``, ``cookies``, ``verify_ssl``,
    ``follow_redirects`` and ``httpx_args`` (passed to ``httpx.Client``/``AsyncClient``).
    """


def _check_token(_instance: Any, _attribute: attrs.Attribute[str], value: str) -> None:
    # The message never quotes the token: it is the one thing it must not show.
    if not isinstance(value, str) or not value.strip():
        raise ValueError("token must be a non-empty string")
    if any(character in value for character in "\r\n\0"):
        raise ValueError("token must not contain line breaks or NUL characters")


@attrs.define(repr=False)
class AuthenticatedClient(_BaseClient):
    """A client that sends ``Authorization: Bearer <token>`` with every request.

    Takes everything ``Client`` takes, plus ``token`` (required), ``prefix`` (default
    ``"Bearer"``) and ``auth_header_name`` (default ``"Authorization"``). The token is not
    shown by ``repr``/``str`` and is scrubbed from error messages and log lines.
    """

    token: str = attrs.field(validator=_check_token, repr=False)
    """The token to use for authentication (never shown by repr)."""
    prefix: str = "Bearer"
    """The prefix to use for the Authorization header"""
    auth_header_name: str = "Authorization"
    """The name of the Authorization header"""

    def _header_value(self) -> str:
        return f"{self.prefix} {self.token}" if self.prefix else self.token

    def _auth(self) -> httpx.Auth:
        return _TokenAuth(self.auth_header_name, self._header_value())

    def _secrets(self) -> tuple[str, ...]:
        return (self._header_value(), self.token, *super()._secrets())
