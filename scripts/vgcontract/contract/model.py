"""The contract run's data: the checks of our own, and the result of one run.

schemathesis judges each response with its response checks (`response_schema_conformance`
and friends). The checks that need more than one response, or no response at all, are
ours and are registered here with their severity:

    ignored_auth        no token or a wrong one must get a documented 401/403 (replaces
                        schemathesis' own, which re-sends through a second HTTP stack)
    known_conversation  a pinned conversation is served with a 200, as itself
    response_time       no answer within VOICEGLOW_TIMEOUT
    transport           the connection failed before a complete answer

Every contract finding's evidence holds `title`, `status` (or None) and `reproduce`, a
`curl` that repeats the request without the token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vgcontract.drift.model import Record
from vgcontract.findings import Finding, Severity

__all__ = ["CHECKS", "ContractCheck", "ContractResult", "contract_finding"]


@dataclass(frozen=True)
class ContractCheck:
    """One check of our own: its name, severity and the title its findings carry."""

    name: str
    severity: Severity
    title: str


CHECKS: dict[str, ContractCheck] = {
    check.name: check
    for check in (
        ContractCheck("ignored_auth", Severity.ERROR, "Request without valid credentials served"),
        ContractCheck("known_conversation", Severity.ERROR, "Known conversation not served"),
        ContractCheck("response_time", Severity.ERROR, "Response timed out"),
        ContractCheck("transport", Severity.ERROR, "No complete HTTP answer"),
    )
}


def contract_finding(
    kind: str,
    location: str,
    message: str,
    *,
    status: int | None,
    reproduce: str,
    title: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A contract finding: a registered check's severity and title unless given (schemathesis' checks)."""
    check = CHECKS.get(kind)
    evidence: dict[str, Any] = {
        "title": title or (check.title if check else kind),
        "status": status,
        "reproduce": reproduce,
    }
    level = severity or (check.severity if check else Severity.ERROR)
    return Finding(kind, level, location, message, evidence)


@dataclass
class ContractResult:
    """Everything a report needs about one run."""

    target: str
    operations: list[str]
    checks: list[str]
    examples: int = 0
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    transport_failures: int = 0  # requests that got no HTTP answer (timeouts, dropped connections)
    skipped: int = 0  # examples not sent after too many transport failures
    # The 200 answers to generated requests, for the drift check: schemathesis validates
    # against the spec, which accepts undocumented fields; the drift check does not.
    bodies: list[Record] = field(default_factory=list, repr=False)

    @property
    def passed(self) -> bool:
        """True when no check failed."""
        return not self.findings

    def add(self, finding: Finding) -> None:
        """Keep `finding` unless the same check already failed the same way at the same place."""
        key = (finding.kind, finding.evidence.get("title"), finding.location)
        if all((f.kind, f.evidence.get("title"), f.location) != key for f in self.findings):
            self.findings.append(finding)
