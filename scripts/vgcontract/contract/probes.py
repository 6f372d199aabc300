"""The requests the contract run makes on purpose, besides the generated ones.

- **pinned conversations** (`known_conversation`): each configured ID is known to exist,
  so it must be served with a 200 that conforms and carries that ID as `data.ID`;
- **auth probes** (`ignored_auth`): no token, and a deliberately wrong one, must each get
  a documented, conforming 401 or 403;
- **method probes** (provider hygiene, a warning by default): `TRACE`, which no spec here
  declares, should get 405 with an `Allow` header (a 401 or 403 is fine too: many servers
  authenticate before they route), and an `Allow` that `OPTIONS` returns should list the
  declared methods. Both are sent *without* the token: a TRACE echoes its headers back.

A rate limit or an outage on any of these is inconclusive (`Session.exercise`), never a
violation: "expected 401, got 429" is not a finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vgcontract.contract.model import contract_finding
from vgcontract.findings import Finding
from vgcontract.live.http import unchecked_kind
from vgcontract.runtime.policy import SAFE_METHODS
from vgcontract.spec.load import HTTP_METHODS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from vgcontract.contract.pinned import PinnedRequest
    from vgcontract.contract.run import Session
    from vgcontract.spec.envelope import Envelope

__all__ = ["auth_probes", "method_probes", "pinned_conversations", "pinned_requests", "wrong_conversation"]

_INVALID_TOKEN = "vgcontract-invalid-token"  # noqa: S105 - deliberately wrong, sent by the auth probe
_IMPLICIT = frozenset({"HEAD", "OPTIONS"})  # frameworks answer these without the spec declaring them
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


def pinned_conversations(session: Session, operation: Any, envelope: Envelope) -> None:
    """Conversations known to exist must be served with a 200, must conform, and must be themselves."""
    from vgcontract.contract.run import conversation_id  # noqa: PLC0415 - run imports this module

    target = session.target
    for convo in target.convo_ids:
        case = operation.Case(path_parameters=target.conversation_parameters(convo))
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
        served = conversation_id(response.content, envelope)
        if served is not None and served != convo:
            session.result.add(wrong_conversation(convo, served, repro))


def pinned_requests(session: Session, operation: Any, requests: Sequence[PinnedRequest]) -> None:
    """Each pinned request (`vgcontract.contract.pinned`) must get a 2xx that passes every check."""
    target = session.target
    for pinned in requests:
        parameters = {**target.probe_parameters(operation.path), **pinned.path_parameters}
        method = operation.method.upper()
        touches = {str(v) for v in parameters.values()} & set(target.convo_ids)
        if method not in SAFE_METHODS and touches and not pinned.allow_pinned_write:
            reason = f"a write to pinned conversation {sorted(touches)[0]!r}: set allow-pinned-write to run it"
            session.result.not_run[f"{method} {operation.path} (pinned)"] = reason
            continue
        extra: dict[str, Any] = {"body": pinned.body, "media_type": "application/json"} if pinned.has_body else {}
        case = operation.Case(path_parameters=parameters, query=pinned.query or None, **extra)
        response = session.exercise(case, target.auth_headers, session.checks)
        if response is None or 200 <= response.status_code < 300:
            continue
        status = response.status_code
        message = f"a pinned request to {pinned.operation} was answered HTTP {status}, not a success"
        repro = session.reproduce(case, target.auth_headers)
        session.result.add(
            contract_finding("pinned_request", f"status {status}", message, status=status, reproduce=repro)
        )


def auth_probes(session: Session, operation: Any) -> None:
    """Without a token, and with a wrong one, the answer must be a documented, conforming 401 or 403.

    With the configured token the same request must not be a 401: the spec documents 401,
    so schemathesis would accept a gateway that refuses every valid token.
    """
    target = session.target
    conformance = [c for c in session.checks if c.__name__ in _CONFORMANCE_CHECKS]
    probe = operation.Case(path_parameters=target.probe_parameters(operation.path))
    for label, sent in (("no token", {}), ("an invalid token", {"Authorization": f"Bearer {_INVALID_TOKEN}"})):
        response = session.exercise(probe, sent, conformance)
        status = None if response is None else response.status_code
        if status is not None and status not in (401, 403):
            message = f"a request with {label} was answered HTTP {status}, not 401 or 403"
            repro = session.reproduce(probe, sent)
            session.result.add(
                contract_finding("ignored_auth", f"status {status}", message, status=status, reproduce=repro)
            )
    response = session.exercise(probe, target.auth_headers, conformance)
    if response is not None and response.status_code == 401:
        message = "a request with the configured token was answered HTTP 401"
        repro = session.reproduce(probe, target.auth_headers)
        session.result.add(contract_finding("valid_token_refused", "status 401", message, status=401, reproduce=repro))


def method_probes(session: Session, operation: Any) -> None:
    """TRACE gets 405 with `Allow`; an `Allow` from OPTIONS lists what the spec declares (hygiene)."""
    from vgcontract.contract.run import curl_command  # noqa: PLC0415 - run imports this module

    target = session.target
    path = target.path(operation.path, target.probe_parameters(operation.path))
    item = operation.schema.raw_schema["paths"][operation.path]
    declared = {m.upper() for m in item if m.lower() in HTTP_METHODS}
    label = f"{operation.method.upper()} {operation.path}"
    for method in ("TRACE", "OPTIONS"):
        response = session.send(method, path, {})
        if response is None:
            continue
        status, allow = response.status_code, response.headers.get("allow")
        repro = curl_command(target, method, path, {})
        kind = unchecked_kind(status)
        if kind is not None:
            message = f"HTTP {status} to {method}"
            session.inconclusive(kind, f"{method} status {status}", message, status=status, reproduce=repro)
            continue
        session.result.checked += 1
        kind, message = _judge(method, status, allow, declared)
        if kind:
            severity = session.plan.severity(kind)
            where, text = f"{method} {path}", f"{label}: {message}"
            session.result.add(contract_finding(kind, where, text, status=status, reproduce=repro, severity=severity))


def _judge(method: str, status: int, allow: str | None, declared: set[str]) -> tuple[str, str]:
    """(check, problem) for one method probe's answer; ("", "") when it is fine."""
    if method == "TRACE":
        if status in (401, 403):
            return "", ""
        if status != 405:
            return "unsupported_method", f"TRACE is not in the spec but was answered {status}, not 405"
        if not allow:
            return "unsupported_method", "405 without the `Allow` header RFC 9110 requires"
    if allow and (200 <= status < 300 or method == "TRACE"):
        advertised = {m.strip().upper() for m in (allow or "").split(",") if m.strip()}
        missing, extra = declared - advertised - _IMPLICIT, advertised - declared - _IMPLICIT
        if missing or extra:
            return "allow_header_conformance", f"`Allow: {allow}` does not match the spec's {sorted(declared)}"
    return "", ""
