"""The drift engine: each finding kind from a crafted body, none from conforming ones."""

from __future__ import annotations

import orjson
import pytest

from tests.drift_corpus import BREAKS, CORPUS, conforming, drift_schema
from vgcontract import Severity
from vgcontract.drift import MAX_LISTED_RECORDS, DriftKind, DriftReport, Record, format_path, parse_path, run_drift


def _run(*records: Record) -> DriftReport:
    return run_drift(records, drift_schema(), source="test")


def _rec(body: object, ref: str = "r1", **kwargs: object) -> Record:
    return Record(ref, orjson.dumps(body), **kwargs)  # type: ignore[arg-type]


def _found(report: DriftReport) -> set[tuple[str, str]]:
    return {(f.kind, f.location) for f in report.findings if f.kind != DriftKind.NEVER_OBSERVED.value}


def test_conforming_bodies_give_no_findings_at_all() -> None:
    report = _run(*(_rec(conforming(i), f"r{i}") for i in range(30)))
    assert report.findings == []  # complete bodies: nothing undocumented, nothing unobserved
    assert (report.read, report.conforming, report.with_findings, report.unreadable) == (30, 30, 0, 0)


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_each_kind_is_produced_at_its_path(kind: str) -> None:
    mutate, path = BREAKS[kind]
    body = conforming(1)
    mutate(body)
    report = _run(_rec(conforming(0), "ok"), _rec(body, "bad"))
    assert _found(report) == {(kind, path)}
    (agg,) = report.findings
    assert agg.evidence["responses"] == 1
    assert agg.severity is DriftKind(kind).severity
    # A missing record ID leaves the sample named by the record's label alone.
    assert agg.evidence["sample_ids"] == (["bad"] if kind == "missing-required" else ["convo-0001 (bad)"])
    assert report.conforming == 1
    assert report.with_findings == 1
    assert report.reconciles


def test_each_kind_has_its_severity() -> None:
    # Errors: what the client cannot parse or a caller cannot rely on; warnings: what it survives.
    errors = {"type-mismatch", "missing-required", "envelope-violation", "not-json", "unexpected-null",
              "wrong-content-type", "unexpected-status"}  # fmt: skip
    warnings = {"undocumented-field", "enum-new-value", "timestamp-unit", "format-violation", "constraint-violation"}
    assert {k.value for k in DriftKind if k.severity is Severity.ERROR} == errors
    assert {k.value for k in DriftKind if k.severity is Severity.WARNING} == warnings
    assert {k.value for k in DriftKind if k.severity is Severity.INFO} == {"never-observed"}


def test_envelope_without_data() -> None:
    report = _run(_rec({"success": True, "message": "ok"}))
    assert _found(report) == {("envelope-violation", "data")}


def test_body_that_is_not_an_object_is_an_envelope_violation() -> None:
    assert _found(_run(_rec([1, 2]))) == {("envelope-violation", "$")}


def test_not_json_and_wrong_content_type() -> None:
    html = Record("c1", b"<html>Maintenance</html>", status=200, content_type="text/html")
    plain = Record("c2", orjson.dumps(conforming(0)), status=200, content_type="text/plain")
    report = _run(html, plain)
    assert _found(report) == {("not-json", "$"), ("wrong-content-type", "$")}
    wrong = next(f for f in report.findings if f.kind == DriftKind.WRONG_CONTENT_TYPE.value)
    assert wrong.evidence["responses"] == 2
    assert (report.unreadable, report.with_findings) == (1, 1)


def test_unexpected_status_is_reported_without_checking_the_error_body() -> None:
    record = Record("c1", b'{"success": false, "message": "boom"}', status=500, content_type="application/json")
    assert _found(_run(record)) == {("unexpected-status", "$")}


def test_nested_paths_are_normalised() -> None:
    array, strings, new = CORPUS.nested
    body = conforming(2)
    body["data"][array][0][strings] = [1, 2]
    body["data"][array][0][new] = "vip"
    found = _found(_run(_rec(body)))
    assert found == {
        ("type-mismatch", f"data.{array}[].{strings}[]"),
        ("undocumented-field", f"data.{array}[].{new}"),
    }


