"""The contract run behind `make contract`: schemathesis cases, sent through the bounded layer.

schemathesis generates the requests and judges each answer with its response checks; the
requests themselves go out through the run's one bounded client (`Target.client()`,
`vgcontract.live.http`), so every one has a total deadline, a body cap, safe retries and
the run budget, and the embedded mock needs no special path. The run keeps going after a
failure and collects every distinct one, so one report names everything that is wrong.
It returns a `ContractResult`; `vgcontract.reporting.contract` renders it and the CLI
turns it into an exit code.
"""

from __future__ import annotations

import copy
import re
import shlex
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from schemathesis.core import NOT_SET
from schemathesis.core.errors import SerializationNotPossible
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Err, Ok

from vgcontract.contract.checks import CheckPlan, check_plan
from vgcontract.contract.model import CHECKS, ContractResult, contract_finding
from vgcontract.contract.pinned import PinnedRequest
from vgcontract.contract.probes import (
    auth_probes,
    method_probes,
    pinned_conversations,
    pinned_requests,
    wrong_conversation,
)
from vgcontract.drift.model import Record
from vgcontract.drift.schema import DriftSchema
from vgcontract.errors import UsageError
from vgcontract.findings import Finding, Severity
from vgcontract.live.http import BudgetExhausted, LiveClient, LiveError, misconfiguration, unchecked_kind
from vgcontract.live.target import Target, conversation_operation, conversation_template
from vgcontract.redact import Redactor
from vgcontract.runtime.policy import SAFE_METHODS
from vgcontract.spec.envelope import Envelope
from vgcontract.spec.load import PATH_VARIABLE
from vgcontract.spec.model import json_gets, json_operations

__all__ = ["Session", "case_request", "conversation_id", "curl_command", "preflight", "redacted", "run_contract"]

# A target that stops answering would otherwise cost one timeout per remaining example;
# after this many requests without a checkable answer the rest are skipped (and counted).
MAX_TRANSPORT_FAILURES = 3
MAX_KEPT_BODIES = 1000  # 200 bodies kept for the drift check; a few MB at most
_REQUIRED = re.compile(r"^['\"](.+)['\"] is a required property")


def preflight(target: Target, client: LiveClient) -> None:
    """One request to a live target first, so that configuration errors end in one clear line.

    Raises `UsageError` for a host that does not resolve, refuses connections or fails TLS.
    Any HTTP answer at all passes, and so does a timeout or a cut connection: a target that
    accepts the connection but cannot answer in time is an inconclusive run, not a
    misconfiguration.
    """
    if not target.live:
        return
    try:
        path = target.conversation_path(target.convo_ids[0])
    except UsageError:  # another API's spec marks no fetch: any of its GETs shows the target answers
        first = next(iter(json_gets(target.spec)), None)
        path = target.path(first.path, target.probe_parameters(first.path)) if first else "/"
    try:
        client.send("GET", path, headers=target.auth_headers, retry=False)
    except LiveError as exc:
        problem = misconfiguration(exc, urlsplit(target.base_url).hostname, target.label, target.timeout)
        if problem is not None:
            raise UsageError(problem) from None


def curl_command(target: Target, method: str, path: str, headers: Mapping[str, str]) -> str:
    """A `curl` that repeats one request; `path` is already percent-encoded, below the base URL.

    The token is never written out: the command reads it from the environment. (The auth
    probe's deliberately invalid token is not a secret and is shown as sent.)
    """
    base = target.shown_url if target.live else "http://127.0.0.1:8080" + urlsplit(target.base_url).path
    parts = ["curl", "-sS"] + ([] if method == "GET" else ["-X", method])
    real = f"Bearer {target.token}"
    for key, value in headers.items():
        if key.lower() == "authorization" and value == real:
            parts.append('-H "Authorization: Bearer $VOICEGLOW_API_TOKEN"')
        else:
            parts.append(f"-H {shlex.quote(f'{key}: {value}')}")
    parts.append(shlex.quote(base + path))
    return " ".join(parts) + ("" if target.live else "  # with `vgcontract mock` running")


