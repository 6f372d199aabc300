"""What a process made lately, kept by key so it is not made again: a small, thread-safe LRU.

Used where making is costly and the result is a function of its key alone: a spec text's
data (`spec.read`), a mock body (`mock.data`), a drift fast path (`drift.fastpath`), the
generator's output (`client.generate`). A
caller that hands the value out for changing copies it (`spec.plain.copied`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Recent"]

V = TypeVar("V")


class Recent(Generic[V]):
    """The last `entries` values made, by key; the oldest is forgotten first."""

    def __init__(self, entries: int) -> None:
        self._entries = entries
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for `key`, else `make()` kept and returned (an exception keeps nothing).

        `make` runs outside the lock: two threads asking for the same new key may both make it.
        """
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._entries:
                self._values.popitem(last=False)
        return value
