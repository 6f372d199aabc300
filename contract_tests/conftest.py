"""Shared fixtures for the contract suites: the spec, dereferenced, and the page's facts.

The documentation page lives outside the repository; what the suites need from it is
copied into `contract_tests/fixtures/` so a fresh clone can run them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from vgcontract.spec import dereference, find_project, load_spec

FIXTURES = Path(__file__).parent / "fixtures"
SPEC = find_project(Path(__file__).resolve().parent).spec


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The spec as written, `$ref`s and all."""
    return load_spec(SPEC).document


@pytest.fixture(scope="session")
def resolved_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with every `$ref` inlined."""
    resolved: dict[str, Any] = dereference(spec)
    return resolved


@pytest.fixture(scope="session")
def operation(resolved_spec: dict[str, Any]) -> dict[str, Any]:
    """The Get Single Conversation operation, dereferenced."""
    op: dict[str, Any] = resolved_spec["paths"]["/agents/{agentId}/convos/{convoId}"]["get"]
    return op


@pytest.fixture(scope="session")
def page_example() -> dict[str, Any]:
    """The page's "Example Response", copied verbatim into the fixtures."""
    body: dict[str, Any] = json.loads((FIXTURES / "page_example_response.json").read_text(encoding="utf-8"))
    return body


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip `live` tests unless the live API is configured (VOICEGLOW_BASE_URL and friends)."""
    if os.environ.get("VOICEGLOW_BASE_URL"):
        return
    skip = pytest.mark.skip(reason="live API not configured: set VOICEGLOW_BASE_URL, VOICEGLOW_API_TOKEN, ...")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)
