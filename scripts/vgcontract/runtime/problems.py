"""How a shape problem names its place (a JSON path) and what it found there (a bounded description)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["child_path", "describe", "item_path"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@functools.lru_cache(maxsize=8192)
def child_path(path: str, key: str) -> str:
    """``$.a.b``, or ``$["odd key"]`` for a key that is not an identifier (cached: paths repeat)."""
    return f"{path}.{key}" if _IDENTIFIER.match(key) else f"{path}[{json.dumps(key)}]"


@functools.lru_cache(maxsize=8192)
def item_path(path: str, index: int) -> str:
    """``$.a[3]`` (cached: paths repeat)."""
    return f"{path}[{index}]"


def describe(value: Any) -> str:
    """A short, bounded description of a JSON value for a problem report."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {json.dumps(value)}"
    if isinstance(value, float):
        return f"number {value!r}"
    if isinstance(value, int):
        # str() of a huge int is slow, and refused past 4,300 digits.
        if abs(value) < 10**30:
            return f"integer {value}"
        return f"integer of about {int(value.bit_length() * 0.30103)} digits"
    if isinstance(value, str):
        # Never a cut-off string: a truncated secret could not be scrubbed afterwards.
        return f"string {json.dumps(value)}" if len(value) <= 40 else f"string of {len(value)} characters"
    if isinstance(value, list):
        return f"array of {len(value)}"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__
