"""Fuzzing the generated client's response handling: a parsed model or a VoiceglowError, nothing else.

Bodies come from the spec (the mock's factory, complete or sparse), then may be mutated:
values set to null, to the wrong type, to huge numbers or to deep nesting; keys removed;
the JSON truncated, replaced by random bytes, or served with another content type; and
the status drawn from 100-599. The same response goes through the sync and the async
path, which must agree. ``make test`` runs 500 examples, the same ones every run;
``make fuzz`` runs 20,000 new ones (``VGCONTRACT_FUZZ_EXAMPLES``) and prints how many
ended in each outcome.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.client_support import BASE_URL, TOKEN
from tests.paths import SPEC
from vgcontract.mock import ConversationFactory
from vgcontract.spec import dereference, load_spec
from voiceglow_client import APIStatusError, AuthenticatedClient, ResponseShapeError, VoiceglowError
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.models import ConversationEnvelope

EXAMPLES = int(os.environ.get("VGCONTRACT_FUZZ_EXAMPLES", "500"))
OUTCOMES: Counter[str] = Counter()
JSON_TYPES = "application/json"
Path = tuple[str | int, ...]


@cache
def factories() -> tuple[ConversationFactory, ConversationFactory]:
    spec = load_spec(SPEC)
    envelope = dereference(spec, spec["components"]["schemas"]["ConversationEnvelope"])
    data_schema = envelope["properties"]["data"]
    return ConversationFactory(data_schema, complete=True), ConversationFactory(data_schema)


def paths(value: Any, prefix: Path = ()) -> list[Path]:
    found: list[Path] = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def replace(body: Any, path: Path, new: Any, *, delete: bool = False) -> Any:
    if not path:
        return new
    parent = body
    for step in path[:-1]:
        parent = parent[step]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return body


def nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.integers(min_value=1, max_value=200).map(nested),
)


@st.composite
def bodies(draw: st.DrawFn) -> tuple[str, bytes]:
    """One body as bytes, and the name of how it was made."""
    complete, sparse = factories()
    factory = draw(st.sampled_from([complete, sparse]))
    seed = draw(st.integers(min_value=0, max_value=10_000))
    body: Any = {
        "success": True,
        "message": "Conversation retrieved successfully",
        "data": factory.conversation("agent-fuzz", f"convo-{seed}"),  # the caller's own copy: changed below
    }
    kind = draw(st.sampled_from(["valid", "value", "delete", "truncate", "bytes", "raw"]))
    if kind == "value":
        body = replace(body, draw(st.sampled_from(paths(body))), draw(ODD_VALUES))
    elif kind == "delete":
        body = replace(body, draw(st.sampled_from(paths(body)[1:])), None, delete=True)
    encoded = json.dumps(body).encode()
    if kind == "truncate":
        encoded = encoded[: draw(st.integers(min_value=0, max_value=len(encoded) - 1))]
    elif kind == "bytes":
        encoded = draw(st.binary(max_size=300))
    elif kind == "raw":
        encoded = draw(
            st.sampled_from(
                [
                    b"[" * 50_000 + b"]" * 50_000,
                    b'{"success": true, "message": "m", "data": {"ID": "c", "value": 1e999}}',
                    b'{"success": true, "message": "m", "data": {"ID": "c", "messagesNum": ' + b"7" * 5000 + b"}}",
                    b'{"success": true, "message": "m", "data": {"ID": "c", "value": NaN}}',
                    b"\xef\xbb\xbf" + json.dumps(body).encode(),
                    json.dumps(body).encode("utf-16"),
                    b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
                    b"",
                    b"null",
                ]
            )
        )
    return kind, encoded


@dataclass(frozen=True)
class Wire:
    """One response as the server sends it."""

    status: int
    content: bytes
    content_type: str
    headers: dict[str, str]


def answer(wire: Wire) -> httpx.MockTransport:
    def respond(_request: httpx.Request) -> httpx.Response:
        headers = {"content-type": wire.content_type, **wire.headers} if wire.content_type else wire.headers
        # Raw latin-1 bytes, as a server may send them: httpx refuses non-ASCII str headers.
        raw = [(name.encode(), value.encode("latin-1")) for name, value in headers.items()]
        return httpx.Response(wire.status, stream=httpx.ByteStream(wire.content), headers=raw)

    return httpx.MockTransport(respond)


def outcome_of(wire: Wire, *, strict: bool, mode: str) -> Any:
    transport = answer(wire)
    client = AuthenticatedClient(
        base_url=BASE_URL, token=TOKEN, strict=strict, retries=1, sleep=_no_sleep, async_sleep=_no_wait
    )
    try:
        if mode == "sync":
            client.set_httpx_client(httpx.Client(base_url=BASE_URL, transport=transport))
            return get_conversation.sync("agent-fuzz", "convo", client=client)
        client.set_async_httpx_client(httpx.AsyncClient(base_url=BASE_URL, transport=transport))
        return _loop().run(get_conversation.asyncio("agent-fuzz", "convo", client=client))
    except VoiceglowError as error:  # anything else propagates and fails the test
        return error


@cache
def _loop() -> asyncio.Runner:
    """One event loop for every async call: a new one per example costs more than the call."""
    return asyncio.Runner()


def _no_sleep(_seconds: float) -> None:
    return None


async def _no_wait(_seconds: float) -> None:
    return None


@pytest.fixture(scope="module", autouse=True)
def outcome_report() -> Iterator[None]:
    """After the run: print how many responses ended in each outcome, and check they all ran."""
    OUTCOMES.clear()
    yield
    _loop().close()
    _loop.cache_clear()
    tried = sum(OUTCOMES.values())
    counts = ", ".join(f"{name} {count:,}" for name, count in OUTCOMES.most_common())
    print(f"\nclient fuzz: {tried:,} responses tried: {counts}")
    assert tried >= EXAMPLES, f"only {tried} of {EXAMPLES} examples ran"


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 1000,  # the default suite is reproducible; `make fuzz` explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(
    made=bodies(),
    status=st.one_of(st.just(200), st.integers(min_value=100, max_value=599)),
    content_type=st.sampled_from([JSON_TYPES, "application/json; charset=utf-8", "text/html", "text/plain", ""]),
    headers=st.dictionaries(
        st.sampled_from(["Retry-After", "X-Request-Id", "Content-Encoding"]),
        st.sampled_from(["0", "-1", "soon", "Wed, 21 Oct 2015 07:28:00 GMT", "req-1", "gzip", "\u00e9"]),
        max_size=2,
    ),
    strict=st.booleans(),
)
def test_any_response_gives_a_parsed_model_or_a_voiceglow_error(
    made: tuple[str, bytes], status: int, content_type: str, headers: dict[str, str], strict: bool
) -> None:
    kind, content = made
    wire = Wire(status, content, content_type, headers)
    outcome = outcome_of(wire, strict=strict, mode="sync")
    twin = outcome_of(wire, strict=strict, mode="async")
    assert type(outcome) is type(twin), (outcome, twin)  # sync and async agree
    OUTCOMES[type(outcome).__name__] += 1
    if isinstance(outcome, ConversationEnvelope):
        assert status == 200
    elif isinstance(outcome, APIStatusError):
        assert outcome.status_code == status != 200
        assert len(outcome.body_excerpt) <= 200
    else:
        assert isinstance(outcome, ResponseShapeError)
        assert len(outcome.body_excerpt) <= 200
        assert TOKEN not in str(outcome)
    # A valid body on a 200 parses in both modes when labelled JSON and not re-encoded.
    if kind == "valid" and status == 200 and content_type.startswith(JSON_TYPES) and "Content-Encoding" not in headers:
        assert isinstance(outcome, ConversationEnvelope), outcome
