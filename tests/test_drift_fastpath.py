"""The drift check's fast path never calls conforming what the check schema rejects.

Differential: thousands of mutated bodies (retyped, nulled, renamed, extended, truncated,
with bad formats, out-of-range epochs, new enum values) are judged by the fast path and
by jsonschema-rs on the check schema. Whenever the fast path says "conforms", the slow
path must agree. Whole reports with and without the fast path must be identical.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson
import pytest

from tests.grown_spec import LIST_OPERATION, write_grown_spec
from tests.paths import SPEC
from tests.spec_fields import fields
from vgcontract.drift import DriftChecker, DriftSchema, FastPath, Record, run_drift
from vgcontract.live import conversation_operation, expand_path
from vgcontract.mock import ConversationFactory, RouteTable, build_app
from vgcontract.spec import dereference, load_spec

_REPLACEMENTS: list[Any] = [
    None, 0, -1, 1.5, 10**13, True, "", "not-an-email", "http://", "x" * 300, [], {}, [1], {"k": 1}, "2025-13-45",
]  # fmt: skip


def _bodies(spec: Path, operation: str | None, count: int) -> list[Any]:
    app = build_app(load_spec(spec))
    agent, ids = app.sample_ids(count)
    auth = {b"authorization": f"Bearer {app.token}".encode()}
    routes = RouteTable.from_spec(dereference(load_spec(spec)), app.base_path).routes
    route = next(r for r in routes for op in r.operations.values() if op.get("operationId") == operation)
    size = route.paging["GET"].size  # small pages keep the mutations quick
    query = f"?{size}=2" if size else ""
    bodies = []
    for convo in ids:
        path = expand_path(route.template, dict(zip(route.variables, (agent, convo), strict=False)))
        bodies.append(orjson.loads(app.respond("GET", f"{app.base_path}{path}{query}".encode(), auth).body))
    return bodies


def _spots(node: Any) -> list[tuple[Any, ...]]:
    """The path of every value in `node`, `node` itself first, depth first in key order."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), node)]
    while stack:
        path, value = stack.pop()
        found.append(path)
        if isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), value[index]) for index in reversed(range(len(value))))
    return found


def _mutate(body: Any, rng: random.Random) -> Any:
    body = orjson.loads(orjson.dumps(body))  # a deep copy: bodies are JSON
    for _ in range(rng.randint(1, 3)):
        spots = [s for s in _spots(body) if s]
        spot = rng.choice(spots)
        parent = body
        for step in spot[:-1]:
            parent = parent[step]
        last = spot[-1]
        action = rng.random()
        if action < 0.55:
            parent[last] = copy.deepcopy(rng.choice(_REPLACEMENTS))
        elif action < 0.7 and isinstance(parent, dict):
            del parent[last]
        elif action < 0.85 and isinstance(parent, dict):
            parent[f"{last}Extra"] = 1
        elif isinstance(parent[last], int) and not isinstance(parent[last], bool):
            parent[last] *= 1000
        elif isinstance(parent[last], str):
            parent[last] += "-renamed"
    return body


def _check(spec: Path, operation: str, mutations: int) -> tuple[int, int]:
    schema = DriftSchema.from_spec(load_spec(spec), operation)
    fast = FastPath.build(schema.check_schema, schema.envelope.success_flag)
    assert fast is not None
    slow = jsonschema_rs.validator_for(schema.check_schema, validate_formats=True)
    flag = schema.envelope.success_flag
    rng = random.Random(11)  # noqa: S311 - test data
    bodies = _bodies(spec, operation, 40)
    accepted = rejected_by_both = 0
    for n in range(mutations):
        body = _mutate(rng.choice(bodies), rng) if n % 5 else rng.choice(bodies)
        verdict = slow.is_valid(body) and (flag is None or body.get(flag) is True)
        if fast.check(orjson.dumps(body)) is not None:
            accepted += 1
            assert verdict, json.dumps(body)[:2000]  # the fast path said "conforms": so must the schema
        elif not verdict:
            rejected_by_both += 1
    return accepted, rejected_by_both


def test_the_fast_path_accepts_nothing_the_schema_rejects() -> None:
    accepted, rejected = _check(SPEC, str(conversation_operation(load_spec(SPEC))), 3000)
    assert accepted >= 600  # the unmutated fifth, at least: the fast path is really used
    assert rejected >= 1500  # and the mutations really break things


