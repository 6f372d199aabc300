"""Findings: what a check found, as plain data. One family for every engine.

Lint, spec-diff, the contract run, the drift check, vendoring and the version gate all
return `Finding` values. They never print or exit: renderers in `vgcontract.reporting`
turn findings into text, and only the CLI turns them into an exit code.

    Finding(kind, severity, location, message, evidence)

- `kind` names the rule or check that fired (`path-params`, `type-changed`,
  `response_schema_conformance`, `type-mismatch`, `modified`, `bump-too-small`); each
  engine registers its kinds with their default severity.
- `location` says where: a JSON pointer into the spec, a JSON path into a response body
  (`data.handoffHistory[].teamIds`), `status 500`, or a file path.
- `evidence` holds what backs the finding up, JSON-ready (a reproduction, masked samples,
  counts); renderers show the keys they know and ignore the rest.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Finding", "Severity", "worst"]


class Severity(enum.IntEnum):
    """How bad a finding is. Ordered, so `severity >= Severity.WARNING` reads naturally.

    `ERROR` is also what spec-diff calls *breaking*, and the contract run *violated*.
    """

    HINT = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        """`"warning"` -> `Severity.WARNING` (case-insensitive; `breaking` is `ERROR`)."""
        key = name.strip().upper()
        return cls.ERROR if key == "BREAKING" else cls[key]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found: which rule, how bad, where, one line for a human, and evidence."""

    kind: str
    severity: Severity
    location: str
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def render(self) -> str:
        """One line: `severity  kind  location  message`. Never wrapped: grep and copy work."""
        return f"{self.severity!s:<7}  {self.kind}  {self.location or '$'}  {self.message}"

    def as_json(self) -> dict[str, Any]:
        """JSON-ready data: the four fields and the evidence."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "severity": str(self.severity),
            "location": self.location,
            "message": self.message,
        }
        if self.evidence:
            out["evidence"] = dict(self.evidence)
        return out


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The highest severity among `findings`, or None when there are none."""
    return max((f.severity for f in findings), default=None)
