"""Turning findings into output: one writer for every report file, shared rendering pieces,
and one renderer module per report (`drift`, `contract`, `selftest`, `specdiff`).
"""

import importlib as _importlib
import types as _types

from vgcontract.reporting.common import JunitCase, findings_json, junit_xml, md_code, md_text, one_line
from vgcontract.reporting.writer import ensure_directory, write_all, write_report

__all__ = [
    "JunitCase",
    "contract",
    "drift",
    "ensure_directory",
    "findings_json",
    "junit_xml",
    "md_code",
    "md_text",
    "one_line",
    "selftest",
    "specdiff",
    "write_all",
    "write_report",
]

# One renderer module per report, each public by name and loaded on first use: rendering one
# report never imports the engines behind the others.
_RENDERERS = ("contract", "drift", "selftest", "specdiff")


def __getattr__(name: str) -> _types.ModuleType:
    if name in _RENDERERS:
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_RENDERERS})
