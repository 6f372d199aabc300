"""Rendering a `ContractResult`: the terminal summary, JUnit XML and a Markdown step summary."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from vgcontract.contract.run import ContractResult

__all__ = ["render_markdown", "render_summary", "write_reports"]


def render_summary(result: ContractResult) -> str:
    """A short plain-text summary: target, counts, then each failure with a reproduction."""
    lines = [
        f"contract: {result.target}",
        f"  operations {len(result.operations)} | checks {len(result.checks)} | examples {result.examples} "
        f"| failures {len(result.failures)} | {result.seconds:.1f} s",
    ]
    if result.skipped:
        lines.append(f"  stopped early: {result.skipped} example(s) not sent after {result.transport_failures} "
                     "requests got no HTTP answer")  # fmt: skip
    for f in result.failures:
        status = f" (HTTP {f.status})" if f.status is not None else ""
        lines.append(f"  FAIL {f.check}  {f.path}{status}: {f.message}")
        lines.append(f"       reproduce: {f.reproduce}")
    lines.append(
        "  result: " + ("PASS, the target conforms to the spec" if result.passed else "FAIL, contract violated")
    )
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: ContractResult) -> str:
    """Markdown suitable for a CI step summary or a PR comment."""
    verdict = "✅ conforms" if result.passed else f"❌ {len(result.failures)} violation(s)"
    out = [
        f"## Contract: {verdict}",
        "",
        f"Target: `{result.target}`  ",
        f"Operations: {len(result.operations)} · checks: {len(result.checks)} · examples: {result.examples} · "
        f"time: {result.seconds:.1f} s",
        "",
    ]
    if result.skipped:
        out += [f"Stopped early: {result.skipped} example(s) not sent after {result.transport_failures} "
                "requests got no HTTP answer.", ""]  # fmt: skip
    if result.failures:
        out += ["| check | path | status | problem | reproduce |", "| --- | --- | --- | --- | --- |"]
        for f in result.failures:
            out.append(
                f"| `{f.check}` | `{_md_cell(f.path)}` | {f.status or ''} | {_md_cell(f.message)} "
                f"| `{_md_cell(f.reproduce)}` |"
            )
        out.append("")
    out.append(
        "<details><summary>Checks run</summary>\n\n" + ", ".join(f"`{c}`" for c in result.checks) + "\n</details>"
    )
    return "\n".join(out) + "\n"


def render_junit(result: ContractResult) -> bytes:
    """JUnit XML: one test case per check, failed when that check found anything."""
    suite = ET.Element(
        "testsuite",
        name="vgcontract.contract",
        tests=str(len(result.checks)),
        failures=str(len({f.check for f in result.failures})),
        errors="0",
        time=f"{result.seconds:.3f}",
    )
    ET.SubElement(ET.SubElement(suite, "properties"), "property", name="target", value=result.target)
    for check in result.checks:
        case = ET.SubElement(suite, "testcase", classname="contract", name=check, time="0")
        found = [f for f in result.failures if f.check == check]
        if found:
            failure = ET.SubElement(case, "failure", message=f"{len(found)} violation(s)", type=check)
            failure.text = "\n".join(f"{f.path}: {f.message}\n  reproduce: {f.reproduce}" for f in found)
    return bytes(ET.tostring(suite, encoding="utf-8", xml_declaration=True))


def write_reports(result: ContractResult, directory: Path) -> list[Path]:
    """Write `contract.junit.xml` and `contract.md` into `directory`; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    junit, markdown = directory / "contract.junit.xml", directory / "contract.md"
    junit.write_bytes(render_junit(result))
    markdown.write_text(render_markdown(result), encoding="utf-8")
    return [junit, markdown]
