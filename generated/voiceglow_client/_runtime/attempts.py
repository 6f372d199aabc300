"""The retry bookkeeping of one call, shared by the client's sync and async loops so both behave the same.

An ``Attempts`` holds the call's total deadline and retry count, shortens each attempt's
timeout to what is left, turns a failed attempt into a wait (by ``RetryPolicy``) or the
typed error, and logs each retry with every secret scrubbed.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import httpx

from .body import BodyDecodeError, BodyTooLargeError
from .errors import APIConnectionError, APITimeoutError, ResponseShapeError, scrub

if TYPE_CHECKING:
    from .client import BaseClient

__all__ = ["Attempts"]

# In the client: the package's logger ("voiceglow_client"), the name its users configure.
logger = logging.getLogger(__name__.partition("._runtime.")[0])


class Attempts:
    """The retry bookkeeping of one call, shared by the sync and async loops so both behave the same."""

    def __init__(self, client: BaseClient, method: str) -> None:
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

    def body_error(self, error: BodyTooLargeError | BodyDecodeError, status_code: int) -> ResponseShapeError:
        """The typed error for a body that could not be read: too large, or undecodable."""
        if isinstance(error, BodyTooLargeError):
            reason = f"the body is larger than max_response_bytes ({self.max_response_bytes})"
        else:
            reason = f"the body could not be decoded: {scrub(str(error), self.secrets)}"
        return ResponseShapeError(reason, status_code=status_code)

    def after_response(self, request: httpx.Request, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying this response, or None to return it."""
        if not self.policy.retries_status(self.method, response.status_code):
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
        if isinstance(error, httpx.TransportError):
            connected = not isinstance(error, httpx.ConnectError | httpx.ConnectTimeout)
            read_timeout = connected and isinstance(error, httpx.TimeoutException)
            retryable = self.policy.retries_error(self.method, connected=connected, read_timeout=read_timeout)
        else:
            retryable = False  # a redirect loop, a protocol misuse: asking again changes nothing
        wait = self._next_wait(None, any_method=True) if retryable else None
        if wait is None:
            detail = scrub(str(error) or "no detail", self.secrets)
            message = f"{request.method} {scrub(str(request.url), self.secrets)}: {type(error).__name__}: {detail}"
            raise kind(message[:500], method=request.method, url=str(request.url)) from None
        self._log(request, type(error).__name__, wait)
        return wait

    def _next_wait(self, retry_after: str | None, *, any_method: bool = False) -> float | None:
        if self.retries >= self.policy.max_retries:
            return None
        if not any_method and self.method not in self.policy.methods:
            return None
        wait = self.policy.wait(self.retries, retry_after)
        if wait is None or (self.deadline is not None and time.monotonic() + wait >= self.deadline):
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
