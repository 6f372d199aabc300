"""Reading a response body whole, decompressed, and never past a cap.

httpx decodes a compressed body one network chunk at a time with no size limit: 64 KiB of
gzip can inflate to 64 MiB before anyone counts it. Here the raw bytes are inflated with
``max_length`` (``Inflater``), so a compression bomb costs at most the cap in memory, and
the answer is rebuilt as a plain ``httpx.Response`` holding the decoded body, without the
headers that described the encoding (``Content-Encoding``, ``Content-Length``,
``Transfer-Encoding``). Only gzip and deflate are decoded; that is what ``ACCEPT_ENCODING``
asks for.

The client and vgcontract's live checks read every body this way. This module imports only
the standard library and httpx: it is copied into the client unchanged.
"""

from __future__ import annotations

import time
import zlib
from datetime import timedelta
from typing import Any

import httpx

__all__ = [
    "ACCEPT_ENCODING",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "BodyDecodeError",
    "BodyTooLargeError",
    "Inflater",
    "aread_body",
    "read_body",
]

DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""The default cap: a conversation is a few kilobytes; anything near this is not one."""
ACCEPT_ENCODING = "gzip, deflate"
"""What to send as ``Accept-Encoding``: the encodings ``Inflater`` decodes."""
_ENCODING_HEADERS = frozenset({b"content-encoding", b"content-length", b"transfer-encoding"})


class BodyTooLargeError(Exception):
    """The body, decompressed, is larger than the cap."""


class BodyDecodeError(Exception):
    """The body's content encoding is not gzip, deflate or identity, or the data is corrupt."""


class Inflater:
    """Decodes gzip/deflate incrementally, never holding more than ``cap`` decoded bytes.

    ``Inflater(response.headers.get("content-encoding", ""), cap)``, then ``feed`` each raw
    chunk and ``flush`` at the end; both return decoded bytes and raise
    ``BodyTooLargeError`` or ``BodyDecodeError``.
    """

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap, self.size = cap, 0
        names = [e.strip().lower() for e in encoding.split(",") if e.strip() and e.strip().lower() != "identity"]
        if len(names) > 1 or (names and names[0] not in {"gzip", "x-gzip", "deflate"}):
            raise BodyDecodeError(f"content encoding {encoding!r} was not asked for and is not decoded")
        self.mode = names[0] if names else None
        self._zlib = self._new() if self.mode else None

    def _new(self) -> Any:
        if self.mode == "deflate":
            return zlib.decompressobj(zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.cap:
            raise BodyTooLargeError(f"the body is larger than {self.cap:,} bytes (decompressed)")
        return data

    def feed(self, chunk: bytes) -> bytes:
        """The decoded bytes of one raw chunk."""
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
            raise BodyDecodeError(f"the {self.mode} body is corrupt: {exc}") from None
        return bytes(out)

    def flush(self) -> bytes:
        """What the decoder still holds, at the end of the body."""
        return b"" if self._zlib is None else self._count(self._zlib.flush())


def _decoded(response: httpx.Response, body: bytes, started: float) -> httpx.Response:
    """The answer as a plain response holding ``body``, decoded, with the encoding headers gone."""
    kept = [(name, value) for name, value in response.headers.raw if name.lower() not in _ENCODING_HEADERS]
    try:
        request: httpx.Request | None = response.request
    except RuntimeError:  # a response made by hand, never sent
        request = None
    answer = httpx.Response(
        response.status_code,
        headers=kept,
        content=body,
        request=request,
        extensions=response.extensions,
        history=response.history,
    )
    answer.elapsed = timedelta(seconds=time.monotonic() - started)
    return answer


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise httpx.ReadTimeout("the total deadline passed while reading the body")


def read_body(
    response: httpx.Response, cap: int, *, deadline: float | None = None, started: float | None = None
) -> httpx.Response:
    """Read a streamed ``response`` whole, decoded and capped, and close it; the rebuilt answer.

    Raises ``BodyTooLargeError``, ``BodyDecodeError``, or ``httpx.ReadTimeout`` once the
    monotonic ``deadline`` has passed between chunks. The answer's ``elapsed`` counts from
    ``started`` (monotonic; default: now).
    """
    started = time.monotonic() if started is None else started
    try:
        if response.is_stream_consumed:  # a transport that answered with its body already read
            return _decoded(response, Inflater("", cap).feed(response.content), started)
        inflater = Inflater(response.headers.get("content-encoding", ""), cap)
        body = bytearray()
        for chunk in response.iter_raw():
            body += inflater.feed(chunk)
            _check_deadline(deadline)
        body += inflater.flush()
    finally:
        response.close()
    return _decoded(response, bytes(body), started)


async def aread_body(
    response: httpx.Response, cap: int, *, deadline: float | None = None, started: float | None = None
) -> httpx.Response:
    """The async twin of ``read_body``."""
    started = time.monotonic() if started is None else started
    try:
        if response.is_stream_consumed:
            return _decoded(response, Inflater("", cap).feed(response.content), started)
        inflater = Inflater(response.headers.get("content-encoding", ""), cap)
        body = bytearray()
        async for chunk in response.aiter_raw():
            body += inflater.feed(chunk)
            _check_deadline(deadline)
        body += inflater.flush()
    finally:
        await response.aclose()
    return _decoded(response, bytes(body), started)
