"""The target of a run, resolved once: the live API or the embedded mock, behind one httpx transport.

Every command that talks HTTP (contract, drift --live, record, selftest) builds one
`Target` with `resolve_target` from its flags, the `VOICEGLOW_*` environment and the
defaults, and hands it to the engines. The engines only ever see `Target.client()` /
`Target.async_client()` and the IDs; whether an in-process mock or a server answers is
decided here and nowhere else, so no engine imports the mock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from vgcontract.errors import UsageError
from vgcontract.live.urls import encode_segment, expand_path

__all__ = ["DEFAULT_EXAMPLES", "DEFAULT_TIMEOUT", "Target", "resolve_target"]

DEFAULT_EXAMPLES = 60
DEFAULT_TIMEOUT = 10.0
_MOCK_ORIGIN = "http://mock.local"  # never resolved: the in-process transport answers it
_MOCK_SAMPLE = 25  # the embedded mock serves any ID; a varied corpus for the drift check


@dataclass(frozen=True)
class Target:
    """Where to run and with what: never shows the token in its repr."""

    spec: Path
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
    def auth_headers(self) -> dict[str, str]:
        """The Authorization header for this target's token."""
        return {"Authorization": f"Bearer {self.token}"}

    def path(self, template: str, params: Mapping[str, Any]) -> str:
        """`template` with each parameter encoded as exactly one path segment (below the base URL)."""
        return expand_path(template, params)

    def conversation_path(self, convo_id: str) -> str:
        """The path of one conversation of this target's agent."""
        return f"/agents/{encode_segment(self.agent_id)}/convos/{encode_segment(convo_id)}"

    def transport(self) -> httpx.BaseTransport:
        """The sync transport every request of this run goes through."""
        if self.embedded is not None:
            from vgcontract.mock.transport import InProcessTransport  # noqa: PLC0415 - only for the mock

            return InProcessTransport(self.embedded)
        return httpx.HTTPTransport()

    def async_transport(self, *, max_connections: int = 8) -> httpx.AsyncBaseTransport:
        """The async transport, for concurrent fetching."""
        if self.embedded is not None:
            from vgcontract.mock.transport import InProcessTransport  # noqa: PLC0415 - only for the mock

            return InProcessTransport(self.embedded)
        return httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=max_connections))

    def client(self, *, timeout: float | httpx.Timeout | None = None) -> httpx.Client:
        """A client on this target's base URL and transport; authentication is per request."""
        return httpx.Client(
            base_url=self.base_url, transport=self.transport(), timeout=timeout or self.timeout, follow_redirects=False
        )

    def async_client(self, *, timeout: httpx.Timeout, max_connections: int = 8) -> httpx.AsyncClient:
        """An async client on this target, with this run's token already set."""
        return httpx.AsyncClient(
            base_url=self.base_url,
            transport=self.async_transport(max_connections=max_connections),
            headers={**self.auth_headers, "Accept": "application/json"},
            timeout=timeout,
            follow_redirects=False,
        )


def resolve_target(
    env: Mapping[str, str],
    *,
    spec: Path,
    base_url: str | None = None,
    convo_ids: Sequence[str] = (),
    examples: int | None = None,
) -> Target:
    """Build the run's `Target`. Raises `UsageError` naming what is missing or malformed.

    With no base URL (flag or `VOICEGLOW_BASE_URL`) the embedded mock answers in-process,
    built from `spec`. Live mode needs a token, an agent and at least one conversation ID
    (`convo_ids` from the command line, else `VOICEGLOW_CONVO_IDS`).
    """
    url = (base_url or env.get("VOICEGLOW_BASE_URL", "")).strip().rstrip("/")
    count = examples if examples is not None else _int(env, "VOICEGLOW_ST_EXAMPLES", DEFAULT_EXAMPLES)
    timeout = _seconds(env, "VOICEGLOW_TIMEOUT", DEFAULT_TIMEOUT)
    if count < 1:
        raise UsageError("the example count must be at least 1")
    ids = tuple(i.strip() for i in convo_ids if i.strip())
    if not url:
        return _embedded(spec, ids, count, timeout)
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UsageError("VOICEGLOW_BASE_URL must be an http(s) URL such as https://eu-gcp-api.vg-stuff.com/v3")
    token = env.get("VOICEGLOW_API_TOKEN", "").strip()
    if not token:
        raise UsageError("live mode (VOICEGLOW_BASE_URL is set) needs VOICEGLOW_API_TOKEN")
    agent = env.get("VOICEGLOW_AGENT_ID", "").strip()
    if not agent:
        raise UsageError("live mode needs VOICEGLOW_AGENT_ID, the agent whose conversations are checked")
    ids = ids or tuple(c.strip() for c in env.get("VOICEGLOW_CONVO_IDS", "").split(",") if c.strip())
    if not ids:
        raise UsageError("live mode needs VOICEGLOW_CONVO_IDS, comma-separated conversation IDs known to exist")
    return Target(spec, url, token, agent, ids, ids, examples=count, timeout=timeout)


def _embedded(spec: Path, ids: tuple[str, ...], examples: int, timeout: float) -> Target:
    from vgcontract.mock.app import build_app  # noqa: PLC0415 - the one place the mock is chosen

    app = build_app(spec)
    agent, sample = app.sample_ids(_MOCK_SAMPLE)
    pinned = ids or sample[:2]
    base_url = _MOCK_ORIGIN + app.base_path
    return Target(spec, base_url, app.token, agent, pinned, ids or sample, examples, timeout, embedded=app)


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "")
    if not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, got {raw!r}") from None


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0 < value <= 600:
        raise UsageError(f"{name} must be above 0 and at most 600 seconds, got {raw!r}")
    return value
