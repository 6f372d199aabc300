"""The drift engine: check each response body against the spec and aggregate by JSON path.

Each record takes the fast path first (`drift.fastpath`): the line is decoded and
type-checked against the check schema in one msgspec pass, its formats checked by
jsonschema-rs. Only a line that does not certainly conform takes the slow path: orjson
parses it, and `iter_errors` of the compiled (Rust) validator names every problem, each
classified into a `DriftKind`. Memory stays flat: records are never kept, only per-path
counters and three samples each.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import jsonschema_rs
import msgspec
import orjson

from vgcontract.drift.fastpath import FastPath
from vgcontract.drift.infer import Shape
from vgcontract.drift.model import (
    MAX_ENUM_VALUES,
    MAX_LISTED_RECORDS,
    MAX_PATHS,
    MAX_SAMPLES,
    DriftKind,
    DriftReport,
    Observation,
    PathAggregate,
    Record,
    UnreadableRecord,
    json_type,
)
from vgcontract.drift.schema import EPOCH_MS_FLOOR, DriftSchema, format_path, normalise_instance_path
from vgcontract.drift.sources import SourceStats
from vgcontract.redact import Redactor
from vgcontract.spec.envelope import Envelope

__all__ = ["DriftChecker", "Scan", "finish_report", "run_drift", "scan_records"]

_SAMPLE_CHARS = 80
_K = jsonschema_rs.ValidationErrorKind


def _is_json_media_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _clip(value: Any, depth: int = 0) -> Any:
    """A small copy of `value` for a sample: three levels deep, five items or keys per level."""
    if isinstance(value, dict):
        if depth >= 3:
            return "{…}"
        return {k: _clip(v, depth + 1) for k, v in list(value.items())[:5]}
    if isinstance(value, list):
        return "[…]" if depth >= 3 else [_clip(v, depth + 1) for v in value[:5]]
    if isinstance(value, str) and len(value) > _SAMPLE_CHARS:
        return value[:_SAMPLE_CHARS] + "…"
    return value


def _present(node: Any, tokens: tuple[str, ...], index: int = 0) -> bool:
    if index == len(tokens):
        return True
    step = tokens[index]
    if step == "[]":
        return isinstance(node, list) and any(_present(item, tokens, index + 1) for item in node)
    return isinstance(node, dict) and step in node and _present(node[step], tokens, index + 1)


class DriftChecker:
    """Classifies one parsed body's differences from the spec into observations."""

    def __init__(self, schema: DriftSchema) -> None:
        self.schema = schema
        self.validator = jsonschema_rs.validator_for(schema.check_schema, validate_formats=True)
        self._epochs = dict(schema.epoch_units)
        self._envelope = schema.envelope
        self._flag = schema.envelope.success_flag
        # One C pass for lines that conform (None when the schema cannot be expressed exactly).
        self.fast = FastPath.build(schema.check_schema, self._flag)

    def is_conforming(self, body: Any) -> bool:
        """The fast path: true when the body passes the strict schema and its success flag (if any) is true."""
        flag = self._flag
        if flag is not None and (type(body) is not dict or body.get(flag) is not True):
            return False
        return bool(self.validator.is_valid(body))

    def observe(self, body: Any) -> list[Observation]:
        """Every difference between `body` and the spec, classified (the slow path)."""
        found: list[Observation] = []
        flag = self._flag
        if flag is not None and isinstance(body, dict) and body.get(flag) is False:
            found.append(Observation(DriftKind.ENVELOPE_VIOLATION, flag, False, f"`{flag}` is false on a 200"))
        for error in self.validator.iter_errors(body):
            found.extend(self._classify(error))
        return found

    def _classify(self, error: jsonschema_rs.ValidationError) -> list[Observation]:
        tokens = normalise_instance_path(error.instance_path)
        path, kind = format_path(tokens), error.kind
        if isinstance(kind, _K.AdditionalProperties):
            instance = error.instance if isinstance(error.instance, dict) else {}
            return [
                Observation(DriftKind.UNDOCUMENTED_FIELD, format_path((*tokens, key)), instance.get(key))
                for key in kind.unexpected
            ]
        if isinstance(kind, _K.Required):
            child = format_path((*tokens, kind.property))
            drift = DriftKind.ENVELOPE_VIOLATION if not tokens and self._envelope.wraps else DriftKind.MISSING_REQUIRED
            return [Observation(drift, child, None, f"required `{kind.property}` is missing", has_value=False)]
        value = error.instance
        if not tokens or (len(tokens) == 1 and self._envelope.wraps and tokens[0] in self._envelope.keys):
            return [Observation(DriftKind.ENVELOPE_VIOLATION, path, value, error.message[:160])]
        if isinstance(kind, _K.Type | _K.AnyOf | _K.OneOfNotValid):
            drift = DriftKind.UNEXPECTED_NULL if value is None else DriftKind.TYPE_MISMATCH
            return [Observation(drift, path, value, error.message[:160])]
        if isinstance(kind, _K.Enum):
            return [Observation(DriftKind.ENUM_NEW_VALUE, path, value, "value not in the documented enum")]
        if isinstance(kind, _K.Format):
            return [Observation(DriftKind.FORMAT_VIOLATION, path, value, f"not a valid `{kind.format}`")]
        unit = self._epochs.get(tokens)
        if unit is not None and isinstance(value, int | float) and isinstance(kind, _K.Maximum | _K.Not):
            other = "milliseconds" if value >= EPOCH_MS_FLOOR else "seconds"
            detail = f"epoch {other} where {unit} are documented"
            return [Observation(DriftKind.TIMESTAMP_UNIT, path, value, detail)]
        keyword = str(error.schema_path[-1]) if error.schema_path else ""
        return [Observation(DriftKind.CONSTRAINT_VIOLATION, path, value, error.message[:160], keyword=keyword)]


