"""The target of a run, resolved once: the live API or the embedded mock, behind one httpx transport.

Every command that talks HTTP (contract, drift --live, record, selftest) builds one
`Target` with `resolve_target` from its flags, the `VOICEGLOW_*` environment and the
defaults, and hands it to the engines. The engines only ever see `Target.client()` /
`Target.async_client()` (the bounded layer, `vgcontract.live.http`) and the IDs; whether
an in-process mock or a server answers is decided here and nowhere else, so no engine
imports the mock.

Bounds, from the environment: `VOICEGLOW_TIMEOUT` (the total deadline of one request,
default 10 s), `VOICEGLOW_RUN_BUDGET` (the whole run, default 300 s),
`VOICEGLOW_MAX_BODY_BYTES` (the decompressed body cap, default 4 MiB) and
`VOICEGLOW_RETRY_BACKOFF` (the first retry's wait when the server names none, default
0.5 s, doubling to at most 8 s). Resolving a live
target registers its token as a secret (`vgcontract.redact.register_secret`), so no
output of the process can show it, even when a server echoes it back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from vgcontract.drift.model import DEFAULT_MAX_RECORD_BYTES
from vgcontract.errors import UsageError
from vgcontract.live.http import AsyncLiveClient, Bounds, Budget, LiveClient
from vgcontract.live.network import AsyncioTransport, environment_proxy
from vgcontract.live.urls import encode_segment, expand_path
from vgcontract.redact import register_secret, register_url_credentials
from vgcontract.runtime.policy import RetryPolicy
from vgcontract.runtime.scrub import strip_userinfo
from vgcontract.runtime.transport import tls_context
from vgcontract.spec.load import PATH_VARIABLE
from vgcontract.spec.model import FETCH_MARK, Spec, fetched_get

__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_EXAMPLES",
    "DEFAULT_TIMEOUT",
    "FETCH_MARK",
    "Target",
    "conversation_operation",
    "conversation_template",
    "resolve_target",
]

DEFAULT_EXAMPLES = 60
DEFAULT_TIMEOUT = 10.0
DEFAULT_BUDGET = 300.0
_MOCK_ORIGIN = "http://mock.local"  # never resolved: the in-process transport answers it
_MOCK_SAMPLE = 25  # the embedded mock serves any ID; a varied corpus for the drift check
_PROBE = "vgcontract-probe"


@dataclass(frozen=True)
class Target:
    """Where to run and with what: never shows the token in its repr."""

    spec: Spec  # the one model of the spec, read by the command
    base_url: str
    token: str = field(repr=False)
    agent_id: str
    convo_ids: tuple[str, ...]  # pinned: known to exist, checked first
    sample_ids: tuple[str, ...]  # what the drift check reads (live: the pinned IDs)
    examples: int = DEFAULT_EXAMPLES
    timeout: float = DEFAULT_TIMEOUT
    seed: int | None = None  # None: derandomised examples; else this hypothesis seed
    # The in-process mock when no base URL was given; None for a live server.
    embedded: Any = field(default=None, repr=False, compare=False)
    max_body_bytes: int = DEFAULT_MAX_RECORD_BYTES
    # The run's time budget: it starts when the target is resolved, at the command's start.
    budget: Budget = field(default_factory=lambda: Budget(DEFAULT_BUDGET), compare=False)
    retry_backoff: float = RetryPolicy().initial_delay  # the first retry's wait when the server names none

    @property
    def live(self) -> bool:
        """True when a real server answers (anything but the in-process mock)."""
        return self.embedded is None

    @property
    def label(self) -> str:
        """The target as shown in reports: never credentials, a query or a fragment."""
        if not self.live:
            return "embedded mock (in-process ASGI)"
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"

    @property
    def shown_url(self) -> str:
        """The base URL as it may be shown (a `curl` line): credentials in it as `***`."""
        return strip_userinfo(self.base_url)

    @property
    def auth_headers(self) -> dict[str, str]:
        """The Authorization header for this target's token."""
        return {"Authorization": f"Bearer {self.token}"}

    def path(self, template: str, params: Mapping[str, Any]) -> str:
        """`template` with each parameter encoded as exactly one path segment (below the base URL)."""
        return expand_path(template, params)

    def conversation_parameters(self, convo_id: str) -> dict[str, str]:
        """The path parameters of one conversation of this target's agent (none when the spec marks no fetch)."""
        names = PATH_VARIABLE.findall(_fetched_template(self.spec) or "")
        return {name: convo_id if index == len(names) - 1 else self.agent_id for index, name in enumerate(names)}

    def conversation_path(self, convo_id: str) -> str:
        """The path of one conversation of this target's agent; `UsageError` when the spec marks no fetch."""
        template = _fetched_template(self.spec)
        if template is None:
            raise UsageError(
                f"{self.spec.source}: no GET operation is marked `{FETCH_MARK}: true` (what live runs fetch)"
            )
        return expand_path(template, self.conversation_parameters(convo_id))

    def probe_parameters(self, template: str) -> dict[str, str]:
        """Values for a template's path parameters: the agent and first conversation by name, else a probe."""
        known = self.conversation_parameters(self.convo_ids[0] if self.convo_ids else _PROBE)  # none while discovering
        return {name: known.get(name, _PROBE) for name in PATH_VARIABLE.findall(template)}

    def fetched_operation(self) -> str:
        """The operationId (or `GET /path`) of what `conversation_path` fetches."""
        found = conversation_operation(self.spec)
        if found is not None:
            return found
        raise UsageError(
            f"{self.spec.source}: no GET operation marked `{FETCH_MARK}: true` with a JSON 200 body to fetch"
        )

    def bounds(self, *, retry: RetryPolicy | None = None, connect_timeout: float = 5.0) -> Bounds:
        """This target's request bounds (the total deadline is `timeout`; retries: `retry_policy()`)."""
        return Bounds(
            timeout=self.timeout,
            connect_timeout=min(connect_timeout, self.timeout),
            max_body_bytes=self.max_body_bytes,
            retry=retry or self.retry_policy(),
        )

    def retry_policy(self, **changes: Any) -> RetryPolicy:
        """The client's retry policy with this target's backoff, and `changes` (`max_retries=...`)."""
        return RetryPolicy(initial_delay=self.retry_backoff, **changes)

    def _transport(self, max_connections: int) -> httpx.AsyncBaseTransport:
        if self.embedded is not None:
            from vgcontract.mock.transport import InProcessTransport  # noqa: PLC0415 - only for the mock

            return InProcessTransport(self.embedded)
        limits = httpx.Limits(max_connections=max_connections)
        proxy = environment_proxy(self.base_url)
        if proxy is not None:  # httpx's own transport speaks to proxies (CONNECT, SOCKS)
            return httpx.AsyncHTTPTransport(proxy=proxy, verify=tls_context(), limits=limits)
        return AsyncioTransport(limits=limits)

    def async_client(self, *, bounds: Bounds | None = None, max_connections: int = 8) -> AsyncLiveClient:
        """The bounded async client every live request of this run goes through."""
        return AsyncLiveClient(
            self.base_url,
            self._transport(max_connections),
            bounds=bounds or self.bounds(),
            budget=self.budget,
            headers={"Accept": "application/json"},
        )

    def client(self, *, bounds: Bounds | None = None) -> LiveClient:
        """The same bounded client, for callers that are not async."""
        return LiveClient(lambda: self.async_client(bounds=bounds, max_connections=1))


