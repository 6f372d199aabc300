"""Every error the client raises. One root, so ``except VoiceglowError`` catches them all.

The hierarchy::

    VoiceglowError                   the root: nothing else escapes for any server response
    ├── APIStatusError               a response with a status that is not a documented success
    │   ├── AuthenticationError      401: the token is missing, wrong or expired
    │   ├── PermissionDeniedError    403: the token may not read this agent's conversations
    │   ├── NotFoundError            404: no such agent or conversation
    │   ├── RateLimitError           429: slow down; ``retry_after`` says for how long
    │   └── ServerError              500-599, including non-IANA codes such as 520
    ├── APIConnectionError           no usable response: refused, reset, DNS, TLS, protocol
    │   │                            garbage, a redirect loop
    │   └── APITimeoutError          no complete response in time (connect, headers, 1xx, body, total)
    ├── ResponseShapeError           a response that is not JSON, or not the documented shape
    └── InvalidRequestError          the request cannot be sent: a blank or oversized ID, a bad URL
                                     (also a ``ValueError``)

Other statuses (1xx, 3xx, an undocumented 2xx, any other 4xx, 600 and up) raise
``APIStatusError`` itself. Messages and reprs carry a body excerpt of at most 200
characters, from which the client's own token has been scrubbed; headers are never shown,
and the ones an error keeps (``headers``, ``request_id``) are scrubbed too: a server that
echoes the token in ``X-Request-Id`` does not get it into a log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import attrs

from .policy import parse_retry_after
from .scrub import scrub as _scrub

__all__ = [
    "EXCERPT_LIMIT",
    "MAX_PATH_SEGMENT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseShapeError",
    "ServerError",
    "ShapeProblem",
    "VoiceglowError",
    "excerpt",
    "parse_retry_after",
    "path_segment",
    "request_id_of",
    "status_error",
]

EXCERPT_LIMIT = 200
MAX_PATH_SEGMENT = 2048
"""The longest ID sent: real IDs are short, and a URL past about 64 KiB is refused by httpx."""
# The headers servers and proxies commonly use to name a request, most specific first.
_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id", "cf-ray")


class VoiceglowError(Exception):
    """The root of every error this client raises."""


class APIStatusError(VoiceglowError):
    """The server answered with a status that is not a documented success.

    ``status_code`` is the integer status, ``body_excerpt`` the first 200 characters of
    the body (token scrubbed), ``request_id`` the server's request ID header if any, and
    ``message`` the error envelope's ``message`` when the body has one.
    """

    def __init__(
        self,
        status_code: int,
        *,
        body_excerpt: str = "",
        request_id: str | None = None,
        message: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.body_excerpt = body_excerpt
        self.request_id = request_id
        self.message = message
        # Response headers only (never the request's, which carry the token).
        self.headers: Mapping[str, str] = dict(headers or {})
        super().__init__(self._describe())

    def _describe(self) -> str:
        parts = [f"{self.status_code} {_reason(self.status_code)}"]
        if self.message:
            parts.append(f": {self.message}")
        if self.request_id:
            parts.append(f" (request id {self.request_id})")
        if self.body_excerpt and not self.message:
            parts.append(f"; body: {self.body_excerpt!r}")
        return "".join(parts)

    def __repr__(self) -> str:
        name = type(self).__name__
        details = f"status_code={self.status_code}, request_id={self.request_id!r}, body_excerpt={self.body_excerpt!r}"
        return f"{name}({details})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments: the default pickling would call cls(message) and fail.
        state = (self.status_code, self.body_excerpt, self.request_id, self.message, self.headers)
        return (_rebuild_status_error, (type(self), *state))


class AuthenticationError(APIStatusError):
    """401: the token is missing, malformed, revoked or expired."""


class PermissionDeniedError(APIStatusError):
    """403: the token is valid but may not read this agent's conversations."""


class NotFoundError(APIStatusError):
    """404: the agent or the conversation does not exist (or is not visible to you)."""


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the server's ``Retry-After`` in seconds, if any."""

    def __init__(self, status_code: int, **details: Any) -> None:
        super().__init__(status_code, **details)
        self.retry_after: float | None = parse_retry_after(self.headers.get("retry-after"))
        """Seconds the server asked to wait (not capped), or None when it did not say."""


class ServerError(APIStatusError):
    """500-599: the server failed. Includes proxies' non-IANA codes such as 520-530."""


class APIConnectionError(VoiceglowError):
    """No response arrived: the connection was refused, reset, or the server spoke garbage."""

    def __init__(self, message: str, *, method: str = "GET", url: str = "") -> None:
        self.method = method
        self.url = url
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_connection_error, (type(self), str(self), self.method, self.url))


class APITimeoutError(APIConnectionError):
    """No response arrived in time: a connect, read, write or pool timeout, or the total budget."""


class InvalidRequestError(VoiceglowError, ValueError):
    """The request cannot be sent as asked: a blank or oversized ID, or a URL httpx refuses."""


def path_segment(value: Any, name: str) -> str:
    """Percent-encode one path parameter so that no value can change the path's shape.

    Every reserved character is encoded (`/`, `?`, `#`, `%`, spaces, CR, LF, NUL,
    non-ASCII), and a value made only of dots too: `.` or `..` would otherwise be removed,
    or climb a level, when the URL is normalised. A blank value (which would leave `//` in
    the path) or one longer than ``MAX_PATH_SEGMENT`` raises ``InvalidRequestError`` before
    any request is sent. This is the one rule: vgcontract's live checks use it too.
    """
    text = str(value)
    if not text.strip():
        raise InvalidRequestError(f"{name} must be a non-empty string, got {value!r}")
    if len(text) > MAX_PATH_SEGMENT:
        raise InvalidRequestError(f"{name} is {len(text):,} characters long; IDs are at most {MAX_PATH_SEGMENT:,}")
    encoded = quote(text, safe="")
    return encoded.replace(".", "%2E") if set(text) == {"."} else encoded


