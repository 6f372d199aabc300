"""Mutation testing, bounded: does some test fail when the engines' code is subtly wrong?

`make mutate` (or `python harness/mutate.py [--per-module N] [--seed S]`) works on a
throwaway checkout of HEAD (a git worktree), never on this one: commit first. For each
target module it lists every mutant of these kinds, then
runs a seeded sample of them, each against the tests that cover the module:

- a comparison flipped (`==`/`!=`, `<`/`>=`, `<=`/`>`, `in`/`not in`, `is`/`is not`);
- `and`/`or` swapped; a `not` dropped;
- `True`/`False` swapped; an integer constant `n` made `n + 1`;
- a `return <value>` made `return None`.

A mutant is *killed* when the tests fail (or time out), and *survives* when they pass: a
survivor is a change to the code that no test notices. The report lists each survivor by
file, line and mutation, so it can be read as a missing assertion or an equivalent mutant.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Module -> the tests that cover it (run with `-x`: the first failure kills the mutant).
TARGETS: dict[str, tuple[str, ...]] = {
    "scripts/vgcontract/spec/diff/schema.py": ("tests/test_specdiff_rules.py", "tests/test_specdiff.py"),
    "scripts/vgcontract/spec/diff/walker.py": ("tests/test_specdiff_rules.py", "tests/test_specdiff.py"),
    "scripts/vgcontract/drift/engine.py": ("tests/test_drift_engine.py", "tests/test_drift_cli.py"),
    "scripts/vgcontract/live/http.py": ("tests/test_live_http.py", "tests/test_runtime_policy.py"),
    "scripts/vgcontract/live/network.py": ("tests/test_live_network.py", "tests/test_live_http.py"),
}
_FLIPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.LtE: ast.Gt, ast.Gt: ast.LtE,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    """One change to one module: where it is and what it does."""

    path: str
    line: int
    kind: str
    index: int  # which node of that kind in the module, in walk order


@dataclass
class Outcome:
    """A mutant and what the tests made of it."""

    mutant: Mutant
    killed: bool
    seconds: float


def _sites(tree: ast.AST) -> list[tuple[str, ast.AST]]:
    found: list[tuple[str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in _FLIPS:
            found.append(("flip comparison", node))
        elif isinstance(node, ast.BoolOp):
            found.append(("swap and/or", node))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            found.append(("drop not", node))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            found.append(("swap True/False", node))
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            found.append(("integer + 1", node))
        elif isinstance(node, ast.Return) and node.value is not None:
            found.append(("return None", node))
    return found


def mutants_of(path: str, source: str) -> list[Mutant]:
    """Every mutant of the module at `path` (relative to the repository)."""
    tree = ast.parse(source)
    counts: dict[str, int] = {}
    out = []
    for kind, node in _sites(tree):
        counts[kind] = counts.get(kind, 0) + 1
        out.append(Mutant(path, getattr(node, "lineno", 0), kind, counts[kind] - 1))
    return out


def mutated_source(source: str, mutant: Mutant) -> str:
    """`source` with `mutant` applied (the sites are counted in the same walk order as `mutants_of`)."""
    tree = ast.parse(source)
    nodes = [node for kind, node in _sites(tree) if kind == mutant.kind]
    node = nodes[mutant.index]
    if isinstance(node, ast.Compare):
        node.ops[0] = _FLIPS[type(node.ops[0])]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        replacement: ast.expr = node.operand
        for parent in ast.walk(tree):
            for field, value in ast.iter_fields(parent):
                if value is node:
                    setattr(parent, field, replacement)
                elif isinstance(value, list) and node in value:
                    value[value.index(node)] = replacement
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        node.value = not node.value
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        node.value = node.value + 1
    elif isinstance(node, ast.Return):
        node.value = None
    return ast.unparse(tree)


@contextlib.contextmanager
def _worktree() -> Iterator[Path]:
    """A checkout of HEAD in a temporary directory (a git worktree: the tests read git revisions)."""
    with tempfile.TemporaryDirectory(prefix="vg-mutate-") as work:
        copy = Path(work) / "repo"
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(copy), "HEAD"], cwd=ROOT, check=True)
        try:
            yield copy
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(copy)], cwd=ROOT, check=False)


def _passes(copy: Path, tests: tuple[str, ...], env_path: str, timeout: float) -> bool:
    """Whether `tests` pass in the copy, importing the copy's code (a timeout counts as failing)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
            cwd=copy, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin", "HOME": str(copy)},
            capture_output=True, timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def run(per_module: int, seed: int, timeout: float, only: list[str] | None = None) -> list[Outcome]:
    """Mutate a copy of the repository; return each sampled mutant's outcome (of the modules `only` names, if given)."""
    outcomes: list[Outcome] = []
    targets = {path: tests for path, tests in TARGETS.items() if not only or any(part in path for part in only)}
    if not targets:
        raise SystemExit(f"no target module matches {only}: the targets are {', '.join(TARGETS)}")
    with _worktree() as copy:
        env_path = f"{copy / 'scripts'}:{copy / 'generated'}:{copy}"
        for path, tests in targets.items():
            if not _passes(copy, tests, env_path, timeout):
                raise SystemExit(f"the tests of {path} fail without any mutation: nothing to measure")
            source = (copy / path).read_text(encoding="utf-8")
            every = mutants_of(path, source)
            sample = random.Random(f"{seed}:{path}").sample(every, min(per_module, len(every)))  # noqa: S311 - a reproducible sample, no secret
            chosen = sorted(sample,
                            key=lambda m: (m.line, m.kind))  # fmt: skip
            for mutant in chosen:
                (copy / path).write_text(mutated_source(source, mutant), encoding="utf-8")
                started = time.monotonic()
                killed = not _passes(copy, tests, env_path, timeout)
                outcomes.append(Outcome(mutant, killed, time.monotonic() - started))
                print(f"{'killed  ' if killed else 'SURVIVED'} {path}:{mutant.line} {mutant.kind}", flush=True)
            (copy / path).write_text(source, encoding="utf-8")
    return outcomes


def main(argv: list[str] | None = None) -> int:
    """Run the sample, print the survivors and the kill rate, write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-module", type=int, default=25, help="mutants sampled per module (default: 25)")
    parser.add_argument("--seed", type=int, default=0, help="which mutants are sampled (default: 0)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a test run counts as killed")
    parser.add_argument("--json", type=Path, help="write every outcome here")
    parser.add_argument("--module", action="append", help="only target modules whose path contains this (repeatable)")
    args = parser.parse_args(argv)
    outcomes = run(args.per_module, args.seed, args.timeout, args.module)
    survivors = [o for o in outcomes if not o.killed]
    killed = len(outcomes) - len(survivors)
    print(f"mutants: {len(outcomes)}, killed {killed} ({killed / max(len(outcomes), 1):.0%}), "
          f"survived {len(survivors)}")  # fmt: skip
    for outcome in survivors:
        print(f"  survivor: {outcome.mutant.path}:{outcome.mutant.line} {outcome.mutant.kind}")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        rows = [asdict(o.mutant) | {"killed": o.killed, "seconds": round(o.seconds, 2)} for o in outcomes]
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