def resolve_target(
    env: Mapping[str, str],
    *,
    spec: Spec,
    base_url: str | None = None,
    convo_ids: Sequence[str] = (),
    examples: int | None = None,
    discovering: bool = False,
) -> Target:
    """Build the run's `Target`. Raises `UsageError` naming what is missing or malformed.

    With no base URL (flag or `VOICEGLOW_BASE_URL`) the embedded mock answers in-process,
    built from `spec`. Live mode needs a token, an agent and at least one conversation ID
    (`convo_ids` from the command line, else `VOICEGLOW_CONVO_IDS`), unless `discovering`:
    then the caller lists them (`vgcontract.live.discover`) and pinned IDs are optional.
    """
    url = (base_url or env.get("VOICEGLOW_BASE_URL", "")).strip().rstrip("/")
    count = examples if examples is not None else _int(env, "VOICEGLOW_ST_EXAMPLES", DEFAULT_EXAMPLES)
    timeout = _seconds(env, "VOICEGLOW_TIMEOUT", DEFAULT_TIMEOUT)
    budget = Budget(_seconds(env, "VOICEGLOW_RUN_BUDGET", DEFAULT_BUDGET, limit=86_400))
    cap = _int(env, "VOICEGLOW_MAX_BODY_BYTES", DEFAULT_MAX_RECORD_BYTES)
    backoff = _seconds(env, "VOICEGLOW_RETRY_BACKOFF", RetryPolicy().initial_delay, limit=RetryPolicy().max_delay)
    if count < 1:
        raise UsageError("the example count must be at least 1")
    if cap < 1:
        raise UsageError(f"VOICEGLOW_MAX_BODY_BYTES must be at least 1, got {cap}")
    ids = tuple(i.strip() for i in convo_ids if i.strip())
    if not url:
        return _embedded(spec, ids, examples=count, timeout=timeout, cap=cap, budget=budget, backoff=backoff)
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UsageError("VOICEGLOW_BASE_URL must be an http(s) URL such as https://eu-gcp-api.vg-stuff.com/v3")
    token = env.get("VOICEGLOW_API_TOKEN", "").strip()
    if not token:
        raise UsageError("live mode (VOICEGLOW_BASE_URL is set) needs VOICEGLOW_API_TOKEN")
    register_secret(token)
    register_url_credentials(url)
    agent = env.get("VOICEGLOW_AGENT_ID", "").strip()
    if not agent:
        raise UsageError("live mode needs VOICEGLOW_AGENT_ID, the agent whose conversations are checked")
    ids = ids or tuple(c.strip() for c in env.get("VOICEGLOW_CONVO_IDS", "").split(",") if c.strip())
    if not ids and not discovering:
        raise UsageError("live mode needs VOICEGLOW_CONVO_IDS, comma-separated conversation IDs known to exist")
    for convo in (agent, *ids):
        encode_segment(convo)  # a configured ID that cannot be one path segment is a usage error now
    return Target(spec, url, token, agent, ids, ids, examples=count, timeout=timeout, max_body_bytes=cap, budget=budget,
                  retry_backoff=backoff)  # fmt: skip


