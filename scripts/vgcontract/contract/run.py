"""The contract run behind `make contract`: schemathesis checks against the mock or the live API.

The engine returns a `ContractResult` (plain data); `vgcontract.reporting.contract` renders
it and the CLI turns it into an exit code. Unlike the pytest suite, which stops at the
first failure, this run keeps going and collects every distinct failure, so one report
names everything that is wrong.
"""

from __future__ import annotations

import json
import re
import shlex
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import Failure, FailureGroup

from vgcontract.drift.model import Record
from vgcontract.errors import UsageError
from vgcontract.live.target import ContractConfig, env_config
from vgcontract.mock.app import build_app
from vgcontract.spec.load import SPEC_PATH

__all__ = [
    "ContractConfig",
    "ContractFailure",
    "ContractResult",
    "conversation_id",
    "curl_command",
    "env_config",
    "preflight",
    "run_contract",
    "wrong_conversation",
]

OPERATION_PATH = "/agents/{agentId}/convos/{convoId}"
# A target that stops answering would otherwise cost one timeout per remaining example;
# after this many transport failures the rest of the examples are skipped (and counted).
MAX_TRANSPORT_FAILURES = 3
MAX_KEPT_BODIES = 1000  # 200 bodies kept for the drift check; a few MB at most
_CONFORMANCE_CHECKS = frozenset(
    {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    }
)
_INVALID_TOKEN = "vgcontract-invalid-token"  # noqa: S105 - deliberately wrong, sent by the auth probe


@dataclass(frozen=True)
class ContractFailure:
    """One distinct contract violation: which check, where, and how to see it again."""

    check: str
    title: str
    path: str  # JSON path in the body (`data.messagesNum`) or `status 500`, `header Retry-After`...
    message: str
    status: int | None
    reproduce: str


@dataclass
class ContractResult:
    """Everything a report needs about one run."""

    target: str
    operations: list[str]
    checks: list[str]
    examples: int = 0
    failures: list[ContractFailure] = field(default_factory=list)
    seconds: float = 0.0
    transport_failures: int = 0  # requests that got no HTTP answer (timeouts, dropped connections)
    skipped: int = 0  # examples not sent after MAX_TRANSPORT_FAILURES transport failures
    # The 200 answers to generated requests, for the drift check: schemathesis validates
    # against the spec, which accepts undocumented fields; the drift check does not.
    bodies: list[Record] = field(default_factory=list, repr=False)

    @property
    def passed(self) -> bool:
        """True when no check failed."""
        return not self.failures

    def add(self, failure: ContractFailure) -> None:
        """Keep `failure` unless the same check already failed the same way at the same place."""
        key = (failure.check, failure.title, failure.path)
        if all((f.check, f.title, f.path) != key for f in self.failures):
            self.failures.append(failure)


def preflight(config: ContractConfig) -> None:
    """One request to the live API first, so that configuration errors end in one clear line.

    Raises `UsageError` for a host that does not resolve, refuses connections or fails TLS.
    Any HTTP answer at all passes, and so does a timeout: a target that accepts the
    connection but answers too late is a finding of the run (`response_time`), not a
    misconfiguration.
    """
    if config.base_url is None:
        return
    host = urlsplit(config.base_url).hostname
    url = f"{config.base_url}/agents/{config.agent_id}/convos/{config.convo_ids[0]}"
    try:
        httpx.get(url, headers={"Authorization": f"Bearer {config.token}"}, timeout=config.timeout)
    except httpx.ConnectError as exc:
        raise UsageError(_connect_error(host, exc)) from None
    except httpx.ConnectTimeout:
        raise UsageError(f"{config.target}: cannot connect within {config.timeout:g} s (VOICEGLOW_TIMEOUT)") from None
    except httpx.TimeoutException:
        return
    except httpx.HTTPError as exc:
        raise UsageError(f"{config.target}: {type(exc).__name__}") from None


def _connect_error(host: str | None, exc: httpx.ConnectError) -> str:
    text = str(exc).lower()
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, ssl.SSLError) or "ssl" in text or "certificate" in text or "tls" in text:
        return f"TLS error talking to {host}: {str(exc).splitlines()[0][:160]}"
    if any(s in text for s in ("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution")):
        return f"cannot resolve host {host!r}"
    return f"cannot connect to {host}: {str(exc).splitlines()[0][:160] or 'connection failed'}"


