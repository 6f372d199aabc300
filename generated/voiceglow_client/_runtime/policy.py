"""The one HTTP policy: which answers are retried, how long to wait, and how a body is read.

The generated client and vgcontract's live checks both send through it, so they agree:

- **Statuses retried**: 429, 502, 503 and 504 (``RETRY_STATUSES``). Any other status is an
  answer.
- **Methods retried**: the idempotent ones (``IDEMPOTENT_METHODS``: GET, HEAD, OPTIONS,
  TRACE, PUT, DELETE; RFC 9110 9.2.2). A write is sent twice only if the caller adds it
  to ``RetryPolicy.methods``.
- **Connection errors** (refused, DNS, a connect timeout) are retried whatever the method:
  the request never reached the server. A connection cut after sending is retried only for
  the policy's methods; a read timeout only with ``retry_read_timeouts``.
- **The wait**: the server's ``Retry-After`` (delta-seconds or an HTTP date) when it gives
  one, else ``initial_delay * 2**n`` capped at ``max_delay``, less up to 25% jitter. A
  ``Retry-After`` longer than ``max_retry_after`` is not waited for: the answer stands.
- **Body cap**: ``body.read_body`` counts decompressed bytes (see that module).

The defaults are the fields of ``RetryPolicy()``: 2 retries, 0.5 s first backoff, 8 s
longest backoff, 30 s longest ``Retry-After``, 120 s total deadline. This module imports
only the standard library and attrs: it is copied into the client unchanged.
"""

from __future__ import annotations

import email.utils
import math
import random
import re
import time
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRY_STATUSES",
    "SAFE_METHODS",
    "RetryPolicy",
    "parse_retry_after",
]

RETRY_STATUSES = frozenset({429, 502, 503, 504})
"""Statuses that say "not now" rather than anything about the request."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
"""RFC 9110 9.2.1: methods that change nothing on the server."""
IDEMPOTENT_METHODS = SAFE_METHODS | {"PUT", "DELETE"}
"""RFC 9110 9.2.2: methods that may be sent twice with the effect of once."""

_DELTA_SECONDS = re.compile(r"\d{1,12}(?:\.\d{1,6})?")
_jitter = random.Random()  # noqa: S311 -- jitter spreads retries; it protects no secret


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """``Retry-After`` in seconds: delta-seconds or an HTTP date (RFC 9110 10.2.3); None if absent or invalid.

    A date in the past is 0. A negative number, an exponent or a date without its zone is
    not a ``Retry-After`` value: None, and the caller backs off as if there were none.
    """
    if value is None:
        return None
    text = value.strip()
    if _DELTA_SECONDS.fullmatch(text):
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    seconds = when.timestamp() - (time.time() if now is None else now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _non_negative(_instance: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not value >= 0:
        raise ValueError(f"{attribute.name} must be a number >= 0, got {value!r}")


def _upper_methods(methods: Iterable[str]) -> frozenset[str]:
    return frozenset(method.upper() for method in methods)


@attrs.frozen
class RetryPolicy:
    """When and how long to wait before sending the same request again.

    See the module docstring for the rules; every default is a field default here.
    """

    max_retries: int = attrs.field(default=2)
    initial_delay: float = attrs.field(default=0.5, validator=_non_negative)
    max_delay: float = attrs.field(default=8.0, validator=_non_negative)
    max_retry_after: float = attrs.field(default=30.0, validator=_non_negative)
    """The longest ``Retry-After`` waited for; a longer one is not retried."""
    total_timeout: float | None = attrs.field(default=120.0, validator=_non_negative)
    """No attempt runs, and no retry starts, past this many seconds after the first attempt."""
    statuses: frozenset[int] = attrs.field(default=RETRY_STATUSES, converter=frozenset)
    retry_read_timeouts: bool = False
    methods: frozenset[str] = attrs.field(default=IDEMPOTENT_METHODS, converter=_upper_methods)
    """The methods a retry may repeat: the idempotent ones. Add ``POST``/``PATCH`` to opt in."""

    @max_retries.validator
    def _check_max_retries(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"max_retries must be an integer >= 0, got {value!r}")

    def backoff(self, retry_number: int) -> float:
        """The wait before retry ``retry_number`` (0-based) when the server gave no ``Retry-After``."""
        ceiling = min(self.initial_delay * 2.0 ** min(retry_number, 60), self.max_delay)
        return ceiling * (1.0 - 0.25 * _jitter.random())

    def wait(self, retry_number: int, retry_after: str | None) -> float | None:
        """The wait before retry ``retry_number``; None when the server asked for longer than ``max_retry_after``."""
        asked = parse_retry_after(retry_after)
        if asked is None:
            return self.backoff(retry_number)
        return asked if asked <= self.max_retry_after else None

    def retries_status(self, method: str, status: int) -> bool:
        """Whether an answer with this status may be retried for this method."""
        return status in self.statuses and method.upper() in self.methods

    def retries_error(self, method: str, *, connected: bool, read_timeout: bool) -> bool:
        """Whether a failed attempt may be sent again.

        ``connected`` is False when the request never reached the server (refused, DNS,
        connect timeout): always safe. ``read_timeout`` marks a server that stalled.
        """
        if not connected:
            return True
        if read_timeout:
            return self.retry_read_timeouts and method.upper() in self.methods
        return method.upper() in self.methods