def _embedded(
    spec: Spec, ids: tuple[str, ...], *, examples: int, timeout: float, cap: int, budget: Budget, backoff: float
) -> Target:
    from vgcontract.mock.app import build_app  # noqa: PLC0415 - the one place the mock is chosen

    app = build_app(spec, own_token=True)  # the run probes that a wrong token is refused
    agent, sample = app.sample_ids(_MOCK_SAMPLE)
    pinned = ids or sample[:2]
    base_url = _MOCK_ORIGIN + app.base_path
    return Target(
        spec, base_url, app.token, agent, pinned, ids or sample, examples, timeout,
        embedded=app, max_body_bytes=cap, budget=budget, retry_backoff=backoff,
    )  # fmt: skip


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "")
    if not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, got {raw!r}") from None


def _seconds(env: Mapping[str, str], name: str, default: float, *, limit: float = 600) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0 < value <= limit:
        raise UsageError(f"{name} must be above 0 and at most {limit:g} seconds, got {raw!r}")
    return value


def conversation_operation(spec: Mapping[str, Any]) -> str | None:
    """The operationId (or `GET /path`) of the GET the spec marks `x-vgcontract-fetch: true`, if any.

    This is what the nightly drift check fetches, so it is also what a drift check of
    recorded files reads when the spec holds several GETs and no `--operation` is given.
    """
    found = _marked(spec)
    return None if found is None else found[0]


def conversation_template(spec: Mapping[str, Any]) -> str:
    """The path template of the GET that live runs fetch, in `spec`."""
    found = _marked(spec)
    if found is None:
        raise UsageError(f"the spec marks no GET operation `{FETCH_MARK}: true` (what live runs fetch)")
    return found[1]


def _marked(spec: Mapping[str, Any]) -> tuple[str, str] | None:
    """(operationId or `GET /path`, path template) of the marked GET with a JSON 200 body."""
    operation = fetched_get(spec)
    return None if operation is None else (operation.name, operation.path)


def _fetched_template(spec: Spec) -> str | None:
    """The marked GET's path template."""
    found = _marked(spec)
    return None if found is None else found[1]
