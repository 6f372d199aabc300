"""Fixtures shared by the tooling tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import PROJECT
from tests.standins import TOKEN
from vgcontract import forget_secrets


@pytest.fixture(autouse=True)
def _fresh_secrets() -> Iterator[None]:
    """Each test starts with no registered secret, as each command starts in a new process."""
    forget_secrets()
    yield
    forget_secrets()


@pytest.fixture
def live_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Live-mode settings for a stand-in server: its token, an agent, three conversation IDs."""
    monkeypatch.setenv("VOICEGLOW_API_TOKEN", TOKEN)
    monkeypatch.setenv("VOICEGLOW_AGENT_ID", "agent7")
    monkeypatch.setenv("VOICEGLOW_CONVO_IDS", "convo-1,convo-2,convo-3")
    monkeypatch.setenv("VOICEGLOW_TIMEOUT", "5")
    monkeypatch.delenv("VOICEGLOW_BASE_URL", raising=False)


@pytest.fixture
def project_copy(tmp_path: Path) -> Iterator[Path]:
    """This project's release inputs copied (spec, generator inputs, client, changelog), as the working directory."""
    root = tmp_path / "project"
    for name in ("openapi", "generated"):
        shutil.copytree(PROJECT.root / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "CHANGELOG.md"):
        shutil.copy(PROJECT.root / name, root / name)
    cwd = Path.cwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(cwd)