class _Aggregator:
    """Folds observations into per-path aggregates, with masked samples."""

    def __init__(self, schema: DriftSchema) -> None:
        self.aggregates: dict[tuple[DriftKind, str], PathAggregate] = {}
        self.shapes: dict[str, Shape] = {}
        self.enum_values: dict[str, list[Any]] = {}
        self.overflow = 0
        self._mask = Redactor(schema.personal_kinds)

    def add(self, ref: str, observations: list[Observation]) -> None:
        counted: set[tuple[DriftKind, str]] = set()
        for obs in observations:
            key = (obs.kind, obs.path)
            agg = self.aggregates.get(key)
            if agg is None:
                if len(self.aggregates) >= MAX_PATHS:
                    self.overflow += 1
                    continue
                agg = self.aggregates[key] = PathAggregate(obs.kind, obs.path, detail=obs.detail, keyword=obs.keyword)
            agg.occurrences += 1
            agg.observed_types[obs.type_label or (json_type(obs.value) if obs.has_value else "absent")] += 1
            if key not in counted:
                counted.add(key)
                agg.records += 1
                if len(agg.sample_refs) < MAX_SAMPLES:
                    agg.sample_refs.append(ref)
            if obs.has_value and len(agg.samples) < MAX_SAMPLES:
                sample = self._sample(obs)
                if sample not in agg.samples:
                    agg.samples.append(sample)
            if obs.kind is DriftKind.UNDOCUMENTED_FIELD:
                self.shapes.setdefault(obs.path, Shape()).add(obs.value)
            elif obs.kind is DriftKind.ENUM_NEW_VALUE and isinstance(obs.value, str | int | float):
                values = self.enum_values.setdefault(obs.path, [])
                if obs.value not in values and len(values) < MAX_ENUM_VALUES:
                    values.append(obs.value)

    def never_observed(self, paths: list[tuple[str, ...]]) -> None:
        """One info aggregate per documented path no success body had."""
        for path in paths:
            name = format_path(path)
            self.aggregates[(DriftKind.NEVER_OBSERVED, name)] = PathAggregate(
                DriftKind.NEVER_OBSERVED, name, detail="documented, never present in the sample"
            )

    def _sample(self, obs: Observation) -> str:
        name = obs.path.rsplit(".", 1)[-1].rstrip("[]")
        masked = self._mask.redact(_clip(obs.value), obs.path, name)
        text = orjson.dumps(masked).decode()
        return text if len(text) <= _SAMPLE_CHARS + 2 else text[:_SAMPLE_CHARS] + "…"


def _transport(record: Record) -> list[Observation]:
    """Findings about the HTTP exchange itself, for sources that know status and content type."""
    found = []
    if record.status is not None and record.status != 200:
        found.append(Observation(DriftKind.UNEXPECTED_STATUS, "$", record.status, f"HTTP {record.status}"))
    if record.content_type is not None and not _is_json_media_type(record.content_type):
        found.append(Observation(DriftKind.WRONG_CONTENT_TYPE, "$", record.content_type, "not a JSON type"))
    return found


