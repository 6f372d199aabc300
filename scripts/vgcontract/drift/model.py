"""The drift check's data: finding kinds, per-record observations, per-path aggregates, the report.

Everything here is plain data. The engine (`vgcontract.drift.engine`) folds observations
into `PathAggregate`s and hands the report out as `Finding`s, one per (kind, path); the
renderers (`vgcontract.reporting.drift`) print them, and only the CLI picks an exit code.

A drift finding's evidence holds: `responses` (records with it), `occurrences` (counting
array items), `observed_types` (type name -> count, most common first), `samples` (masked,
compact JSON), `sample_ids`, and for constraint violations the schema `keyword`.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from vgcontract.findings import Finding, Severity
from vgcontract.limits import DEFAULT_MAX_RECORD_BYTES

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "MAX_ENUM_VALUES",
    "MAX_LISTED_RECORDS",
    "MAX_PATHS",
    "MAX_SAMPLES",
    "DriftKind",
    "DriftReport",
    "Observation",
    "PathAggregate",
    "Record",
    "UnreadableRecord",
    "json_type",
]

# What a report keeps, whichever way it was scanned (one pass, or merged from workers):
MAX_SAMPLES = 3  # sample IDs and masked samples per aggregate
MAX_PATHS = 10_000  # distinct (kind, path) pairs; beyond this, observations are only counted
MAX_LISTED_RECORDS = 50  # unreadable (and not checked) records listed by name
MAX_ENUM_VALUES = 100  # new values kept per enum, unmasked, for --suggest-patch


class DriftKind(enum.Enum):
    """One way a response can differ from the spec. The value is the kind's stable name."""

    UNDOCUMENTED_FIELD = "undocumented-field"
    TYPE_MISMATCH = "type-mismatch"
    UNEXPECTED_NULL = "unexpected-null"
    MISSING_REQUIRED = "missing-required"
    ENUM_NEW_VALUE = "enum-new-value"
    FORMAT_VIOLATION = "format-violation"
    CONSTRAINT_VIOLATION = "constraint-violation"
    TIMESTAMP_UNIT = "timestamp-unit"
    ENVELOPE_VIOLATION = "envelope-violation"
    NOT_JSON = "not-json"
    WRONG_CONTENT_TYPE = "wrong-content-type"
    UNEXPECTED_STATUS = "unexpected-status"
    NEVER_OBSERVED = "never-observed"

    @property
    def severity(self) -> Severity:
        """Errors break a typed client; warnings are undocumented change; info is a gap in the sample."""
        return _SEVERITY[self]

    def __str__(self) -> str:
        return self.value


# Why each level: an error is something the generated client cannot parse or a caller's
# code cannot rely on (a wrong type, a null, a missing field, a broken envelope or body).
# A warning is a change a client survives but the spec should document. `null` counts as a
# type mismatch: the spec allows it nowhere, and `from_dict` crashes on it.
_SEVERITY = {
    DriftKind.UNDOCUMENTED_FIELD: Severity.WARNING,
    DriftKind.TYPE_MISMATCH: Severity.ERROR,
    DriftKind.UNEXPECTED_NULL: Severity.ERROR,
    DriftKind.MISSING_REQUIRED: Severity.ERROR,
    DriftKind.ENUM_NEW_VALUE: Severity.WARNING,
    DriftKind.FORMAT_VIOLATION: Severity.WARNING,
    DriftKind.CONSTRAINT_VIOLATION: Severity.WARNING,
    DriftKind.TIMESTAMP_UNIT: Severity.WARNING,
    DriftKind.ENVELOPE_VIOLATION: Severity.ERROR,
    DriftKind.NOT_JSON: Severity.ERROR,
    DriftKind.WRONG_CONTENT_TYPE: Severity.ERROR,
    DriftKind.UNEXPECTED_STATUS: Severity.ERROR,
    DriftKind.NEVER_OBSERVED: Severity.INFO,
}


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value (`integer` and `number` kept apart, as JSON Schema does)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


