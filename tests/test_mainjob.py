"""The main job: the contract run and the drift check, over the same answers."""

from __future__ import annotations

import orjson

from tests.paths import SPEC
from vgcontract.contract import IdentityCheck, run_main_job
from vgcontract.drift import Record
from vgcontract.live import Target, resolve_target
from vgcontract.spec import load_spec


def test_main_job_reads_the_contract_runs_answers_too() -> None:
    target = resolve_target({}, spec=load_spec(SPEC), examples=5)
    job = run_main_job(target)
    assert job.contract.bodies
    assert job.drift.read == len(target.sample_ids) + len(job.contract.bodies)
    assert job.findings == 0


def _record(asked: str, served: str, status: int = 200) -> Record:
    body = orjson.dumps({"success": True, "message": "ok", "data": {"ID": served}})
    return Record(asked, body, status, "application/json")


def test_every_fetched_conversation_must_be_the_one_asked_for() -> None:
    target = Target(load_spec(SPEC), "https://api.example.test/v3", "sk-hidden", "a/1", ("c1",), ("c1",))
    identity = IdentityCheck(target)
    records = [_record("c1", "c1"), _record("c2", "c9"), _record("c3", "c8"), _record("c4", "c7", status=404)]
    assert list(identity.watch(iter(records))) == records  # nothing is lost
    [finding] = identity.findings  # one finding per place, the first sample kept; the others counted
    assert identity.mismatches == 2
    assert (finding.kind, finding.location) == ("known_conversation", "data.ID")
    assert finding.message == "asked for conversation 'c2', got 'c9'"
    assert finding.evidence["reproduce"].endswith("https://api.example.test/v3/agents/a%2F1/convos/c2")
    assert "sk-hidden" not in repr(finding)
    assert "$VOICEGLOW_API_TOKEN" in finding.evidence["reproduce"]
