"""The pytest half of `make contract` keeps the CLI's exit codes: nothing checkable is 3, not a pass."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.hostile import TOKEN, serve
from tests.paths import ROOT, child_environ


@pytest.mark.slow
def test_the_suites_exit_3_when_every_answer_was_a_rate_limit() -> None:
    with serve("429-forever") as server:
        env = {
            **child_environ(named_plugins=True),  # the plugins `make test` names, when it names them
            "VOICEGLOW_BASE_URL": server.base_url,
            "VOICEGLOW_API_TOKEN": TOKEN,
            "VOICEGLOW_AGENT_ID": "agent-1",  # any IDs: every answer is a 429
            "VOICEGLOW_CONVO_IDS": "convo-1",
            "VOICEGLOW_ST_EXAMPLES": "1",
            "VOICEGLOW_RUN_BUDGET": "3",  # every request shares it: the run ends in seconds
        }
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "contract_tests/test_schemathesis.py"],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 3, done.stdout[-3000:]
    assert "could not be checked" in done.stdout
    assert server.seen, "the suites never reached the server"
