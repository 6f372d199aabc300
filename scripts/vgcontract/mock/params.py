"""Request parameters checked against the spec: path, query, header and cookie, as Prism validates them.

A required parameter that is missing, or a value its schema refuses once read as the schema's
type (``"12"`` is an integer, ``"true"`` a boolean, ``a,b`` or a repeated key an array), makes
the request invalid: 422. Object parameters (spread over several keys) are not checked. A
list operation's paging parameters are not refused either: the mock clamps them to the
documented range (`vgcontract.spec.paging`).
"""

from __future__ import annotations

from collections.abc import Mapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

import jsonschema_rs

from vgcontract.spec.nullable import with_nullable_as_type

__all__ = ["ParameterCheck"]

_MAX_PROBLEMS = 5


def _typed(raw: list[str], schema: Mapping[str, Any], explode: bool) -> Any:
    """The parameter's value read as its schema's type; the text itself when it is not one."""
    kind = schema.get("type")
    kind = next((k for k in kind if k != "null"), None) if isinstance(kind, list) else kind
    if kind == "array":
        values = raw if explode or len(raw) != 1 else raw[0].split(",")
        items = schema.get("items")
        return [_typed([value], items if isinstance(items, Mapping) else {}, explode) for value in values]
    text = raw[-1]
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            return text
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "boolean":
        return {"true": True, "false": False}.get(text, text)
    return text


class ParameterCheck:
    """The parameters of one operation, each with a validator for its schema."""

    def __init__(self, parameters: list[Any], skip: frozenset[str] = frozenset()) -> None:
        self._checks: list[tuple[str, str, bool, bool, Mapping[str, Any], Any]] = []
        for parameter in parameters:
            if not isinstance(parameter, Mapping) or str(parameter.get("name")) in skip:
                continue
            if isinstance(parameter.get("schema"), Mapping) and parameter["schema"].get("type") == "object":
                continue  # an object spread over several keys (form style): not checked here
            found = parameter.get("schema")
            schema: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
            try:
                validator = jsonschema_rs.validator_for(with_nullable_as_type(dict(schema))) if schema else None
            except (ValueError, jsonschema_rs.ValidationError):
                validator = None  # a schema the validator cannot compile: presence alone is checked
            place = str(parameter.get("in"))
            style = parameter.get("style", "form" if place in ("query", "cookie") else "simple")
            explode = bool(parameter.get("explode", style == "form"))
            self._checks.append((place, str(parameter.get("name")), bool(parameter.get("required")) or place == "path",
                                 explode, schema, validator))  # fmt: skip

    def problems(self, path: Mapping[str, str], query: str, headers: Mapping[bytes, bytes]) -> list[str]:
        """What is wrong with the request's parameters ([] when nothing is)."""
        asked = parse_qs(query, keep_blank_values=True)
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(headers.get(b"cookie", b"").decode("latin-1"))
        except ValueError:
            cookies = SimpleCookie()
        found: list[str] = []
        for place, name, required, explode, schema, validator in self._checks:
            raw = self._raw(place, name, path=path, asked=asked, headers=headers, cookies=cookies)
            if raw is None:
                if required:
                    found.append(f"{place} parameter {name!r} is required")
                continue
            value = _typed(raw, schema, explode)
            if validator is not None and not validator.is_valid(value):
                error = next(iter(validator.iter_errors(value)), None)
                found.append(f"{place} parameter {name!r}: {error.message[:160] if error else 'invalid'}")
            if len(found) >= _MAX_PROBLEMS:
                break
        return found

    @staticmethod
    def _raw(
        place: str,
        name: str,
        /,
        *,
        path: Mapping[str, str],
        asked: Mapping[str, list[str]],
        headers: Mapping[bytes, bytes],
        cookies: SimpleCookie,
    ) -> list[str] | None:
        if place == "path":
            return [path[name]] if name in path else None
        if place == "query":
            return asked.get(name) or None
        if place == "header":
            value = headers.get(name.lower().encode("latin-1"))
            return [value.decode("latin-1")] if value is not None else None
        if place == "cookie":
            return [cookies[name].value] if name in cookies else None
        return None