def test_aggregates_count_percent_types_samples_and_ids() -> None:
    field = BREAKS["type-mismatch"][1].removeprefix("data.")
    bodies = []
    for i in range(10):
        body = conforming(i)
        if i < 4:
            body["data"][field] = "12" if i % 2 else None
        bodies.append(_rec(body, f"line {i + 1}"))
    report = _run(*bodies)
    mismatch = next(f for f in report.findings if f.kind == DriftKind.TYPE_MISMATCH.value)
    null = next(f for f in report.findings if f.kind == DriftKind.UNEXPECTED_NULL.value)
    assert (mismatch.evidence["responses"], null.evidence["responses"]) == (2, 2)
    assert mismatch.evidence["observed_types"] == {"string": 2}
    assert null.evidence["observed_types"] == {"null": 2}
    assert mismatch.evidence["samples"] == ['"12"']
    assert mismatch.evidence["sample_ids"] == ["convo-0001 (line 2)", "convo-0003 (line 4)"]


def test_samples_mask_personal_data() -> None:
    body = conforming(3)
    body["data"][CORPUS.personal] = 42  # a type mismatch on a personal field
    body["data"][CORPUS.undocumented] = {"mail": "ada@example.com", "tel": "+14155550123", "ip": "10.1.2.3"}
    report = _run(_rec(body))
    text = repr([f.evidence["samples"] for f in report.findings])
    assert "ada@example.com" not in text
    assert "+14155550123" not in text
    assert "10.1.2.3" not in text
    card = next(f for f in report.findings if f.location == f"data.{CORPUS.undocumented}")
    assert "<ip-address>" in card.evidence["samples"][0]
    assert "redacted-email@invalid" in card.evidence["samples"][0]


def test_never_observed_names_only_the_topmost_missing_path() -> None:
    body = conforming(4)
    del body["data"][CORPUS.object_field]
    del body["data"][CORPUS.personal]
    report = _run(_rec(body))
    never = {f.location for f in report.findings if f.kind == DriftKind.NEVER_OBSERVED.value}
    # Under a missing object only the object is named, not each of its fields.
    assert never == {f"data.{CORPUS.object_field}", f"data.{CORPUS.personal}"}
    assert all(f.severity is Severity.INFO for f in report.findings)
    assert not report.fails(Severity.WARNING)
    assert report.fails(Severity.INFO)


def test_unreadable_records_are_counted_and_listed() -> None:
    report = _run(
        Record("line 1", b"\xff\xfe\x00garbage"), Record("line 2", b"", problem="too big"), _rec(conforming())
    )
    assert (report.read, report.unreadable, report.conforming) == (3, 2, 1)
    assert [u.ref for u in report.unreadable_records] == ["line 1", "line 2"]
    assert report.reconciles


def test_deeply_nested_json_is_reported_not_a_crash() -> None:
    deep = b"[" * 5000 + b"]" * 5000
    body = orjson.dumps(conforming(5))
    blob = b'{"n":' * 900 + b'"x"' + b"}" * 900  # deeper than orjson can write, not than it reads
    nested = body[:-2] + b',"blob":' + blob + b"}}"
    report = _run(Record("deep", deep), Record("nested", nested))
    assert report.unreadable == 2
    reasons = {u.ref: u.reason for u in report.unreadable_records}
    assert "depth limit" in reasons["deep"]
    assert reasons["nested"].startswith("too deeply nested to validate")


def test_path_formatting_round_trips() -> None:
    for tokens in [(), ("data", "a.b", "[]", "x y"), ("data", "handoffHistory", "[]", "teamIds")]:
        assert parse_path(format_path(tokens)) == tokens


def test_records_that_got_no_checkable_answer_are_counted_and_the_first_are_named() -> None:
    timeouts = [
        Record(f"convo-{n}", b"", problem="timed out", inconclusive=True) for n in range(MAX_LISTED_RECORDS + 3)
    ]
    report = _run(_rec(conforming(0), "ok"), *timeouts)
    assert (report.inconclusive, report.conforming, report.findings) == (MAX_LISTED_RECORDS + 3, 1, [])
    assert [(r.ref, r.reason) for r in report.inconclusive_records] == [
        (f"convo-{n}", "timed out") for n in range(MAX_LISTED_RECORDS)
    ]


def test_never_observed_is_noted_when_every_body_also_drifts() -> None:
    mutate, where = BREAKS["type-mismatch"]
    body = conforming(5)
    del body["data"][CORPUS.personal]
    mutate(body)  # every body takes the classifying path, none the fast one
    report = _run(_rec(body))
    assert (report.with_findings, report.conforming) == (1, 0)
    noted = {(f.kind, f.location) for f in report.findings}
    assert (DriftKind.NEVER_OBSERVED.value, f"data.{CORPUS.personal}") in noted
    assert ("type-mismatch", where) in _found(report)


def test_nothing_is_noted_as_never_observed_without_a_success_body() -> None:
    report = _run(_rec({"success": False, "message": "nope"}, "e1", status=404, content_type="application/json"))
    assert DriftKind.NEVER_OBSERVED.value not in {f.kind for f in report.findings}
