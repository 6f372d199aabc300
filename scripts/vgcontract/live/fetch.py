"""Fetching conversations from the target for `drift --live`, `record` and the main job.

Requests run on an asyncio loop in a background thread with bounded concurrency, through
the bounded layer (`vgcontract.live.http`: total deadline, body cap, safe retries with
`Retry-After`, the run budget), and records come back through a small bounded queue, so
the caller streams them like any other source. A request that got no checkable answer (a
timeout, a cut connection, a body over the cap, a rate limit or outage that outlasted the
retries, a spent budget) becomes a record marked `inconclusive`: counted, never a finding.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from vgcontract.drift.model import DEFAULT_MAX_RECORD_BYTES, Record
from vgcontract.errors import UsageError, VgContractError
from vgcontract.live.http import AsyncLiveClient, LiveError
from vgcontract.live.target import Target
from vgcontract.runtime.policy import RETRY_STATUSES, RetryPolicy

__all__ = ["LiveOptions", "live_records"]

_DONE = object()


@dataclass(frozen=True)
class LiveOptions:
    """How hard to hit the API. Every bound is explicit so a nightly job cannot hang.

    `timeout` is the total deadline of one request (default: the target's,
    `VOICEGLOW_TIMEOUT`); the run as a whole is bounded by the target's budget.
    """

    concurrency: int = 8
    timeout: float | None = None
    connect_timeout: float = 5.0
    retries: int = RetryPolicy().max_retries
    max_retry_wait: float = RetryPolicy().max_retry_after  # a longer Retry-After is not waited for
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise UsageError("--concurrency must be at least 1")
        if self.retries < 0:
            raise UsageError("--retries must be 0 or more")
        if self.connect_timeout <= 0 or (self.timeout is not None and self.timeout <= 0):
            raise UsageError("timeouts must be positive")
        if self.max_record_bytes < 1:
            raise UsageError(f"--max-record-bytes must be at least 1, got {self.max_record_bytes}")


async def _fetch(client: AsyncLiveClient, url: str, convo: str, auth: dict[str, str]) -> Record:
    try:
        response = await client.send("GET", url, headers=auth)
    except LiveError as exc:
        return Record(convo, b"", problem=f"{exc.kind}: {exc}", inconclusive=True)
    status, content_type = response.status_code, response.headers.get("content-type", "")
    if status in RETRY_STATUSES:
        problem = f"HTTP {status} after the bounded retries: not checked"
        return Record(convo, b"", status=status, content_type=content_type, problem=problem, inconclusive=True)
    return Record(convo, response.content, status=status, content_type=content_type)


def live_records(target: Target, convo_ids: Sequence[str], options: LiveOptions | None = None) -> Iterator[Record]:
    """Fetch every conversation in `convo_ids` from `target`; yield records as they complete.

    Each record's `ref` is the conversation ID asked for, so a check downstream can compare
    it with the ID the body carries.
    """
    opts = options or LiveOptions()
    policy = target.retry_policy(max_retries=opts.retries, max_retry_after=opts.max_retry_wait)
    bounds = target.bounds(retry=policy, connect_timeout=opts.connect_timeout)
    bounds = replace(bounds, timeout=opts.timeout or bounds.timeout, max_body_bytes=opts.max_record_bytes)
    urls = {convo: target.conversation_path(convo) for convo in convo_ids}
    results: queue.Queue[object] = queue.Queue(maxsize=opts.concurrency * 4)

    async def main() -> None:
        semaphore = asyncio.Semaphore(opts.concurrency)

        async def one(convo: str) -> None:
            async with semaphore:
                record = await _fetch(client, urls[convo], convo, target.auth_headers)
            try:
                results.put_nowait(record)  # the common case: the reader keeps up
            except queue.Full:  # a slow reader: wait off the event loop, so the fetches go on
                await asyncio.to_thread(results.put, record)

        async with target.async_client(bounds=bounds, max_connections=opts.concurrency) as client:
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
        if isinstance(item, VgContractError):  # a refusal (a request off the base URL's origin) says why
            raise item
        if isinstance(item, BaseException):
            raise UsageError(f"{target.label}: fetching failed: {type(item).__name__}") from None
        assert isinstance(item, Record)
        yield item
    thread.join(timeout=5)
