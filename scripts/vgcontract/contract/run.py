"""The contract run behind `make contract`: schemathesis cases, sent through the target's client.

schemathesis generates the requests and judges each answer with its response checks; the
requests themselves go out through the run's one httpx client (`Target.client()`), so the
live layer's bounds apply to every one of them and the embedded mock needs no special
path. The run keeps going after a failure and collects every distinct one, so one report
names everything that is wrong. It returns a `ContractResult`; `vgcontract.reporting.contract`
renders it and the CLI turns it into an exit code.
"""

from __future__ import annotations

import re
import shlex
import ssl
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from schemathesis.checks import CHECKS as ST_CHECKS
from schemathesis.checks import load_all_checks
from schemathesis.core import NOT_SET
from schemathesis.core.failures import Failure, FailureGroup

from vgcontract.contract.model import ContractResult, contract_finding
from vgcontract.contract.probes import auth_probes, pinned_conversations
from vgcontract.drift.model import Record
from vgcontract.errors import UsageError
from vgcontract.findings import Finding
from vgcontract.live.target import Target

__all__ = ["Session", "conversation_id", "curl_command", "preflight", "run_contract"]

OPERATION_PATH = "/agents/{agentId}/convos/{convoId}"
# A target that stops answering would otherwise cost one timeout per remaining example;
# after this many transport failures the rest of the examples are skipped (and counted).
MAX_TRANSPORT_FAILURES = 3
MAX_KEPT_BODIES = 1000  # 200 bodies kept for the drift check; a few MB at most
# schemathesis checks that send requests of their own through a second HTTP stack; ours
# cover them through the run's client (`ignored_auth` is `vgcontract.contract.probes`).
_RESENDING_CHECKS = frozenset({"ignored_auth", "use_after_free", "ensure_resource_availability"})
_REQUIRED = re.compile(r"^['\"](.+)['\"] is a required property")


def preflight(target: Target, client: httpx.Client) -> None:
    """One request to a live target first, so that configuration errors end in one clear line.

    Raises `UsageError` for a host that does not resolve, refuses connections or fails TLS.
    Any HTTP answer at all passes, and so does a read timeout: a target that accepts the
    connection but answers too late is a finding of the run (`response_time`).
    """
    if not target.live:
        return
    host = urlsplit(target.base_url).hostname
    try:
        client.get(target.conversation_path(target.convo_ids[0]), headers=target.auth_headers)
    except httpx.ConnectError as exc:
        raise UsageError(_connect_error(host, exc)) from None
    except httpx.ConnectTimeout:
        raise UsageError(f"{target.label}: cannot connect within {target.timeout:g} s (VOICEGLOW_TIMEOUT)") from None
    except httpx.TimeoutException:
        return
    except httpx.HTTPError as exc:
        raise UsageError(f"{target.label}: {type(exc).__name__}") from None


def _connect_error(host: str | None, exc: httpx.ConnectError) -> str:
    text = str(exc).lower()
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, ssl.SSLError) or "ssl" in text or "certificate" in text or "tls" in text:
        return f"TLS error talking to {host}: {str(exc).splitlines()[0][:160]}"
    if any(s in text for s in ("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution")):
        return f"cannot resolve host {host!r}"
    return f"cannot connect to {host}: {str(exc).splitlines()[0][:160] or 'connection failed'}"


def curl_command(target: Target, method: str, path: str, headers: Mapping[str, str]) -> str:
    """A `curl` that repeats one request; `path` is already percent-encoded, below the base URL.

    The token is never written out: the command reads it from the environment. (The auth
    probe's deliberately invalid token is not a secret and is shown as sent.)
    """
    base = target.base_url if target.live else "http://127.0.0.1:8080" + urlsplit(target.base_url).path
    parts = ["curl", "-sS"] + ([] if method == "GET" else ["-X", method])
    real = f"Bearer {target.token}"
    for key, value in headers.items():
        if key.lower() == "authorization" and value == real:
            parts.append('-H "Authorization: Bearer $VOICEGLOW_API_TOKEN"')
        else:
            parts.append(f"-H {shlex.quote(f'{key}: {value}')}")
    parts.append(shlex.quote(base + path))
    return " ".join(parts) + ("" if target.live else "  # with `vgcontract mock` running")


def conversation_id(body: bytes) -> str | None:
    """`data.ID` of a 200 body, when it is there and a string (the schema checks judge the rest)."""
    import orjson  # noqa: PLC0415 - only here; the run itself parses nothing

    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    data = parsed.get("data") if isinstance(parsed, dict) else None
    served = data.get("ID") if isinstance(data, dict) else None
    return served if isinstance(served, str) else None


