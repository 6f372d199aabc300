"""Rendering a `DriftReport`: the terminal table, JSON, Markdown and JUnit XML.

Renderers are pure: report in, text out. Nothing here decides an exit code except through
`DriftReport.fails`, which the CLI calls.
"""

from __future__ import annotations

import io
import json
from typing import Any
from xml.etree import ElementTree as ET

from rich.console import Console
from rich.table import Table

from vgcontract import __version__
from vgcontract.drift.model import DriftReport, PathAggregate
from vgcontract.findings import Severity

__all__ = ["render_json", "render_junit", "render_markdown", "render_terminal", "report_dict"]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}  # noqa: RUF001 - emoji on purpose


def _percent(agg: PathAggregate, report: DriftReport) -> float:
    return round(100.0 * agg.records / report.read, 1) if report.read else 0.0


def _types(agg: PathAggregate) -> str:
    return ", ".join(f"{name} ×{count}" for name, count in agg.observed_types.most_common())  # noqa: RUF001


def _verdict(report: DriftReport, threshold: Severity) -> str:
    if report.fails(threshold):
        counts = report.counts_by_severity()
        return f"DRIFT: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s)"
    return "OK: no finding at or above " + str(threshold)


def report_dict(report: DriftReport, threshold: Severity) -> dict[str, Any]:
    """The report as JSON-ready data (the `--json` document)."""
    return {
        "tool": "vgcontract drift",
        "version": __version__,
        "source": report.source,
        "spec": report.spec,
        "fail_on": str(threshold),
        "passed": not report.fails(threshold),
        "counts": {
            "read": report.read,
            "conforming": report.conforming,
            "with_findings": report.with_findings,
            "unreadable": report.unreadable,
        },
        "reconciles": report.reconciles,
        "severity_counts": {str(s): n for s, n in report.counts_by_severity().items()},
        "findings": [
            {
                "kind": agg.kind.value,
                "severity": str(agg.severity),
                "path": agg.path,
                "responses": agg.records,
                "percent": _percent(agg, report),
                "occurrences": agg.occurrences,
                "observed_types": dict(agg.observed_types.most_common()),
                "samples": agg.samples,
                "sample_ids": agg.sample_refs,
                "detail": agg.detail,
            }
            for agg in report.aggregates
        ],
        "unreadable": [{"record": u.ref, "reason": u.reason} for u in report.unreadable_records],
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
        f"+ unreadable {report.unreadable}"
    )


def render_terminal(report: DriftReport, threshold: Severity, *, color: bool = False, width: int = 120) -> str:
    """A colour table of findings, then the counts and the verdict."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
    console.print(f"drift: {report.source} against {report.spec}")
    if report.aggregates:
        table = Table(show_lines=False, header_style="bold")
        for column in ("severity", "kind", "path", "responses", "types", "samples (masked)"):
            table.add_column(column, overflow="fold")
        for agg in report.aggregates:
            table.add_row(
                f"[{_STYLE[agg.severity]}]{agg.severity}[/]",
                agg.kind.value,
                agg.path,
                f"{agg.records} ({_percent(agg, report)}%)",
                _types(agg),
                "\n".join(agg.samples),
            )
        console.print(table)
    for item in report.unreadable_records:
        console.print(f"  unreadable: {item.ref}: {item.reason}", markup=False)
    if report.unreadable > len(report.unreadable_records):
        console.print(f"  ... and {report.unreadable - len(report.unreadable_records)} more unreadable record(s)")
    for note in report.notes:
        console.print(f"  note: {note}", markup=False)
    console.print(f"  {_counts_line(report)} | {report.seconds:.1f} s")
    style = "bold red" if report.fails(threshold) else "bold green"
    console.print(f"  result: [{style}]{_verdict(report, threshold)}[/]")
    return buffer.getvalue()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "'")


def render_markdown(report: DriftReport, threshold: Severity) -> str:
    """Markdown for a CI step summary or a PR comment."""
    passed = not report.fails(threshold)
    out = [
        f"## Drift: {'✅' if passed else '❌'} {_verdict(report, threshold)}",
        "",
        f"Source: `{report.source}` · spec: `{report.spec}` · fail on: {threshold} · time: {report.seconds:.1f} s",
        "",
        "| read | conforming | with findings | unreadable |",
        "| ---: | ---: | ---: | ---: |",
        f"| {report.read} | {report.conforming} | {report.with_findings} | {report.unreadable} |",
        "",
    ]
    if report.aggregates:
        out += [
            "| | kind | path | responses | observed types | samples (masked) | sample IDs |",
            "| --- | --- | --- | ---: | --- | --- | --- |",
        ]
        for agg in report.aggregates:
            samples = "<br>".join(f"`{_cell(s)}`" for s in agg.samples)
            out.append(
                f"| {_ICON[agg.severity]} {agg.severity} | `{agg.kind.value}` | `{_cell(agg.path)}` "
                f"| {agg.records} ({_percent(agg, report)}%) | {_cell(_types(agg))} | {samples} "
                f"| {_cell(', '.join(agg.sample_refs))} |"
            )
        out.append("")
    if report.unreadable_records:
        out.append("<details><summary>Unreadable records</summary>\n")
        out += [f"- `{_cell(u.ref)}`: {_cell(u.reason)}" for u in report.unreadable_records]
        out.append("\n</details>\n")
    out += [f"> {_cell(note)}" for note in report.notes]
    return "\n".join(out).rstrip("\n") + "\n"


def render_junit(report: DriftReport, threshold: Severity) -> bytes:
    """JUnit XML: one test case per finding path (failed at or above the threshold), plus the counts."""
    failing = [a for a in report.aggregates if a.severity >= threshold]
    suite = ET.Element(
        "testsuite",
        name="vgcontract.drift",
        tests=str(len(report.aggregates) + 1),
        failures=str(len(failing) + (0 if report.reconciles else 1)),
        errors="0",
        time=f"{report.seconds:.3f}",
    )
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="source", value=report.source)
    ET.SubElement(props, "property", name="counts", value=_counts_line(report))
    case = ET.SubElement(suite, "testcase", classname="drift", name="every record is accounted for", time="0")
    if not report.reconciles:
        ET.SubElement(case, "failure", message=_counts_line(report), type="reconcile")
    for agg in report.aggregates:
        case = ET.SubElement(suite, "testcase", classname=f"drift.{agg.kind.value}", name=agg.path, time="0")
        text = (
            f"{agg.detail}\nresponses: {agg.records} ({_percent(agg, report)}%)\ntypes: {_types(agg)}\n"
            f"samples: {' | '.join(agg.samples)}\nsample IDs: {', '.join(agg.sample_refs)}"
        )
        if agg.severity >= threshold:
            failure = ET.SubElement(case, "failure", message=f"{agg.severity}: {agg.kind.value}", type=agg.kind.value)
            failure.text = text
        else:
            ET.SubElement(case, "system-out").text = f"{agg.severity}: {text}"
    return bytes(ET.tostring(suite, encoding="utf-8", xml_declaration=True))