def redacted(text: str) -> str:
    """`text` with personal-data patterns masked (emails, phones, IPs, bearer tokens, ...)."""
    return Redactor().scrub(text)


def conversation_id(body: bytes, envelope: Envelope) -> str | None:
    """The record ID a single-record 200 body carries (`data.ID` here), as `envelope` places it."""
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    return envelope.record_id(parsed)


def _json_path(failure: Failure) -> str:
    segments = getattr(failure, "instance_path", None)
    if segments is None:
        return ""
    out = ""
    for seg in segments:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "$"


def _from_schemathesis(failure: Failure, status: int | None, reproduce: str, plan: CheckPlan) -> Finding:
    check = failure.checks[0] if failure.checks else "custom"
    message = str(getattr(failure, "validation_message", "") or failure.message).strip()
    path = _json_path(failure) or f"status {status}"
    missing = _REQUIRED.match(message)
    if missing and path != f"status {status}":
        # Name the missing property itself (`data`), not the object that lacks it (`$`).
        path = missing.group(1) if path == "$" else f"{path}.{missing.group(1)}"
    # Validator messages quote the value: personal data in it is masked like drift samples.
    line = redacted(message.splitlines()[0][:300]) if message else failure.title
    return contract_finding(
        check, path, line, status=status, reproduce=reproduce, title=failure.title, severity=plan.severity(check)
    )


# A 429 or an outage that outlasts the bounded retries cannot be judged: the answer says
# nothing about the contract.
def case_request(target: Target, case: schemathesis.Case[Any], sent: Mapping[str, str]) -> dict[str, Any]:
    """The keyword arguments of `LiveClient.send` for `case`: method, path (IDs as one segment each), and the rest.

    Raises `UsageError` when a path parameter cannot be one segment (a blank ID).
    """
    return {
        "method": case.method.upper(),
        "path": target.path(case.operation.path, case.path_parameters or {}),
        "headers": {**{k: str(v) for k, v in (case.headers or {}).items()}, **sent},
        "params": case.query or None,
        "json": None if case.body is NOT_SET else case.body,
    }


