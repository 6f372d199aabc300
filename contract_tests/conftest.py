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
    """The operation the spec marks to fetch (Get Single Conversation), dereferenced."""
    fetched = next(op for op in load_spec(SPEC).operations if op.fetched)
    op: dict[str, Any] = resolved_spec["paths"][fetched.path][fetched.method.lower()]
    return op


@pytest.fixture(scope="session")
def page_example() -> dict[str, Any]:
    """The page's "Example Response", copied verbatim into the fixtures."""
    body: dict[str, Any] = json.loads((FIXTURES / "page_example_response.json").read_text(encoding="utf-8"))
    return body


INCONCLUSIVE = "could not be checked"  # how a test that got no checkable answer says so when it skips
EXIT_INCONCLUSIVE = 3  # the CLI's code for "could not check", README's exit codes


class _Checked:
    """Counts the tests that judged an answer and those that got none (`INCONCLUSIVE` skips)."""

    judged = 0
    inconclusive = 0


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count what was judged: a pass or a failure judged an answer; an `INCONCLUSIVE` skip did not."""
    if report.when == "call" and (report.passed or report.failed):
        _Checked.judged += 1
    elif report.skipped and isinstance(report.longrepr, tuple) and INCONCLUSIVE in str(report.longrepr[2]):
        _Checked.inconclusive += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Exit 3, as the CLI does, when nothing could be checked: every answer was a rate limit, an outage..."""
    if exitstatus == 0 and _Checked.judged == 0 and _Checked.inconclusive > 0:
        session.exitstatus = EXIT_INCONCLUSIVE


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip `live` tests unless the live API is configured (VOICEGLOW_BASE_URL and friends)."""
    if os.environ.get("VOICEGLOW_BASE_URL"):
        return
    skip = pytest.mark.skip(reason="live API not configured: set VOICEGLOW_BASE_URL, VOICEGLOW_API_TOKEN, ...")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)
