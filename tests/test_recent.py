"""`vgcontract.Recent`: what a process keeps so it is not made again."""

from __future__ import annotations

import functools

import pytest

from vgcontract import Recent


def test_a_value_is_made_once_and_the_oldest_is_forgotten_first() -> None:
    made: list[str] = []

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    recent: Recent[str] = Recent(2)
    assert [recent.get_or_make(k, functools.partial(make, k)) for k in "abacab"] == list("ABACAB")
    # "a" was used again before "c" came, so "b" was the oldest and was made again.
    assert made == ["a", "b", "c", "b"]


def test_a_failed_make_keeps_nothing_and_none_is_kept() -> None:
    recent: Recent[int | None] = Recent(4)

    def fail() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        recent.get_or_make("k", fail)
    assert recent.get_or_make("k", lambda: 7) == 7
    assert recent.get_or_make("n", lambda: None) is None
    assert recent.get_or_make("n", fail) is None  # a kept None is an answer, not a miss
