"""Live commands against ordinary and hostile servers on 127.0.0.1 (the fast ones; `make reliability` runs all).

Each case runs the real command (in this process, to stay fast) and holds it to the rules of
`tests.reliability`: bounded time, the right exit code, no traceback, bounded memory, no
token in any output or file, and no request with the token off the spec's operation paths.
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.hostile import FAITHFUL
from tests.reliability import COMMANDS, LIMITS, SUITE, run_probe

# The slow personalities (a drip at a byte a second, endless hints) take the full
# per-request deadline on every request: they run in `make reliability`, with every command.
FAST = (
    *FAITHFUL, "traversal", "echo-body", "echo-header", "echo-encoded", "echo-drift", "close", "deep", "429-forever",
    "gzip-bomb", "endless",
)  # fmt: skip
# `record` fetches as `drift --live` does; it is run here where what it writes matters.
RECORDED = (
    "stdlib", "set-cookie", "traversal", "echo-body", "echo-header", "echo-encoded", "echo-drift", "gzip-bomb",
    "429-forever", "close",
)  # fmt: skip
CASES = [(p, c) for p in FAST for c in COMMANDS if c != "record" or p in RECORDED]
# No waits here: the rate-limit server asks for none (`Retry-After: 0`), and a connection
# that fails is tried again after 20 ms, not 0.5 s then 1 s. The retries are the same;
# `make reliability` waits the real second on every fourth request and the default backoff.
QUICK = dataclasses.replace(LIMITS, retry_after="0", backoff="0.02")


@pytest.mark.parametrize(("probe", "command"), CASES)
def test_live_command_holds_against_the_server(probe: str, command: str) -> None:
    outcome = run_probe(probe, command, QUICK, in_process=True)
    assert outcome.ok, f"{probe} with {command}: {'; '.join(outcome.problems)}\n{outcome.output[-2000:]}"


@pytest.mark.parametrize("probe", ["stdlib"])
@pytest.mark.slow
def test_the_pytest_half_passes_servers_whose_shape_is_faithful(probe: str) -> None:
    """A 501 to TRACE is no contract failure (the 429 case is in `make reliability`)."""
    outcome = run_probe(probe, SUITE, QUICK)
    assert outcome.ok, f"{probe}: {'; '.join(outcome.problems)}\n{outcome.output[-2000:]}"