def _json_path(failure: Failure) -> str:
    segments = getattr(failure, "instance_path", None)
    if segments is None:
        return ""
    out = ""
    for seg in segments:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "$"


def curl_command(config: ContractConfig, path: str, headers: Mapping[str, str]) -> str:
    """A `curl` that repeats one request; `path` is already percent-encoded, below the base URL.

    The token is never written out: the command reads it from the environment. (The auth
    probe's deliberately invalid token is not a secret and is shown as sent.)
    """
    base = config.base_url or "http://127.0.0.1:8080/v3"
    parts = ["curl", "-sS"]
    real = f"Bearer {config.token}"
    for key, value in headers.items():
        if key.lower() == "authorization" and value == real:
            parts.append('-H "Authorization: Bearer $VOICEGLOW_API_TOKEN"')
        else:
            parts.append(f"-H {shlex.quote(f'{key}: {value}')}")
    parts.append(shlex.quote(base + path))
    return " ".join(parts) + ("  # with `vgcontract mock` running" if config.base_url is None else "")


def _reproduction(case: schemathesis.Case[Any], config: ContractConfig, headers: Mapping[str, str]) -> str:
    return curl_command(config, case.formatted_path, headers)


def wrong_conversation(asked: str, served: str, reproduce: str) -> ContractFailure:
    """The failure for a 200 that carries another conversation's `data.ID`.

    A cache keyed on the wrong thing serves someone else's conversation: the schema cannot
    see it, but `data.ID` is the requested `convoId` (as in the page's example).
    """
    message = f"asked for conversation {asked!r}, got {served[:80]!r}"
    return ContractFailure("known_conversation", "Another conversation was served", "data.ID", message, 200, reproduce)


