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

from vgcontract.mock.media import Media, success_key
from vgcontract.mock.negotiation import negotiate
from vgcontract.mock.params import ParameterCheck
from vgcontract.mock.problems import COMPLEX_AS_TEXT, TOO_COMPLEX, Violation, problem, unprocessable
from vgcontract.mock.reply import Reply
from vgcontract.mock.request_body import BodyRefusal, RequestBody
from vgcontract.mock.routes import BodyMaker, Route
from vgcontract.mock.static import SchemaTooComplex, static_value
from vgcontract.spec.envelope import Envelope
from vgcontract.spec.load import with_definitions

__all__ = ["MAX_REQUEST_BYTES", "MockOperation", "Reply", "error_schemas"]

_JSON = b"application/json"
MAX_REQUEST_BYTES = 1 << 20  # a request body past this is refused (413)


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


def _documented_headers(response: Any) -> dict[str, str]:
    """The headers a response documents, each its example or static value."""
    documented = response.get("headers") if isinstance(response, dict) else None
    return {
        str(name): _header_value(header)
        for name, header in (documented.items() if isinstance(documented, dict) else ())
        if isinstance(header, dict) and str(name).lower() not in {"content-type", "content-length"}
    }


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
    request_body: RequestBody | None = None
    resolved: Mapping[str, Any] = field(default_factory=dict, repr=False)  # the inlined document
    static_first: bool = False  # Prism's default: examples, then the schema's static value (`mock.static`)
    success_medias: dict[str, tuple[Media, dict[str, Any] | None]] = field(default_factory=dict)
    parameters: ParameterCheck = field(default_factory=lambda: ParameterCheck([]))
    success_headers: dict[str, str] = field(default_factory=dict)  # the headers the success documents

    @property
    def definition(self) -> dict[str, Any]:
        """The dereferenced operation object."""
        return self.route.operations[self.method]

    @property
    def secured(self) -> bool:
        """True when a request needs a credential (the mock's token, or any scheme the spec names)."""
        return bool(self.route.bearer.get(self.method)) or self.route.security.get(self.method) is not None

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
            op.success_headers = _documented_headers(response)
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
        op.request_body = RequestBody.of(op.definition.get("requestBody"), resolved)
        op.resolved = resolved
        return op

    def documents(self, status: int) -> bool:
        """True when the operation documents `status`, its range (`4XX`), or has a `default` response."""
        keys = {str(key).upper() for key in self.definition.get("responses") or {}}
        return bool({str(status), _range(status), "DEFAULT"} & keys)

    def response_key(self, status: int, *, default: bool = True) -> str | None:
        """The key of the response documented for `status`: its own, else its range's, else `default`."""
        keys = {str(key).upper(): str(key) for key in self.definition.get("responses") or {}}
        for key in (str(status), _range(status), "DEFAULT") if default else (str(status), _range(status)):
            if key in keys:
                return keys[key]
        return None

    def _is_envelope(self, key: str) -> bool:
        response = {str(k): v for k, v in (self.definition.get("responses") or {}).items()}[key]
        media = Media.of(response, 0)
        return not media.has_example and media.is_json and _kind(media.schema or {}) == "object"

    def documented(
        self,
        status: int,
        *,
        accept: str = "",
        example: str | None = None,
        dynamic: bool = False,
        bodies: BodyMaker | None = None,
    ) -> Reply:
        """The response documented for `status`, as Prism renders it.

        The media type is negotiated on `accept`; the body is the named `example`, else the
        first example, else the schema's static value (generated with `dynamic`), else none.
        """
        key = self.response_key(status)
        if key is None:
            return problem("NOT_FOUND", f"Requested status code {status} is not defined in the document.")
        response = {str(k): v for k, v in (self.definition.get("responses") or {}).items()}[key]
        headers = _documented_headers(response)
        medias = Media.every(response, status)
        if not medias:
            return Reply.raw(status, b"", b"").with_headers(headers)
        chosen = negotiate(accept, list(medias), Media.of(response, status).media_type)
        if chosen is None:
            return self.not_acceptable(accept)
        media = medias[chosen]
        value: Any
        if example is not None:
            named = ((response.get("content") or {}).get(chosen) or {}).get("examples") or {}
            found = named.get(example) if isinstance(named, dict) else None
            if not isinstance(found, dict) or "value" not in found:
                detail = f"Response for contentType: {chosen} and exampleKey: {example} does not exist."
                return problem("NOT_FOUND", detail)
            value = found["value"]
        elif media.has_example and not dynamic:
            value = media.example
        elif media.schema is not None:
            schema = with_definitions(media.schema, self.resolved)
            try:
                value = bodies.body(schema, {}, "", {}, None) if dynamic and bodies else static_value(schema)
            except SchemaTooComplex:
                return TOO_COMPLEX
        else:
            return Reply.raw(status, b"", media.content_type).with_headers(headers)
        if media.is_json:
            return Reply(status, value, headers).altered(content_type=media.content_type)
        if isinstance(value, dict | list) and media.is_text:
            return COMPLEX_AS_TEXT
        text = value if isinstance(value, str) else json.dumps(value)
        return Reply(status, None, headers).altered(body=text.encode("utf-8"), content_type=media.content_type)

    def error(self, status: int, message: str) -> Reply:
        """An error status's answer: its (or its range's) example, else a body from its schema or the default's.

        Under Prism's semantics a response with an example, or a body that is not an object, is
        sent as Prism sends it (`documented`); an object body is the error envelope, its flag
        false and its message saying what went wrong, which Prism's placeholders would not.
        """
        key = self.response_key(status)
        if self.static_first and key is not None and not self._is_envelope(key):
            return self.documented(status)
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

    def negotiate(self, accept: str) -> str | None:
        """The media type answering `accept` ("" for the default); None when nothing acceptable is documented."""
        if not self.success_medias:
            return ""
        default = self.success_media.media_type
        chosen = negotiate(accept, list(self.success_medias), default)
        return None if chosen is None else "" if chosen == default else chosen

    @staticmethod
    def not_acceptable(accept: str) -> Reply:
        """406: the request accepts no media type the answer documents."""
        return problem("NOT_ACCEPTABLE", f"Unable to find content for {accept[:200]}")

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
            return problem("NO_RESPONSE_RESPONSE_DEFINED", f"{self.name} documents no response")
        media, schema = self.success_medias.get(media_type) or (self.success_media, self.success_schema)
        if media.media_type is None:  # documented without a body: none is sent
            return Reply.raw(self.success, b"", b"")
        if not media.is_json:
            if media.is_text and media.schema is not None and _kind(media.schema) in {"object", "array"}:
                return COMPLEX_AS_TEXT
            return Reply.raw(self.success, media.raw_body(), media.content_type)
        paging = self.route.paging.get(self.method)
        if self.static_first and not dynamic and (paging is None or paging.size is None):
            # A paged list keeps its pages; a static value the schema refuses (an ambiguous
            # `oneOf`) gives way to a generated one that it accepts.
            try:
                body = media.example if media.has_example else static_value(schema or {})
            except SchemaTooComplex:
                return TOO_COMPLEX
            if media.has_example or schema is None or bodies.accepts(schema, body):
                return Reply(self.success, body).altered(content_type=media.content_type)
        if schema is None:
            return Reply(self.success, media.example if media.has_example else {}).altered(
                content_type=media.content_type
            )
        body = bodies.body(schema, params, query, self.example_envelope, paging)
        reply = Reply(self.success, body)
        return reply if media.content_type == _JSON else reply.altered(content_type=media.content_type)

    def request_refusal(self, body: bytes, content_type: str) -> BodyRefusal | None:
        """Why the request body is refused, or None when it is acceptable."""
        if len(body) > MAX_REQUEST_BYTES:
            return BodyRefusal(413, "The request body is too large")
        if self.request_body is None:
            if body and content_type and self.static_first:
                return BodyRefusal(415, "No supported content types, but request included a non-empty body")
            return None
        if not self.static_first and not self.request_body.json_only:
            return None  # the spec's own API takes JSON; a body of another kind is not checked
        return self.request_body.refusal(body, content_type)

    def invalid_request(
        self, violations: list[Violation], refusal: BodyRefusal | None, example: str | None = None
    ) -> Reply:
        """The answer to an invalid request: the documented 415/422/400 when there is one, else a problem document."""
        if refusal is not None and refusal.status == 413:
            return self.error(413 if self.documents(413) else 400, refusal.message)
        media_type = refusal is not None and refusal.status == 415
        everything = [*violations, *(refusal.violations if refusal is not None else [])]
        message = "; ".join(v["message"] for v in everything) or (refusal.message if refusal else "Invalid request")
        if not self.static_first:  # the spec's own conventions: its error envelope, 400 unless it documents 422
            if media_type and self.documents(415):
                return self.error(415, message[:300])
            return self.error(next((s for s in (400, 422) if self.documents(s)), 400), message[:300])
        codes = (415, 422, 400) if media_type else (422, 400)  # the codes Prism looks for, in its order
        status = next((code for code in codes if self.response_key(code, default=False) is not None), None)
        if status is None and self.response_key(codes[0]) is not None:
            status = codes[0]  # the `default` response, sent with the first of them
        if status is not None:
            return self.documented(status, example=example) if example else self.error(status, message[:300])
        if media_type and refusal is not None:
            return problem("INVALID_CONTENT_TYPE", refusal.message)
        return unprocessable(everything)
