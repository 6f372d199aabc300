"""Property-based contract suite: schemathesis, driven by the spec, against the mock or the live API.

The other half of `make contract`, and the same rules as `vgcontract contract`: requests go
through the same bounded layer (`Target.client()`: total deadline, body cap, safe retries,
run budget; the embedded mock in-process by default) and answers are judged by the same
check plan (`vgcontract.contract.checks`): the shape contract fails a test, provider
hygiene does not unless `VGCONTRACT_HYGIENE=error`. An answer that could not be checked
(a rate limit or an outage after the retries, a timeout) skips its test rather than fail it.

Live mode turns on when `VOICEGLOW_BASE_URL` is set, and then needs `VOICEGLOW_API_TOKEN`,
`VOICEGLOW_AGENT_ID` and `VOICEGLOW_CONVO_IDS` (comma-separated IDs known to exist).
`VOICEGLOW_ST_EXAMPLES` sets the number of generated examples (default 40).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.failures import FailureGroup

from vgcontract import Severity, UsageError, scrub_secrets
from vgcontract.contract import HYGIENE_CHECKS, case_request, check_plan
from vgcontract.live import LiveClient, LiveError, resolve_target
from vgcontract.runtime import RETRY_STATUSES
from vgcontract.spec import find_project, load_spec
from voiceglow_client import AuthenticatedClient, RetryPolicy
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.errors import APIConnectionError, RateLimitError, ServerError, VoiceglowError
from voiceglow_client.models import ConversationEnvelope

SPEC = find_project(Path(__file__).resolve().parent).spec
TARGET = resolve_target(os.environ, spec=load_spec(SPEC), examples=int(os.environ.get("VOICEGLOW_ST_EXAMPLES", "40")))
LIVE_URL = TARGET.base_url if TARGET.live else ""
TOKEN = TARGET.token
PLAN = check_plan(hygiene=Severity.parse(os.environ.get("VGCONTRACT_HYGIENE", "warning")))
# The checks that fail a test: the shape contract, and hygiene when it is configured as an error.
FAILING = list(PLAN.at_least(Severity.ERROR))

schema = schemathesis.openapi.from_path(SPEC)
schema.config.update(base_url=TARGET.base_url)
# The operation the spec marks to fetch, and its path parameters (owner first, record last).
_MARKED = next(op for op in load_spec(SPEC).operations if op.fetched)
FETCHED = schema[_MARKED.path][_MARKED.method.upper()]
FETCHED_VARIABLES = tuple(re.findall(r"{([^}]+)}", _MARKED.path))


@pytest.fixture(scope="module")
def client() -> Iterator[LiveClient]:
    with TARGET.client() as live:
        yield live


def _validate(
    case: schemathesis.Case[Any], response: httpx.Response, checks: list[Any], headers: dict[str, str]
) -> None:
    """`case.validate_response`, its failures re-raised with the token scrubbed (a server may echo it)."""
    __tracebackhide__ = True  # this frame's arguments hold the token
    try:
        case.validate_response(response, checks=checks, headers=headers)
    except FailureGroup as group:
        raise AssertionError(scrub_secrets(str(group))) from None


def _send(client: LiveClient, case: schemathesis.Case[Any], headers: dict[str, str]) -> httpx.Response:
    """The answer to `case` through the bounded layer; skips the test when it cannot be checked."""
    __tracebackhide__ = True  # this frame's arguments hold the token
    try:
        request = case_request(TARGET, case, headers)
    except UsageError as exc:
        pytest.skip(f"not sendable as one path segment: {exc}")
    try:
        response = client.send(request.pop("method"), request.pop("path"), **request)
    except LiveError as exc:
        pytest.skip(f"could not be checked: {exc.kind}: {exc}")
    if response.status_code in RETRY_STATUSES:
        pytest.skip(f"could not be checked: HTTP {response.status_code} after the bounded retries")
    return response


@schema.parametrize()
@settings(
    max_examples=TARGET.examples,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_spec(case: schemathesis.Case[Any], client: LiveClient) -> None:
    """Generated IDs, valid and invalid: every answer must be documented and conform."""
    response = _send(client, case, TARGET.auth_headers)
    checks = FAILING
    if case.method.upper() != case.operation.method.upper():
        # A method the spec does not declare (schemathesis' coverage phase): how the server
        # answers it is provider hygiene, judged only when hygiene is configured as an error.
        checks = [c for c in FAILING if c.__name__ in HYGIENE_CHECKS]
    if checks:
        _validate(case, response, checks, TARGET.auth_headers)


def _pinned_ids() -> list[tuple[str, str]]:
    if not LIVE_URL:
        # The mock: the page's example IDs and a few generated conversations.
        return [("agent123", "agent123_convo456"), ("agent1", "convo-1"), ("agent2", "ünïcødé id")]
    return [(TARGET.agent_id, convo) for convo in TARGET.convo_ids]


@pytest.mark.parametrize(("agent_id", "convo_id"), _pinned_ids())
def test_known_conversations_conform(agent_id: str, convo_id: str, client: LiveClient) -> None:
    """Pinned to conversations that exist, so real 200 bodies are validated in full."""
    case = FETCHED.Case(path_parameters=dict(zip(FETCHED_VARIABLES, (agent_id, convo_id), strict=True)))
    response = _send(client, case, TARGET.auth_headers)
    _validate(case, response, FAILING, TARGET.auth_headers)
    assert response.status_code == 200
    assert response.json()["data"]["ID"] == convo_id


@pytest.mark.parametrize("token", [None, "vgcontract-invalid-token"], ids=["no token", "invalid token"])
def test_requests_without_a_valid_token_are_refused(token: str | None, client: LiveClient) -> None:
    """The auth probe of `vgcontract contract`: no token, or a wrong one, gets a conforming 401 or 403."""
    case = FETCHED.Case(path_parameters=dict(zip(FETCHED_VARIABLES, _pinned_ids()[0], strict=True)))
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    response = _send(client, case, headers)
    assert response.status_code in (401, 403)
    _validate(case, response, FAILING, headers)


@pytest.mark.live
@pytest.mark.parametrize(("agent_id", "convo_id"), _pinned_ids())
def test_live_conversations_parse_through_the_generated_client(agent_id: str, convo_id: str) -> None:
    """The typed client reads the real API's 200 bodies for the known conversations."""
    # The run's own deadline and budget, not the client's defaults: a stalled server ends on time.
    policy = RetryPolicy(total_timeout=min(TARGET.timeout, max(TARGET.budget.remaining(), 0.1)))
    with AuthenticatedClient(base_url=LIVE_URL, token=TOKEN, strict=True, retries=policy) as client:
        try:
            parsed = get_conversation.sync(agent_id, convo_id, client=client)
        except (APIConnectionError, RateLimitError) as exc:
            pytest.skip(f"could not be checked: {type(exc).__name__}")
        except ServerError as exc:
            if exc.status_code not in RETRY_STATUSES:
                raise  # a 500 is the server failing the contract, not an outage
            pytest.skip(f"could not be checked: HTTP {exc.status_code} after the bounded retries")
        except VoiceglowError as exc:
            # One line, scrubbed: a traceback would print the client's frames, token and all.
            pytest.fail(f"{type(exc).__name__}: {scrub_secrets(str(exc))}", pytrace=False)
    assert isinstance(parsed, ConversationEnvelope)
    assert parsed.success is True
    assert parsed.data.id == convo_id
