"""One answer of the mock, ready to send: status, headers and a body already serialised."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

__all__ = ["JSON", "Reply"]

JSON = b"application/json"


class Reply:
    """A canned response: status, extra headers, a pre-serialised body, and (a fault) a delay."""

    __slots__ = ("body", "content_type", "delay", "headers", "status")

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.body = orjson.dumps(body)
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
        self.content_type = JSON
        self.delay = 0.0

    def altered(
        self, *, status: int | None = None, body: bytes | None = None, content_type: bytes | None = None
    ) -> Reply:
        """A copy with some parts replaced: cached replies are shared and never mutated."""
        copy = Reply.__new__(Reply)
        copy.status = self.status if status is None else status
        copy.body = self.body if body is None else body
        copy.headers = self.headers
        copy.content_type = self.content_type if content_type is None else content_type
        copy.delay = self.delay
        return copy

    def with_headers(self, headers: Mapping[str, str]) -> Reply:
        """A copy that also sends these headers."""
        copy = self.altered()
        copy.headers = [
            *self.headers,
            *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()),
        ]
        return copy

    @classmethod
    def raw(cls, status: int, body: bytes, content_type: bytes) -> Reply:
        """A reply whose body is already bytes in `content_type` (empty: no body, no `Content-Type`)."""
        return cls(status, None).altered(body=body, content_type=content_type)
