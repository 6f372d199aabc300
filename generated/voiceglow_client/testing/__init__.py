"""Test doubles for code that uses this client: an in-memory API, built from the spec at generation time.

``MockAPI`` answers the client's HTTP in-process, through the client's own transport hook
(``httpx_args={"transport": ...}``): no network, no server process. Every operation in the
spec is served; bodies are valid against the spec, realistic, and the same for the same
IDs in every run. With pytest, the ``voiceglow_api`` fixture (``voiceglow_client.testing.plugin``)
gives a fresh one per test.

    api = MockAPI()
    with api.client() as client:
        envelope = get_conversation.sync("agent-1", "convo-1", client=client)
    api.set_fields("convo-2", state="closed")          # JSON names, as the API sends them
    api.respond_with(404)                              # the next call: the documented 404
    api.respond_with(429, retry_after=1, times=None)   # every call, until `reset()`
    api.inject("enum-new-value")                       # drift before the API does it to you
    api.assert_requested("/agents/agent-1/convos/convo-1")

Nothing here imports vgcontract: the spec's shapes are in ``_spec.json`` beside this file, and
the constrained values come from ``_values.py``, a copy of the mock's own (``vgcontract.spec.values``).
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, unquote

import httpx

from ..client import AuthenticatedClient
from ._data import json_kind, make_object

__all__ = ["FAULTS", "MockAPI", "Queued"]

FAULTS = ("undocumented-field", "enum-new-value", "ms-timestamps", "type-change")
"""What ``MockAPI.inject`` can do to every success body: the drift the API can send."""

_TOKEN = "test-token"  # noqa: S105 - the fixture's own token, never a real one
_ORIGIN = "https://api.test"
_VARIABLE = re.compile(r"{([^}/]+)}")
_NEW_FIELD = "vgTestUndocumented"
_NEW_ENUM_VALUE = "value-not-in-the-spec"


def _load_spec() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("_spec.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass
class _Shape:
    """Where an operation's records live in its success body, and how it pages (vgcontract read both from the spec)."""

    member: str | None  # the wrapper's record member (`data`), None when the body is the record
    is_list: bool
    record: dict[str, Any]
    id_field: str | None
    paging: dict[str, Any]  # the page-size and page-number query parameters, their default and maximum
    defs: dict[str, Any]  # the schema's `$defs`: where a recursive schema's `$ref`s lead

    @classmethod
    def of(cls, schema: Mapping[str, Any], envelope: Mapping[str, Any], paging: Mapping[str, Any]) -> _Shape:
        member = envelope.get("member")
        record: Any = schema
        if member is not None:
            record = (schema.get("properties") or {}).get(member) or {}
            record = record.get("items") or {} if envelope.get("is_list") else record
        defs = dict(schema.get("$defs") or {})
        return cls(member, bool(envelope.get("is_list")), dict(record), envelope.get("id_field"), dict(paging), defs)


@dataclass
class Queued:
    """An answer waiting for the next call(s): ``times`` None answers every call until ``reset``."""

    status: int
    body: Any
    headers: dict[str, str]
    times: int | None
    operation: str | None


@dataclass
class _Operation:
    name: str
    method: str
    template: str
    pattern: re.Pattern[str]
    secured: bool
    success: int
    schema: dict[str, Any] | None
    errors: dict[str, Any]
    shape: _Shape | None = None
    fetched: bool = False  # the operation the spec marks as what vgcontract's live checks fetch

    @property
    def variables(self) -> list[str]:
        return _VARIABLE.findall(self.template)


