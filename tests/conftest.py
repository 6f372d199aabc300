"""Fixtures shared by the tooling tests."""

from __future__ import annotations

import gc
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import PROJECT
from tests.standins import TOKEN
from vgcontract import forget_secrets


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files that hold a `slow` test first, then files by how many tests they hold; a file stays whole.

    `make test` hands whole files to its workers in this order (`--dist loadfile
    --no-loadscope-reorder`). A worker asks for the next file while its last two tests
    run, so heavy files handed out last would queue behind one another on one worker
    while the others stand idle; handed out first, the many light files even the end out.
    """
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    held = Counter(item.path for item in items)
    items.sort(key=lambda item: (item.path not in slow, -held[item.path]))  # stable: a file's order is kept


def pytest_configure() -> None:
    """The cyclic collector runs less often in a test process than Python's defaults ask.

    A worker keeps millions of long-lived objects (the libraries, the tests, what the
    process caches) and makes cycles slowly; at the defaults it spent about 5 s per worker
    in the collector, mostly walking the long-lived ones again. These thresholds, set before
    collection, cut that to about 1.5 s. Cyclic garbage lives a little longer; nothing else changes.
    """
    gc.set_threshold(10_000, 50, 1_000)


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
