"""Every operation in the spec, routed: path templates, declared methods, security, and 200 bodies.

The mock's route table is built from the spec's `paths`, never from a list in code: add
an operation to the spec and the mock serves it. A route knows its declared methods (the
`Allow` of a 405) and, per method, whether the spec requires a bearer token (the
operation's `security`, else the document's). A 200 body for an operation is made from
that operation's own response schema: objects by property, arrays of objects as a page
of rows (the operation's paging parameters from the query, bounded), each row a
deterministic record made by the conversation factory for that item schema.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

import jsonschema_rs

from vgcontract.mock.data import ConversationFactory, concrete
from vgcontract.mock.security import Alternatives, bearer_only, requirement
from vgcontract.spec.envelope import Envelope
from vgcontract.spec.load import PATH_VARIABLE
from vgcontract.spec.model import operations_of, security_alternatives
from vgcontract.spec.nullable import with_nullable_as_type
from vgcontract.spec.paging import Paging

__all__ = ["MAX_PAGE", "BodyMaker", "Route", "RouteTable"]

MAX_PAGE = 100  # rows in one page, whatever the page size asks
_UNDOCUMENTED_PAGE = 20  # rows in one page when the spec documents no default


@dataclass(frozen=True)
class Route:
    """One path template: its pattern, and its operations by method (dereferenced)."""

    template: str
    pattern: re.Pattern[str]
    operations: dict[str, dict[str, Any]]
    bearer: dict[str, bool]  # method -> the spec requires a bearer token
    paging: dict[str, Paging] = field(default_factory=dict)  # method -> its paging parameters
    security: dict[str, Alternatives | None] = field(default_factory=dict)  # method -> any other requirement
    parameters: dict[str, list[Any]] = field(default_factory=dict)  # method -> path item's and operation's

    @property
    def variables(self) -> tuple[str, ...]:
        """The path parameter names, in template order."""
        return tuple(PATH_VARIABLE.findall(self.template))

    @property
    def allow(self) -> str:
        """The `Allow` header: the declared methods."""
        return ", ".join(sorted(self.operations))


@dataclass
class RouteTable:
    """The spec's routes below the server's base path, most literal first."""

    base_path: str
    routes: list[Route] = field(default_factory=list)

    @classmethod
    def from_spec(cls, resolved: Mapping[str, Any], base_path: str, *, own_token: bool = True) -> RouteTable:
        """Routes for every path and method of a dereferenced spec.

        With `own_token`, a requirement of bearer tokens alone is the mock's own token check;
        without, any well-formed bearer token meets it, as any other scheme (Prism's way).
        """
        global_security = resolved.get("security")
        schemes = (resolved.get("components") or {}).get("securitySchemes") or {}
        table = cls(base_path)
        by_path: dict[str, tuple[Mapping[str, Any], dict[str, Any]]] = {}
        for found in operations_of(resolved):  # the one operation walk
            by_path.setdefault(found.path, (found.item, {}))[1][found.method.upper()] = found.node
        for template, (item, operations) in by_path.items():
            bearer = {m: own_token and _needs_bearer(op.get("security", global_security), schemes)
                      for m, op in operations.items()}  # fmt: skip
            named = PATH_VARIABLE.sub(lambda v: f"(?P<{_group(v.group(1))}>[^/]*)", _escape_literals(template))
            paging = {m: Paging.of(item, op) for m, op in operations.items()}
            needs = {m: requirement(op.get("security", global_security), schemes) for m, op in operations.items()}
            security = {m: None if own_token and bearer_only(alternatives) else alternatives
                        for m, alternatives in needs.items()}  # fmt: skip
            pattern = re.compile(f"^{named}$")
            parameters = {m: _merged_parameters(item, op) for m, op in operations.items()}
            table.routes.append(Route(template, pattern, operations, bearer, paging, security, parameters))
        # `/agents/{id}/convos` before anything that could swallow it: more literal segments first.
        table.routes.sort(key=lambda r: (-len(PATH_VARIABLE.sub("", r.template)), r.template))
        return table

    @property
    def any_bearer(self) -> bool:
        """True when some operation requires a bearer token (then unknown paths need one too)."""
        return any(any(route.bearer.values()) for route in self.routes)

    def match(self, raw_path: str) -> tuple[Route, dict[str, str]] | None:
        """The route and its path parameters (decoded after splitting, so `%2F` stays inside).

        A route whose parameters are all filled wins over one that matched an empty segment
        (`/a//b`), which is returned only when nothing else matches.
        """
        if not raw_path.startswith(self.base_path + "/"):
            return None
        below = raw_path[len(self.base_path) :]
        emptied = None
        for route in self.routes:
            found = route.pattern.match(below)
            if found is not None:
                params = {_name(route, k): unquote(v, errors="replace") for k, v in found.groupdict().items()}
                if all(params.values()):
                    return route, params
                emptied = emptied or (route, params)
        return emptied


def _escape_literals(template: str) -> str:
    parts = PATH_VARIABLE.split(template)
    # split() alternates literal, variable, literal...: escape the literals, keep the variables
    return "".join(_literal(p) if i % 2 == 0 else "{" + p + "}" for i, p in enumerate(parts))


def _literal(text: str) -> str:
    """A pattern for a literal part of a template, matching each character as written or percent-encoded."""
    pattern = []
    for char in text:
        if char.isascii() and (char.isalnum() or char in "-._~/"):
            pattern.append(re.escape(char))
        else:
            encoded = "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
            pattern.append(f"(?:{re.escape(char)}|(?i:{re.escape(encoded)}))")
    return "".join(pattern)


def _group(name: str) -> str:
    return "p_" + re.sub(r"\W", "_", name)


def _name(route: Route, group: str) -> str:
    for variable in PATH_VARIABLE.findall(route.template):
        if _group(variable) == group:
            return str(variable)
    return group


def _merged_parameters(item: Mapping[str, Any], operation: Mapping[str, Any]) -> list[Any]:
    """The path item's parameters overridden by the operation's, by (in, name)."""
    merged: dict[tuple[str, str], Any] = {}
    for parameter in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]:
        if isinstance(parameter, Mapping):
            merged[(str(parameter.get("in")), str(parameter.get("name")))] = parameter
    return list(merged.values())


def _needs_bearer(requirements: Any, schemes: Mapping[str, Any]) -> bool:
    alternatives = security_alternatives(requirements)
    return bool(alternatives) and all(
        any((schemes.get(name) or {}).get("scheme", "").lower() == "bearer" for name in requirement)
        for requirement in alternatives or ()
    )


_TURNS = 8  # tries for a body the schema accepts (a `oneOf` whose first branch overlaps another)


class BodyMaker:
    """200 bodies for any operation, from its response schema; deterministic per path and query.

    A body is checked against its schema before it is served: when a choice made it
    invalid (a `oneOf` branch that another branch also accepts, an optional member a closed
    `allOf` part forbids), it is made again with other choices, up to `_TURNS` times.
    """

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        # By identity; the schema is kept with its factory (or validator) so that its id cannot be reused.
        self._factories: dict[int, tuple[dict[str, Any], ConversationFactory]] = {}
        self._validators: dict[int, tuple[dict[str, Any], Any]] = {}
        self._turn = 0

    def _validator(self, schema: dict[str, Any]) -> Any:
        key = id(schema)
        if key not in self._validators:
            try:
                validator = jsonschema_rs.validator_for(with_nullable_as_type(schema))
            except (ValueError, jsonschema_rs.ValidationError):  # a schema the validator cannot compile: unchecked
                validator = None
            self._validators[key] = (schema, validator)
        return self._validators[key][1]

    def _factory(self, schema: dict[str, Any], defs: Mapping[str, Any]) -> ConversationFactory:
        key = id(schema)
        if key not in self._factories:
            self._factories[key] = (schema, ConversationFactory(schema, seed=self.seed, defs=defs))
        return self._factories[key][1]

    def accepts(self, schema: dict[str, Any], body: Any) -> bool:
        """Whether `body` is valid against `schema` (a schema the validator cannot compile: True)."""
        validator = self._validator(schema)
        return validator is None or _accepts(validator, body)

    def body(
        self,
        schema: dict[str, Any],
        params: Mapping[str, str],
        query: str,
        example: Mapping[str, Any] | None = None,
        paging: Paging | None = None,
    ) -> Any:
        """The body `schema` documents, for these path parameters and this query string.

        `example` is the operation's documented example: the envelope's scalar members
        (`success`, `message`) take its values, so the mock says what the docs say.
        """
        asked = {k: v[0] for k, v in parse_qs(query).items() if v}
        ids = list(params.values())
        page = _Page(paging or Paging(), asked)
        validator = self._validator(schema)
        first: Any = None
        for turn in range(_TURNS):
            self._turn = turn
            body = self._value(schema, ids, page, "body", 0, defs=schema.get("$defs") or {})
            first = body if turn == 0 else first
            if validator is None or _accepts(validator, body):
                break
        else:
            body = first  # no valid choice found: the first, so the answer stays the same every time
        self._turn = 0
        if isinstance(body, dict) and example:
            for key, value in example.items():
                if key in body and isinstance(value, str | bool | int | float) and type(value) is type(body[key]):
                    body[key] = value
        return body

    def _value(
        self, schema: dict[str, Any], ids: list[str], page: _Page, name: str, depth: int, *, defs: Mapping[str, Any]
    ) -> Any:
        schema = concrete(schema, defs, self._turn)
        kind = schema.get("type")
        if isinstance(kind, list):  # `[array, null]`: the documented non-null type
            kind = next((k for k in kind if k != "null"), None)
        if kind == "array" and isinstance(schema.get("items"), dict) and schema["items"].get("properties"):
            owner = ids[0] if ids else "agent"
            start = (page.number - 1) * page.size
            return [
                self._factory(schema["items"], defs).conversation(owner, f"convo-{start + n:03d}", self._turn)
                for n in range(1, page.size + 1)
            ]
        if kind == "object" or schema.get("properties"):
            props: dict[str, Any] = schema.get("properties") or {}
            if depth == 0 and Envelope.from_schema(schema).wraps:  # each envelope member on its own
                members = {key: p for key, p in props.items() if isinstance(p, dict)}
                return {key: self._value(p, ids, page, key, 1, defs=defs) for key, p in members.items()}
            owner, last = (ids[0], ids[-1]) if ids else ("agent", name)
            return self._factory(schema, defs).conversation(owner, last, self._turn)
        if kind == "array":
            return []  # rows of no documented shape: an empty page is valid for any `items`
        if "const" in schema:
            return schema["const"]
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return schema["enum"][0]
        if kind == "boolean":
            return True
        if kind == "string":
            return str(schema.get("example", "ok"))
        if kind in {"integer", "number"}:
            return schema.get("example", schema.get("minimum", 0))
        if kind == "null" or schema.get("nullable") is True:
            return None
        return schema.get("example", {})  # untyped (`{}`): any JSON value is valid


def _accepts(validator: Any, body: Any) -> bool:
    try:
        return bool(validator.is_valid(body))
    except ValueError:  # the validator's own nesting limit
        return True


class _Page:
    """The page a query asks for: its size and its number (from 1), both bounded."""

    def __init__(self, paging: Paging, asked: Mapping[str, str]) -> None:
        size = asked.get(paging.size) if paging.size else None
        self.size = paging.page_size(size, cap=MAX_PAGE, undocumented=_UNDOCUMENTED_PAGE)
        raw = asked.get(paging.number) if paging.number else None
        try:
            self.number = max(1, min(10_000, int(raw))) if raw is not None else 1
        except ValueError:
            self.number = 1
