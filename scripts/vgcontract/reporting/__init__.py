"""Turning findings into output: one writer for every report file, shared rendering pieces,
and one renderer module per report (`drift`, `contract`, `selftest`, `specdiff`).
"""

from vgcontract.reporting.common import JunitCase, findings_json, junit_xml, md_code, md_text, one_line
from vgcontract.reporting.writer import ensure_directory, write_all, write_report

__all__ = [
    "JunitCase",
    "ensure_directory",
    "findings_json",
    "junit_xml",
    "md_code",
    "md_text",
    "one_line",
    "write_all",
    "write_report",
]
