"""Rendering a `DriftReport`: the terminal, JSON, Markdown and JUnit XML.

A path is shown with any name the server chose that looks like a secret or personal data
as `<withheld>` (`drift.withhold.shown_path`), and Markdown holds server-chosen text only
in code spans or escaped (`vgcontract.markdown`).

Renderers are pure: report in, text out. Nothing here decides an exit code except through
`DriftReport.fails`, which the CLI calls. On a terminal the findings are a colour table;
anywhere else (a CI log) one finding per line, so a path is never broken across lines.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from rich.console import Console
from rich.table import Table

from vgcontract import __version__
from vgcontract.drift.model import DriftReport
from vgcontract.drift.withhold import shown_path
from vgcontract.findings import Finding, Severity
from vgcontract.reporting.common import JunitCase, junit_xml, md_code, md_text, one_line

__all__ = [
    "operation_report_files",
    "render_json",
    "render_junit",
    "render_markdown",
    "render_terminal",
    "report_dict",
    "report_files",
]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}  # noqa: RUF001 - emoji on purpose


def _responses(finding: Finding) -> int:
    return int(finding.evidence.get("responses", 0))


def _percent(finding: Finding, report: DriftReport) -> float:
    return round(100.0 * _responses(finding) / report.read, 1) if report.read else 0.0


def _types(finding: Finding) -> str:
    observed: dict[str, int] = finding.evidence.get("observed_types", {})
    return ", ".join(f"{name} ×{count}" for name, count in observed.items())  # noqa: RUF001


def _samples(finding: Finding) -> list[str]:
    return list(finding.evidence.get("samples", []))


def _sample_ids(finding: Finding) -> list[str]:
    return list(finding.evidence.get("sample_ids", []))


def _verdict(report: DriftReport, threshold: Severity) -> str:
    if report.fails(threshold):
        counts = report.counts_by_severity()
        return f"DRIFT: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s)"
    if report.inconclusive:
        return f"INCONCLUSIVE: {report.inconclusive} response(s) could not be checked; none at or above {threshold}"
    return "OK: no finding at or above " + str(threshold)


def report_dict(report: DriftReport, threshold: Severity) -> dict[str, Any]:
    """The report as JSON-ready data (the `--json` document)."""
    return {
        "tool": "vgcontract drift",
        "version": __version__,
        "source": report.source,
        "spec": report.spec,
        "operation": report.operation,
        "fail_on": str(threshold),
        "passed": not report.fails(threshold),
        "counts": {
            "read": report.read,
            "conforming": report.conforming,
            "with_findings": report.with_findings,
            "unreadable": report.unreadable,
            "inconclusive": report.inconclusive,
        },
        "reconciles": report.reconciles,
        "severity_counts": {str(s): n for s, n in report.counts_by_severity().items()},
        "findings": [
            {
                "kind": f.kind,
                "severity": str(f.severity),
                "path": shown_path(f.location),
                "responses": _responses(f),
                "percent": _percent(f, report),
                "occurrences": f.evidence.get("occurrences", 0),
                "observed_types": dict(f.evidence.get("observed_types", {})),
                "samples": _samples(f),
                "sample_ids": _sample_ids(f),
                "detail": f.message,
            }
            for f in report.findings
        ],
        "unreadable": [{"record": u.ref, "reason": u.reason} for u in report.unreadable_records],
        "inconclusive": [{"record": u.ref, "reason": u.reason} for u in report.inconclusive_records],
        "paths_overflow": report.paths_overflow,
        "notes": report.notes,
        "seconds": round(report.seconds, 3),
    }


def render_json(report: DriftReport, threshold: Severity) -> str:
    """The `--json` document, indented, with a trailing newline."""
    return json.dumps(report_dict(report, threshold), indent=2, ensure_ascii=False) + "\n"


def _counts_line(report: DriftReport) -> str:
    return (
        f"read {report.read} = conforming {report.conforming} + with findings {report.with_findings} "
        f"+ unreadable {report.unreadable} + inconclusive {report.inconclusive}"
    )


def render_terminal(report: DriftReport, threshold: Severity, *, color: bool = False, width: int = 120) -> str:
    """The findings (a colour table when `color`, else one per line), then the counts and the verdict."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False, soft_wrap=True
    )
    operation = f" ({report.operation})" if report.operation else ""
    console.print(f"drift: {report.source} against {report.spec}{operation}", markup=False)
    if report.findings and color:
        table = Table(show_lines=False, header_style="bold")
        for column in ("severity", "kind", "path", "responses", "types", "samples (masked)"):
            # Paths and kinds are never folded: a broken path cannot be grepped or copied.
            table.add_column(column, overflow="fold" if column.startswith("samples") else "ignore", no_wrap=True)
        for f in report.findings:
            table.add_row(
                f"[{_STYLE[f.severity]}]{f.severity}[/]",
                f.kind,
                shown_path(f.location),
                f"{_responses(f)} ({_percent(f, report)}%)",
                _types(f),
                "\n".join(_samples(f)),
            )
        console.print(table)
    else:
        for f in report.findings:
            samples = " | ".join(_samples(f))
            line = (
                f"  {f.severity!s:<7}  {f.kind}  {shown_path(f.location)}  {_responses(f)} ({_percent(f, report)}%)"
                f"  types: {_types(f)}" + (f"  samples: {samples}" if samples else "")
            )
            console.print(one_line(line), markup=False, overflow="ignore", crop=False)
    for item in report.unreadable_records:
        console.print(f"  unreadable: {item.ref}: {item.reason}", markup=False, overflow="ignore", crop=False)
    if report.unreadable > len(report.unreadable_records):
        console.print(f"  ... and {report.unreadable - len(report.unreadable_records)} more unreadable record(s)")
    for item in report.inconclusive_records:
        console.print(f"  not checked: {item.ref}: {item.reason}", markup=False, overflow="ignore", crop=False)
    if report.inconclusive > len(report.inconclusive_records):
        console.print(f"  ... and {report.inconclusive - len(report.inconclusive_records)} more not checked")
    for note in report.notes:
        console.print(f"  note: {note}", markup=False)
    console.print(f"  {_counts_line(report)} | {report.seconds:.1f} s")
    style = "bold red" if report.fails(threshold) else "bold green"
    console.print(f"  result: [{style}]{_verdict(report, threshold)}[/]")
    return buffer.getvalue()


