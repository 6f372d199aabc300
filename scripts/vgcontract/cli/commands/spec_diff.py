"""The ``spec-diff`` subcommand: classify the changes between two specs and report them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from vgcontract.spec.diff.walker import Level, SpecDiff

__all__ = ["add_specdiff_parser", "render_changelog", "render_markdown", "render_terminal"]

_SECTIONS = {
    Level.BREAKING: "Breaking",
    Level.WARNING: "Changed (check your code)",
    Level.INFO: "Added and documentation",
}


def render_terminal(diff: SpecDiff, base: str, head: str) -> str:
    lines = [f"spec-diff {base} -> {head}"]
    for change in diff.changes:
        lines.append(f"  {str(change.level).upper():8} {change.rule:30} {change.pointer}\n           {change.reason}")
    counts = ", ".join(f"{diff.count(level)} {level}" for level in reversed(Level))
    lines.append(f"{len(diff.changes)} change(s): {counts}; suggested voiceglow-client bump: {diff.bump}")
    return "\n".join(lines) + "\n"


def render_markdown(diff: SpecDiff, base: str, head: str) -> str:
    lines = [f"## Spec diff: `{base}` → `{head}`", ""]
    counts = ", ".join(f"{diff.count(level)} {level}" for level in reversed(Level))
    lines += [f"**{len(diff.changes)} change(s)** ({counts}). Suggested `voiceglow-client` bump: **{diff.bump}**.", ""]
    if diff.changes:
        lines += ["| level | rule | where | why |", "| --- | --- | --- | --- |"]
        for change in diff.changes:
            reason = change.reason.replace("|", "\\|")
            lines.append(f"| {change.level} | `{change.rule}` | `{change.pointer}` | {reason} |")
    return "\n".join(lines) + "\n"


def render_changelog(diff: SpecDiff, version: str, spec_version: str, spec_blob: str) -> str:
    """A CHANGELOG.md entry; its marker lets ``check-generated`` verify the version bump."""
    lines = [
        f"## voiceglow-client {version} (spec {spec_version})",
        "",
        f"<!-- vgcontract: spec-blob={spec_blob} -->",
        "",
    ]
    lines.append(f"A {diff.bump} release: {len(diff.changes)} spec change(s).")
    for level, title in _SECTIONS.items():
        changes = [change for change in diff.changes if change.level == level]
        if changes:
            lines += ["", f"### {title}", ""]
            lines += [f"- `{change.pointer}`: {change.reason}" for change in changes]
    return "\n".join(lines) + "\n\n"


def _write(target: str, text: str) -> None:
    if target == "-":
        sys.stdout.write(text)
        return
    try:
        with Path(target).open("a" if target.startswith("/dev/") else "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        from vgcontract.errors import UsageError

        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None


def _cmd_spec_diff(args: argparse.Namespace) -> int:
    from vgcontract.spec.diff.walker import diff_specs
    from vgcontract.spec.release import blob_id, bumped, client_version, load_revision, revision_bytes

    base, base_label = load_revision(args.base)
    head, head_label = load_revision(args.head)
    diff = diff_specs(base, head)
    if args.changelog:
        version = args.version or ".".join(map(str, bumped(client_version(), diff.bump)))
        head_bytes = revision_bytes(args.head)
        spec_version = str((head.get("info") or {}).get("version", "?"))
        entry = render_changelog(diff, version, spec_version, blob_id(head_bytes))
        if args.changelog_file:
            from vgcontract.spec.release import insert_entry

            insert_entry(args.changelog_file, entry)
            print(f"{args.changelog_file}: added the entry for voiceglow-client {version} ({diff.bump})")
        else:
            sys.stdout.write(entry)
        return 0
    if args.json:
        document: dict[str, Any] = {
            "base": base_label,
            "head": head_label,
            "bump": diff.bump,
            "counts": {str(level): diff.count(level) for level in reversed(Level)},
            "changes": [change.as_json() for change in diff.changes],
        }
        _write(args.json, json.dumps(document, indent=2) + "\n")
    if args.markdown:
        _write(args.markdown, render_markdown(diff, base_label, head_label))
    if "-" not in (args.json, args.markdown):
        sys.stdout.write(render_terminal(diff, base_label, head_label))
    threshold = {"breaking": Level.BREAKING, "warning": Level.WARNING, None: None}[args.fail_on]
    return 1 if threshold is not None and any(change.level >= threshold for change in diff.changes) else 0


def add_specdiff_parser(sub: Any) -> None:
    """Register ``spec-diff`` on the main parser's subcommands."""
    parser = sub.add_parser(
        "spec-diff",
        help="classify the changes between two specs: breaking, warning, info; suggest the client's version bump",
        description="Each side is a file or REV:path (for example origin/main:openapi/voiceglow.yaml). "
        "Exit codes: 0 ok, 1 a change at or above --fail-on, 2 usage or input error.",
    )
    parser.add_argument("base", help="the old spec: a file or REV:path")
    parser.add_argument("head", help="the new spec: a file or REV:path")
    parser.add_argument(
        "--markdown", metavar="FILE", help="also write Markdown (- for stdout; appends to /dev/* and step summaries)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write JSON (- for stdout)")
    parser.add_argument(
        "--fail-on", choices=["breaking", "warning"], default=None, help="exit 1 at this level or above"
    )
    parser.add_argument("--changelog", action="store_true", help="print a CHANGELOG.md entry for the change instead")
    parser.add_argument(
        "--changelog-file", type=Path, default=None, help="with --changelog: insert the entry at the top of this file"
    )
    parser.add_argument(
        "--version", default=None, help="with --changelog: the version (default: the current one, bumped)"
    )
    parser.set_defaults(handler=_cmd_spec_diff)