@dataclass
class MockAPI:
    """The API in memory: every operation of the spec, answered without a network."""

    token: str = _TOKEN
    seed: int = 0
    calls: list[httpx.Request] = field(default_factory=list)
    """Every request the client sent, in order."""

    def __post_init__(self) -> None:
        spec = _load_spec()
        self.base_url = _ORIGIN + str(spec["base_path"])
        self._base_path = str(spec["base_path"])
        self._operations: list[_Operation] = []
        for op in spec["operations"]:
            regex = "^" + _VARIABLE.sub("(?P<\\1>[^/]+)", re.escape(op["path"]).replace("\\{", "{").replace("\\}", "}"))
            operation = _Operation(
                op["name"], op["method"], op["path"], re.compile(regex + "$"), op["secured"],
                op["success"], op["schema"], op["errors"], fetched=bool(op.get("fetched")),
            )  # fmt: skip
            if isinstance(operation.schema, dict):
                operation.shape = _Shape.of(operation.schema, op["envelope"], op["paging"])
            self._operations.append(operation)
        self._operations.sort(key=lambda o: -len(_VARIABLE.sub("", o.template)))
        self._fields: dict[str, dict[str, Any]] = {}
        self._queue: list[Queued] = []
        self._faults: list[str] = []
        self.transport = httpx.MockTransport(self._handle)
        """The transport to give any httpx client; ``client()`` does it for you."""

    # --- what a test sets up ------------------------------------------------------------

    def client(self, **kwargs: Any) -> AuthenticatedClient:
        """An ``AuthenticatedClient`` wired to this API (no retries unless ``retries=`` says otherwise)."""
        kwargs.setdefault("retries", 0)
        return AuthenticatedClient(
            base_url=self.base_url, token=self.token, httpx_args={"transport": self.transport}, **kwargs
        )

    def record(self, *ids: str, operation: str | None = None) -> dict[str, Any]:
        """The record the API serves for these path IDs (owner first, record last), with ``set_fields`` applied.

        ``operation`` (an operationId) names which operation's record; by default the one the
        spec marks as what vgcontract's live checks fetch, else the only one answering a single
        record. Never the first by position: adding an operation to the spec changes nothing here.
        """
        singles = [o for o in self._operations if o.shape is not None and not o.shape.is_list]
        if operation is not None:
            chosen = next((o for o in singles if o.name == operation), None)
        else:
            chosen = next((o for o in singles if o.fetched), None) or (singles[0] if len(singles) == 1 else None)
        if chosen is None or chosen.shape is None:
            names = ", ".join(o.name for o in singles) or "none"
            raise LookupError(f"no single-record operation {operation or '(unnamed)'!r}; choose one of: {names}")
        return self._record(chosen.shape, ids)

    def set_fields(self, record_id: str, **fields: Any) -> None:
        """Serve ``record_id`` with these fields (JSON names; ``None`` is sent as null).

        Raises ``TypeError``/``ValueError`` at once for a value JSON cannot carry.
        """
        json.dumps(fields, allow_nan=False)  # fail here, not inside the client's call later
        self._fields.setdefault(record_id, {}).update(fields)

    def respond_with(
        self,
        status: int,
        *,
        body: Any = None,
        retry_after: float | None = None,
        times: int | None = 1,
        operation: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls (None: every call) with ``status`` and its documented body.

        ``operation`` (an operationId) limits it to one operation. ``retry_after`` adds the
        header. A success status answers the normal body; an error status the documented one.
        """
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise ValueError(f"status must be an HTTP status code (100-599), got {status!r}")
        if times is not None and (isinstance(times, bool) or times < 1):
            raise ValueError(f"times must be 1 or more (None: every call), got {times!r}")
        known = {o.name for o in self._operations}
        if operation is not None and operation not in known:
            raise ValueError(f"no operation {operation!r} in the spec; known: {', '.join(sorted(known))}")
        if body is not None:
            json.dumps(body, allow_nan=False)
        headers = {} if retry_after is None else {"Retry-After": f"{retry_after:g}"}
        self._queue.append(Queued(status, body, headers, times, operation))

    def inject(self, fault: str) -> None:
        """Break every success body the way the API could: one of ``FAULTS`` (injecting it again changes nothing)."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
        if fault not in self._faults:
            self._faults.append(fault)

    def reset(self) -> None:
        """Forget queued answers, faults, fields and calls."""
        self._fields.clear()
        self._queue.clear()
        self._faults.clear()
        self.calls.clear()

    def assert_requested(self, path: str, *, method: str = "GET", authorized: bool = True) -> httpx.Request:
        """The last request to ``path`` (below the base URL); AssertionError when there was none."""
        full = self._base_path + path
        for request in reversed(self.calls):
            if request.method == method and request.url.path == full:
                sent = request.headers.get("authorization")
                if authorized and sent != f"Bearer {self.token}":
                    raise AssertionError(f"{method} {path} was sent without the token (Authorization: {sent!r})")
                return request
        seen = ", ".join(f"{r.method} {r.url.path}" for r in self.calls) or "nothing"
        raise AssertionError(f"no {method} {full} was requested; requested: {seen}")

    # --- answering ------------------------------------------------------------------------

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        # Routed on the raw path, each segment decoded after: an ID with `/` stays one segment.
        path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        found = self._match(request.method, path)
        if found is None:
            return httpx.Response(404, json={"message": f"no operation {request.method} {path} in the spec"})
        operation, params = found
        if operation.secured and request.headers.get("authorization") != f"Bearer {self.token}":
            return self._error(operation, 401, "Unauthorized")
        queued = self._dequeue(operation)
        if queued is not None and not (200 <= queued.status < 300 and queued.body is None):  # noqa: PLR2004
            body = queued.body if queued.body is not None else self._error_body(operation, queued.status)
            return httpx.Response(queued.status, json=body, headers=queued.headers)
        status = queued.status if queued is not None else operation.success
        if operation.schema is None or operation.shape is None:
            return httpx.Response(status, json={})
        query = {k: v[0] for k, v in parse_qs(request.url.query.decode("ascii")).items() if v}
        headers = queued.headers if queued is not None else {}
        return httpx.Response(status, json=self._success(operation, list(params.values()), query), headers=headers)

    def _match(self, method: str, path: str) -> tuple[_Operation, dict[str, str]] | None:
        if not path.startswith(self._base_path + "/"):
            return None
        below = path[len(self._base_path) :]
        for operation in self._operations:
            found = operation.pattern.match(below)
            if found is not None and operation.method == method:
                return operation, {k: unquote(v, errors="replace") for k, v in found.groupdict().items()}
        return None

    def _dequeue(self, operation: _Operation) -> Queued | None:
        for queued in self._queue:
            if queued.operation in (None, operation.name):
                if queued.times is not None:
                    queued.times -= 1
                    if queued.times <= 0:
                        self._queue.remove(queued)
                return queued
        return None

    def _error_body(self, operation: _Operation, status: int) -> Any:
        documented = operation.errors.get(str(status), operation.errors.get("default"))
        return copy.deepcopy(documented) if documented is not None else {"message": f"HTTP {status}"}

    def _error(self, operation: _Operation, status: int, message: str) -> httpx.Response:
        body = operation.errors.get(str(status))
        return httpx.Response(status, json=copy.deepcopy(body) if body is not None else {"message": message})

    def _record(self, shape: _Shape, ids: list[str] | tuple[str, ...]) -> dict[str, Any]:
        digest = hashlib.sha256("\0".join(ids).encode() + f"\0{self.seed}".encode()).digest()
        rng = random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 - test data, not secrets
        record = make_object(shape.record, rng, 0, shape.defs)
        if shape.id_field is not None and ids:
            record[shape.id_field] = ids[-1]
        record.update(copy.deepcopy(self._fields.get(str(record.get(shape.id_field or "", "")), {})))
        for fault in self._faults:
            _FAULT_APPLIERS[fault](record, shape.record)
        return record

    def _success(self, operation: _Operation, ids: list[str], query: Mapping[str, str]) -> Any:
        shape = operation.shape
        assert shape is not None and operation.schema is not None  # noqa: S101 - checked by the caller
        if shape.member is None:
            return self._record(shape, ids)
        if shape.is_list:
            paging = shape.paging
            size, number = paging.get("size"), paging.get("number")
            high = min(int(paging.get("size_max") or 100), 100)
            limit = _bounded(query.get(size) if size else None, int(paging.get("size_default") or 20), 1, high)
            start = (_bounded(query.get(number) if number else None, 1, 1, 10_000) - 1) * limit
            owner = ids[0] if ids else "owner"
            records: Any = [self._record(shape, [owner, f"convo-{start + n:03d}"]) for n in range(1, limit + 1)]
        else:
            records = self._record(shape, ids)
        body: dict[str, Any] = {}
        props = operation.schema.get("properties") or {}
        for name, prop in props.items():
            if name == shape.member:
                body[name] = records
            elif isinstance(prop, dict) and "example" in prop:
                body[name] = prop["example"]
            elif isinstance(prop, dict) and json_kind(prop) == "boolean":
                body[name] = True
            elif isinstance(prop, dict) and json_kind(prop) == "string":
                body[name] = "OK"
        return body


def _bounded(raw: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(raw))) if raw is not None else default
    except ValueError:
        return default


