"""An httpx transport that answers from the embedded mock in-process, sync or async.

The live layer (`vgcontract.live.target`) injects this transport instead of a network one
when no base URL is configured, so every engine talks HTTP through httpx either way and
none of them knows whether a mock is behind it.
"""

from __future__ import annotations

import asyncio
import time

import httpx

from vgcontract.mock.app import MockApp

__all__ = ["InProcessTransport"]


class InProcessTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Routes each request to `MockApp.respond`; a delayed answer honours the request's read timeout."""

    def __init__(self, app: MockApp) -> None:
        self.app = app

    def _answer(self, request: httpx.Request) -> tuple[httpx.Response, float]:
        headers = {k.lower(): v for k, v in request.headers.raw}
        reply = self.app.respond(request.method, request.url.raw_path, headers, request.read())
        response = httpx.Response(
            reply.status,
            headers=[*([(b"content-type", reply.content_type)] if reply.content_type else []), *reply.headers],
            # A stream, not `content=`: httpx then reads it as it would a socket, timing included.
            stream=httpx.ByteStream(reply.body),
            request=request,
        )
        return response, reply.delay

    @staticmethod
    def _read_timeout(request: httpx.Request) -> float | None:
        timeout = request.extensions.get("timeout") or {}
        value = timeout.get("read")
        return float(value) if isinstance(value, int | float) else None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response, delay = self._answer(request)
        limit = self._read_timeout(request)
        if delay:
            time.sleep(min(delay, limit) if limit is not None else delay)
            if limit is not None and delay > limit:
                raise httpx.ReadTimeout("the mock answered after the read timeout", request=request)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response, delay = self._answer(request)
        limit = self._read_timeout(request)
        if delay:
            await asyncio.sleep(min(delay, limit) if limit is not None else delay)
            if limit is not None and delay > limit:
                raise httpx.ReadTimeout("the mock answered after the read timeout", request=request)
        return response
