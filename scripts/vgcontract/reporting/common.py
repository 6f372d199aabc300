"""Rendering pieces shared by every report: inert Markdown (`vgcontract.markdown`), JUnit XML, one-line findings.

Each report module (`drift`, `contract`, `selftest`, `specdiff`, `lint`) lays out its own
header and counts, and renders its findings with these, so a finding looks the same
wherever it is shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from vgcontract.findings import Finding
from vgcontract.markdown import md_code, md_text

__all__ = ["JunitCase", "findings_json", "junit_xml", "md_code", "md_text", "one_line"]

_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """`text` on one line (line breaks become spaces): a path, an ID or a command is never broken."""
    return _BREAKS.sub(" ", text)


@dataclass(frozen=True)
class JunitCase:
    """One JUnit test case: failed with `failure` (message, type, text), else passed with `output`."""

    classname: str
    name: str
    failure: tuple[str, str, str] | None = None
    output: str | None = None


def junit_xml(
    suite: str, cases: Sequence[JunitCase], *, seconds: float, properties: Iterable[tuple[str, str]] = ()
) -> bytes:
    """A JUnit XML document with one test suite."""
    failed = sum(1 for case in cases if case.failure is not None)
    root = ET.Element(
        "testsuite", name=suite, tests=str(len(cases)), failures=str(failed), errors="0", time=f"{seconds:.3f}"
    )
    props = ET.SubElement(root, "properties")
    for name, value in properties:
        ET.SubElement(props, "property", name=name, value=value)
    for case in cases:
        element = ET.SubElement(root, "testcase", classname=case.classname, name=case.name, time="0")
        if case.failure is not None:
            message, kind, text = case.failure
            ET.SubElement(element, "failure", message=message, type=kind).text = text
        elif case.output is not None:
            ET.SubElement(element, "system-out").text = case.output
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def findings_json(findings: Iterable[Finding], **header: Any) -> str:
    """A JSON document: `header` keys, then `findings` as a list, indented, with a trailing newline."""
    return json.dumps({**header, "findings": [f.as_json() for f in findings]}, indent=2, ensure_ascii=False) + "\n"
