"""Fetching conversations from the target for `drift --live`, `record` and the main job.

Requests run on an asyncio loop in a background thread with bounded concurrency, and
records come back through a small bounded queue, so the caller streams them like any
other source. Each request has a timeout; 429, 502, 503, 504, connection errors and
connect timeouts are retried a bounded number of times (read timeouts are not),
honouring `Retry-After` (seconds or an HTTP date), capped. The token goes into the
Authorization header and nowhere else.
"""

from __future__ import annotations

import asyncio
import email.utils
import queue
import random
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from vgcontract.drift.model import DEFAULT_MAX_RECORD_BYTES, Record
from vgcontract.errors import UsageError
from vgcontract.live.target import Target

__all__ = ["RETRY_STATUSES", "LiveOptions", "live_records", "retry_delay"]

RETRY_STATUSES = frozenset({429, 502, 503, 504})
_DONE = object()


@dataclass(frozen=True)
class LiveOptions:
    """How hard to hit the API. Every bound is explicit so a nightly job cannot hang."""

    concurrency: int = 8
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5  # first retry waits about this long; doubles each time
    max_retry_wait: float = 60.0  # cap on any one wait, Retry-After included
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise UsageError("--concurrency must be at least 1")
        if self.retries < 0:
            raise UsageError("--retries must be 0 or more")
        if self.connect_timeout <= 0 or self.read_timeout <= 0:
            raise UsageError("timeouts must be positive")
        if self.max_record_bytes < 1:
            raise UsageError(f"--max-record-bytes must be at least 1, got {self.max_record_bytes}")


def retry_delay(attempt: int, retry_after: str | None, options: LiveOptions, *, now: datetime | None = None) -> float:
    """Seconds to wait before retry number `attempt + 1`.

    `Retry-After` wins when it parses (delta-seconds or an HTTP date); otherwise
    exponential backoff with full jitter. Either way the wait is capped.
    """
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            return min(float(value), options.max_retry_wait)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            current = now or datetime.now(UTC)
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, min((when - current).total_seconds(), options.max_retry_wait))
    ceiling = min(options.backoff * (2**attempt), options.max_retry_wait)
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not a secret


async def _fetch(client: httpx.AsyncClient, url: str, convo: str, options: LiveOptions) -> Record:
    error = ""
    for attempt in range(options.retries + 1):
        retry_after: str | None = None
        try:
            async with client.stream("GET", url) as response:
                buffer = bytearray()  # not `bytes +=`: that copies the whole body per chunk
                async for chunk in response.aiter_bytes():
                    buffer += chunk
                    if len(buffer) > options.max_record_bytes:
                        return Record(convo, b"", problem=f"body over the {options.max_record_bytes:,}-byte limit")
                body = bytes(buffer)
                status, content_type = response.status_code, response.headers.get("content-type", "")
                retry_after = response.headers.get("retry-after")
        except httpx.ReadTimeout:
            # Not retried: the server got the request and is slow; asking again only adds
            # load and time. (The generated client makes the same choice by default.)
            return Record(convo, b"", problem=f"no answer within {options.read_timeout:g} s (read timeout)")
        except httpx.TimeoutException:
            error = "timed out"
        except httpx.TransportError as exc:
            error = f"connection failed ({type(exc).__name__})"
        else:
            if status not in RETRY_STATUSES or attempt == options.retries:
                return Record(convo, body, status=status, content_type=content_type)
            error = f"HTTP {status}"
        if attempt < options.retries:
            await asyncio.sleep(retry_delay(attempt, retry_after, options))
    return Record(convo, b"", problem=f"no answer after {options.retries + 1} attempt(s): {error}")


def live_records(target: Target, convo_ids: Sequence[str], options: LiveOptions | None = None) -> Iterator[Record]:
    """Fetch every conversation in `convo_ids` from `target`; yield records as they complete.

    Each record's `ref` is the conversation ID asked for, so a check downstream can compare
    it with the ID the body carries.
    """
    opts = options or LiveOptions()
    timeout = httpx.Timeout(opts.read_timeout, connect=opts.connect_timeout)
    urls = {convo: target.conversation_path(convo) for convo in convo_ids}
    results: queue.Queue[object] = queue.Queue(maxsize=opts.concurrency * 4)

    async def main() -> None:
        semaphore = asyncio.Semaphore(opts.concurrency)

        async def one(convo: str) -> None:
            async with semaphore:
                record = await _fetch(client, urls[convo], convo, opts)
            await asyncio.to_thread(results.put, record)

        async with target.async_client(timeout=timeout, max_connections=opts.concurrency) as client:
            await asyncio.gather(*(one(c) for c in convo_ids))

    def runner() -> None:
        try:
            asyncio.run(main())
        except BaseException as exc:
            results.put(exc)
        results.put(_DONE)

    thread = threading.Thread(target=runner, name="vgcontract-live", daemon=True)
    thread.start()
    while True:
        item = results.get()
        if item is _DONE:
            break
        if isinstance(item, BaseException):
            raise UsageError(f"{target.label}: fetching failed: {type(item).__name__}") from None
        assert isinstance(item, Record)
        yield item
    thread.join(timeout=5)
