"""The requests the contract run makes on purpose, besides the generated ones.

- **pinned conversations** (`known_conversation`): each configured ID is known to exist,
  so it must be served with a 200 that conforms and carries that ID as `data.ID`;
- **auth probes** (`ignored_auth`): no token, and a deliberately wrong one, must each get
  a documented, conforming 401 or 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vgcontract.contract.model import contract_finding
from vgcontract.findings import Finding

if TYPE_CHECKING:
    from vgcontract.contract.run import Session

__all__ = ["auth_probes", "pinned_conversations", "wrong_conversation"]

_INVALID_TOKEN = "vgcontract-invalid-token"  # noqa: S105 - deliberately wrong, sent by the auth probe
# The response checks that judge one answer on its own; the auth probes run only these.
_CONFORMANCE_CHECKS = frozenset(
    {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    }
)


def wrong_conversation(asked: str, served: str, reproduce: str) -> Finding:
    """The finding for a 200 that carries another conversation's `data.ID`.

    A cache keyed on the wrong thing serves someone else's conversation: the schema cannot
    see it, but `data.ID` is the requested `convoId` (as in the page's example).
    """
    message = f"asked for conversation {asked!r}, got {served[:80]!r}"
    return contract_finding(
        "known_conversation",
        "data.ID",
        message,
        status=200,
        reproduce=reproduce,
        title="Another conversation was served",
    )


def pinned_conversations(session: Session, operation: Any) -> None:
    """Conversations known to exist must be served with a 200, must conform, and must be themselves."""
    from vgcontract.contract.run import conversation_id  # noqa: PLC0415 - run imports this module

    target = session.target
    for convo in target.convo_ids:
        case = operation.Case(path_parameters={"agentId": target.agent_id, "convoId": convo})
        response = session.exercise(case, target.auth_headers, session.checks)
        if response is None:
            continue
        status, repro = response.status_code, session.reproduce(case, target.auth_headers)
        if status != 200:
            message = f"conversation {convo!r} is known to exist but the answer was HTTP {status}, not 200"
            session.result.add(
                contract_finding("known_conversation", f"status {status}", message, status=status, reproduce=repro)
            )
            continue
        served = conversation_id(response.content)
        if served is not None and served != convo:
            session.result.add(wrong_conversation(convo, served, repro))


def auth_probes(session: Session, operation: Any) -> None:
    """Without a token, and with a wrong one, the answer must be a documented, conforming 401 or 403."""
    target = session.target
    conformance = [c for c in session.checks if c.__name__ in _CONFORMANCE_CHECKS]
    probe = operation.Case(path_parameters={"agentId": target.agent_id, "convoId": target.convo_ids[0]})
    for label, sent in (("no token", {}), ("an invalid token", {"Authorization": f"Bearer {_INVALID_TOKEN}"})):
        response = session.exercise(probe, sent, conformance)
        status = None if response is None else response.status_code
        if status is not None and status not in (401, 403):
            message = f"a request with {label} was answered HTTP {status}, not 401 or 403"
            repro = session.reproduce(probe, sent)
            session.result.add(
                contract_finding("ignored_auth", f"status {status}", message, status=status, reproduce=repro)
            )
