"""The exit codes of every `vgcontract` command, defined once.

    0  OK            nothing found at or above the failure threshold
    1  FINDINGS      the spec, the client, a vendored copy or the API broke the contract
    2  USAGE         bad arguments, a missing or malformed input, an unwritable report
    3  INCONCLUSIVE  the check could not be made: timeouts, rate limits, an unreadable list
  130  INTERRUPTED   Ctrl-C

Engines return findings; only the CLI maps them to a code, with `for_findings`.
"""

from __future__ import annotations

from collections.abc import Iterable

from vgcontract.findings import Finding, Severity

__all__ = ["FINDINGS", "INCONCLUSIVE", "INTERRUPTED", "OK", "USAGE", "for_findings"]

OK, FINDINGS, USAGE, INCONCLUSIVE, INTERRUPTED = 0, 1, 2, 3, 130


def for_findings(findings: Iterable[Finding], threshold: Severity) -> int:
    """`FINDINGS` when any finding is at or above `threshold`, else `OK`."""
    return FINDINGS if any(f.severity >= threshold for f in findings) else OK
