"""The client's own test double (`voiceglow_client.testing`): valid, deterministic, and able to fail on demand.

Its bodies are judged by this toolkit's drift check (strict: undocumented fields count),
and by the generated client in strict mode, so "valid against the spec" is measured, not
assumed. The `voiceglow_api` fixture comes from the client's pytest11 entry point.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.paths import SPEC
from tests.spec_fields import attribute, conversation_path, fields
from vgcontract import Severity
from vgcontract.drift import DriftSchema, Record, run_drift
from vgcontract.live import conversation_operation
from vgcontract.spec import json_operations, load_spec
from voiceglow_client import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseShapeError,
    ServerError,
)
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.testing import FAULTS, MockAPI

AGENT = "agent-7"


def _paths(api: MockAPI) -> dict[str, str]:
    """A request path (below the base URL) per operation with a JSON success, from the spec."""
    spec = load_spec(SPEC)
    out = {}
    for operation in json_operations(spec):
        template = operation.path
        names = [part[1:-1] for part in template.split("/") if part.startswith("{")]
        values = dict(zip(names, [AGENT, *(f"convo-{i}" for i in range(1, len(names)))], strict=False))
        out[operation.name] = template.format(**values)
    return out


def _fetch(api: MockAPI, path: str) -> httpx.Response:
    with httpx.Client(transport=api.transport, base_url=api.base_url) as client:
        return client.get(path, headers={"Authorization": f"Bearer {api.token}"})


def _findings(operation: str, responses: list[httpx.Response]) -> set[tuple[str, str]]:
    schema = DriftSchema.from_spec(load_spec(SPEC), operation)
    records = [Record(str(r.url), r.content, r.status_code, r.headers.get("content-type", "")) for r in responses]
    report = run_drift(records, schema, source="the test double")
    return {(f.kind, f.location) for f in report.findings if f.severity >= Severity.WARNING}


def test_every_operation_answers_bodies_the_drift_check_accepts() -> None:
    api = MockAPI()
    for operation, path in _paths(api).items():
        answers = [_fetch(api, path.replace("convo-1", f"convo-{n}")) for n in range(30)]
        assert {a.status_code for a in answers} == {200}
        assert _findings(operation, answers) == set(), operation


def test_the_same_ids_give_the_same_body_and_others_differ() -> None:
    path = next(iter(_paths(MockAPI()).values()))
    first, again = _fetch(MockAPI(), path).content, _fetch(MockAPI(), path).content
    assert first == again
    assert _fetch(MockAPI(), path + "0").content != first


def test_the_strict_client_decodes_what_the_double_serves(voiceglow_api: MockAPI) -> None:
    spec = fields()
    name = spec.enum
    value = spec.properties[name]["enum"][-1]
    voiceglow_api.set_fields("convo-1", **{name: value})
    with voiceglow_api.client(strict=True) as client:
        envelope = get_conversation.sync(AGENT, "convo-1", client=client)
    assert getattr(envelope.data, attribute(spec.identity)) == "convo-1"
    assert getattr(envelope.data, attribute(name)) == value
    request = voiceglow_api.assert_requested(conversation_path(AGENT, "convo-1"))
    assert request.headers["authorization"] == f"Bearer {voiceglow_api.token}"


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, AuthenticationError), (403, PermissionDeniedError), (404, NotFoundError), (503, ServerError)],
)
def test_the_next_call_answers_any_documented_status(
    voiceglow_api: MockAPI, status: int, error: type[Exception]
) -> None:
    voiceglow_api.respond_with(status)
    with voiceglow_api.client() as client:
        with pytest.raises(error):
            get_conversation.sync(AGENT, "convo-1", client=client)
        assert get_conversation.sync(AGENT, "convo-1", client=client) is not None  # only the next call


def test_a_rate_limit_carries_retry_after_and_can_last(voiceglow_api: MockAPI) -> None:
    voiceglow_api.respond_with(429, retry_after=7, times=None)
    with voiceglow_api.client() as client:
        for _ in range(3):
            with pytest.raises(RateLimitError) as caught:
                get_conversation.sync(AGENT, "convo-1", client=client)
            assert caught.value.retry_after == 7


def test_without_the_token_the_double_says_401() -> None:
    api = MockAPI()
    with httpx.Client(transport=api.transport, base_url=api.base_url) as client:
        assert client.get(conversation_path(AGENT, "convo-1")).status_code == 401
    with pytest.raises(AssertionError, match="without the token"):
        api.assert_requested(conversation_path(AGENT, "convo-1"))


@pytest.mark.parametrize("fault", FAULTS)
def test_each_injected_fault_is_drift_the_toolkit_sees(fault: str) -> None:
    api = MockAPI()
    api.inject(fault)
    # The conversation's operation, chosen by the spec's mark, never by its place in `paths`.
    fetched = str(conversation_operation(load_spec(SPEC)))
    operation, path = fetched, _paths(api)[fetched]
    assert _findings(operation, [_fetch(api, path)]) != set(), fault


def test_a_type_change_breaks_the_strict_client_and_not_the_lenient_one(voiceglow_api: MockAPI) -> None:
    voiceglow_api.inject("type-change")
    with voiceglow_api.client(strict=True) as client, pytest.raises(ResponseShapeError):
        get_conversation.sync(AGENT, "convo-1", client=client)
    with voiceglow_api.client() as client:
        assert get_conversation.sync(AGENT, "convo-1", client=client) is not None


def test_the_async_client_is_served_the_same(voiceglow_api: MockAPI) -> None:
    async def call() -> Any:
        async with voiceglow_api.client() as client:
            return await get_conversation.asyncio(AGENT, "convo-1", client=client)

    envelope = asyncio.run(call())
    assert envelope.data.to_dict() == voiceglow_api.record(AGENT, "convo-1")


def test_an_unknown_fault_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown fault 'nope'; known: "):
        MockAPI().inject("nope")
