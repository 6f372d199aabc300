"""The contract run's data: the checks of our own, and the result of one run.

schemathesis judges each response with its response checks (`response_schema_conformance`
and friends). The checks that need more than one response, or no response at all, are
ours and are registered here with their severity:

    ignored_auth        no token or a wrong one must get a documented 401/403 (replaces
                        schemathesis' own, which re-sends through a second HTTP stack)
    known_conversation  a pinned conversation is served with a 200, as itself
    parseable_body      a JSON answer parses (not, say, nested 100,000 levels deep)
    pinned_request      a request pinned in config (`vgcontract.contract.pinned`) gets a 2xx
    valid_token_refused the configured token must not get a 401 on any operation that
                        takes one (a 401 is documented, so schemathesis accepts it)

Requests that get no checkable answer (a timeout, a dropped connection, a body over the
cap, a rate limit or outage that outlasts the retries, a spent run budget) are not
violations: they are kept apart as *inconclusive* (`ContractResult.inconclusive`), kinds
`timeout`, `connection`, `body-too-large`, `undecodable-body`, `budget-exhausted`,
`rate-limited`, `unavailable`.

Every contract finding's evidence holds `title`, `status` (or None) and `reproduce`, a
`curl` that repeats the request without the token.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
        ContractCheck("parseable_body", Severity.ERROR, "JSON answer that cannot be parsed"),
        ContractCheck("pinned_request", Severity.ERROR, "Pinned request refused"),
        ContractCheck("valid_token_refused", Severity.ERROR, "The configured token was refused"),
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
    inconclusive: list[Finding] = field(default_factory=list)  # requests that could not be checked
    seconds: float = 0.0
    transport_failures: int = 0  # requests that got no HTTP answer (timeouts, dropped connections)
    skipped: int = 0  # examples not sent: after too many transport failures, or past the run budget
    checked: int = 0  # answers that were judged
    per_operation: dict[str, dict[str, int]] = field(default_factory=dict)  # label -> examples, findings
    not_run: dict[str, str] = field(default_factory=dict)  # label -> why (a live write without opt-in)
    # The 200 answers to generated requests, for the drift check: schemathesis validates
    # against the spec, which accepts undocumented fields; the drift check does not.
    bodies: list[Record] = field(default_factory=list, repr=False)
    # The same for every other GET with a JSON success body, by operationId (or `GET /path`):
    # each is drift-checked against its own operation's schema.
    operation_bodies: dict[str, list[Record]] = field(default_factory=dict, repr=False)

    @property
    def violations(self) -> list[Finding]:
        """The findings that break the contract (errors); hygiene warnings are not among them."""
        return [f for f in self.findings if f.severity >= Severity.ERROR]

    @property
    def passed(self) -> bool:
        """True when nothing broke the contract."""
        return not self.violations

    def add(self, finding: Finding) -> None:
        """Keep `finding` unless the same check already failed the same way at the same place."""
        key = (finding.kind, finding.evidence.get("title"), finding.location)
        if all((f.kind, f.evidence.get("title"), f.location) != key for f in self.findings):
            self.findings.append(finding)

    def add_inconclusive(self, finding: Finding) -> None:
        """Keep one inconclusive finding per (kind, location); count the others in its evidence."""
        for index, kept in enumerate(self.inconclusive):
            if (kept.kind, kept.location) == (finding.kind, finding.location):
                count = int(kept.evidence.get("count", 1)) + 1
                self.inconclusive[index] = replace(kept, evidence={**kept.evidence, "count": count})
                return
        self.inconclusive.append(finding)
