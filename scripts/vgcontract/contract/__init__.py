"""The contract run and the main job: schemathesis checks through the target's client, our own
probes (auth, pinned conversations), then the drift check on the bodies received.
"""

from vgcontract.contract.mainjob import IdentityCheck, MainJobResult, run_main_job
from vgcontract.contract.model import CHECKS, ContractCheck, ContractResult, contract_finding
from vgcontract.contract.probes import auth_probes, pinned_conversations, wrong_conversation
from vgcontract.contract.run import Session, conversation_id, curl_command, preflight, run_contract

__all__ = [
    "CHECKS",
    "ContractCheck",
    "ContractResult",
    "IdentityCheck",
    "MainJobResult",
    "Session",
    "auth_probes",
    "contract_finding",
    "conversation_id",
    "curl_command",
    "pinned_conversations",
    "preflight",
    "run_contract",
    "run_main_job",
    "wrong_conversation",
]
