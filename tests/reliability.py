"""`make reliability`: every live command against every server personality, measured.

Each probe runs one command (`contract`, `drift --live`, `record`) in a child process
against one `tests.hostile` server, with a short per-request deadline and run budget, and
checks what a live run must do: it ends within its budget; it exits 0 when
the server's shape is faithful, and 1 or 3 otherwise; it never prints a traceback; its
peak memory stays under the limit; the token is in no output and no written file, in no
encoding (`tests.hostile.leaks`: raw, base64 alone and as `user:token`, hex, half); no
request that carried the token left the operation's path; and no cookie a server set is
sent back. `traversal` is the stdlib
server with hostile conversation IDs.

`python -m tests.reliability [PROBE ...]` prints the table and exits 1 if any row fails.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from tests.hostile import FAITHFUL, HOSTILE, TOKEN, leaks, serve
from tests.paths import ROOT, SPEC, child_environ
from vgcontract.mock import RouteTable, build_app
from vgcontract.spec import dereference, load_spec

__all__ = ["COMMANDS", "FAITHFUL_SHAPE", "LIMITS", "PROBES", "SUITE", "Outcome", "expected_exits", "run_probe"]

PROBES = (*FAITHFUL, "traversal", *HOSTILE)
COMMANDS = ("contract", "drift", "record")
SUITE = "suite"  # the pytest half of `make contract` (contract_tests/test_schemathesis.py), in a child process
TRAVERSAL_IDS = "../../../admin?x=1#f,..,.,a/b,line\r\nbreak,%2e%2e,tab\there"  # a NUL cannot be in the environment


@dataclass(frozen=True)
class Limits:
    timeout: float = 2.0  # VOICEGLOW_TIMEOUT: one request, connect to last byte
    budget: float = 20.0  # VOICEGLOW_RUN_BUDGET
    slack: float = 10.0  # start-up and reports, on top of the budget
    peak_mib: float = 300.0
    retry_after: str = "1"  # the `rate-limit` server's Retry-After, in seconds
    backoff: str = ""  # VOICEGLOW_RETRY_BACKOFF: the first retry's wait when a server names none (empty: the default)


LIMITS = Limits()


def _spec_routes() -> RouteTable:
    """The spec's operations below its first server's base path: where the token may go."""
    return RouteTable.from_spec(dereference(load_spec(SPEC)), build_app(load_spec(SPEC)).base_path)


_ROUTES = _spec_routes()


def _on_an_operation(path: str) -> bool:
    return _ROUTES.match(path.split("?", 1)[0]) is not None


_RUNNER = (
    "import resource, sys\n"
    "from vgcontract.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(f'__peak_kib__ {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.__stderr__)\n"
    "sys.exit(code)\n"
)


@dataclass(frozen=True)
class Outcome:
    """One probe and command: what happened, and every way it broke the rules (empty: it held)."""

    probe: str
    command: str
    exit_code: int
    seconds: float
    peak_mib: float
    problems: tuple[str, ...]
    output: str

    @property
    def ok(self) -> bool:
        return not self.problems


# Servers whose answers keep the documented shape: an echoed X-Request-Id is ugly, not a
# contract break, and odd IDs are still conversations to the mock behind `traversal`.
FAITHFUL_SHAPE = frozenset({*FAITHFUL, "echo-header", "traversal"})
# Servers that never give a checkable answer: nothing can be recorded, and that is inconclusive.
UNANSWERED = frozenset({"429-forever", "close", "endless", "drip", "header-drip", "hints"})


# Servers whose only departure is undocumented fields and values (the echoes): findings a
# run reports at warning level, which fail it only at that threshold.
UNDOCUMENTED_ONLY = frozenset({"echo-encoded", "echo-drift"})


def expected_exits(probe: str, command: str) -> set[int]:
    """The exit codes a correct run may end with."""
    if probe in UNDOCUMENTED_ONLY:
        return {0} if command == "record" else {0, 1}
    if command == "record":
        # record judges nothing: 0 when it wrote a recording, 3 when no answer could be had, else 1
        if probe in FAITHFUL_SHAPE:
            return {0}
        return {3} if probe in UNANSWERED else {0, 1, 3}
    if command == SUITE:
        return {0} if probe in FAITHFUL_SHAPE else {0, 1}  # pytest: 1 is "a test failed"
    return {0} if probe in FAITHFUL_SHAPE else {1, 3}


def _argv(command: str, out: Path) -> list[str]:
    if command == SUITE:
        return [
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "contract_tests/test_schemathesis.py",
            "--basetemp",
            str(out),
        ]
    if command == "contract":
        return ["contract", "--examples", "5", "--reports", str(out)]
    if command == "drift":
        return ["drift", "--live", "--no-progress", "--reports", str(out)]
    return ["record", "--no-progress", "--out", str(out)]


def run_probe(probe: str, command: str, limits: Limits = LIMITS, *, in_process: bool = False) -> Outcome:
    """Run `command` against a server with personality `probe`; judge the run.

    A child process by default, so its peak memory is measured; `in_process` is faster
    and measures everything else.
    """
    personality = "stdlib" if probe == "traversal" else probe
    ids = TRAVERSAL_IDS if probe == "traversal" else "convo-1,convo-2,convo-3"
    with (
        serve(personality, retry_after=limits.retry_after) as server,
        tempfile.TemporaryDirectory(prefix="vgcontract-rel-") as tmp,
    ):
        out = Path(tmp) / "out"
        env = {
            # The suite needs only the plugins `make test` names, when it names them.
            **child_environ(named_plugins=command == SUITE),
            "VOICEGLOW_BASE_URL": server.base_url,
            "VOICEGLOW_API_TOKEN": TOKEN,
            "VOICEGLOW_AGENT_ID": "agent7",
            "VOICEGLOW_CONVO_IDS": ids,
            "VOICEGLOW_TIMEOUT": str(limits.timeout),
            "VOICEGLOW_RUN_BUDGET": str(limits.budget),
            "VOICEGLOW_RETRY_BACKOFF": limits.backoff,
        }
        started = time.monotonic()
        env["VOICEGLOW_ST_EXAMPLES"] = "5"
        if in_process and command != SUITE:
            exit_code, output = _in_process(_argv(command, out), env)
            peak_mib = float("nan")
        else:
            runner = [] if command == SUITE else ["-c", _RUNNER]
            proc = subprocess.run(
                [sys.executable, *runner, *_argv(command, out)],
                capture_output=True,
                text=True,
                env=env,
                cwd=ROOT,
                timeout=limits.budget + 60,
                check=False,
            )
            peak = re.search(r"__peak_kib__ (\d+)", proc.stderr)
            peak_mib = int(peak.group(1)) / 1024 if peak else float("nan")
            exit_code, output = proc.returncode, proc.stdout + re.sub(r"__peak_kib__ \d+\n?", "", proc.stderr)
        seconds = time.monotonic() - started
        written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
        leaked = {str(p.relative_to(out)): leaks(p.read_text(encoding="utf-8", errors="replace")) for p in written}
        off_path = [s for s in server.seen if TOKEN in s.authorization and not _on_an_operation(s.path)]
        replayed = [s for s in server.seen if s.cookie]
    problems = []
    expected = expected_exits(probe, command)
    if exit_code not in expected:
        problems.append(f"exit {exit_code}, expected {sorted(expected)}")
    if seconds > limits.budget + limits.slack:
        problems.append(f"{seconds:.1f} s, over the {limits.budget:g} s budget")
    # pytest shows a failed test's traceback by design; the suite must only not crash.
    crashed = "INTERNALERROR" in output or "error" in output.splitlines()[-1:][0] if output.strip() else False
    if ("Traceback" in output and command != SUITE) or (command == SUITE and crashed):
        problems.append("a traceback" if command != SUITE else "pytest itself failed (internal or collection error)")
    if leaks(output):
        problems.append(f"the token in the output ({', '.join(leaks(output))})")
    for name, forms in leaked.items():
        if forms:
            problems.append(f"the token in {name} ({', '.join(forms)})")
    if replayed:
        problems.append(f"{len(replayed)} request(s) sent a cookie the server had set")
    if off_path:
        problems.append(f"{len(off_path)} request(s) with the token off the spec's paths: {off_path[0].path!r}")
    if not in_process and command != SUITE and not peak_mib <= limits.peak_mib:
        problems.append(f"peak {peak_mib:.0f} MiB")
    return Outcome(probe, command, exit_code, seconds, peak_mib, tuple(problems), output)


def _in_process(argv: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the command in this process (no memory figure): what `make test` uses, to stay fast."""
    from vgcontract.cli import main  # noqa: PLC0415

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(argv)
            except Exception:
                traceback.print_exc(file=err)
                code = -1
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, out.getvalue() + err.getvalue()


def main(argv: list[str]) -> int:
    probes = argv or list(PROBES)
    print(f"{'probe':<12} {'command':<9} {'exit':>4} {'time':>7} {'peak':>8}  verdict")
    failed = 0
    for probe in probes:
        for command in (*COMMANDS, SUITE):
            outcome = run_probe(probe, command)
            verdict = "ok" if outcome.ok else "FAIL: " + "; ".join(outcome.problems)
            print(
                f"{probe:<12} {command:<9} {outcome.exit_code:>4} {outcome.seconds:>6.1f}s "
                f"{outcome.peak_mib:>5.0f} MiB  {verdict}",
                flush=True,
            )
            failed += not outcome.ok
    print(f"{failed} of {len(probes) * (len(COMMANDS) + 1)} runs broke a rule")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
