"""The pytest plugin: a ``voiceglow_api`` fixture, a fresh ``MockAPI`` per test.

Installed from the wheel, pytest loads it by itself (the ``pytest11`` entry point). A
vendored copy enables it with one line in ``conftest.py``:

    pytest_plugins = ["voiceglow_client.testing.plugin"]
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import MockAPI

__all__ = ["voiceglow_api"]


@pytest.fixture
def voiceglow_api() -> Iterator[MockAPI]:
    """The API in memory: ``voiceglow_api.client()`` is a client wired to it."""
    api = MockAPI()
    yield api
    api.reset()
