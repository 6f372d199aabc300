"""Reading the VoiceGlow documentation page: its response schema and its example.

The page (a text capture of the Get Single Conversation docs) shows the response schema
as a JSON object whose leaves are placeholders (`"<string>"`, `123`, `true`, ...), and an
"Example Response". These functions turn both into data, so that a new capture of the
page can be compared with the spec mechanically.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vgcontract.errors import InputError

__all__ = ["DocumentedField", "documented_fields", "page_example", "page_response_schema", "placeholder_kind"]

_SCHEMA_ANCHOR = "Bearer <token>'"
_EXAMPLE_ANCHOR = "Example Response"


@dataclass(frozen=True, slots=True)
class DocumentedField:
    """A leaf of the page's response schema: `data.handoffHistory[].teamIds` and its placeholder kind."""

    path: str
    placeholder: str

    def as_json(self) -> dict[str, str]:
        """The fixture form of this field."""
        return {"path": self.path, "placeholder": self.placeholder}


def _json_after(text: str, anchor: str) -> Any:
    start = text.find(anchor)
    if start < 0:
        raise InputError(f"documentation page: no {anchor!r} section")
    brace = text.find("{", start + len(anchor))
    if brace < 0:
        raise InputError(f"documentation page: no JSON after {anchor!r}")
    try:
        value, _ = json.JSONDecoder().raw_decode(text[brace:])
    except json.JSONDecodeError as exc:
        raise InputError(f"documentation page: the JSON after {anchor!r} is malformed: {exc.msg}") from None
    return value


def page_response_schema(text: str) -> dict[str, Any]:
    """The first response-schema JSON block of the page (after the curl sample)."""
    value = _json_after(text, _SCHEMA_ANCHOR)
    if not isinstance(value, dict):
        raise InputError("documentation page: the response schema is not an object")
    return value


def page_example(text: str) -> dict[str, Any]:
    """The page's "Example Response" body."""
    value = _json_after(text, _EXAMPLE_ANCHOR)
    if not isinstance(value, dict):
        raise InputError("documentation page: the example response is not an object")
    return value


def placeholder_kind(value: Any) -> str:
    """Name the type a placeholder stands for: string, number, boolean, unknown, array, object, array<T>."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value == "<unknown>":
        return "unknown"
    if value == "<array>":
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return f"array<{placeholder_kind(value[0])}>" if value else "array"
    if isinstance(value, dict) and not value:
        return "object"
    return "unknown"


def _leaves(node: Any, path: str) -> Iterator[DocumentedField]:
    if isinstance(node, dict) and node:
        for key, value in node.items():
            yield from _leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list) and node and isinstance(node[0], dict) and node[0]:
        yield from _leaves(node[0], f"{path}[]")
    else:
        yield DocumentedField(path, placeholder_kind(node))


def documented_fields(text: str) -> list[DocumentedField]:
    """Every leaf field of the page's response schema, envelope included, in page order."""
    return list(_leaves(page_response_schema(text), ""))
