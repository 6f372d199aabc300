"""An operation's lifecycle: ``deprecated``, its sunset date (``x-sunset``) and ``x-stability-level``.

What a removal means depends on it: an operation removed after its announced sunset is
reported as such, one removed before it as a broken promise. Stability levels rank
``draft`` < ``alpha`` < ``beta`` < ``stable``; a level going down, or one that is not among
them, is breaking (a client cannot tell what it may rely on). Operations at ``draft`` or
``alpha`` may change without notice, so their removal is not breaking.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

__all__ = ["Lifecycle", "lifecycle"]

_RANK = {"draft": 0, "alpha": 1, "beta": 2, "stable": 3}
UNSTABLE = frozenset({"draft", "alpha"})


class Lifecycle:
    """One operation's deprecation, sunset and stability, read leniently."""

    def __init__(self, node: Mapping[str, Any], today: datetime.date) -> None:
        self.deprecated = node.get("deprecated") is True
        self.stability = node.get("x-stability-level")
        self.sunset_text = node.get("x-sunset")
        self.sunset: datetime.date | None = None
        self.sunset_invalid = False
        if self.sunset_text is not None:
            try:
                self.sunset = datetime.date.fromisoformat(str(self.sunset_text)[:10])
            except ValueError:
                self.sunset_invalid = True
        self.today = today

    @property
    def rank(self) -> int | None:
        """The stability level's rank; None when absent or not a known level."""
        return _RANK.get(self.stability) if isinstance(self.stability, str) else None

    @property
    def stability_invalid(self) -> bool:
        """A level is given and is not one of draft, alpha, beta, stable."""
        return self.stability is not None and self.rank is None

    @property
    def unstable(self) -> bool:
        """Marked draft or alpha: free to change."""
        return self.stability in UNSTABLE

    @property
    def sunset_passed(self) -> bool:
        """Deprecated with a sunset date that is today or earlier."""
        return self.deprecated and self.sunset is not None and self.sunset <= self.today


def lifecycle(node: Any, today: datetime.date | None = None) -> Lifecycle:
    """The lifecycle of an operation or path item (an empty one for anything else)."""
    return Lifecycle(node if isinstance(node, Mapping) else {}, today or datetime.datetime.now(datetime.UTC).date())
