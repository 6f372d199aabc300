"""The main job behind `make contract`: schemathesis checks, then the drift check on real bodies.

`run_main_job` returns plain data (`MainJobResult`); the CLI renders it and picks the exit
code, and `make selftest` runs the same function against the mock in every drift mode, so
the suite that is measured is exactly the suite that CI runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from vgcontract.contract.run import (
    ContractResult,
    conversation_id,
    curl_command,
    preflight,
    run_contract,
    wrong_conversation,
)
from vgcontract.drift.engine import run_drift
from vgcontract.drift.model import DriftReport, Record
from vgcontract.drift.schema import DriftSchema
from vgcontract.findings import Severity
from vgcontract.live.fetch import live_records
from vgcontract.live.target import MOCK_CONVO_IDS, ContractConfig, LiveOptions
from vgcontract.spec.load import load_spec

__all__ = ["MainJobResult", "run_main_job"]


@dataclass
class MainJobResult:
    """The two halves of the main job: the schemathesis run and the drift report."""

    contract: ContractResult
    drift: DriftReport

    @property
    def findings(self) -> int:
        """Contract failures plus drift paths, at every severity (info included)."""
        return len(self.contract.failures) + len(self.drift.aggregates)

    def fails(self, threshold: Severity) -> bool:
        """True when the job must fail: any contract failure, or drift at or above `threshold`."""
        return bool(self.contract.failures) or self.drift.fails(threshold)


def _identity_checked(records: Iterator[Record], config: ContractConfig, contract: ContractResult) -> Iterator[Record]:
    """Pass the fetched records through; each 200 must be the conversation that was asked for."""
    auth = {"Authorization": f"Bearer {config.token}"}
    for record in records:
        served = conversation_id(record.body) if record.status == 200 else None
        if served is not None and served != record.ref:
            path = f"/agents/{quote(config.agent_id, safe='')}/convos/{quote(record.ref, safe='')}"
            contract.add(wrong_conversation(record.ref, served, curl_command(config, path, auth)))
        yield record


def run_main_job(config: ContractConfig, *, drift_ids: Sequence[str] | None = None) -> MainJobResult:
    """Preflight, then the contract run, then the drift check on real bodies.

    The drift check reads the conversations in `drift_ids` (default: the configured IDs
    live, a wider sample on the embedded mock) with the run's own timeout, so a slow
    target is bounded by it too, plus every 200 body the contract run received.
    """
    preflight(config)
    contract = run_contract(config)
    ids = drift_ids or (config.convo_ids if config.live else MOCK_CONVO_IDS)
    # Bounded so a rate-limiting or stalled target cannot hold CI: two retries, waits of 5 s at most.
    options = LiveOptions(
        read_timeout=config.timeout, connect_timeout=min(5.0, config.timeout), retries=2, max_retry_wait=5.0
    )
    schema = DriftSchema.from_spec(load_spec())
    # The fetched conversations first, then every 200 the contract run received.
    fetched = _identity_checked(live_records(config, ids, options), config, contract)
    records = itertools.chain(fetched, contract.bodies)
    source = f"live {config.target}: {len(ids)} conversation(s) + {len(contract.bodies)} answer(s) from the run"
    report = run_drift(records, schema, source=source)
    return MainJobResult(contract, report)
