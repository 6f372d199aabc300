"""One operation of the spec as the mock serves it: its documented answers, request body and faults.

Everything here is read from the operation itself, so every operation is served the same
way and none is special:

- its success (the first documented 2xx) is built from that status's schema by
  `BodyMaker`; the envelope's scalars take the values of the operation's first example
  (`message: Conversation retrieved successfully`), the record(s) come from the factory;
- an example carrying `x-mock-ids` (`{agentId: ..., convoId: ...}`) is served verbatim to
  a request with those path parameters;
- each error status answers with its documented example, else a body built from that
  status's schema (flag false, message set), else from the `default` response;
- a write's JSON request body is validated against its `requestBody` schema: an invalid
  or missing one is a documented 400/422 (400 when neither is documented).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jsonschema_rs
import orjson

from vgcontract.mock.media import Media, success_key
from vgcontract.mock.negotiation import negotiate
from vgcontract.mock.params import ParameterCheck
from vgcontract.mock.routes import BodyMaker, Route
from vgcontract.mock.static import static_value
from vgcontract.spec.envelope import Envelope
from vgcontract.spec.load import with_definitions
from vgcontract.spec.nullable import with_nullable_as_type

__all__ = ["MAX_REQUEST_BYTES", "MockOperation", "Reply", "error_schemas"]

_JSON = b"application/json"
MAX_REQUEST_BYTES = 1 << 20  # a request body past this is refused (413)


class Reply:
    """A canned response: status, extra headers, a pre-serialised body, and (a fault) a delay."""

    __slots__ = ("body", "content_type", "delay", "headers", "status")

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.body = orjson.dumps(body)
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
        self.content_type = _JSON
        self.delay = 0.0

    def altered(
        self, *, status: int | None = None, body: bytes | None = None, content_type: bytes | None = None
    ) -> Reply:
        """A copy with some parts replaced: cached replies are shared and never mutated."""
        copy = Reply.__new__(Reply)
        copy.status = self.status if status is None else status
        copy.body = self.body if body is None else body
        copy.headers = self.headers
        copy.content_type = self.content_type if content_type is None else content_type
        copy.delay = self.delay
        return copy

    def with_headers(self, headers: Mapping[str, str]) -> Reply:
        """A copy that also sends these headers."""
        copy = self.altered()
        copy.headers = [
            *self.headers,
            *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()),
        ]
        return copy

    @classmethod
    def raw(cls, status: int, body: bytes, content_type: bytes) -> Reply:
        """A reply whose body is already bytes in `content_type` (empty: no body, no `Content-Type`)."""
        return cls(status, None).altered(body=body, content_type=content_type)


def _json_schema(response: Any) -> dict[str, Any] | None:
    media = ((response or {}).get("content") or {}).get("application/json") or {}
    schema = media.get("schema") if isinstance(media, dict) else None
    return schema if isinstance(schema, dict) else None


def error_schemas(resolved: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every documented error body schema of the spec, in document order (for answers no operation documents)."""
    found = []
    for item in (resolved.get("paths") or {}).values():
        for operation in (item or {}).values() if isinstance(item, dict) else ():
            if not isinstance(operation, dict):
                continue
            for status, response in (operation.get("responses") or {}).items():
                schema = _json_schema(response)
                if schema is not None and not str(status).startswith(("1", "2", "3")):
                    found.append(schema)
    return found


def error_body(schema: dict[str, Any] | None, message: str) -> Any:
    """An error body for `schema`: its success flag false, its message member `message`."""
    if schema is None:
        return {"message": message}
    shape = Envelope.from_schema(schema)
    props = schema.get("properties") or {}
    body: dict[str, Any] = {}
    for name, prop in props.items():
        if not isinstance(prop, dict):
            continue
        if "example" in prop:
            body[name] = prop["example"]
        elif name in (schema.get("required") or ()):
            body[name] = {"string": "error", "integer": 0, "number": 0, "boolean": False}.get(str(prop.get("type")))
    if shape.flag is not None:
        body[shape.flag] = False
    if shape.message is not None:
        body[shape.message] = message
    return body


def _header_value(header: Mapping[str, Any]) -> str:
    """A documented header's value: its example, its schema's, else the schema's static value."""
    schema = header.get("schema") if isinstance(header.get("schema"), dict) else {}
    if "example" in header:
        return str(header["example"])
    value = static_value(schema or {"type": "string"})
    return value if isinstance(value, str) else json.dumps(value)


def _kind(schema: Mapping[str, Any]) -> str:
    kind = schema.get("type")
    if kind is None and isinstance(schema.get("properties"), dict):
        return "object"
    return str(kind)


def _status_code(status: Any) -> int:
    """A response key as the status the mock answers: `default` is a 500, a range (`4XX`) its first code."""
    text = str(status).upper()
    if text == "DEFAULT":
        return 500
    if len(text) == 3 and text[0] in "12345" and text[1:] == "XX":
        return int(text[0]) * 100
    return int(text)


def _range(status: int) -> str:
    return f"{status // 100}XX"