@dataclass(frozen=True, slots=True)
class Record:
    """One response body to check, and where it came from.

    `ref` names the record for a human: `line 12`, a file name, or a conversation ID.
    `status` and `content_type` are known for live and recorded responses, None otherwise.
    `problem` is set when the record could not be read at all (too large, unreadable file).
    `inconclusive` marks a live record that got no checkable answer (a timeout, a rate
    limit): it is counted, and says nothing about the contract.
    """

    ref: str
    body: bytes
    status: int | None = None
    content_type: str | None = None
    problem: str | None = None
    inconclusive: bool = False


@dataclass(frozen=True, slots=True)
class Observation:
    """One finding in one record, before aggregation.

    `path` is normalised (`data.handoffHistory[].teamIds`); `value` is the offending value
    (`None` when there is none, as for a missing field) and is masked before it is reported.
    """

    kind: DriftKind
    path: str
    value: Any = None
    detail: str = ""
    has_value: bool = True
    type_label: str | None = None  # overrides the JSON type in `observed_types` (`absent`, `invalid JSON`)
    keyword: str = ""  # the schema keyword that failed, for constraint violations


@dataclass
class PathAggregate:
    """Every observation of one kind at one normalised path, over the whole corpus."""

    kind: DriftKind
    path: str
    records: int = 0  # responses with this finding (each counted once)
    occurrences: int = 0  # times seen, counting each array item
    observed_types: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)  # masked, compact JSON
    sample_refs: list[str] = field(default_factory=list)
    detail: str = ""
    keyword: str = ""

    @property
    def severity(self) -> Severity:
        """The severity of this aggregate's kind."""
        return self.kind.severity

    def to_finding(self) -> Finding:
        """This aggregate as a `Finding` (kind name, severity, path, detail; the counts as evidence)."""
        evidence: dict[str, Any] = {
            "responses": self.records,
            "occurrences": self.occurrences,
            "observed_types": dict(self.observed_types.most_common()),
            "samples": list(self.samples),
            "sample_ids": list(self.sample_refs),
        }
        if self.keyword:
            evidence["keyword"] = self.keyword
        return Finding(self.kind.value, self.severity, self.path, self.detail, evidence)


@dataclass(frozen=True, slots=True)
class UnreadableRecord:
    """A record that could not be parsed as a JSON body, with the reason in one line."""

    ref: str
    reason: str


@dataclass
class DriftReport:
    """The outcome of one drift run. `read == conforming + with_findings + unreadable + inconclusive` holds."""

    source: str
    spec: str
    operation: str = ""  # the operationId (or `GET /path`) whose 200 body was checked
    read: int = 0
    conforming: int = 0
    with_findings: int = 0
    unreadable: int = 0
    inconclusive: int = 0  # live records with no checkable answer (timeouts, rate limits)
    findings: list[Finding] = field(default_factory=list)  # one per (kind, path), worst first
    unreadable_records: list[UnreadableRecord] = field(default_factory=list)  # the first few, with reasons
    inconclusive_records: list[UnreadableRecord] = field(default_factory=list)  # the first few, with reasons
    paths_overflow: int = 0  # observations dropped because too many distinct paths were seen
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    inferred: dict[str, dict[str, Any]] = field(default_factory=dict)  # undocumented path -> inferred schema
    new_enum_values: dict[str, list[Any]] = field(default_factory=dict)  # path -> values outside the enum

    @property
    def reconciles(self) -> bool:
        """True when every record read is accounted for in exactly one bucket."""
        return self.read == self.conforming + self.with_findings + self.unreadable + self.inconclusive

    def counts_by_severity(self) -> dict[Severity, int]:
        """Number of aggregated findings (paths) per severity, highest first."""
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}

    def fails(self, threshold: Severity) -> bool:
        """True when any finding is at or above `threshold`."""
        return any(f.severity >= threshold for f in self.findings)
