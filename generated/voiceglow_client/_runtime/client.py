"""The clients: connection settings, timeouts, retries, and the one place requests are sent.

``AuthenticatedClient`` (token required) and ``Client`` share everything else:

- a default timeout of 5 s to connect and 30 s to read (``timeout=``, ``DEFAULT_TIMEOUT``);
- retries as ``policy`` sets them (``retries=RetryPolicy(...)``, or ``retries=0`` to turn
  them off): 429, 502, 503 and 504 and connection errors, idempotent methods only,
  ``Retry-After`` honoured up to 30 s, a bounded count and a total deadline
  (``RetryPolicy.total_timeout``) that every read honours, headers and ``1xx`` answers
  included, so a server that drips bytes or sends Early Hints forever ends;
- bodies read decompressed with a size cap (``max_response_bytes``; ``body``), so a hostile
  server cannot exhaust memory;
- ``strict=True`` to raise ``ResponseShapeError`` when a body departs from the spec;
- ``sleep=``/``async_sleep=``: how the client waits before a retry (``time.sleep`` and
  ``asyncio.sleep``; a test passes a recorder instead).

The token is sent through an ``httpx.Auth`` that adds the header per request, so it is in
no default header, repr, str, log line or error message. The generated ``client`` module
subclasses these with the spec's servers (``regions``).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, ClassVar, Self
from urllib.parse import unquote, urlsplit

import attrs
import httpx

from .attempts import Attempts
from .body import ACCEPT_ENCODING, DEFAULT_MAX_RESPONSE_BYTES, BodyDecodeError, BodyTooLargeError, aread_body, read_body
from .errors import InvalidRequestError, scrub
from .policy import RetryPolicy
from .scrub import strip_userinfo
from .transport import DeadlineTransport, deadline_at, tls_context

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "AuthenticatedClient",
    "BaseClient",
    "Client",
    "RetryPolicy",
]


DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""5 s to connect, 30 s for each read, write and pool wait."""


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


def _build(
    http: httpx.Client | httpx.AsyncClient, method: str, url: str, attempts: Attempts, kwargs: Any
) -> httpx.Request:
    """The request for one attempt; a URL httpx refuses is the caller's error, not a crash."""
    try:
        return http.build_request(method, url, timeout=attempts.attempt_timeout(), **kwargs)
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as error:
        detail = scrub(str(error), attempts.secrets)[:300]
        raise InvalidRequestError(f"{method} request cannot be built: {detail}") from None


@attrs.define(repr=False)
class BaseClient:
    """What ``Client`` and ``AuthenticatedClient`` share; see the module docstring."""

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
    sleep: Callable[[float], object] = attrs.field(default=time.sleep, kw_only=True)
    """How a sync call waits before a retry (a test passes a recorder to see waits without spending them)."""
    async_sleep: Callable[[float], Awaitable[object]] = attrs.field(default=asyncio.sleep, kw_only=True)
    """How an async call waits before a retry."""
    _client: httpx.Client | None = attrs.field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = attrs.field(default=None, init=False)

    regions: ClassVar[Mapping[str, str]] = {}
    """The spec's servers by region: the generated ``client`` module sets them."""

    @classmethod
    def for_region(cls, region: str, **kwargs: Any) -> Self:
        """A client for one of ``regions`` (the spec's servers, e.g. ``"eu"``)."""
        try:
            base_url = cls.regions[region.lower()]
        except KeyError:
            known = ", ".join(sorted(cls.regions)) or "none"
            raise ValueError(f"unknown region {region!r}; known: {known}") from None
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
            "headers": {"Accept-Encoding": ACCEPT_ENCODING, **self._headers},
            "timeout": self._timeout,
            "verify": tls_context(self._verify_ssl, trust_env=self._httpx_args.get("trust_env", True)),
            "follow_redirects": self._follow_redirects,
            "auth": self._auth(),
            **self._httpx_args,
        }

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use this ``httpx.Client``: its own headers and transport apply.

        This client's timeout, retries, body cap and token still do.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The underlying ``httpx.Client``, made on first use (with the deadline-honouring transport)."""
        if self._client is None:
            options = self._httpx_options()
            if "transport" not in options:
                trust_env = options.get("trust_env", True)
                options["transport"] = DeadlineTransport(verify=options["verify"], trust_env=trust_env)
            self._client = httpx.Client(**options)
        return self._client

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use this ``httpx.AsyncClient``: its own headers and transport apply.

        This client's timeout, retries, body cap and token still do.
        """
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

        Returns the last response, whatever its status, its body decoded (the encoding
        headers gone). Raises ``APIConnectionError`` or ``APITimeoutError`` when no response
        arrived, and ``ResponseShapeError`` when the body is over ``max_response_bytes`` or
        its content encoding is not gzip, deflate or identity, or is broken.
        """
        http = self.get_httpx_client()
        attempts = Attempts(self, method)
        while True:
            request = _build(http, method, url, attempts, kwargs)
            wait: float | None
            try:
                with deadline_at(attempts.deadline):
                    streamed = http.send(request, stream=True, **self._send_options())
                    response = read_body(streamed, self.max_response_bytes, deadline=attempts.deadline)
            except (BodyTooLargeError, BodyDecodeError) as error:
                raise attempts.body_error(error, streamed.status_code) from None
            except httpx.HTTPError as error:
                wait = attempts.after_error(request, error)
            else:
                wait = attempts.after_response(request, response)
                if wait is None:
                    return response
            self.sleep(wait)

    async def arequest(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """The async twin of ``request``: the same timeouts, retries, caps and errors."""
        http = self.get_async_httpx_client()
        attempts = Attempts(self, method)
        while True:
            request = _build(http, method, url, attempts, kwargs)
            wait: float | None
            left = None if attempts.deadline is None else max(attempts.deadline - time.monotonic(), 0.0)
            try:
                async with asyncio.timeout(left):  # headers, any 1xx and the body, all in the deadline
                    streamed = await http.send(request, stream=True, **self._send_options())
                    response = await aread_body(streamed, self.max_response_bytes, deadline=attempts.deadline)
            except (BodyTooLargeError, BodyDecodeError) as error:
                raise attempts.body_error(error, streamed.status_code) from None
            except TimeoutError:
                wait = attempts.after_error(request, httpx.ReadTimeout("the total deadline passed", request=request))
            except httpx.HTTPError as error:
                wait = attempts.after_error(request, error)
            else:
                wait = attempts.after_response(request, response)
                if wait is None:
                    return response
            await self.async_sleep(wait)

    def _send_options(self) -> dict[str, Any]:
        # Passed per request, so that a client given by set_httpx_client() still sends the token.
        auth = self._auth()
        return {} if auth is None else {"auth": auth}


@attrs.define(repr=False)
class Client(BaseClient):
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
class AuthenticatedClient(BaseClient):
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
