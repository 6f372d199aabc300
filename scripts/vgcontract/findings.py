"""Findings: what a check found, as plain data.

Checks return findings; they never print or exit. The CLI decides how to render them
and which exit code they mean.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Finding", "Severity", "worst"]


class Severity(enum.IntEnum):
    """How bad a finding is. Ordered, so `severity >= Severity.WARNING` reads naturally."""

    HINT = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a check.

    `code` names the rule (e.g. `path-params`), `path` is where it applies as a
    dotted/JSON-pointer-like location, and `message` is one line for a human.
    """

    code: str
    severity: Severity
    path: str
    message: str

    def render(self) -> str:
        """One line: `severity  code  path  message`."""
        return f"{self.severity!s:<7}  {self.code}  {self.path or '$'}  {self.message}"


def worst(findings: list[Finding]) -> Severity | None:
    """The highest severity among `findings`, or None when there are none."""
    return max((f.severity for f in findings), default=None)
