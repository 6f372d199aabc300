"""Rendering a contract run: the terminal summary, JUnit XML and a Markdown step summary."""

from __future__ import annotations

from collections.abc import Sequence

from vgcontract.contract.model import ContractResult
from vgcontract.findings import Finding, Severity
from vgcontract.reporting.common import JunitCase, junit_xml, md_code, md_text, one_line

__all__ = ["render_junit", "render_markdown", "render_summary", "report_files"]


def _status(finding: Finding) -> int | None:
    status = finding.evidence.get("status")
    return status if isinstance(status, int) else None


def _reproduce(finding: Finding) -> str:
    return str(finding.evidence.get("reproduce", ""))


def _inconclusive_lines(result: ContractResult) -> list[str]:
    lines = []
    for f in result.inconclusive:
        count = int(f.evidence.get("count", 1))
        times = f" (x{count})" if count > 1 else ""
        lines.append(one_line(f"  NOT CHECKED {f.kind}  {f.location}{times}: {f.message}"))
    return lines


def render_summary(result: ContractResult, findings: Sequence[Finding] | None = None) -> str:
    """Counts, then one line per finding (with its reproduction) and per unchecked request, then the verdict.

    `findings` defaults to the run's own; the main job passes its identity findings too.
    """
    found = list(result.findings if findings is None else findings)
    violations = [f for f in found if f.severity >= Severity.ERROR]
    warnings = [f for f in found if f.severity < Severity.ERROR]
    unchecked = sum(int(f.evidence.get("count", 1)) for f in result.inconclusive)
    lines = [
        f"contract: {result.target}",
        f"  operations {len(result.operations)} | checks {len(result.checks)} | examples {result.examples} "
        f"| checked {result.checked} | failures {len(violations)} | warnings {len(warnings)} "
        f"| not checked {unchecked} | {result.seconds:.1f} s",
    ]
    for label, counts in result.per_operation.items():
        lines.append(f"  {label}: examples {counts['examples']} | findings {counts['findings']}")
    for label, why in result.not_run.items():
        lines.append(f"  not run: {label}: {why}")
    if result.skipped:
        lines.append(
            f"  stopped early: {result.skipped} request(s) not sent (after {result.transport_failures} "
            "requests got no HTTP answer, or past the run budget)"
        )
    for f in found:
        status = f" (HTTP {_status(f)})" if _status(f) is not None else ""
        label = "FAIL" if f.severity >= Severity.ERROR else "WARN"
        lines.append(one_line(f"  {label} {f.kind}  {f.location}{status}: {f.message}"))
        lines.append(f"       reproduce: {_reproduce(f)}")
    lines += _inconclusive_lines(result)
    if violations:
        verdict = "FAIL, contract violated"
    elif result.inconclusive or result.skipped:
        verdict = f"INCONCLUSIVE, {unchecked + result.skipped} request(s) could not be checked; nothing violated"
    else:
        verdict = "PASS, the target conforms to the spec" + (
            f" ({len(warnings)} hygiene warning(s))" if warnings else ""
        )
    lines.append("  result: " + verdict)
    return "\n".join(lines)


def render_markdown(result: ContractResult, findings: Sequence[Finding] | None = None) -> str:
    """Markdown suitable for a CI step summary or a PR comment."""
    found = list(result.findings if findings is None else findings)
    violations = [f for f in found if f.severity >= Severity.ERROR]
    if violations:
        verdict = f"❌ {len(violations)} violation(s)"
    elif result.inconclusive:
        verdict = f"⚠️ inconclusive: {len(result.inconclusive)} kind(s) of request could not be checked"
    else:
        verdict = "✅ conforms"
    out = [
        f"## Contract: {verdict}",
        "",
        f"Target: {md_code(result.target)}  ",
        f"Operations: {len(result.operations)} · checks: {len(result.checks)} · examples: {result.examples} · "
        f"time: {result.seconds:.1f} s",
        "",
    ]
    if result.skipped:
        out += [
            f"Stopped early: {result.skipped} example(s) not sent after {result.transport_failures} "
            "requests got no HTTP answer.",
            "",
        ]
    if found:
        out += ["| | check | path | status | problem | reproduce |", "| --- | --- | --- | --- | --- | --- |"]
        for f in found:
            out.append(
                f"| {f.severity} | `{f.kind}` | {md_code(f.location, table=True)} | {_status(f) or ''} "
                f"| {md_text(f.message, table=True)} | {md_code(_reproduce(f), table=True)} |"
            )
        out.append("")
    if result.per_operation or result.not_run:
        out += ["| operation | examples | findings |", "| --- | ---: | ---: |"]
        out += [
            f"| {md_code(k, table=True)} | {v['examples']} | {v['findings']} |" for k, v in result.per_operation.items()
        ]
        out += [
            f"| {md_code(k, table=True)} | not run: {md_text(why, table=True)} | |" for k, why in result.not_run.items()
        ]
        out.append("")
    if result.inconclusive:
        out += ["Not checked (no answer that could be judged):", ""]
        out += [f"- `{f.kind}` {md_code(f.location)}: {md_text(f.message)}" for f in result.inconclusive]
        out.append("")
    out.append(
        "<details><summary>Checks run</summary>\n\n" + ", ".join(f"`{c}`" for c in result.checks) + "\n</details>"
    )
    return "\n".join(out) + "\n"


def render_junit(result: ContractResult, findings: Sequence[Finding] | None = None) -> bytes:
    """JUnit XML: one test case per check, failed when that check found anything."""
    found = list(result.findings if findings is None else findings)
    cases = []
    for check in result.checks:
        mine = [f for f in found if f.kind == check and f.severity >= Severity.ERROR]
        text = "\n".join(f"{f.location}: {f.message}\n  reproduce: {_reproduce(f)}" for f in mine)
        failure = (f"{len(mine)} violation(s)", check, text) if mine else None
        cases.append(JunitCase("contract", check, failure=failure))
    return junit_xml("vgcontract.contract", cases, seconds=result.seconds, properties=[("target", result.target)])


def report_files(result: ContractResult, findings: Sequence[Finding] | None = None) -> dict[str, bytes | str]:
    """The contract's report files by name: `contract.junit.xml` and `contract.md`."""
    return {"contract.junit.xml": render_junit(result, findings), "contract.md": render_markdown(result, findings)}
