"""Fault injection for the embedded mock: realistic contract breaks, applied on purpose.

`vgcontract mock --faults KIND[,KIND...]` serves responses that break the contract in one
named way each, so that `make selftest` can prove the contract suite notices. Modes that
break a field pick it from the spec, never from a list in this file: add, rename or
retype a field in `openapi/voiceglow.yaml` and the modes follow.

Which responses break is deterministic: a response breaks when a SHA-256 of
(seed, mode, request path) falls below `--fault-rate`. The same URL always gets the same
treatment, so a failure's `curl` reproduction shows the same break again.

This module holds the catalogue (`MODES`) and the plan (`FaultPlan`); the body-level
breaks are `vgcontract.mock.faults.injector.FaultInjector`'s, and the transport and auth
breaks are applied by `vgcontract.mock.app`, which owns status codes, headers and timing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from vgcontract.errors import UsageError

__all__ = ["AUTH_MODES", "BODY_MODES", "DEFAULT_SLOW_DELAY", "MODES", "FaultMode", "FaultPlan", "parse_modes"]

# Longer than the contract job's default timeout (VOICEGLOW_TIMEOUT, 10 s).
DEFAULT_SLOW_DELAY = 15.0


@dataclass(frozen=True)
class FaultMode:
    """One realistic contract break the mock can inject."""

    name: str
    family: str  # shape, envelope, transport or auth
    summary: str


MODES: tuple[FaultMode, ...] = (
    FaultMode("type-change", "shape", "a top-level scalar field of `data` changes JSON type"),
    FaultMode("nested-type-change", "shape", "a field inside an array of objects changes JSON type"),
    FaultMode("null-object", "shape", "a documented object becomes null"),
    FaultMode("array-to-object", "shape", "an array becomes an object keyed by index"),
    FaultMode("undocumented-field", "shape", "a new top-level field in `data`"),
    FaultMode("nested-undocumented-field", "shape", "a new field in the deepest documented nested object"),
    FaultMode("enum-new-value", "shape", "an enum field (`state`) gets a value the spec does not list"),
    FaultMode("timestamp-units", "shape", "an epoch-seconds timestamp is sent in milliseconds"),
    FaultMode("envelope-missing-data", "envelope", "the envelope loses `data`"),
    FaultMode("success-false-200", "envelope", "a 200 whose envelope says `success: false`"),
    FaultMode("html-200", "transport", "an HTML error page served as a 200"),
    FaultMode("json-500", "transport", "a 500 with a JSON error envelope instead of the conversation"),
    FaultMode("wrong-content-type", "transport", "the JSON body is served as text/plain"),
    FaultMode("truncated-body", "transport", "the body is cut in the middle of the JSON"),
    FaultMode("slow", "transport", "every answer comes after the client's timeout (--fault-delay)"),
    FaultMode("auth-ignored", "auth", "a 200 is served without a valid token"),
    FaultMode("auth-401-for-valid", "auth", "valid tokens are rejected with 401"),
    # A field removed or renamed, and error bodies broken: what a careless deploy does.
    FaultMode("required-field-missing", "shape", "a required field of the conversation is left out"),
    FaultMode("field-renamed", "shape", "a documented field is sent under another name (snake_case)"),
    FaultMode("error-envelope-drift", "envelope", "error answers (4xx/5xx) lose `success` and say `error`"),
    FaultMode("wrong-conversation", "shape", "another conversation is served (a cache keyed on the agent only)"),
)
_BY_NAME = {mode.name: mode for mode in MODES}
# The modes `FaultInjector.break_body` applies to 200 envelopes; the others live in `_mock`.
AUTH_MODES = frozenset(m.name for m in MODES if m.family == "auth")
BODY_MODES = frozenset(m.name for m in MODES if m.family == "shape") | {"envelope-missing-data", "success-false-200"}


def parse_modes(text: str) -> tuple[str, ...]:
    """`type-change,slow` -> the mode names, in order, without repeats. Raises `UsageError`."""
    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise UsageError("--faults needs at least one mode; --list-faults lists them")
    unknown = [n for n in names if n not in _BY_NAME]
    if unknown:
        raise UsageError(f"unknown fault mode {unknown[0]!r}; known: {', '.join(_BY_NAME)}")
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class FaultPlan:
    """Which breaks to apply, to what fraction of responses, and how slow `slow` is."""

    modes: tuple[str, ...] = ()
    rate: float = 1.0
    seed: int = 0
    delay: float = DEFAULT_SLOW_DELAY
    operation: str | None = None  # break only this operation (operationId or `METHOD /path`); None: all

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise UsageError(f"--fault-rate must be between 0 and 1, got {self.rate:g}")
        if not 0.0 < self.delay <= 600.0:
            raise UsageError(f"--fault-delay must be above 0 and at most 600 seconds, got {self.delay:g}")
        unknown = [m for m in self.modes if m not in _BY_NAME]
        if unknown:
            raise UsageError(f"unknown fault mode {unknown[0]!r}")

    def selects(self, mode: str, key: bytes) -> bool:
        """True when the response for request `key` gets `mode` (deterministic in seed and key)."""
        if mode not in self.modes or self.rate <= 0.0:
            return False
        if self.rate >= 1.0:
            return True
        digest = hashlib.sha256(f"{self.seed}\0{mode}\0".encode() + key).digest()
        return int.from_bytes(digest[:8], "big") / 2**64 < self.rate