class Session:
    """One contract run's state: sends cases through the bounded client, runs checks, collects findings."""

    def __init__(self, target: Target, client: LiveClient, result: ContractResult, plan: CheckPlan) -> None:
        self.target, self.client, self.result, self.plan = target, client, result, plan
        self.checks = list(plan.checks)
        # While set: a 200 single-record answer must carry the ID its path's last parameter names.
        self.identity: Envelope | None = None

    def reproduce(self, case: schemathesis.Case[Any], sent: Mapping[str, str]) -> str:
        """The `curl` for `case` as sent."""
        return curl_command(self.target, case.method.upper(), self._path(case), sent)

    def _path(self, case: schemathesis.Case[Any]) -> str:
        return self.target.path(case.operation.path, case.path_parameters or {})

    def inconclusive(self, kind: str, location: str, message: str, *, status: int | None, reproduce: str) -> None:
        """Note a request that could not be checked."""
        finding = Finding(kind, Severity.INFO, location, message, {"status": status, "reproduce": reproduce})
        self.result.add_inconclusive(finding)

    def send(self, method: str, path: str, headers: Mapping[str, str], **options: Any) -> httpx.Response | None:
        """Send one request through the bounded layer; None (noted as inconclusive) when it got no answer."""
        result = self.result
        if result.transport_failures >= MAX_TRANSPORT_FAILURES or self.client.budget.remaining() <= 0:
            result.skipped += 1
            return None
        repro = curl_command(self.target, method, path, headers)
        try:
            return self.client.send(method, path, headers=dict(headers), **options)
        except LiveError as exc:
            if isinstance(exc, BudgetExhausted):
                result.skipped += 1
                return None
            # Any request with no checkable answer counts: a server that bombs or hangs on
            # every answer is not asked sixty times.
            result.transport_failures += 1
            self.inconclusive(exc.kind, "request", redacted(str(exc)), status=None, reproduce=repro)
            return None

    def exercise(
        self, case: schemathesis.Case[Any], sent: dict[str, str], run: list[Any], *, keep: list[Record] | None = None
    ) -> httpx.Response | None:
        """Send one case, run `run` on the answer, record findings; the response, or None without a judged one.

        With `keep`, a 200 answer is also appended to it (as a drift `Record`) for the drift check.
        """
        result = self.result
        try:
            request = case_request(self.target, case, sent)
        except UsageError:
            # A generated ID that cannot be one path segment (blank) is not sent at all.
            result.skipped += 1
            return None
        result.examples += 1
        path = request["path"]
        response = self.send(request.pop("method"), request.pop("path"), request.pop("headers"), **request)
        if response is None:
            return None
        reproduce = self.reproduce(case, sent)
        status = response.status_code
        unchecked = unchecked_kind(status)
        if unchecked is not None:
            message = f"HTTP {status} after the bounded retries: this answer could not be checked"
            self.inconclusive(unchecked, f"status {status}", message, status=status, reproduce=reproduce)
            return None
        result.checked += 1
        if keep is not None and status == 200 and len(keep) < MAX_KEPT_BODIES:
            content_type = response.headers.get("content-type", "")
            keep.append(Record(f"{case.method.upper()} {path}", response.content, 200, content_type))
        if not _parses(response):
            message = "the JSON body cannot be parsed (nested too deeply, or not JSON at all)"
            result.add(contract_finding("parseable_body", "$", message, status=status, reproduce=reproduce))
            return response
        if self.identity is not None and status == 200:
            self._check_identity(case, response, reproduce)
        try:
            case.validate_response(response, checks=run, headers=sent)
        except FailureGroup as group:
            for failure in group.exceptions:
                result.add(_from_schemathesis(failure, status, reproduce, self.plan))
        except RecursionError:  # belt and braces: `_parses` already refuses what would recurse
            result.add(contract_finding("parseable_body", "$", "nested too deeply", status=status, reproduce=reproduce))
        return response

    def _check_identity(self, case: schemathesis.Case[Any], response: httpx.Response, reproduce: str) -> None:
        names = PATH_VARIABLE.findall(case.operation.path)
        asked = (case.path_parameters or {}).get(names[-1]) if names else None
        served = conversation_id(response.content, self.identity) if self.identity is not None else None
        if served is not None and asked is not None and served != str(asked):
            self.result.add(wrong_conversation(str(asked), served, reproduce))


def _parses(response: httpx.Response) -> bool:
    """False for a JSON answer that orjson cannot parse because it nests too deeply.

    schemathesis parses bodies with the standard library, which recurses; a hostile body
    of 100,000 brackets would raise `RecursionError` there. Malformed JSON that is merely
    broken is left to schemathesis, which reports it as a schema failure.
    """
    if "json" not in response.headers.get("content-type", "").lower():
        return True
    try:
        orjson.loads(response.content)
    except orjson.JSONDecodeError as exc:
        return "recursion" not in str(exc).lower()
    return True