def render_markdown(report: DriftReport, threshold: Severity) -> str:
    """Markdown for a CI step summary or a PR comment."""
    passed = not report.fails(threshold)
    out = [
        f"## Drift: {'✅' if passed else '❌'} {_verdict(report, threshold)}",
        "",
        f"Source: {md_code(report.source)} · spec: {md_code(report.spec)} · fail on: {threshold} "
        f"· time: {report.seconds:.1f} s",
        "",
        "| read | conforming | with findings | unreadable | inconclusive |",
        "| ---: | ---: | ---: | ---: | ---: |",
        f"| {report.read} | {report.conforming} | {report.with_findings} | {report.unreadable} "
        f"| {report.inconclusive} |",
        "",
    ]
    if report.findings:
        out += [
            "| | kind | path | responses | observed types | samples (masked) | sample IDs |",
            "| --- | --- | --- | ---: | --- | --- | --- |",
        ]
        for f in report.findings:
            samples = "<br>".join(md_code(s, table=True) for s in _samples(f))
            ids = ", ".join(md_code(ref, table=True) for ref in _sample_ids(f))
            out.append(
                f"| {_ICON[f.severity]} {f.severity} | `{f.kind}` | {md_code(shown_path(f.location), table=True)} "
                f"| {_responses(f)} ({_percent(f, report)}%) | {md_text(_types(f), table=True)} | {samples} | {ids} |"
            )
        out.append("")
    if report.unreadable_records:
        out.append("<details><summary>Unreadable records</summary>\n")
        out += [f"- {md_code(u.ref)}: {md_text(u.reason)}" for u in report.unreadable_records]
        out.append("\n</details>\n")
    out += [f"> {md_text(note)}" for note in report.notes]
    return "\n".join(out).rstrip("\n") + "\n"


def render_junit(report: DriftReport, threshold: Severity) -> bytes:
    """JUnit XML: one test case per finding path (failed at or above the threshold), plus the counts."""
    counts = _counts_line(report)
    reconcile = None if report.reconciles else (counts, "reconcile", "")
    cases = [JunitCase("drift", "every record is accounted for", failure=reconcile)]
    for f in report.findings:
        text = (
            f"{f.message}\nresponses: {_responses(f)} ({_percent(f, report)}%)\ntypes: {_types(f)}\n"
            f"samples: {' | '.join(_samples(f))}\nsample IDs: {', '.join(_sample_ids(f))}"
        )
        failing = f.severity >= threshold
        cases.append(
            JunitCase(
                f"drift.{f.kind}",
                shown_path(f.location),
                failure=(f"{f.severity}: {f.kind}", f.kind, text) if failing else None,
                output=None if failing else f"{f.severity}: {text}",
            )
        )
    properties = [("source", report.source), ("counts", counts)]
    return junit_xml("vgcontract.drift", cases, seconds=report.seconds, properties=properties)


def report_files(report: DriftReport, threshold: Severity) -> dict[str, bytes | str]:
    """The drift check's report files by name: `drift.json`, `drift.md`, `drift.junit.xml`."""
    return {
        "drift.json": render_json(report, threshold),
        "drift.md": render_markdown(report, threshold),
        "drift.junit.xml": render_junit(report, threshold),
    }


def operation_report_files(report: DriftReport, threshold: Severity) -> dict[str, bytes | str]:
    """`report_files` named after the report's operation (`drift-listConversations.json`, ...).

    The operation a command fetches keeps the plain names; the others a run checks beside
    it (the contract run's other GETs, `--discover`'s list pages) carry their operation's.
    """
    prefix = "drift-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", report.operation).strip("-") or "operation")
    return {prefix + name.removeprefix("drift"): content for name, content in report_files(report, threshold).items()}
