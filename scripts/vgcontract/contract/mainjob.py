"""The main job behind `make contract`: the contract run, then the drift check on real bodies.

`run_main_job` returns plain data (`MainJobResult`); the CLI renders it and picks the exit
code, and `make selftest` runs the same function against the mock in every fault mode, so
the suite that is measured is exactly the suite that CI runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from vgcontract.contract.checks import CheckPlan
from vgcontract.contract.model import ContractResult
from vgcontract.contract.pinned import PinnedRequest
from vgcontract.contract.probes import wrong_conversation
from vgcontract.contract.run import conversation_id, curl_command, run_contract
from vgcontract.drift.engine import run_drift
from vgcontract.drift.model import DriftReport, Record
from vgcontract.drift.schema import DriftSchema
from vgcontract.findings import Finding, Severity
from vgcontract.live.fetch import LiveOptions, live_records
from vgcontract.live.target import FETCH_MARK, Target, conversation_operation
from vgcontract.spec.envelope import Envelope

__all__ = ["IdentityCheck", "MainJobResult", "run_main_job"]


@dataclass
class MainJobResult:
    """The main job's three parts: the contract run, the identity of what was fetched, the drift report."""

    contract: ContractResult
    drift: DriftReport
    identity: list[Finding] = field(default_factory=list)
    # The other GET operations' answers from the run, each checked against its own schema.
    operation_drift: list[DriftReport] = field(default_factory=list)

    @property
    def drift_reports(self) -> list[DriftReport]:
        """Every drift report of the job: the fetched operation's first."""
        return [self.drift, *self.operation_drift]

    @property
    def contract_findings(self) -> list[Finding]:
        """The contract run's findings and the identity check's, in that order."""
        return [*self.contract.findings, *self.identity]

    @property
    def findings(self) -> int:
        """Every finding of the job, at every severity (info included); inconclusive requests are not findings."""
        return len(self.contract_findings) + sum(len(r.findings) for r in self.drift_reports)

    @property
    def inconclusive(self) -> int:
        """Requests that could not be checked, in both halves (rate limits, timeouts, budget, never sent)."""
        counted = sum(int(f.evidence.get("count", 1)) for f in self.contract.inconclusive) + self.contract.skipped
        return counted + sum(r.inconclusive for r in self.drift_reports)

    def fails(self, threshold: Severity) -> bool:
        """True when the contract is violated: a contract error, or drift at or above `threshold`."""
        violated = any(f.severity >= Severity.ERROR for f in self.contract_findings)
        return violated or any(r.fails(threshold) for r in self.drift_reports)


class IdentityCheck:
    """Each fetched 200 must be the conversation that was asked for (`Record.ref`).

    Like the contract run, it keeps one finding per place (the first mismatch, with its
    reproduction) and counts the others in `mismatches`.
    """

    def __init__(self, target: Target, envelope: Envelope | None = None) -> None:
        self.target = target
        if envelope is None:  # the fetched operation's, from the target's spec
            envelope = DriftSchema.from_spec(target.spec, target.fetched_operation()).envelope
        self.envelope = envelope
        self.findings: list[Finding] = []
        self.mismatches = 0

    def check(self, record: Record) -> None:
        """Note `record` when it is a 200 carrying another conversation's ID."""
        served = conversation_id(record.body, self.envelope) if record.status == 200 else None
        if served is None or served == record.ref:
            return
        self.mismatches += 1
        if not self.findings:
            path = self.target.conversation_path(record.ref)
            repro = curl_command(self.target, "GET", path, self.target.auth_headers)
            self.findings.append(wrong_conversation(record.ref, served, repro))

    def watch(self, records: Iterable[Record]) -> Iterator[Record]:
        """Pass `records` through unchanged, checking each on the way."""
        for record in records:
            self.check(record)
            yield record


def run_main_job(
    target: Target,
    *,
    drift_ids: Sequence[str] | None = None,
    plan: CheckPlan | None = None,
    allow_writes: bool = False,
    pinned: Sequence[PinnedRequest] = (),
    on_operation: Callable[[int], None] | None = None,
) -> MainJobResult:
    """The contract run, then the drift check on the fetched conversations and the run's 200 bodies.

    The drift check reads `drift_ids` (default: the target's sample) with the run's own
    timeout, so a slow target is bounded by it too.
    """
    contract = run_contract(target, plan=plan, allow_writes=allow_writes, pinned=pinned, on_operation=on_operation)
    ids = drift_ids or target.sample_ids
    # Bounded so a rate-limiting or stalled target cannot hold CI: two retries, waits of 5 s at most.
    options = LiveOptions(max_record_bytes=target.max_body_bytes)
    spec = target.spec
    others = [
        run_drift(
            bodies,
            DriftSchema.from_spec(spec, operation),
            source=f"live {target.label}: {len(bodies)} answer(s) from the run",
            spec_name=target.spec.shown,
        )
        for operation, bodies in sorted(contract.operation_bodies.items())
        if bodies
    ]
    if conversation_operation(spec) is None:
        # Another API's spec: nothing to fetch by conversation ID; its GETs' answers are still checked.
        note = f"the spec marks no GET `{FETCH_MARK}: true`: no conversations were fetched by ID"
        first = others.pop(0) if others else DriftReport(source=f"live {target.label}", spec=target.spec.shown)
        first.notes.append(note)
        return MainJobResult(contract, first, [], others)
    schema = DriftSchema.from_spec(spec, target.fetched_operation())
    identity = IdentityCheck(target, schema.envelope)
    records = itertools.chain(identity.watch(live_records(target, ids, options)), contract.bodies)
    source = f"live {target.label}: {len(ids)} conversation(s) + {len(contract.bodies)} answer(s) from the run"
    report = run_drift(records, schema, source=source, spec_name=target.spec.shown)
    return MainJobResult(contract, report, identity.findings, others)