def _topmost(paths: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The paths whose parents were observed: under a never-seen object, only the object is named."""
    out = []
    for path in sorted(paths):
        parents = {tuple(t for t in path[:i] if t != "[]") for i in range(1, len(path))}
        if not any(p in paths for p in parents if p):
            out.append(path)
    return out


def _not_checked(report: DriftReport, record: Record) -> None:
    """Count a live record that got no checkable answer; list the first few."""
    report.inconclusive += 1
    if len(report.inconclusive_records) < MAX_LISTED_RECORDS:
        report.inconclusive_records.append(UnreadableRecord(record.ref, record.problem or "not checked"))


def _ref_for(record: Record, body: Any, envelope: Envelope) -> str:
    convo = envelope.record_id(body)
    if isinstance(convo, str) and convo and convo != record.ref:
        return f"{convo[:64]} ({record.ref})"
    return record.ref


def run_drift(
    records: Iterable[Record],
    schema: DriftSchema,
    *,
    source: str,
    spec_name: str = "",
    on_record: Callable[[DriftReport], None] | None = None,
    stats: SourceStats | None = None,
) -> DriftReport:
    """Check every record; return the finished report. Never raises for a bad record.

    `stats`, when the records come from a file source, adds what the source skipped that
    is not a record (blank lines) to the report's notes.
    """
    started = time.monotonic()
    report = DriftReport(source=source, spec=spec_name or schema.operation or "the spec", operation=schema.operation)
    scan = scan_records(records, schema, report, on_record)
    finish_report(report, scan, schema, stats)
    report.seconds = time.monotonic() - started
    return report


@dataclass
class Scan:
    """What a pass over some records leaves before the report is finished (picklable, mergeable)."""

    aggregates: dict[tuple[DriftKind, str], PathAggregate] = field(default_factory=dict)
    shapes: dict[str, Shape] = field(default_factory=dict)
    enum_values: dict[str, list[Any]] = field(default_factory=dict)
    overflow: int = 0
    pending: set[tuple[str, ...]] = field(default_factory=set)  # documented paths not seen yet
    saw_success_body: bool = False


def scan_records(
    records: Iterable[Record],
    schema: DriftSchema,
    report: DriftReport,
    on_record: Callable[[DriftReport], None] | None = None,
) -> Scan:
    """Check every record, counting into `report`; the aggregates and what is left to finish."""
    checker, agg = DriftChecker(schema), _Aggregator(schema)
    pending = set(schema.documented_paths)
    loads, is_conforming, fast = orjson.loads, checker.is_conforming, checker.fast
    # "Never observed" only means something once at least one success body was looked at:
    # a run where every answer was a 500 or a 401 says nothing about which fields exist.
    saw_success_body = False

    for record in records:
        report.read += 1
        if on_record is not None:
            on_record(report)
        if record.inconclusive:
            _not_checked(report, record)
            continue
        transport = _transport(record) if record.status is not None or record.content_type is not None else []
        if fast is not None and not transport and not record.problem and record.status in (None, 200):
            decoded = fast.check(record.body)
            if decoded is not None:  # conforms: nothing to classify; only presence is left to note
                report.conforming += 1
                if isinstance(decoded, msgspec.Struct):  # an object body, as the slow path asks
                    saw_success_body = True
                    if pending:
                        pending.difference_update([p for p in pending if fast.present(decoded, p)])
                continue
        reason, body, observed = record.problem or "", None, transport
        if not reason:
            try:
                body = loads(record.body)
                if not (not transport and is_conforming(body)) and record.status in (None, 200):
                    # A non-200 carries an error body: only the status is compared, not the 200 schema.
                    observed = [*transport, *checker.observe(body)]
            except orjson.JSONDecodeError as exc:
                reason = str(exc).splitlines()[0][:160] or "not JSON"
            except ValueError as exc:  # the validator's own nesting limit (about 255 levels)
                reason = f"too deeply nested to validate ({str(exc)[:80]})"
        if reason:
            report.unreadable += 1
            if len(report.unreadable_records) < MAX_LISTED_RECORDS:
                report.unreadable_records.append(UnreadableRecord(record.ref, reason))
            excerpt = record.body[:60].decode("utf-8", "replace")
            not_json = Observation(DriftKind.NOT_JSON, "$", excerpt, reason, type_label="invalid JSON")
            agg.add(record.ref, [*transport, not_json])
            continue
        if observed:
            report.with_findings += 1
            agg.add(_ref_for(record, body, schema.envelope), observed)
        else:
            report.conforming += 1
        if isinstance(body, dict) and record.status in (None, 200):
            saw_success_body = True
        if pending and isinstance(body, dict) and record.status in (None, 200):
            pending.difference_update([p for p in pending if _present(body, p)])
    return Scan(agg.aggregates, agg.shapes, agg.enum_values, agg.overflow, pending, saw_success_body)


def finish_report(report: DriftReport, scan: Scan, schema: DriftSchema, stats: SourceStats | None) -> None:
    """Turn a scan (one, or several merged) into the report's findings and notes."""
    agg = _Aggregator(schema)
    agg.aggregates, agg.shapes, agg.enum_values, agg.overflow = (
        scan.aggregates,
        scan.shapes,
        scan.enum_values,
        scan.overflow,
    )
    if scan.saw_success_body:
        agg.never_observed(_topmost(scan.pending))
    _finish(report, agg, stats)


def _finish(report: DriftReport, agg: _Aggregator, stats: SourceStats | None) -> None:
    """Hand the aggregates out as findings, worst first, and note what was skipped or capped."""
    ordered = sorted(agg.aggregates.values(), key=lambda a: (-a.severity, -a.records, a.path, a.kind.value))
    report.findings = [aggregate.to_finding() for aggregate in ordered]
    report.inferred = {path: shape.schema() for path, shape in agg.shapes.items()}
    report.new_enum_values = agg.enum_values
    report.paths_overflow = agg.overflow
    if stats is not None and stats.blank_lines:
        report.notes.append(f"{stats.blank_lines} blank line(s) skipped (not records)")
    if agg.overflow:
        report.notes.append(f"{agg.overflow} observation(s) beyond {MAX_PATHS:,} distinct paths were not aggregated")
