"""Where the contract job and the drift check run, and how hard: read from `VOICEGLOW_*` variables.

Kept apart from `_contract` so that commands which only fetch (drift, record) do not
import schemathesis.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from vgcontract.errors import UsageError
from vgcontract.mock.app import DEFAULT_TOKEN

__all__ = ["MOCK_CONVO_IDS", "ContractConfig", "LiveOptions", "env_config"]

_DEFAULT_EXAMPLES = 60
# The embedded mock serves any ID; these give a varied corpus, plus the page's own example.
MOCK_CONVO_IDS = ("agent123_convo456", *(f"convo-{n:03d}" for n in range(1, 25)))


@dataclass(frozen=True)
class ContractConfig:
    """Where to run and how hard. Built from the environment; the token never appears in its repr."""

    base_url: str | None = None  # None: the embedded mock, in-process
    token: str = field(default=DEFAULT_TOKEN, repr=False)
    agent_id: str = "agent123"
    convo_ids: tuple[str, ...] = ("agent123_convo456", "convo-1")
    examples: int = _DEFAULT_EXAMPLES
    timeout: float = 10.0
    seed: int | None = None  # None: derandomised (the same examples every run); else this hypothesis seed

    @property
    def live(self) -> bool:
        """True when the target is a real server rather than the embedded mock."""
        return self.base_url is not None

    @property
    def target(self) -> str:
        """The target as shown in reports: never includes credentials."""
        if self.base_url is None:
            return "embedded mock (in-process ASGI)"
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, base_url: str | None = None, examples: int | None = None
    ) -> ContractConfig:
        """Read `VOICEGLOW_*` variables; raise `UsageError` naming what is missing or malformed."""
        url = (base_url or env.get("VOICEGLOW_BASE_URL", "")).strip().rstrip("/")
        count = examples if examples is not None else _int(env, "VOICEGLOW_ST_EXAMPLES", _DEFAULT_EXAMPLES)
        timeout = _seconds(env, "VOICEGLOW_TIMEOUT", 10.0)
        if count < 1:
            raise UsageError("the example count must be at least 1")
        if not url:
            return cls(examples=count, timeout=timeout)
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise UsageError("VOICEGLOW_BASE_URL must be an http(s) URL such as https://eu-gcp-api.vg-stuff.com/v3")
        token = env.get("VOICEGLOW_API_TOKEN", "").strip()
        if not token:
            raise UsageError("live mode (VOICEGLOW_BASE_URL is set) needs VOICEGLOW_API_TOKEN")
        agent = env.get("VOICEGLOW_AGENT_ID", "").strip()
        if not agent:
            raise UsageError("live mode needs VOICEGLOW_AGENT_ID, the agent whose conversations are checked")
        convos = tuple(c.strip() for c in env.get("VOICEGLOW_CONVO_IDS", "").split(",") if c.strip())
        if not convos:
            raise UsageError("live mode needs VOICEGLOW_CONVO_IDS, comma-separated conversation IDs known to exist")
        return cls(base_url=url, token=token, agent_id=agent, convo_ids=convos, examples=count, timeout=timeout)


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


def env_config(base_url: str | None = None, examples: int | None = None) -> ContractConfig:
    """`ContractConfig.from_env` over this process's environment."""
    return ContractConfig.from_env(os.environ, base_url=base_url, examples=examples)


@dataclass(frozen=True)
class LiveOptions:
    """How hard to hit the API. Every bound is explicit so a nightly job cannot hang."""

    concurrency: int = 8
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5  # first retry waits about this long; doubles each time
    max_retry_wait: float = 60.0  # cap on any one wait, Retry-After included
    max_record_bytes: int = 4 * 1024 * 1024

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise UsageError("--concurrency must be at least 1")
        if self.retries < 0:
            raise UsageError("--retries must be 0 or more")
        if self.connect_timeout <= 0 or self.read_timeout <= 0:
            raise UsageError("timeouts must be positive")
        if self.max_record_bytes < 1:
            raise UsageError(f"--max-record-bytes must be at least 1, got {self.max_record_bytes}")
