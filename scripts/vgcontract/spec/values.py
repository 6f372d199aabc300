"""Values that keep a schema's constraints: numbers within bounds, formatted and sized strings.

Shared by the mock (`mock.data`) and by the client's test double, which ships a copy of
this file as `testing/_values.py` (the generated client never imports vgcontract). So it
imports nothing but the standard library.

- numbers honour `minimum`, `maximum`, their `exclusive` forms (3.1 numbers, 3.0 booleans)
  and `multipleOf`; without bounds they stay small and non-negative (0..500, 0..100);
- a string `format` the drift check validates gets a valid value (`date-time`, `date`,
  `time`, `uuid`, `ipv4`, `ipv6`, `hostname`);
- `minLength` and `maxLength` are kept by padding or cutting.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["FORMATS", "fitted", "formatted", "integer", "number"]

_INTEGER_SPAN, _NUMBER_SPAN = 500, 100.0


def _bound(schema: Mapping[str, Any], name: str, exclusive: str) -> tuple[float | None, bool]:
    """A bound and whether it is exclusive, in either spelling (3.1 number, 3.0 boolean flag)."""
    value, flag = schema.get(exclusive), schema.get(name)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), True
    if isinstance(flag, int | float) and not isinstance(flag, bool):
        return float(flag), value is True
    return None, False


def _span(schema: Mapping[str, Any], step: float, default_span: float) -> tuple[float, float]:
    """The inclusive range to draw from: the bounds (exclusive ones moved in by `step`), else small positives."""
    low, low_open = _bound(schema, "minimum", "exclusiveMinimum")
    high, high_open = _bound(schema, "maximum", "exclusiveMaximum")
    lo = None if low is None else low + step if low_open else low
    hi = None if high is None else high - step if high_open else high
    start = 0.0 if lo is None or (lo < 0 and (hi is None or hi >= 0)) else lo  # non-negative when allowed
    if hi is None:
        return start, max(start, 0.0) + default_span if start > default_span else default_span
    if start > hi:
        start = hi - default_span if lo is None else lo
    return start, max(start, hi)


def integer(schema: Mapping[str, Any], rng: random.Random) -> int:
    """An integer within the schema's bounds and `multipleOf`."""
    lo, hi = _span(schema, 1.0, _INTEGER_SPAN)
    step = schema.get("multipleOf")
    if isinstance(step, int) and not isinstance(step, bool) and step > 0:
        first, last = math.ceil(lo / step), math.floor(hi / step)
        return rng.randint(first, max(first, last)) * step
    return rng.randint(math.ceil(lo), max(math.ceil(lo), math.floor(hi)))


def number(schema: Mapping[str, Any], rng: random.Random) -> float:
    """A number within the schema's bounds, with at most two decimals (kept inside the bounds)."""
    lo, hi = _span(schema, 0.01, _NUMBER_SPAN)
    step = schema.get("multipleOf")
    if isinstance(step, int | float) and not isinstance(step, bool) and step > 0:
        first, last = math.ceil(lo / step), math.floor(hi / step)
        return float(rng.randint(first, max(first, last)) * step)
    value = round(rng.uniform(lo, hi), 2)
    return min(max(value, lo), hi)


def _datetime(rng: random.Random) -> str:
    return f"{_date(rng)}T{_time(rng)}"


def _date(rng: random.Random) -> str:
    return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _time(rng: random.Random) -> str:
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"


FORMATS: dict[str, Callable[[random.Random], str]] = {
    "date-time": _datetime,
    "date": _date,
    "time": _time,
    "uuid": lambda rng: "-".join(f"{rng.getrandbits(n * 4):0{n}x}" for n in (8, 4, 4, 4, 12)),
    "ipv4": lambda rng: f"203.0.113.{rng.randint(1, 254)}",  # TEST-NET-3: never a real host
    "ipv6": lambda rng: f"2001:db8::{rng.randint(1, 0xFFFF):x}",  # the documentation prefix
    "hostname": lambda rng: f"host-{rng.randint(1, 999)}.example.com",
}
"""String formats with a generator: each value is valid for its format."""


def formatted(fmt: Any, rng: random.Random) -> str | None:
    """A valid value for the string format `fmt`, or None when it has no generator here."""
    make = FORMATS.get(fmt) if isinstance(fmt, str) else None
    return make(rng) if make is not None else None


def fitted(text: str, schema: Mapping[str, Any]) -> str:
    """`text` padded or cut to the schema's `minLength` and `maxLength`."""
    low, high = schema.get("minLength"), schema.get("maxLength")
    if isinstance(high, int) and not isinstance(high, bool) and len(text) > high:
        text = text[:high]
    if isinstance(low, int) and not isinstance(low, bool) and len(text) < low:
        text += "x" * (low - len(text))
    return text