def _json_path(failure: Failure) -> str:
    segments = getattr(failure, "instance_path", None)
    if segments is None:
        return ""
    out = ""
    for seg in segments:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "$"


def _from_schemathesis(failure: Failure, status: int | None, reproduce: str) -> Finding:
    check = failure.checks[0] if failure.checks else "custom"
    message = str(getattr(failure, "validation_message", "") or failure.message).strip()
    path = _json_path(failure) or f"status {status}"
    missing = _REQUIRED.match(message)
    if missing and path != f"status {status}":
        # Name the missing property itself (`data`), not the object that lacks it (`$`).
        path = missing.group(1) if path == "$" else f"{path}.{missing.group(1)}"
    line = message.splitlines()[0][:300] if message else failure.title
    return contract_finding(check, path, line, status=status, reproduce=reproduce, title=failure.title)


class Session:
    """One contract run's state: sends cases through the client, runs checks, collects findings."""

    def __init__(self, target: Target, client: httpx.Client, result: ContractResult, checks: list[Any]) -> None:
        self.target, self.client, self.result, self.checks = target, client, result, checks

    def reproduce(self, case: schemathesis.Case[Any], sent: Mapping[str, str]) -> str:
        """The `curl` for `case` as sent."""
        return curl_command(self.target, case.method.upper(), self._path(case), sent)

    def _path(self, case: schemathesis.Case[Any]) -> str:
        return self.target.path(case.operation.path, case.path_parameters or {})

    def exercise(
        self, case: schemathesis.Case[Any], sent: dict[str, str], run: list[Any], *, keep: bool = False
    ) -> httpx.Response | None:
        """Send one case, run `run` on the answer, record findings; the response, or None without one.

        With `keep`, a 200 answer is also kept (as a drift `Record`) for the drift check.
        """
        result, target = self.result, self.target
        if result.transport_failures >= MAX_TRANSPORT_FAILURES:
            result.skipped += 1
            return None
        try:
            path = self._path(case)
        except UsageError:
            # A generated ID that cannot be one path segment (blank) is not sent at all.
            result.skipped += 1
            return None
        result.examples += 1
        headers = {**{k: str(v) for k, v in (case.headers or {}).items()}, **sent}
        body: Any = None if case.body is NOT_SET else case.body
        try:
            response = self.client.request(
                case.method.upper(), path, params=case.query or None, headers=headers, json=body
            )
        except httpx.TimeoutException:
            result.transport_failures += 1
            message = f"no answer within {target.timeout:g} s (VOICEGLOW_TIMEOUT)"
            self.result.add(
                contract_finding("response_time", "timeout", message, status=None, reproduce=self.reproduce(case, sent))
            )
            return None
        except httpx.HTTPError as exc:
            result.transport_failures += 1
            message = f"the connection failed before a complete answer ({type(exc).__name__})"
            self.result.add(
                contract_finding("transport", "connection", message, status=None, reproduce=self.reproduce(case, sent))
            )
            return None
        if keep and response.status_code == 200 and len(result.bodies) < MAX_KEPT_BODIES:
            content_type = response.headers.get("content-type", "")
            result.bodies.append(Record(f"GET {path}", response.content, 200, content_type))
        try:
            case.validate_response(response, checks=run, headers=sent)
        except FailureGroup as group:
            reproduce = self.reproduce(case, sent)
            for failure in group.exceptions:
                self.result.add(_from_schemathesis(failure, response.status_code, reproduce))
        return response


def _enabled_checks(schema: Any, operation: Any) -> list[Any]:
    config = schema.config.checks_config_for(operation=operation, phase=None)
    return [
        check
        for check in ST_CHECKS.get_all()
        if getattr(getattr(config, check.__name__, None), "enabled", True) and check.__name__ not in _RESENDING_CHECKS
    ]


def run_contract(target: Target) -> ContractResult:
    """Run every enabled check on pinned, probing and generated requests; collect all findings."""
    started = time.monotonic()
    load_all_checks()
    schema = schemathesis.openapi.from_path(target.spec)
    schema.config.update(base_url=target.base_url)
    operation = schema[OPERATION_PATH]["GET"]
    checks = _enabled_checks(schema, operation)
    names = sorted({c.__name__ for c in checks} | {"ignored_auth", "known_conversation"})
    result = ContractResult(target=target.label, operations=[f"GET {OPERATION_PATH}"], checks=names)
    with target.client() as client:
        preflight(target, client)
        session = Session(target, client, result, checks)
        pinned_conversations(session, operation)
        auth_probes(session, operation)

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
            session.exercise(case, target.auth_headers, checks, keep=True)

        (generated if target.seed is None else hypothesis_seed(target.seed)(generated))()
    result.seconds = time.monotonic() - started
    return result
