"""`make selftest`: prove the main job catches drift, by breaking the mock on purpose.

For each fault mode (`vgcontract.mock.faults.MODES`) the embedded mock is served on
127.0.0.1 with that one break, and the main job (`run_main_job`: schemathesis plus the
drift check, in live mode, exactly as CI runs it against the real API) is run against it.
A mode is *caught* when the job fails at its default threshold and, for a break in the
body, a finding names one of the fields the mock actually broke (the mock counts what it
broke, so "caught" cannot be a coincidence). A run without drift must have zero findings
of any severity, and so must every run of the seed sweep: the no-drift mock with other
data and other generated examples, which measures false positives.

The engine returns plain data (`SelftestResult`); `vgcontract.reporting.selftest` renders it
and the CLI turns it into an exit code. The mock's faults are "drift" from the main job's
point of view: the job must see each one as the API drifting from its spec.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

from vgcontract.contract.mainjob import MainJobResult, run_main_job
from vgcontract.drift.model import DriftKind
from vgcontract.findings import Finding, Severity
from vgcontract.live.target import Target
from vgcontract.mock.app import MockApp, build_app
from vgcontract.mock.faults import BODY_MODES, MODES, FaultPlan
from vgcontract.selftest.server import serve
from vgcontract.spec.model import Spec

__all__ = [
    "BASELINE",
    "FAIL_ON",
    "ModeOutcome",
    "SelftestResult",
    "SweepOutcome",
    "run_mode",
    "run_selftest",
    "run_sweep",
]

BASELINE = "(no drift)"
FAIL_ON = Severity.WARNING  # the main job's default `--fail-on`
_TOKEN = "vg-selftest-token"  # noqa: S105 - a throwaway token for a loopback mock
_TIMEOUT = 1.0  # the job's per-request timeout here: well above the mock's few milliseconds
_SLOW_DELAY = 2.0  # `slow` answers after twice that
_INDEX = re.compile(r"\[\d+\]")

_SAMPLE = 25  # conversations the drift half reads per run
JobRunner = Callable[[Target, Sequence[str]], MainJobResult]


@dataclass(frozen=True)
class ModeOutcome:
    """One row of the kill table."""

    mode: str
    caught: bool
    checks: tuple[str, ...]  # what failed: schemathesis check names, `drift:<kind>`
    named: tuple[str, ...]  # the paths or statuses those findings named
    broken: tuple[str, ...]  # what the mock says it broke
    findings: int  # every finding of the run (info included) and every request it could not check
    seconds: float
    reason: str = ""  # why a mode counts as not caught
    operation: str = ""  # the one operation the mock broke (operationId or `METHOD /path`); "" for all


@dataclass(frozen=True)
class SweepOutcome:
    """The false-positive sweep: no-drift runs with other data seeds and example seeds."""

    seeds: int
    noisy: tuple[tuple[int, tuple[str, ...]], ...]  # (seed, findings) for every run that had any
    seconds: float
    workers: int


@dataclass
class SelftestResult:
    """Everything the kill table and the exit code need."""

    baseline: ModeOutcome
    modes: list[ModeOutcome] = field(default_factory=list)
    # (mode, operation) pairs not run: the operation's answer has nothing the mode could break.
    not_applicable: list[tuple[str, str]] = field(default_factory=list)
    sweep: SweepOutcome | None = None
    seconds: float = 0.0

    @property
    def caught(self) -> int:
        """Modes caught."""
        return sum(1 for m in self.modes if m.caught)

    @property
    def passed(self) -> bool:
        """Every mode caught, and no finding at all without drift."""
        clean_sweep = self.sweep is None or not self.sweep.noisy
        return self.caught == len(self.modes) and self.baseline.findings == 0 and clean_sweep


def _job_target(spec: Spec, app: MockApp, base_url: str, *, examples: int, timeout: float, seed: int | None) -> Target:
    """Live mode against the loopback mock: two pinned conversations, as a user would configure."""
    agent, sample = app.sample_ids(_SAMPLE)
    return Target(spec, base_url, app.token, agent, sample[:2], sample, examples, timeout, seed)


def _main_job(target: Target, drift_ids: Sequence[str]) -> MainJobResult:
    # The loopback mock is ours: its writes change nothing, so every operation is exercised.
    return run_main_job(target, drift_ids=drift_ids, allow_writes=True)


def _named(job: MainJobResult) -> list[tuple[str, str]]:
    """(check, path) for every finding at or above the job's threshold, then every unchecked request."""
    out = [(f.kind, _INDEX.sub("[]", f.location)) for f in job.contract_findings]
    out += [
        (f"drift:{f.kind}", _drift_place(f))
        for report in job.drift_reports
        for f in report.findings
        if f.severity >= FAIL_ON
    ]
    out += [(f"inconclusive:{f.kind}", f.location) for f in job.contract.inconclusive]
    return out


def _noise(job: MainJobResult) -> int:
    """Everything a run without faults must not have: findings of any severity, and unchecked requests."""
    return job.findings + job.inconclusive


def _drift_place(finding: Finding) -> str:
    if finding.location != "$":
        return finding.location
    samples = finding.evidence.get("samples") or []
    sample = str(samples[0]).strip('"') if samples else ""
    if finding.kind == DriftKind.UNEXPECTED_STATUS.value:
        return f"status {sample}"
    if finding.kind == DriftKind.WRONG_CONTENT_TYPE.value:
        return f"content-type {sample.split(';')[0]}"
    return "body"


def _labels(job: MainJobResult) -> tuple[str, ...]:
    contract = [f"{f.kind} {f.location}" for f in job.contract_findings]
    unchecked = [f"inconclusive:{f.kind} {f.location}" for f in job.contract.inconclusive]
    drift = [f"drift:{f.kind} {f.location}" for report in job.drift_reports for f in report.findings]
    inconclusive = any(report.inconclusive for report in job.drift_reports)
    return (*contract, *unchecked, *drift, *(["drift:inconclusive"] if inconclusive else []))


