"""Fixtures shared by the tooling tests."""

from __future__ import annotations

import pytest

from tests.standins import TOKEN


@pytest.fixture
def live_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Live-mode settings for a stand-in server: its token, an agent, three conversation IDs."""
    monkeypatch.setenv("VOICEGLOW_API_TOKEN", TOKEN)
    monkeypatch.setenv("VOICEGLOW_AGENT_ID", "agent7")
    monkeypatch.setenv("VOICEGLOW_CONVO_IDS", "convo-1,convo-2,convo-3")
    monkeypatch.setenv("VOICEGLOW_TIMEOUT", "5")
    monkeypatch.delenv("VOICEGLOW_BASE_URL", raising=False)
