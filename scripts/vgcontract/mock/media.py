"""Which documented answer an operation's success is, and in which media type the mock sends it.

- The success is the lowest documented 2xx; with none, `default` as a 200 (what a client
  of such an operation gets when all is well); with neither, the first documented status (a range
  as its first code), as Prism picks it.
  Only an operation that documents no response at all has no success.
- The media type is `application/json` when documented, else another JSON type
  (`application/problem+json`, `application/vnd.x+json`), else the first one listed;
  a response without `content` is sent with no body and no `Content-Type`.
- A body in a media type that is not JSON is its example when one is documented, else the
  schema's static value as text for `text/*` (`vgcontract.mock.static`), a stub for XML
  types, bytes for anything else.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vgcontract.mock.static import static_value

__all__ = ["Media", "success_key"]

_NO_CONTENT = {204, 205, 304}


def success_key(responses: Mapping[str, Any]) -> tuple[int, str] | None:
    """(status to send, key in `responses`) of the operation's success answer; None when it documents none."""
    keys = [str(key) for key in responses]
    two = sorted(key for key in keys if key.isdigit() and key.startswith("2"))
    if two:
        return int(two[0]), two[0]
    if "2XX" in {key.upper() for key in keys}:
        return 200, next(key for key in keys if key.upper() == "2XX")
    if "default" in keys:
        return 200, "default"
    for key in keys:  # as Prism: the first one documented, a range as its first code
        text = key.upper()
        if text.isdigit():
            return int(text), key
        if len(text) == 3 and text[0] in "12345" and text[1:] == "XX":
            return int(text[0]) * 100, key
    return None


@dataclass(frozen=True)
class Media:
    """One documented body: its media type, schema and example (None when absent)."""

    media_type: str | None  # None: the response documents no body
    schema: dict[str, Any] | None
    example: Any
    has_example: bool

    @classmethod
    def of(cls, response: Any, status: int) -> Media:
        """The body the mock sends for `response` (a dereferenced response object)."""
        content = response.get("content") if isinstance(response, dict) else None
        if status in _NO_CONTENT or not isinstance(content, dict) or not content:
            return cls(None, None, None, False)
        chosen = next((m for m in content if m.split(";")[0].strip().lower() == "application/json"), None)
        chosen = chosen or next((m for m in content if _is_json(m)), None) or next(iter(content))
        return cls.one(content, chosen)

    @classmethod
    def every(cls, response: Any, status: int) -> dict[str, Media]:
        """Every media type `response` documents, by name (empty when it documents no body)."""
        content = response.get("content") if isinstance(response, dict) else None
        if status in _NO_CONTENT or not isinstance(content, dict):
            return {}
        return {str(media): cls.one(content, media) for media in content}

    @classmethod
    def one(cls, content: Mapping[str, Any], chosen: str) -> Media:
        """The body documented under the media type `chosen` of a `content` map."""
        body = content[chosen] if isinstance(content[chosen], dict) else {}
        schema = body.get("schema") if isinstance(body.get("schema"), dict) else None
        if "example" in body:
            return cls(chosen, schema, body["example"], True)
        for example in (body.get("examples") or {}).values():
            if isinstance(example, dict) and "value" in example:
                return cls(chosen, schema, example["value"], True)
        return cls(chosen, schema, None, False)

    @property
    def is_json(self) -> bool:
        """True when the body is JSON (any `json` media type, or `*/*`)."""
        return self.media_type is not None and (_is_json(self.media_type) or self.media_type.strip() == "*/*")

    @property
    def content_type(self) -> bytes:
        """The `Content-Type` to send: the documented type, made concrete (`*/*` is JSON, `text/*` plain text)."""
        media = (self.media_type or "").strip()
        if media in {"*/*", ""}:
            return b"application/json"
        if media.endswith("/*"):
            return (media[:-1] + "plain").encode("latin-1")
        return media.encode("latin-1")

    @property
    def is_text(self) -> bool:
        """True for `text/*` media types."""
        return (self.media_type or "").strip().lower().startswith("text/")

    def raw_body(self) -> bytes:
        """A body in a media type that is not JSON: the example, else the schema's static value, else bytes."""
        if self.has_example:
            return self.example if isinstance(self.example, bytes) else str(self.example).encode("utf-8")
        media = (self.media_type or "").lower()
        if "xml" in media:
            return b'<?xml version="1.0"?><mock/>'
        if self.is_text or ((self.schema or {}).get("type") == "string" and "format" not in (self.schema or {})):
            value = static_value(self.schema or {"type": "string"})
            return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8")
        return b"\x00mock"


def _is_json(media: str) -> bool:
    base = media.split(";", maxsplit=1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or base.endswith("/json")
