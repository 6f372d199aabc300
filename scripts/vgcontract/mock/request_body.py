"""An operation's request body checked against the spec, as Prism checks it.

- A body whose `Content-Type` the operation does not document is refused with 415 (an
  empty body is let through whatever its type, and so is a body the spec does not type).
- A missing body the spec marks `required` is refused with 422.
- A JSON body is parsed and validated against its schema; an
  `application/x-www-form-urlencoded` or `multipart/form-data` body is read field by field,
  each value as its property's type, then validated the same way. A form field that uses
  RFC 3986 reserved characters where its `encoding` does not allow them is refused.
- Every violation is listed in Prism's words (`vgcontract.mock.problems`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import jsonschema_rs
import orjson

from vgcontract.mock.params import member_value
from vgcontract.mock.problems import Violation, violation
from vgcontract.spec.load import with_definitions
from vgcontract.spec.nullable import with_nullable_as_type

__all__ = ["BodyRefusal", "RequestBody"]

_RESERVED = re.compile(r"[/?#\[\]@!$&'()*+,;=]")
_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)


@dataclass(frozen=True)
class BodyRefusal:
    """Why a request body is refused: the status Prism would answer, and the violations (or one message)."""

    status: int  # 415 (media type), 422 (invalid or missing), 413 (too large)
    message: str
    violations: list[Violation] = field(default_factory=list)


def _base(media: str) -> str:
    return media.split(";", 1)[0].strip().lower()


def _matches(sent: str, documented: str) -> bool:
    kind, _, sub = _base(documented).partition("/")
    got_kind, _, got_sub = sent.partition("/")
    return (kind in ("*", got_kind)) and (sub in ("*", got_sub) or (sub == "json" and got_sub.endswith("+json")))


def _form_fields(body: bytes, media: str, content_type: str) -> dict[str, list[str]]:
    text = body.decode("utf-8", "replace")
    if media == "application/x-www-form-urlencoded":
        return parse_qs(text, keep_blank_values=True)
    found = _BOUNDARY.search(content_type)
    # A client that set the header by hand may have dropped the boundary: the body's first line has it.
    boundary = found.group(1) if found else text.split("\r\n", 1)[0].removeprefix("--").strip()
    fields: dict[str, list[str]] = {}
    for part in text.split("--" + boundary) if boundary else ():
        head, sep, value = part.partition("\r\n\r\n")
        name = re.search(r'name="([^"]*)"', head)
        if sep and name:
            fields.setdefault(name.group(1), []).append(value.removesuffix("\r\n"))
    return fields


@dataclass
class RequestBody:
    """What an operation's `requestBody` accepts: media types, their validators, whether it is required."""

    required: bool = False
    media: dict[str, tuple[Any, Mapping[str, Any]]] = field(default_factory=dict)  # base type -> (validator, schema)
    encodings: dict[str, Mapping[str, Any]] = field(default_factory=dict)  # base type -> its `encoding`

    @classmethod
    def of(cls, request_body: Any, resolved: Mapping[str, Any]) -> RequestBody | None:
        """The checks for a dereferenced `requestBody` (None when the operation takes none)."""
        if not isinstance(request_body, Mapping):
            return None
        checked = cls(required=bool(request_body.get("required")))
        for media, documented in (request_body.get("content") or {}).items():
            body = documented if isinstance(documented, Mapping) else {}
            schema = body.get("schema")
            validator = None
            if isinstance(schema, Mapping):
                standalone = with_definitions(dict(schema), resolved)
                validator = jsonschema_rs.validator_for(with_nullable_as_type(standalone))
            checked.media[_base(str(media))] = (validator, schema if isinstance(schema, Mapping) else {})
            if isinstance(body.get("encoding"), Mapping):
                checked.encodings[_base(str(media))] = body["encoding"]
        return checked

    @property
    def json_only(self) -> bool:
        """True when every documented media type is JSON."""
        return bool(self.media) and all(_matches(m, "application/json") for m in self.media)

    def refusal(self, body: bytes, content_type: str) -> BodyRefusal | None:
        """Why this body is refused, or None when it is acceptable."""
        if not body:
            if self.required:
                message = "Body parameter is required"
                return BodyRefusal(422, message, [{"location": ["body"], "severity": "Error", "code": "required",
                                                   "message": message}])  # fmt: skip
            return None
        sent = _base(content_type)
        media = next((m for m in self.media if sent and _matches(sent, m)), None)
        if media is None:
            return BodyRefusal(415, f"Supported content types: {','.join(self.media)}")
        validator, schema = self.media[media]
        if _matches(media, "application/json"):
            try:
                value = orjson.loads(body)
            except orjson.JSONDecodeError:
                return BodyRefusal(422, "The request body is not valid JSON", [
                    {"location": ["body"], "severity": "Error", "code": "parse",
                     "message": "Request body is not valid JSON"}])  # fmt: skip
        elif media in ("application/x-www-form-urlencoded", "multipart/form-data"):
            fields = _form_fields(body, media, content_type)
            reserved = self._reserved(media, body, fields)
            if reserved:
                return BodyRefusal(422, reserved[0]["message"], reserved)
            value = {name: member_value(values, schema, name) for name, values in fields.items()}
        else:
            return None  # a body the mock cannot read as data: its media type is all that is checked
        if validator is None:
            return None
        try:
            found = [violation(error, "body") for error in validator.iter_errors(value)]
        except ValueError:  # the validator's own nesting limit
            message = "Request body is nested too deeply"
            return BodyRefusal(422, message, [{"location": ["body"], "severity": "Error", "code": "depth",
                                               "message": message}])  # fmt: skip
        return BodyRefusal(422, found[0]["message"], found) if found else None

    def _reserved(self, media: str, body: bytes, fields: Mapping[str, list[str]]) -> list[Violation]:
        # As sent: a client that percent-encodes its reserved characters is within the rules.
        sent: Mapping[str, list[str]] = fields
        if media == "application/x-www-form-urlencoded":
            raw: dict[str, list[str]] = {}
            for pair in body.decode("utf-8", "replace").split("&"):
                name, _, value = pair.partition("=")
                raw.setdefault(name, []).append(value)
            sent = raw
        found: list[Violation] = []
        for name, encoding in (self.encodings.get(media) or {}).items():
            allowed = isinstance(encoding, Mapping) and encoding.get("allowReserved", False)
            if not allowed and any(_RESERVED.search(value) for value in sent.get(str(name), [])):
                found.append({"location": ["body", str(name)], "severity": "Error",
                              "message": "Reserved characters used in request body"})  # fmt: skip
        return found
