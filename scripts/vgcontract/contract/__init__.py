"""The contract run and the main job: schemathesis checks through the bounded layer, our own
probes (auth, pinned conversations, method hygiene), then the drift check on the bodies received.
"""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
    from vgcontract.contract.checks import HYGIENE_CHECKS, RESENDING_CHECKS, SHAPE_CHECKS, CheckPlan, check_plan
    from vgcontract.contract.mainjob import IdentityCheck, MainJobResult, run_main_job
    from vgcontract.contract.model import CHECKS, ContractCheck, ContractResult, contract_finding
    from vgcontract.contract.pinned import load_pinned
    from vgcontract.contract.probes import auth_probes, method_probes, pinned_conversations, wrong_conversation
    from vgcontract.contract.run import (
        Session,
        case_request,
        conversation_id,
        curl_command,
        preflight,
        redacted,
        run_contract,
    )

__getattr__, __dir__ = _lazy_face(__name__, __file__)

__all__ = [
    "CHECKS",
    "HYGIENE_CHECKS",
    "RESENDING_CHECKS",
    "SHAPE_CHECKS",
    "CheckPlan",
    "ContractCheck",
    "ContractResult",
    "IdentityCheck",
    "MainJobResult",
    "Session",
    "auth_probes",
    "case_request",
    "check_plan",
    "contract_finding",
    "conversation_id",
    "curl_command",
    "load_pinned",
    "method_probes",
    "pinned_conversations",
    "preflight",
    "redacted",
    "run_contract",
    "run_main_job",
    "wrong_conversation",
]