def conversation_id(body: bytes) -> str | None:
    """`data.ID` of a 200 body, when it is there and a string (the schema checks judge the rest)."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    data = parsed.get("data") if isinstance(parsed, dict) else None
    served = data.get("ID") if isinstance(data, dict) else None
    return served if isinstance(served, str) else None


def _content_type(headers: Mapping[str, Any]) -> str:
    # Live answers (requests) hold one string per header; in-process ASGI answers hold lists.
    value = headers.get("content-type") or headers.get("Content-Type") or ""
    return str(value[0] if isinstance(value, list) and value else value or "")


_REQUIRED = re.compile(r"^['\"](.+)['\"] is a required property")


def _from_schemathesis(failure: Failure, status: int | None, reproduce: str) -> ContractFailure:
    check = failure.checks[0] if failure.checks else "custom"
    message = str(getattr(failure, "validation_message", "") or failure.message).strip()
    path = _json_path(failure) or f"status {status}"
    missing = _REQUIRED.match(message)
    if missing and path != f"status {status}":
        # Name the missing property itself (`data`), not the object that lacks it (`$`).
        path = missing.group(1) if path == "$" else f"{path}.{missing.group(1)}"
    return ContractFailure(
        check=check,
        title=failure.title,
        path=path,
        message=message.splitlines()[0][:300] if message else failure.title,
        status=status,
        reproduce=reproduce,
    )


class _Session:
    """One contract run's state: sends cases, runs checks, and collects distinct failures."""

    def __init__(self, config: ContractConfig, result: ContractResult, checks: list[Any]) -> None:
        self.config, self.result, self.checks = config, result, checks
        # The checks that judge one response on its own; the auth probes use only these.
        self.conformance = [c for c in checks if c.__name__ in _CONFORMANCE_CHECKS]
        self.headers = {"Authorization": f"Bearer {config.token}"}
        self.kwargs: dict[str, Any] = {"timeout": config.timeout} if config.live else {}

    def record(self, failure: ContractFailure) -> None:
        self.result.add(failure)

    def reproduce(self, case: schemathesis.Case[Any], sent: dict[str, str]) -> str:
        return _reproduction(case, self.config, sent)

    def exercise(
        self, case: schemathesis.Case[Any], sent: dict[str, str], run: list[Any], *, keep: bool = False
    ) -> Any | None:
        """Send one case, run `run` on the answer, record failures; the response, or None without one.

        With `keep`, a 200 answer is also kept (as a drift `Record`) for the drift check.
        """
        result, config = self.result, self.config
        if result.transport_failures >= MAX_TRANSPORT_FAILURES:
            result.skipped += 1
            return None
        result.examples += 1
        status: int | None = None
        response: Any | None = None
        try:
            response = case.call(headers=sent, **self.kwargs)
            status = response.status_code
            if keep and status == 200 and len(result.bodies) < MAX_KEPT_BODIES:
                ref = f"GET {case.formatted_path}"
                result.bodies.append(Record(ref, response.content, 200, _content_type(response.headers)))
            case.validate_response(response, checks=run, headers=sent, transport_kwargs=self.kwargs)
        except FailureGroup as group:
            reproduce = self.reproduce(case, sent)
            for failure in group.exceptions:
                self.record(_from_schemathesis(failure, status, reproduce))
        except requests.Timeout:
            result.transport_failures += 1
            message = f"no answer within {config.timeout:g} s (VOICEGLOW_TIMEOUT)"
            repro = self.reproduce(case, sent)
            self.record(ContractFailure("response_time", "Response timed out", "timeout", message, status, repro))
            return None
        except (requests.RequestException, OSError) as exc:
            result.transport_failures += 1
            message = f"the connection failed before a complete answer ({type(exc).__name__})"
            repro = self.reproduce(case, sent)
            self.record(ContractFailure("transport", "No complete HTTP answer", "connection", message, status, repro))
            return None
        return response

    def pinned(self, operation: Any) -> None:
        """Conversations known to exist must be served with a 200, must conform, and must be themselves."""
        for convo in self.config.convo_ids:
            case = operation.Case(path_parameters={"agentId": self.config.agent_id, "convoId": convo})
            response = self.exercise(case, self.headers, self.checks)
            if response is None:
                continue
            status, repro = response.status_code, self.reproduce(case, self.headers)
            if status != 200:
                message = f"conversation {convo!r} is known to exist but the answer was HTTP {status}, not 200"
                title = "Known conversation not served"
                self.record(ContractFailure("known_conversation", title, f"status {status}", message, status, repro))
                continue
            served = conversation_id(response.content)
            if served is not None and served != convo:
                self.record(wrong_conversation(convo, served, repro))

    def auth_probes(self, operation: Any) -> None:
        """Without a token, and with a wrong one, the answer must be a documented, conforming 401 or 403."""
        ids = {"agentId": self.config.agent_id, "convoId": self.config.convo_ids[0]}
        probe = operation.Case(path_parameters=ids)
        for label, sent in (("no token", {}), ("an invalid token", {"Authorization": f"Bearer {_INVALID_TOKEN}"})):
            response = self.exercise(probe, sent, self.conformance)
            status = None if response is None else response.status_code
            if status is not None and status not in (401, 403):
                message = f"a request with {label} was answered HTTP {status}, not 401 or 403"
                title, repro = "Request without valid credentials served", self.reproduce(probe, sent)
                self.record(ContractFailure("auth_required", title, f"status {status}", message, status, repro))


def run_contract(config: ContractConfig) -> ContractResult:
    """Run every enabled schemathesis check on pinned, probing and generated requests; collect all failures."""
    started = time.monotonic()
    load_all_checks()
    schema = schemathesis.openapi.from_path(SPEC_PATH)
    if config.base_url is None:
        app = build_app(SPEC_PATH, token=config.token)
        schema.app = app
        schema.config.update(base_url=f"http://mock.local{app.base_path}")
    else:
        schema.config.update(base_url=config.base_url)
    operation = schema[OPERATION_PATH]["GET"]
    check_config = schema.config.checks_config_for(operation=operation, phase=None)
    checks: list[Any] = [
        c for c in CHECKS.get_all() if getattr(getattr(check_config, c.__name__, None), "enabled", True)
    ]
    result = ContractResult(
        target=config.target, operations=[f"GET {OPERATION_PATH}"], checks=[c.__name__ for c in checks]
    )
    session = _Session(config, result, checks)
    session.pinned(operation)
    session.auth_probes(operation)

    @given(case=operation.as_strategy())
    @settings(
        max_examples=config.examples,
        deadline=None,
        derandomize=config.seed is None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def generated(case: schemathesis.Case[Any]) -> None:
        session.exercise(case, session.headers, checks, keep=True)

    (generated if config.seed is None else hypothesis_seed(config.seed)(generated))()
    result.seconds = time.monotonic() - started
    return result
