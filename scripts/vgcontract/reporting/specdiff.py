"""Rendering a `SpecDiff`: the terminal, Markdown, JSON and a CHANGELOG.md entry."""

from __future__ import annotations

import json
from typing import Any

from vgcontract.findings import Severity
from vgcontract.reporting.common import md_code, md_text
from vgcontract.spec.diff import SpecDiff, level_label

__all__ = ["render_json", "render_markdown", "render_terminal"]

_LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _counts(diff: SpecDiff) -> str:
    return ", ".join(f"{diff.count(level)} {level_label(level)}" for level in _LEVELS)


def render_terminal(diff: SpecDiff, base: str, head: str) -> str:
    """One change per line, its reason beneath it, then the counts and the suggested bump."""
    lines = [f"spec-diff {base} -> {head}"]
    for change in diff.changes:
        lines.append(f"  {level_label(change.severity).upper():8} {change.kind:30} {change.location}")
        lines.append(f"           {change.message}")
    lines.append(f"{len(diff.changes)} change(s): {_counts(diff)}; suggested voiceglow-client bump: {diff.bump}")
    return "\n".join(lines) + "\n"


def render_markdown(diff: SpecDiff, base: str, head: str) -> str:
    """A Markdown table of the changes, for a step summary or a pull request."""
    lines = [f"## Spec diff: {md_code(base)} → {md_code(head)}", ""]
    lines += [
        f"**{len(diff.changes)} change(s)** ({_counts(diff)}). Suggested `voiceglow-client` bump: **{diff.bump}**.",
        "",
    ]
    if diff.changes:
        lines += ["| level | rule | where | why |", "| --- | --- | --- | --- |"]
        for change in diff.changes:
            level = level_label(change.severity)
            where = md_code(change.location, table=True)
            lines.append(f"| {level} | `{change.kind}` | {where} | {md_text(change.message, table=True)} |")
    return "\n".join(lines) + "\n"


def render_json(diff: SpecDiff, base: str, head: str) -> str:
    """The JSON document: both sides, the bump, counts by level and every change."""
    document: dict[str, Any] = {
        "base": base,
        "head": head,
        "bump": diff.bump,
        "counts": {level_label(level): diff.count(level) for level in reversed(_LEVELS)},
        "changes": [
            {"level": level_label(c.severity), "rule": c.kind, "pointer": c.location, "reason": c.message}
            for c in diff.changes
        ],
    }
    return json.dumps(document, indent=2) + "\n"