def test_every_conforming_body_stays_on_the_fast_path() -> None:
    """Realistic lines never fall to the slow path: the mock's bodies and every-field-filled ones."""
    spec = load_spec(SPEC)
    operation = str(conversation_operation(spec))
    schema = DriftSchema.from_spec(spec, operation)
    checker = DriftChecker(schema)
    fast = checker.fast
    assert fast is not None
    record_key = fields().record_key
    envelope = dereference(schema.spec, schema.sites[()].schema)
    factory = ConversationFactory(envelope["properties"][record_key], complete=True)
    full = [{**body, record_key: factory.conversation("agent-1", f"convo-{n}")} for n, body in
            enumerate(_bodies(SPEC, operation, 40))]  # fmt: skip
    lines = [orjson.dumps(body) for body in (*_bodies(SPEC, operation, 200), *full)]
    assert all(checker.is_conforming(orjson.loads(line)) for line in lines)
    assert [line[:80] for line in lines if fast.check(line) is None] == []


def test_the_same_holds_for_a_list_of_records(tmp_path: Path) -> None:
    accepted, rejected = _check(write_grown_spec(tmp_path, list_first=True), LIST_OPERATION, 1500)
    assert accepted >= 300
    assert rejected >= 600


@pytest.mark.parametrize(
    "line",
    [b"\xff\xfe{", b"[" * 100_000, b"{}" * 3, b""],
)
def test_unparseable_lines_are_left_to_the_slow_path(line: bytes) -> None:
    schema = DriftSchema.from_spec(load_spec(SPEC), str(conversation_operation(load_spec(SPEC))))
    fast = FastPath.build(schema.check_schema, schema.envelope.success_flag)
    assert fast is not None
    assert fast.check(line) is None


def test_a_lone_surrogate_in_a_conforming_line_is_left_to_the_slow_path() -> None:
    spec = load_spec(SPEC)
    operation = str(conversation_operation(spec))
    schema = DriftSchema.from_spec(spec, operation)
    fast = FastPath.build(schema.check_schema, schema.envelope.success_flag)
    assert fast is not None
    body = _bodies(SPEC, operation, 1)[0]
    assert fast.check(orjson.dumps(body)) is not None  # as it is, the line conforms
    body[str(schema.envelope.message)] = "SURROGATE"
    line = orjson.dumps(body).replace(b'"SURROGATE"', b'"\\ud800"')  # orjson cannot write one
    assert b"\\ud800" in line
    assert fast.check(line) is None


def test_reports_are_the_same_with_and_without_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = load_spec(SPEC)
    schema = DriftSchema.from_spec(spec, str(conversation_operation(spec)))
    rng = random.Random(3)  # noqa: S311 - test data
    bodies = _bodies(SPEC, conversation_operation(spec), 60)
    lines = [orjson.dumps(_mutate(b, rng) if i % 4 == 0 else b) for i, b in enumerate(bodies * 5)]
    lines += [b"{broken", b'{"success": false}']

    def report() -> dict[str, Any]:
        records = [Record(f"line {n}", line) for n, line in enumerate(lines, 1)]
        data: dict[str, Any] = json.loads(json.dumps(run_drift(records, schema, source="t").__dict__, default=str))
        data.pop("seconds")
        return data

    assert DriftChecker(schema).fast is not None
    with_fast = report()
    monkeypatch.setattr(FastPath, "build", classmethod(lambda cls, *a, **k: None))
    assert DriftChecker(schema).fast is None
    assert report() == with_fast


def _small(tmp_path: Path, schema: dict[str, Any]) -> DriftSchema:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"get": {"operationId": "getX", "responses": {"200": {
            "description": "ok", "content": {"application/json": {"schema": schema}}}}}}},
    }  # fmt: skip
    path = tmp_path / "small.yaml"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return DriftSchema.from_spec(load_spec(path), "getX")


def _obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props}