def run_mode(
    spec: Spec,
    modes: tuple[str, ...],
    *,
    examples: int,
    seed: int | None = None,
    data_seed: int = 0,
    rate: float = 1.0,
    job: JobRunner = _main_job,
    operation: str | None = None,
) -> ModeOutcome:
    """Run the main job once against the mock with `modes` (none: the baseline); judge it.

    With `operation`, only that operation's answers are broken (a row of the per-operation kill table).
    """
    plan = FaultPlan(modes, rate=rate, delay=_SLOW_DELAY, operation=operation)
    app = build_app(spec, token=_TOKEN, faults=plan, seed=data_seed)
    started = time.monotonic()
    with serve(app) as base_url:
        target = _job_target(spec, app, base_url, examples=examples, timeout=_TIMEOUT, seed=seed)
        result = job(target, target.sample_ids)
    seconds = time.monotonic() - started
    named = _named(result)
    broken = tuple(sorted({path for (_mode, path) in app.faults.applied}))
    name = ",".join(modes) or BASELINE
    if not modes:
        checks = tuple(dict.fromkeys(check for check, _ in named))
        return ModeOutcome(name, False, checks, tuple(p for _, p in named), (), _noise(result), seconds, "", "")
    evidence = named
    reason = ""
    if not broken:
        reason = "the mock broke nothing in this run"
    elif not result.fails(FAIL_ON) and not result.inconclusive:
        # A mock that hangs past the deadline is noticed as "could not check" (exit 3): the
        # job did not pass it, which is the catch for a transport fault.
        reason = "the main job passed"
    elif set(modes) & BODY_MODES:
        # A body break counts only when a failing finding names a field the mock broke.
        evidence = [(check, path) for check, path in named if path in broken]
        if not evidence:
            reason = "the job failed, but named none of the fields the mock broke"
    checks = tuple(dict.fromkeys(check for check, _ in evidence))
    places = tuple(dict.fromkeys(path for _, path in evidence))
    noise = _noise(result)
    return ModeOutcome(name, not reason, checks, places, broken, noise, seconds, reason, operation or "")


def _sweep_chunk(
    spec: Spec, seeds: Sequence[int], examples: int, faults: tuple[str, ...] = (), rate: float = 1.0
) -> list[tuple[int, tuple[str, ...]]]:
    """Worker body of the sweep (a separate process): the noisy seeds among `seeds`."""
    noisy = []
    for seed in seeds:
        plan = FaultPlan(faults, rate=rate, seed=seed)
        app = build_app(spec, token=_TOKEN, faults=plan, seed=seed)
        with serve(app) as base_url:
            # A looser timeout here: the sweep runs in parallel workers on a shared machine.
            target = _job_target(spec, app, base_url, examples=examples, timeout=_TIMEOUT * 5, seed=seed)
            result = _main_job(target, target.sample_ids)
        if _noise(result):
            noisy.append((seed, _labels(result)))
    return noisy


def run_sweep(
    spec: Spec,
    seeds: int,
    *,
    examples: int,
    workers: int = 1,
    first_seed: int = 1,
    faults: tuple[str, ...] = (),
    rate: float = 1.0,
) -> SweepOutcome:
    """`seeds` no-drift runs, each with its own mock data seed and example seed; report any finding.

    `faults` and `rate` exist to prove the sweep can fail: a mock breaking on a few seeds
    must show up as exactly those noisy seeds.
    """
    started = time.monotonic()
    numbers = list(range(first_seed, first_seed + seeds))
    workers = max(1, min(workers, seeds))
    if workers == 1:
        noisy = _sweep_chunk(spec, numbers, examples, faults, rate)
    else:
        # Processes, not threads: hypothesis and schemathesis keep per-process state.
        chunks = [numbers[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            parts = pool.map(
                _sweep_chunk, [spec] * workers, chunks, [examples] * workers, [faults] * workers, [rate] * workers
            )
            noisy = sorted(item for part in parts for item in part)
    return SweepOutcome(seeds, tuple(noisy), time.monotonic() - started, workers)


def run_selftest(
    spec: Spec,
    modes: Sequence[str] | None = None,
    *,
    examples: int = 60,
    seeds: int = 0,
    sweep_examples: int = 25,
    workers: int = 1,
    rate: float = 1.0,
    job: JobRunner = _main_job,
    on_outcome: Callable[[ModeOutcome], None] | None = None,
) -> SelftestResult:
    """The baseline, then every mode in `modes` (default: all) on every operation, then the sweep if `seeds`.

    The kill table is per operation: each mode breaks one operation's answers at a time
    (every operation with a JSON success body), so a suite that checks only one of them
    shows the others as missed. A mode with nothing to break in an operation's answer
    (`wrong-conversation` on a list) is listed as not applicable, not run.
    """
    started = time.monotonic()
    chosen = tuple(modes) if modes is not None else tuple(m.name for m in MODES)
    injectors = build_app(spec, token=_TOKEN).faults.injectors
    baseline = run_mode(spec, (), examples=examples, job=job)
    if on_outcome is not None:
        on_outcome(baseline)
    result = SelftestResult(baseline)
    for mode in chosen:
        for operation, injector in injectors.items():
            if not injector.applies(mode):
                result.not_applicable.append((mode, operation))
                continue
            outcome = run_mode(spec, (mode,), examples=examples, rate=rate, job=job, operation=operation)
            result.modes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    if seeds:
        result.sweep = run_sweep(spec, seeds, examples=sweep_examples, workers=workers)
    result.seconds = time.monotonic() - started
    return result