def _undocumented(record: dict[str, Any], _schema: Mapping[str, Any]) -> None:
    record[_NEW_FIELD] = 0.82


def _new_enum_value(record: dict[str, Any], schema: Mapping[str, Any]) -> None:
    for name, prop in (schema.get("properties") or {}).items():
        if isinstance(prop, dict) and isinstance(prop.get("enum"), list):
            record[name] = _NEW_ENUM_VALUE
            return


def _milliseconds(record: dict[str, Any], schema: Mapping[str, Any]) -> None:
    for name, prop in (schema.get("properties") or {}).items():
        if isinstance(prop, dict) and prop.get("x-epoch-unit") == "seconds" and isinstance(record.get(name), int):
            record[name] = record[name] * 1000


def _type_change(record: dict[str, Any], schema: Mapping[str, Any]) -> None:
    props = schema.get("properties") or {}
    for name in [*(schema.get("required") or ()), *props]:
        value = record.get(name)
        if isinstance(value, bool) or value is None or isinstance(value, dict | list):
            continue
        record[name] = str(value) if isinstance(value, int | float) else len(str(value))
        return


_FAULT_APPLIERS: dict[str, Callable[[dict[str, Any], Mapping[str, Any]], None]] = {
    "undocumented-field": _undocumented,
    "enum-new-value": _new_enum_value,
    "ms-timestamps": _milliseconds,
    "type-change": _type_change,
}