# Each found in review: a body the fast path once accepted, or a schema it once crashed on.
_CASES = [
    (_obj(links={"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}),
     b'{"links":{"home":"not a uri"}}'),
    (_obj(state={"type": ["string", "null"], "enum": ["open", "closed"]}), b'{"state":null}'),
    (_obj(meta={"type": "object", "required": ["id"]}), b'{"meta":{}}'),
    ({"type": "object", "required": ["id"], "properties": {"a": {"type": "string"}}}, b'{"a":"x"}'),
    (_obj(n={"type": "number", "maximum": 9007199254740992}), b'{"n":9007199254740993}'),
    (_obj(a={"type": "array", "items": False}), b'{"a":[1]}'),
    ({"type": "string", "format": "email"}, b'"not an email"'),
    (_obj(o={"type": "object", "format": "email", "properties": {"a": {"type": "string"}}}), b'{"o":{"a":"x"}}'),
    (_obj(e={"type": "integer", "enum": [2**64]}), b'{"e":1}'),
    (_obj(free={}), b'{"free":1' + b"0" * 400 + b"}"),
    # The same literal deep in untyped values, and untyped values nested past the fast path's depth.
    (_obj(free={}), b'{"free":[[{"x":-1' + b"0" * 400 + b"}]]}"),
    (_obj(free={"type": "array"}), b'{"free":[1' + b"0" * 400 + b"]}"),
    (_obj(free={"type": "object"}), b'{"free":{"k":{"j":1' + b"0" * 400 + b"}}}"),
    (_obj(free={"type": "object"}), b'{"free":{"k":' + b"[" * 40 + b"1" + b"]" * 40 + b"}}"),
    (_obj(free={}), b'{"free":' + b'{"a":' * 40 + b"1e400" + b"}" * 40 + b"}"),
    ({"type": "array", "items": _obj(id={"type": "string"}, name={"type": "string"})}, b'[{"id":"a"}]'),
    (_obj(e={"type": "integer", "enum": [1, 10], "maximum": 5}), b'{"e":10}'),
    (_obj(e={"type": "integer", "enum": [1, 10], "minimum": 5}), b'{"e":1}'),
    ({"type": "object", "properties": {"*": {"type": "string", "format": "email"}}}, b'{"*":"bad"}'),
    ({"type": "object", "properties": {"[]": {"type": "string"}, "a": {"type": "string"}}}, b'{"a":"x","[]":"y"}'),
    # Exclusive bounds and string lengths, as a grown spec uses them.
    (_obj(n={"type": "number", "exclusiveMinimum": 0}), b'{"n":0}'),
    (_obj(n={"type": "number", "exclusiveMinimum": 0, "minimum": -5}), b'{"n":0.0}'),
    (_obj(n={"type": "integer", "exclusiveMaximum": 2.5}), b'{"n":3}'),
    (_obj(n={"type": "integer", "exclusiveMaximum": 2.5}), b'{"n":2}'),
    (_obj(s={"type": "string", "minLength": 2}), '{"s":"é"}'.encode()),
    (_obj(s={"type": "string", "maxLength": 1}), b'{"s":"\\ud83d\\ude00"}'),
    (_obj(e={"type": "string", "enum": ["a", "bb"], "minLength": 2}), b'{"e":"a"}'),
]  # fmt: skip
# The cases whose schema the fast path declines (`FastPath.build` is None): only the slow path judges them.
_DECLINED = {2, 3, 4, 5, 8, 18, 19}


@pytest.mark.parametrize(("index", "schema", "line"), [(i, *case) for i, case in enumerate(_CASES)])
def test_reviewed_cases_agree_with_the_slow_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: int, schema: dict[str, Any], line: bytes
) -> None:
    drift_schema = _small(tmp_path, schema)
    fast = FastPath.build(drift_schema.check_schema, drift_schema.envelope.success_flag)
    assert (fast is None) == (index in _DECLINED)  # else the comparison below is the slow path with itself
    try:
        valid = jsonschema_rs.validator_for(drift_schema.check_schema, validate_formats=True).is_valid(
            orjson.loads(line)
        )
    except orjson.JSONDecodeError:
        valid = False
    if fast is not None and fast.check(line) is not None:
        assert valid
    with_fast = run_drift([Record("line 1", line)], drift_schema, source="t")
    monkeypatch.setattr(FastPath, "build", classmethod(lambda cls, *a, **k: None))
    without = run_drift([Record("line 1", line)], drift_schema, source="t")
    assert [(f.kind, f.location) for f in with_fast.findings] == [(f.kind, f.location) for f in without.findings]
    assert (with_fast.conforming, with_fast.unreadable) == (without.conforming, without.unreadable)


def test_a_fast_path_is_built_once_per_schema_content() -> None:
    schema = DriftSchema.from_spec(load_spec(SPEC), conversation_operation(load_spec(SPEC)))
    flag = schema.envelope.success_flag
    fast = FastPath.build(schema.check_schema, flag)
    assert fast is not None
    assert FastPath.build(copy.deepcopy(schema.check_schema), flag) is fast  # equal content, another object
    changed = copy.deepcopy(schema.check_schema)
    changed["properties"]["x-added"] = {"type": "string"}
    assert FastPath.build(changed, flag) is not fast
    assert FastPath.build(schema.check_schema, None) is not fast  # no success flag: another fast path
    unsupported = {"type": "object", "properties": {"a": {"type": "string", "pattern": "^a"}}}
    assert FastPath.build(unsupported, flag) is FastPath.build(copy.deepcopy(unsupported), flag) is None
