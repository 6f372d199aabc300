"""Rendering a contract run: the terminal summary, JUnit XML and a Markdown step summary."""

from __future__ import annotations

from collections.abc import Sequence

from vgcontract.contract.model import ContractResult
from vgcontract.findings import Finding
from vgcontract.reporting.common import JunitCase, junit_xml, md_cell, one_line

__all__ = ["render_junit", "render_markdown", "render_summary", "report_files"]


def _status(finding: Finding) -> int | None:
    status = finding.evidence.get("status")
    return status if isinstance(status, int) else None


def _reproduce(finding: Finding) -> str:
    return str(finding.evidence.get("reproduce", ""))


def render_summary(result: ContractResult, findings: Sequence[Finding] | None = None) -> str:
    """A short plain-text summary: target, counts, then each finding with its reproduction, one line each.

    `findings` defaults to the run's own; the main job passes its identity findings too.
    """
    found = list(result.findings if findings is None else findings)
    lines = [
        f"contract: {result.target}",
        f"  operations {len(result.operations)} | checks {len(result.checks)} | examples {result.examples} "
        f"| failures {len(found)} | {result.seconds:.1f} s",
    ]
    if result.skipped:
        lines.append(
            f"  stopped early: {result.skipped} example(s) not sent after {result.transport_failures} "
            "requests got no HTTP answer"
        )
    for f in found:
        status = f" (HTTP {_status(f)})" if _status(f) is not None else ""
        lines.append(one_line(f"  FAIL {f.kind}  {f.location}{status}: {f.message}"))
        lines.append(f"       reproduce: {_reproduce(f)}")
    verdict = "PASS, the target conforms to the spec" if not found else "FAIL, contract violated"
    lines.append("  result: " + verdict)
    return "\n".join(lines)


def render_markdown(result: ContractResult, findings: Sequence[Finding] | None = None) -> str:
    """Markdown suitable for a CI step summary or a PR comment."""
    found = list(result.findings if findings is None else findings)
    verdict = "✅ conforms" if not found else f"❌ {len(found)} violation(s)"
    out = [
        f"## Contract: {verdict}",
        "",
        f"Target: `{result.target}`  ",
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
        out += ["| check | path | status | problem | reproduce |", "| --- | --- | --- | --- | --- |"]
        for f in found:
            out.append(
                f"| `{f.kind}` | `{md_cell(f.location)}` | {_status(f) or ''} | {md_cell(f.message)} "
                f"| `{md_cell(_reproduce(f))}` |"
            )
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
        mine = [f for f in found if f.kind == check]
        text = "\n".join(f"{f.location}: {f.message}\n  reproduce: {_reproduce(f)}" for f in mine)
        failure = (f"{len(mine)} violation(s)", check, text) if mine else None
        cases.append(JunitCase("contract", check, failure=failure))
    return junit_xml("vgcontract.contract", cases, seconds=result.seconds, properties=[("target", result.target)])


def report_files(result: ContractResult, findings: Sequence[Finding] | None = None) -> dict[str, bytes | str]:
    """The contract's report files by name: `contract.junit.xml` and `contract.md`."""
    return {"contract.junit.xml": render_junit(result, findings), "contract.md": render_markdown(result, findings)}
