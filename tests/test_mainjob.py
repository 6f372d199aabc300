"""The main job: the contract run and the drift check, over the same answers."""

from __future__ import annotations

import orjson

from vgcontract.contract.mainjob import _identity_checked, run_main_job
from vgcontract.contract.run import ContractResult
from vgcontract.drift.model import Record
from vgcontract.live.target import ContractConfig


def test_main_job_reads_the_contract_runs_answers_too() -> None:
    job = run_main_job(ContractConfig(examples=5))
    assert job.contract.bodies
    assert job.drift.read == 25 + len(job.contract.bodies)
    assert job.findings == 0


def _record(asked: str, served: str, status: int = 200) -> Record:
    body = orjson.dumps({"success": True, "message": "ok", "data": {"ID": served}})
    return Record(asked, body, status, "application/json")


def test_every_fetched_conversation_must_be_the_one_asked_for() -> None:
    config = ContractConfig(base_url="https://api.example.test/v3", token="sk-hidden", agent_id="a/1")
    contract = ContractResult("t", [], [])
    records = [_record("c1", "c1"), _record("c2", "c9"), _record("c3", "c8"), _record("c4", "c7", status=404)]
    assert list(_identity_checked(iter(records), config, contract)) == records  # nothing is lost
    [failure] = contract.failures  # one failure per (check, title, path), the first sample kept
    assert (failure.check, failure.path) == ("known_conversation", "data.ID")
    assert failure.message == "asked for conversation 'c2', got 'c9'"
    assert failure.reproduce.endswith("https://api.example.test/v3/agents/a%2F1/convos/c2")
    assert "sk-hidden" not in repr(failure)
    assert "$VOICEGLOW_API_TOKEN" in failure.reproduce