def run_contract(
    target: Target,
    *,
    plan: CheckPlan | None = None,
    allow_writes: bool = False,
    pinned: Sequence[PinnedRequest] = (),
    on_operation: Callable[[int], None] | None = None,
) -> ContractResult:
    """Run the checks on every operation in the spec: pinned, probing and generated requests.

    `plan` says which schemathesis checks run and how much each counts (default: the shape
    contract as errors, provider hygiene as warnings; `vgcontract.contract.checks`). A
    write (POST, PUT, PATCH, DELETE) runs against a live target only with `allow_writes`;
    on the embedded mock it always runs. Only the operation the live commands fetch is
    pinned to the configured conversations. The 200 bodies of every operation are kept for
    the drift check: the fetched operation's in `bodies`, the others' in `operation_bodies`.
    A single-record answer on the fetched operation's path (a PATCH of the conversation)
    must carry the record its path names, as the fetched GET must.
    """
    started = time.monotonic()
    plan = plan or check_plan()
    spec = target.spec
    # The one bundled document, copied: schemathesis reads what every other command reads.
    schema = schemathesis.openapi.from_dict(copy.deepcopy(spec.document))
    schema.config.update(base_url=target.base_url)
    fetched = conversation_operation(spec)  # None for another API's spec: nothing pinned
    drift_checkable = {op.name for op in json_operations(spec)}
    fetched_path = conversation_template(spec) if fetched is not None else None
    found = list(schema.get_all_operations())
    operations = [item.ok() for item in found if isinstance(item, Ok)]
    names = sorted({*plan.names, *CHECKS})
    result = ContractResult(target=target.label, operations=[op.label for op in operations], checks=names)
    for item in found:
        if isinstance(item, Err):  # an operation schemathesis cannot read: said, not skipped silently
            error = item.err()
            result.not_run[str(getattr(error, "path", "") or "an operation")] = f"unreadable: {str(error)[:160]}"
    with target.client() as client:
        preflight(target, client)
        session = Session(target, client, result, plan)
        probed_paths: set[str] = set()
        for operation in operations:
            label = operation.label
            if operation.method.upper() not in SAFE_METHODS and target.live and not allow_writes:
                result.not_run[label] = "a write: against a live API it runs only with --allow-writes"
                continue
            examples, findings = result.examples, len(result.findings)
            is_fetched = fetched is not None and fetched in {operation.definition.raw.get("operationId"), label}
            mine = [p for p in pinned if p.operation in {label, operation.definition.raw.get("operationId")}]
            if mine:
                pinned_requests(session, operation, mine)
            if is_fetched:
                pinned_conversations(session, operation, DriftSchema.from_spec(spec, str(fetched)).envelope)
            if _needs_token(operation, spec):
                auth_probes(session, operation)
            if operation.path not in probed_paths:
                probed_paths.add(operation.path)
                method_probes(session, operation)
            op_id = str(operation.definition.raw.get("operationId") or label)
            keep = result.bodies if is_fetched else None
            if not is_fetched and op_id in drift_checkable:
                keep = result.operation_bodies.setdefault(op_id, [])
            session.identity = None
            if operation.path == fetched_path and op_id in drift_checkable:
                session.identity = DriftSchema.from_spec(spec, op_id).envelope
            _generated(session, operation, keep=keep)
            result.per_operation[label] = {
                "examples": result.examples - examples,
                "findings": len(result.findings) - findings,
            }
            if on_operation is not None:
                on_operation(len(result.per_operation))
    result.seconds = time.monotonic() - started
    return result


def _needs_token(operation: Any, spec: Mapping[str, Any]) -> bool:
    """True when the spec requires a credential for `operation` (its `security`, else the document's)."""
    requirements = operation.definition.raw.get("security", spec.get("security"))
    return isinstance(requirements, list) and bool(requirements) and all(requirements)


def _generated(session: Session, operation: Any, *, keep: list[Record] | None) -> None:
    target = session.target

    @given(case=operation.as_strategy())
    @settings(
        max_examples=target.examples,
        deadline=None,
        derandomize=target.seed is None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def generated(case: schemathesis.Case[Any]) -> None:
        session.exercise(case, target.auth_headers, session.checks, keep=keep)

    try:
        (generated if target.seed is None else hypothesis_seed(target.seed)(generated))()
    except SerializationNotPossible as exc:  # a media type schemathesis cannot write: said, not a crash
        reason = str(exc).splitlines()[0][:160]
        session.result.not_run[operation.label] = f"no request body can be generated: {reason}"
