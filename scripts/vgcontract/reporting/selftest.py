"""Rendering a `SelftestResult`: the kill table for the terminal, Markdown and JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from vgcontract.selftest.run import BASELINE, ModeOutcome, SelftestResult

__all__ = ["render_json", "render_markdown", "render_row", "render_summary", "render_table", "table_header"]

_WIDTHS = (26, 20, 6, 52, 44)


def _clip(items: tuple[str, ...], width: int) -> str:
    """The items joined, padded to `width`; never cut: a path cut short cannot be grepped."""
    return (", ".join(items) or "-").ljust(width)


def table_header() -> str:
    """The kill table's header line."""
    mode, operation, caught, checks, named = _WIDTHS
    head = f"{'mode':<{mode}}  {'operation':<{operation}}  {'caught':<{caught}}  {'caught by':<{checks}}  "
    return head + f"{'named':<{named}}  {'time':>6}"


def render_row(row: ModeOutcome) -> str:
    """One row; the baseline shows its finding count instead of a verdict."""
    mode, operation, caught, checks, named = _WIDTHS
    if row.mode == BASELINE:
        verdict = "-"
        by = f"{row.findings} finding(s)" + (": " + ", ".join(row.checks) if row.checks else "")
    else:
        verdict = "yes" if row.caught else "NO"
        by = _clip(row.checks, checks) if row.caught else row.reason
    where = row.operation or "-"
    line = f"{row.mode:<{mode}}  {where:<{operation}}  {verdict:<{caught}}  {_clip((by,), checks):<{checks}}  "
    return line + f"{_clip(row.named, named):<{named}}  {row.seconds:>5.1f}s"


def render_summary(result: SelftestResult) -> str:
    """The lines under the table: kill rate, the sweep, what was missed, the verdict."""
    return "\n".join(_summary(result)) + "\n"


def _summary(result: SelftestResult) -> list[str]:
    total = len(result.modes)
    rate = f"{result.caught}/{total} ({result.caught / total:.0%})" if total else "0/0"
    lines = [f"kill rate: {rate}; no-drift baseline: {result.baseline.findings} finding(s)"]
    sweep = result.sweep
    if sweep is not None:
        per_run = sweep.seconds * sweep.workers / max(1, sweep.seeds)
        lines.append(
            f"false positives: {len(sweep.noisy)} of {sweep.seeds} no-drift runs with other seeds had findings "
            f"({sweep.seconds:.0f} s, {per_run:.1f} s per run, {sweep.workers} worker(s))"
        )
        for seed, labels in sweep.noisy[:10]:
            lines.append(f"  seed {seed}: {', '.join(labels[:5])}")
    if result.not_applicable:
        pairs = ", ".join(f"{mode} on {operation}" for mode, operation in result.not_applicable)
        lines.append(f"not applicable (nothing to break in that answer): {pairs}")
    missed = [m for m in result.modes if not m.caught]
    for row in missed:
        where = f" on {row.operation}" if row.operation else ""
        broke = ", ".join(row.broken) or "nothing"
        lines.append(f"  not caught: {row.mode}{where}: {row.reason}; the mock broke {broke}")
    lines.append(f"result: {'PASS' if result.passed else 'FAIL'} ({result.seconds:.0f} s)")
    return lines


def render_table(result: SelftestResult) -> str:
    """The whole kill table with its summary, as printed at the end of `make selftest`."""
    rows = [table_header(), render_row(result.baseline), *(render_row(r) for r in result.modes)]
    return "\n".join([*rows, *_summary(result)]) + "\n"


def _cell(items: tuple[str, ...] | str) -> str:
    text = items if isinstance(items, str) else ", ".join(f"`{i}`" for i in items)
    return text.replace("|", "\\|") or "-"


def render_markdown(result: SelftestResult) -> str:
    """A Markdown kill table for a CI step summary."""
    verdict = "✅" if result.passed else "❌"
    out = [
        f"## Self-test: {verdict} {result.caught}/{len(result.modes)} drift modes caught",
        "",
        "| mode | operation | caught | caught by | named | time |",
        "| --- | --- | --- | --- | --- | ---: |",
    ]
    for row in (result.baseline, *result.modes):
        if row.mode == BASELINE:
            caught, by = "-", f"{row.findings} finding(s)"
        else:
            caught, by = ("yes" if row.caught else "**no**"), (_cell(row.checks) if row.caught else row.reason)
        operation = _cell(row.operation) if row.operation else "-"
        out.append(f"| {row.mode} | {operation} | {caught} | {by} | {_cell(row.named)} | {row.seconds:.1f} s |")
    out += ["", *(f"{line}  " for line in _summary(result))]
    return "\n".join(out) + "\n"


def render_json(result: SelftestResult) -> str:
    """Machine-readable: every row, the sweep, the kill rate and the verdict."""
    payload: dict[str, Any] = {
        "passed": result.passed,
        "caught": result.caught,
        "modes_total": len(result.modes),
        "seconds": round(result.seconds, 3),
        "baseline": asdict(result.baseline),
        "modes": [asdict(m) for m in result.modes],
        "not_applicable": [{"mode": mode, "operation": op} for mode, op in result.not_applicable],
        "sweep": asdict(result.sweep) if result.sweep is not None else None,
    }
    return json.dumps(payload, indent=2) + "\n"
