"""Request parameters checked against the spec: path, query, header and cookie, as Prism validates them.

A required parameter that is missing, or a value its schema refuses once read as the schema's
type, makes the request invalid: 422, one violation per problem, worded as Prism words them.
Values are read by the parameter's style: ``"12"`` is an integer and ``"true"`` a boolean;
an array is ``a,b`` (``form``/``simple``), ``a|b`` (``pipeDelimited``), ``a b``
(``spaceDelimited``) or a repeated key (exploded); an object is its properties' own keys
(exploded ``form``), ``name=k,v,k,v`` (``form`` not exploded, ``simple``) or ``name[k]=v``
(``deepObject``). A list operation's paging parameters are not refused: the mock clamps them
to the documented range (`vgcontract.spec.paging`).
"""

from __future__ import annotations

from collections.abc import Mapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

import jsonschema_rs

from vgcontract.mock.problems import Violation, violation
from vgcontract.spec.nullable import with_nullable_as_type

__all__ = ["ParameterCheck", "member_value"]

_MAX_PROBLEMS = 20
_SEPARATORS = {"pipeDelimited": "|", "spaceDelimited": " "}


def _kind(schema: Mapping[str, Any]) -> Any:
    kind = schema.get("type")
    if kind is None and isinstance(schema.get("properties"), Mapping):
        return "object"
    return next((k for k in kind if k != "null"), None) if isinstance(kind, list) else kind


def _scalar(text: str, schema: Mapping[str, Any]) -> Any:
    """One value read as its schema's type; the text itself when it is not one."""
    kind = _kind(schema)
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


def _typed(raw: list[str], schema: Mapping[str, Any], style: str, explode: bool) -> Any:
    """The parameter's value read as its schema's type, by its style."""
    kind = _kind(schema)
    if kind == "array":
        values = raw if explode or len(raw) != 1 else raw[0].split(_SEPARATORS.get(style, ","))
        items = schema.get("items")
        return [_scalar(value, items if isinstance(items, Mapping) else {}) for value in values]
    if kind == "object" and not explode:
        pieces = raw[-1].split(",")
        sent = dict(zip(pieces[::2], pieces[1::2], strict=False))
        props = schema.get("properties")
        order = [name for name in props if name in sent] if isinstance(props, Mapping) else []
        # The schema's order first, as a validator walks it, so violations are listed the same way each time.
        return {key: _member(sent[key], schema, key) for key in [*order, *(k for k in sent if k not in order)]}
    return _scalar(raw[-1], schema)


def _member(text: str, schema: Mapping[str, Any], name: str) -> Any:
    return member_value([text], schema, name)


def member_value(values: list[str], schema: Mapping[str, Any], name: str) -> Any:
    """The value of the object member `name` sent as text (a form field, an object parameter's key)."""
    props = schema.get("properties")
    found = props.get(name) if isinstance(props, Mapping) else None
    member = found if isinstance(found, Mapping) else {}
    if _kind(member) == "array":
        return _typed(values, member, "form", explode=True)
    return _scalar(values[-1], member)


class _Parameter:
    __slots__ = ("explode", "name", "place", "required", "schema", "style", "validator")

    def __init__(self, parameter: Mapping[str, Any]) -> None:
        found = parameter.get("schema")
        self.schema: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        try:
            self.validator = jsonschema_rs.validator_for(with_nullable_as_type(dict(self.schema))) if found else None
        except (ValueError, jsonschema_rs.ValidationError):
            self.validator = None  # a schema the validator cannot compile: presence alone is checked
        self.place = str(parameter.get("in"))
        self.name = str(parameter.get("name"))
        self.style = str(parameter.get("style", "form" if self.place in ("query", "cookie") else "simple"))
        self.explode = bool(parameter.get("explode", self.style == "form"))
        self.required = bool(parameter.get("required")) or self.place == "path"

    def spread(self) -> bool:
        """True for an object whose properties arrive as query keys of their own."""
        return self.place == "query" and _kind(self.schema) == "object" and (self.explode or self.style == "deepObject")

    def value(self, raw: list[str] | None, asked: Mapping[str, list[str]]) -> Any:
        """The value to validate; None when the request does not carry the parameter."""
        if self.spread():
            props = self.schema.get("properties")
            names = list(props) if isinstance(props, Mapping) else []
            if self.style == "deepObject":
                keyed = {key[len(self.name) + 1 : -1]: vals for key, vals in asked.items()
                         if key.startswith(self.name + "[") and key.endswith("]")}  # fmt: skip
            else:
                keyed = {key: asked[key] for key in names if key in asked}
            if not keyed:
                return None
            return {key: _member(vals[-1], self.schema, key) for key, vals in keyed.items()}
        if raw is None:
            return None
        return _typed(raw, self.schema, self.style, self.explode)


class ParameterCheck:
    """The parameters of one operation, each with a validator for its schema."""

    def __init__(self, parameters: list[Any], skip: frozenset[str] = frozenset()) -> None:
        self._checks = [
            _Parameter(parameter)
            for parameter in parameters
            if isinstance(parameter, Mapping) and str(parameter.get("name")) not in skip
        ]

    def problems(self, path: Mapping[str, str], query: str, headers: Mapping[bytes, bytes]) -> list[Violation]:
        """What is wrong with the request's parameters, as Prism lists violations ([] when nothing is)."""
        asked = parse_qs(query, keep_blank_values=True)
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(headers.get(b"cookie", b"").decode("latin-1"))
        except ValueError:
            cookies = SimpleCookie()
        found: list[Violation] = []
        for check in self._checks:
            raw = self._raw(check.place, check.name, path=path, asked=asked, headers=headers, cookies=cookies)
            value = check.value(raw, asked)
            if value is None or (check.place == "path" and value == ""):
                if check.required:
                    message = f"Request {check.place} must have required property '{check.name}'"
                    found.append(
                        {"location": [check.place], "severity": "Error", "code": "required", "message": message}
                    )
                continue
            if check.validator is not None:
                found.extend(violation(error, check.place, under=check.name)
                             for error in check.validator.iter_errors(value))  # fmt: skip
            if len(found) >= _MAX_PROBLEMS:
                break
        return found[:_MAX_PROBLEMS]

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