@attrs.frozen
class ShapeProblem:
    """One place where a response body departs from the spec."""

    path: str
    """A JSON path into the body, e.g. ``$.data.handoffHistory[2].teamIds[0]``."""
    expected: str
    """What the spec documents there, e.g. ``integer`` or ``one of 'ai-chatting', 'live'``."""
    actual: str
    """What the body holds there, e.g. ``string 'abc'`` or ``missing``."""

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected}, got {self.actual}"


class ResponseShapeError(VoiceglowError):
    """The body is not JSON, or does not have the documented shape.

    ``path`` names the first place that is wrong (``$`` for the whole body),
    ``body_excerpt`` holds at most 200 characters of the body, and ``problems`` lists
    every problem found, in the spec's field order.
    """

    def __init__(
        self,
        reason: str,
        *,
        path: str = "$",
        body_excerpt: str = "",
        status_code: int | None = None,
        problems: Sequence[ShapeProblem] = (),
    ) -> None:
        self.reason = reason
        self.path = path
        self.body_excerpt = body_excerpt[:EXCERPT_LIMIT]
        self.status_code = status_code
        self.problems: tuple[ShapeProblem, ...] = tuple(problems)
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{reason} at {path}{more}; body: {self.body_excerpt!r}")

    @classmethod
    def from_problems(
        cls, problems: Sequence[ShapeProblem], *, body_excerpt: str = "", status_code: int | None = None
    ) -> ResponseShapeError:
        """One error for every problem a decode collected; the first one names the path."""
        first = problems[0]
        return cls(
            f"expected {first.expected}, got {first.actual}",
            path=first.path,
            body_excerpt=body_excerpt,
            status_code=status_code,
            problems=problems,
        )

    def __repr__(self) -> str:
        return f"ResponseShapeError(path={self.path!r}, reason={self.reason!r}, body_excerpt={self.body_excerpt!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        state = (self.reason, self.path, self.body_excerpt, self.status_code, self.problems)
        return (_rebuild_shape_error, state)


_BY_STATUS: dict[int, type[APIStatusError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def status_error(
    status_code: int,
    *,
    content: bytes,
    headers: Mapping[str, str],
    message: str | None = None,
    secrets: Sequence[str] = (),
) -> APIStatusError:
    """The typed error for a response status that is not a documented success."""
    if 500 <= status_code <= 599:
        error_class: type[APIStatusError] = ServerError
    else:
        error_class = _BY_STATUS.get(status_code, APIStatusError)
    # Servers echo request headers (the token among them) into their own: scrub every value.
    lowered = {key.lower(): scrub(value, secrets) for key, value in headers.items()}
    return error_class(
        status_code,
        body_excerpt=excerpt(content, secrets),
        request_id=request_id_of(lowered),
        message=scrub(message, secrets)[:EXCERPT_LIMIT] if message else None,
        headers=lowered,
    )


def excerpt(content: bytes, secrets: Sequence[str] = ()) -> str:
    """At most 200 characters of a body, decoded leniently, with any secret scrubbed."""
    # Decode a little more than the limit so that scrubbing cannot expose a cut secret:
    # the longest form of one (base64, hex, percent-encoded) is several times its length.
    longest = 6 * max((len(secret) for secret in secrets), default=0)
    text = content[: (EXCERPT_LIMIT + longest) * 4].decode("utf-8", errors="replace")
    return scrub(text, secrets)[:EXCERPT_LIMIT]


def scrub(text: str, secrets: Sequence[str]) -> str:
    """``text`` with every secret replaced by ``[redacted]`` in any form a server may echo it
    (escaped, percent-encoded, base64, hex, or a stretch of 8 characters of one of those), and
    the credentials of any URL by ``***``."""
    return _scrub(text, secrets, "[redacted]")


def request_id_of(headers: Mapping[str, str]) -> str | None:
    """The request ID a server or proxy put on the response (lower-cased header names)."""
    for name in _REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value:
            return value[:EXCERPT_LIMIT]
    return None


def _reason(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:  # non-IANA, e.g. 499 or Cloudflare's 520 (openapi-python-client #1442)
        return "(unregistered status)"


def _rebuild_status_error(  # noqa: PLR0917 -- pickle calls it with positional arguments
    cls: type[APIStatusError],
    status_code: int,
    body_excerpt: str,
    request_id: str | None,
    message: str | None,
    headers: Mapping[str, str],
) -> APIStatusError:
    return cls(status_code, body_excerpt=body_excerpt, request_id=request_id, message=message, headers=headers)


def _rebuild_connection_error(cls: type[APIConnectionError], message: str, method: str, url: str) -> APIConnectionError:
    return cls(message, method=method, url=url)


def _rebuild_shape_error(
    reason: str, path: str, body_excerpt: str, status_code: int | None, problems: tuple[ShapeProblem, ...]
) -> ResponseShapeError:
    return ResponseShapeError(reason, path=path, body_excerpt=body_excerpt, status_code=status_code, problems=problems)
