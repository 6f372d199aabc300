"""Problem documents (RFC 9457) for failures the spec documents no answer for, in Prism's words.

When a request cannot be served and the operation documents nothing for that status, the
mock answers `application/problem+json` with the `type`, `title`, `detail` and extra members
Stoplight Prism sends for the same failure, word for word: a client's tests written against
Prism's answers hold against this mock, and the `type` URIs lead to Prism's catalogue of
these errors. A documented answer (a 401, 404, 415, 422 or 400 the spec describes) always
wins over these.

Validation failures list one entry per violation, as Prism words them from Ajv's messages
(`Request body property id must be > 100`); `violation` turns one of jsonschema-rs's errors
into such an entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from vgcontract.mock.reply import Reply

__all__ = [
    "COMPLEX_AS_TEXT",
    "PROBLEM_JSON",
    "TOO_COMPLEX",
    "Violation",
    "problem",
    "unauthorised",
    "unprocessable",
    "violation",
]

PROBLEM_JSON = b"application/problem+json"
_CATALOGUE = "https://stoplight.io/prism/errors#"
_TITLES = {
    "UNPROCESSABLE_ENTITY": (422, "Invalid request"),
    "NOT_ACCEPTABLE": (406, "The server cannot produce a representation for your accept header"),
    "NOT_FOUND": (404, "The server cannot find the requested content"),
    "NO_RESPONSE_RESPONSE_DEFINED": (500, "No response defined for the selected operation"),
    "UNAUTHORIZED": (401, "Invalid security scheme used"),
    "INVALID_CONTENT_TYPE": (415, "Invalid content type"),
    "SCHEMA_TOO_COMPLEX": (500, "Schema too complex"),
    "NO_COMPLEX_OBJECT_TEXT": (500, "Cannot serialise complex objects as text"),
    "NO_PATH_MATCHED_ERROR": (404, "Route not resolved, no path matched"),
    "NO_METHOD_MATCHED_ERROR": (405, "Route resolved, but no method matched"),
}

Violation = dict[str, Any]  # {location, severity, code, message}, as Prism lists them


def problem(
    kind: str, detail: str, *, headers: Mapping[str, str] | None = None, members: Mapping[str, Any] | None = None
) -> Reply:
    """The problem document of `kind` (a name in Prism's catalogue), its status and title from there."""
    status, title = _TITLES[kind]
    body = {"type": _CATALOGUE + kind, "title": title, "status": status, "detail": detail, **(members or {})}
    return Reply(status, body, dict(headers or {})).altered(content_type=PROBLEM_JSON)


# Replies are shared and never mutated (`Reply.altered` copies), so these are built once.
TOO_COMPLEX = problem(
    "SCHEMA_TOO_COMPLEX", "Unable to generate body for response. The schema is too complex to generate."
)
"""500: the schema asks for a body too large to build."""
COMPLEX_AS_TEXT = problem("NO_COMPLEX_OBJECT_TEXT", "Cannot serialise complex objects as text")
"""500: an object or array asked for as `text/*`."""


def unauthorised(challenge: str | None) -> Reply:
    """401 for a request that meets no security requirement, naming the schemes that would do."""
    detail = (
        "Your request does not fullfil the security requirements and no HTTP unauthorized response was found "
        "in the spec, so Prism is generating this error for you."
    )
    if challenge is None:
        return problem("UNAUTHORIZED", detail)
    named = {"WWW-Authenticate": challenge}
    return problem("UNAUTHORIZED", detail, headers=named, members={"headers": named})


def unprocessable(violations: Sequence[Violation]) -> Reply:
    """422 for a request the spec refuses, listing every violation."""
    detail = (
        "Your request is not valid and no HTTP validation response was found in the spec, "
        "so Prism is generating this error for you."
    )
    return problem("UNPROCESSABLE_ENTITY", detail, members={"validation": list(violations)})


def _limit(kind: Any) -> Any:
    value = getattr(kind, "limit", None)
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _ajv_message(keyword: str, error: Any) -> str:
    kind = error.kind
    if keyword == "required":
        return f"must have required property '{kind.property}'"
    if keyword == "type":
        types = getattr(kind, "types", None) or [getattr(kind, "type", "")]
        names = [str(t).rsplit(".", 1)[-1].lower() for t in (types if isinstance(types, list) else [types])]
        return "must be " + ",".join(names)
    if keyword == "enum":
        options = getattr(kind, "options", [])
        shown = ", ".join(str(o) for o in (options if isinstance(options, list) else [options]))
        return f"must be equal to one of the allowed values: {shown}"
    if keyword == "pattern":
        return f'must match pattern "{kind.pattern}"'
    if keyword == "format":
        return f'must match format "{getattr(kind, "format", "")}"'
    bounds = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
    if keyword in bounds:
        return f"must be {bounds[keyword]} {_limit(kind)}"
    counted = {"minLength": ("fewer", "characters"), "maxLength": ("more", "characters"),
               "minItems": ("fewer", "items"), "maxItems": ("more", "items"),
               "minProperties": ("fewer", "properties"), "maxProperties": ("more", "properties")}  # fmt: skip
    if keyword in counted:
        more, unit = counted[keyword]
        return f"must NOT have {more} than {_limit(kind)} {unit}"
    if keyword == "additionalProperties":
        unexpected = getattr(kind, "unexpected", [])
        found = f"; found '{unexpected[0]}'" if unexpected else ""
        return "must NOT have additional properties" + found
    if keyword == "const":
        return "must be equal to constant"
    if keyword == "multipleOf":
        return f"must be multiple of {getattr(kind, 'multiple_of', '')}"
    return str(error.message)


def violation(error: Any, prefix: str, *, under: str | None = None, context: str = "Request") -> Violation:
    """One jsonschema-rs error as a Prism violation: `location` from `prefix` (and `under`) down, Ajv's wording."""
    keyword = str(list(error.schema_path)[-1]) if list(error.schema_path) else ""
    path = ([under] if under is not None else []) + [str(part) for part in error.instance_path]
    where = ("property " if prefix == "body" else "parameter ") + ".".join(path) + " " if path else ""
    return {
        "location": [prefix, *path],
        "severity": "Error",
        "code": keyword,
        "message": f"{context} {prefix} {where}{_ajv_message(keyword, error)}",
    }