@dataclass
class MockOperation:
    """What the mock knows of one (path, method): built once per operation at start-up."""

    route: Route
    method: str
    fallback_error: dict[str, Any] | None  # the spec's first error schema, for undocumented statuses
    by_status: dict[str, Reply] = field(default_factory=dict)
    by_example: dict[str, Reply] = field(default_factory=dict)
    pinned: dict[tuple[str, ...], Reply] = field(default_factory=dict)  # path parameter values -> reply
    success: int | None = None
    success_schema: dict[str, Any] | None = None
    success_media: Media = field(default_factory=lambda: Media("application/json", None, None, has_example=False))
    example_envelope: dict[str, Any] = field(default_factory=dict)
    request_validator: Any = None
    request_required: bool = False
    static_first: bool = False  # Prism's default: examples, then the schema's static value (`mock.static`)
    success_medias: dict[str, tuple[Media, dict[str, Any] | None]] = field(default_factory=dict)
    parameters: ParameterCheck = field(default_factory=lambda: ParameterCheck([]))
    success_headers: dict[str, str] = field(default_factory=dict)  # the headers the success documents

    @property
    def definition(self) -> dict[str, Any]:
        """The dereferenced operation object."""
        return self.route.operations[self.method]

    @property
    def name(self) -> str:
        """The operationId, else `METHOD /path`."""
        return str(self.definition.get("operationId") or f"{self.method} {self.route.template}")

    @classmethod
    def build(
        cls, route: Route, method: str, fallback_error: dict[str, Any] | None, resolved: Mapping[str, Any]
    ) -> MockOperation:
        """Read one operation's responses, examples and request body (`resolved`: the inlined document)."""
        op = cls(route, method, fallback_error)
        responses: dict[Any, Any] = op.definition.get("responses") or {}
        chosen = success_key({str(key): value for key, value in responses.items()})
        if chosen is not None:
            op.success, key = chosen
            response = {str(k): v for k, v in responses.items()}[key]
            op.success_media = Media.of(response, op.success)
            documented = (response or {}).get("headers") if isinstance(response, dict) else None
            op.success_headers = {
                str(name): _header_value(header)
                for name, header in (documented.items() if isinstance(documented, dict) else ())
                if isinstance(header, dict) and str(name).lower() not in {"content-type", "content-length"}
            }
            found = op.success_media.schema if op.success_media.is_json else None
            op.success_schema = with_definitions(found, resolved) if found is not None else None
            for name, documented in Media.every(response, op.success).items():
                found = documented.schema if documented.is_json else None
                op.success_medias[name] = (documented, with_definitions(found, resolved) if found else None)
        for status, response in responses.items():
            code = _status_code(status)
            headers = {
                name: str(header.get("example", header.get("schema", {}).get("example", "")))
                for name, header in ((response or {}).get("headers") or {}).items()
            }
            media = ((response or {}).get("content") or {}).get("application/json") or {}
            for name, example in (media.get("examples") or {}).items():
                if not isinstance(example, dict) or "value" not in example:
                    continue
                reply = Reply(code, example["value"], headers)
                op.by_example[name] = reply
                op.by_status.setdefault(str(status).upper(), reply)
                if code == op.success and isinstance(example["value"], dict) and not op.example_envelope:
                    op.example_envelope = example["value"]
                ids = example.get("x-mock-ids")
                if isinstance(ids, dict):
                    op.pinned[tuple(str(ids.get(name, "")) for name in route.variables)] = reply
            if "example" in media and str(status).upper() not in op.by_status:
                op.by_status[str(status).upper()] = Reply(code, media["example"], headers)
        paging = route.paging.get(method)
        clamped = frozenset(name for name in (paging.size, paging.number) if name) if paging else frozenset()
        op.parameters = ParameterCheck(route.parameters.get(method, []), skip=clamped)
        body = op.definition.get("requestBody") or {}
        request_schema = _json_schema(body)
        if request_schema is not None:
            standalone = with_definitions(request_schema, resolved)
            op.request_validator = jsonschema_rs.validator_for(with_nullable_as_type(standalone))
            op.request_required = bool(body.get("required"))
        return op

    def documents(self, status: int) -> bool:
        """True when the operation documents `status`, its range (`4XX`), or has a `default` response."""
        keys = {str(key).upper() for key in self.definition.get("responses") or {}}
        return bool({str(status), _range(status), "DEFAULT"} & keys)

    def error(self, status: int, message: str) -> Reply:
        """An error status's answer: its (or its range's) example, else a body from its schema or the default's."""
        reply = self.by_status.get(str(status))
        if reply is not None:
            return reply
        ranged = self.by_status.get(_range(status))
        if ranged is not None:
            return ranged.altered(status=status)
        responses = {str(key).upper(): value for key, value in (self.definition.get("responses") or {}).items()}
        key = next((k for k in (str(status), _range(status)) if k in responses), None)
        documented = responses.get(key) if key is not None else None
        if key is not None and not (isinstance(documented, dict) and documented.get("content")):
            return Reply.raw(status, b"", b"")  # documented without a body: none is sent
        schema = _json_schema(documented)
        if schema is None:
            schema = _json_schema(responses.get("DEFAULT")) or self.fallback_error
        return Reply(status, error_body(schema, message))

    def invalid_parameters(self, problems: list[str]) -> Reply:
        """422 for parameters the spec refuses: the documented 422 (or 400), else a problem document listing them."""
        detail = "; ".join(problems)
        keys = {str(key).upper() for key in self.definition.get("responses") or {}}
        for status in ("422", "400"):  # the documented answer to a bad request, as Prism picks it
            if status in keys:
                return self.error(int(status), detail[:300])
        problem = {"type": "about:blank", "title": "Invalid request parameters", "status": 422, "detail": detail}
        return Reply(422, problem).altered(content_type=b"application/problem+json")

    def negotiate(self, accept: str) -> str | None:
        """The media type answering `accept` ("" for the default); None when nothing acceptable is documented."""
        if not self.success_medias:
            return ""
        default = self.success_media.media_type
        chosen = negotiate(accept, list(self.success_medias), default)
        return None if chosen is None else "" if chosen == default else chosen

    def not_acceptable(self, accept: str) -> Reply:
        """406: the request accepts no media type the success documents."""
        problem = {"type": "about:blank", "title": "Not Acceptable", "status": 406,
                   "detail": f"No documented media type matches Accept: {accept[:200]}"}  # fmt: skip
        return Reply(406, problem).altered(content_type=b"application/problem+json")

    def success_reply(
        self, bodies: BodyMaker, params: Mapping[str, str], query: str, *, dynamic: bool = False, media_type: str = ""
    ) -> Reply:
        """The documented success, with the headers it documents (each its example or static value)."""
        reply = self._success_body(bodies, params, query, dynamic=dynamic, media_type=media_type)
        if self.success_headers and reply.status == self.success and not reply.headers:
            return reply.with_headers(self.success_headers)
        return reply

    def _success_body(
        self, bodies: BodyMaker, params: Mapping[str, str], query: str, *, dynamic: bool, media_type: str
    ) -> Reply:
        """The documented success for these path parameters and this query string.

        ``dynamic`` (`Prefer: dynamic=true`) asks for a generated body where the spec's
        examples would be served.
        """
        pinned = self.pinned.get(tuple(params.values()))
        if pinned is not None:
            return pinned
        if self.success is None:
            return Reply(501, error_body(self.fallback_error, f"{self.name} documents no response"))
        media, schema = self.success_medias.get(media_type) or (self.success_media, self.success_schema)
        if media.media_type is None:  # documented without a body: none is sent
            return Reply.raw(self.success, b"", b"")
        if not media.is_json:
            if media.is_text and media.schema is not None and _kind(media.schema) in {"object", "array"}:
                detail = f"a {_kind(media.schema)} cannot be sent as {media.media_type}"
                problem = {"type": "about:blank", "title": "Cannot serialise the response", "status": 500,
                           "detail": detail}  # fmt: skip
                return Reply(500, problem).altered(content_type=b"application/problem+json")
            return Reply.raw(self.success, media.raw_body(), media.content_type)
        paging = self.route.paging.get(self.method)
        if self.static_first and not dynamic and (paging is None or paging.size is None):
            # A paged list keeps its pages; a static value the schema refuses (an ambiguous
            # `oneOf`) gives way to a generated one that it accepts.
            body = media.example if media.has_example else static_value(schema or {})
            if media.has_example or schema is None or bodies.accepts(schema, body):
                return Reply(self.success, body).altered(content_type=media.content_type)
        if schema is None:
            return Reply(self.success, media.example if media.has_example else {}).altered(
                content_type=media.content_type
            )
        body = bodies.body(schema, params, query, self.example_envelope, paging)
        reply = Reply(self.success, body)
        return reply if media.content_type == _JSON else reply.altered(content_type=media.content_type)

    def bad_request(self, body: bytes, content_type: str) -> Reply | None:
        """The error for an invalid request body, or None when it is acceptable (or none is expected)."""
        if self.request_validator is None:
            return None
        status = next((s for s in (400, 422) if self.documents(s)), 400)
        if not body:
            return self.error(status, "A request body is required") if self.request_required else None
        if len(body) > MAX_REQUEST_BYTES:
            return self.error(413 if self.documents(413) else status, "The request body is too large")
        if "json" not in content_type.lower():
            return self.error(415 if self.documents(415) else status, "The request body must be application/json")
        try:
            parsed = orjson.loads(body)
        except orjson.JSONDecodeError:
            return self.error(status, "The request body is not valid JSON")
        try:
            errors = list(self.request_validator.iter_errors(parsed))[:1]
        except ValueError:  # the validator's own nesting limit
            return self.error(status, "The request body is nested too deeply")
        if errors:
            where = "/".join(str(p) for p in errors[0].instance_path) or "(body)"
            return self.error(status, f"Invalid request body at {where}: {errors[0].message[:160]}")
        return None
