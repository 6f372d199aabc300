"""The contract run behind `make contract`: schemathesis checks against the mock or the live API.

The engine returns a `ContractResult` (plain data); `vgcontract._contract_report` renders
it and the CLI turns it into an exit code. Unlike the pytest suite, which stops at the
first failure, this run keeps going and collects every distinct failure, so one report
names everything that is wrong.
"""

from __future__ import annotations

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
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import Failure, FailureGroup

from vgcontract._config import ContractConfig, env_config
from vgcontract._errors import UsageError
from vgcontract._mock import build_app
from vgcontract._spec import SPEC_PATH

__all__ = ["ContractConfig", "ContractFailure", "ContractResult", "env_config", "preflight", "run_contract"]

OPERATION_PATH = "/agents/{agentId}/convos/{convoId}"


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

    @property
    def passed(self) -> bool:
        """True when no check failed."""
        return not self.failures


def preflight(config: ContractConfig) -> None:
    """One request to the live API first, so that configuration errors end in one clear line.

    Raises `UsageError` for a host that does not resolve, refuses connections, fails TLS,
    or does not answer within the timeout. Any HTTP answer at all passes.
    """
    if config.base_url is None:
        return
    host = urlsplit(config.base_url).hostname
    url = f"{config.base_url}/agents/{config.agent_id}/convos/{config.convo_ids[0]}"
    try:
        httpx.get(url, headers={"Authorization": f"Bearer {config.token}"}, timeout=config.timeout)
    except httpx.ConnectError as exc:
        raise UsageError(_connect_error(host, exc)) from None
    except httpx.TimeoutException:
        raise UsageError(f"{config.target}: no answer within {config.timeout:g} s (VOICEGLOW_TIMEOUT)") from None
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


def _reproduction(case: schemathesis.Case[Any], config: ContractConfig, headers: Mapping[str, str]) -> str:
    # The token is never written out: the reproduction reads it from the environment.
    base = config.base_url or "http://127.0.0.1:8080/v3"
    parts = ["curl", "-sS"]
    if any(k.lower() == "authorization" for k in headers):
        parts.append('-H "Authorization: Bearer $VOICEGLOW_API_TOKEN"')
    parts += [f"-H {shlex.quote(f'{k}: {v}')}" for k, v in headers.items() if k.lower() != "authorization"]
    parts.append(shlex.quote(base + case.formatted_path))
    return " ".join(parts) + ("  # with `vgcontract mock` running" if config.base_url is None else "")


def run_contract(config: ContractConfig) -> ContractResult:
    """Run every enabled schemathesis check on generated and pinned requests; collect all failures."""
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
    headers = {"Authorization": f"Bearer {config.token}"}
    kwargs: dict[str, Any] = {"timeout": config.timeout} if config.live else {}
    seen: set[tuple[str, str, str]] = set()

    def exercise(case: schemathesis.Case[Any]) -> None:
        result.examples += 1
        try:
            response = case.call(headers=headers, **kwargs)
        except (requests.RequestException, OSError) as exc:
            raise UsageError(f"{config.target}: request failed mid-run: {type(exc).__name__}") from None
        try:
            case.validate_response(response, checks=checks, headers=headers, transport_kwargs=kwargs)
        except FailureGroup as group:
            for failure in group.exceptions:
                check = failure.checks[0] if failure.checks else "custom"
                path = _json_path(failure) or f"status {response.status_code}"
                key = (check, failure.title, path)
                if key not in seen:
                    seen.add(key)
                    message = str(getattr(failure, "validation_message", "") or failure.message).strip()
                    result.failures.append(
                        ContractFailure(
                            check=check,
                            title=failure.title,
                            path=path,
                            message=message.splitlines()[0][:300] if message else failure.title,
                            status=response.status_code,
                            reproduce=_reproduction(case, config, headers),
                        )
                    )

    for convo in config.convo_ids:  # pinned: real 200 bodies from conversations that exist
        exercise(operation.Case(path_parameters={"agentId": config.agent_id, "convoId": convo}))

    @given(case=operation.as_strategy())
    @settings(
        max_examples=config.examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def generated(case: schemathesis.Case[Any]) -> None:
        exercise(case)

    generated()
    result.seconds = time.monotonic() - started
    return result
