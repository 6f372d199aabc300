"""Pointers and `$ref`s in a spec's document, and what a path key may be.

`$ref`s here are local (`#/...`): the reader (`vgcontract.spec.model.load_spec`) has already
moved what another file of the spec names into the document (`vgcontract.spec.bundle`),
and no URL is ever read.

Every path key must be a path below the base URL: a key that is an absolute URL
(`http://host/...`), starts with `//`, or holds anything that a URL parser could take for
a new origin (`\\`, `?`, `#` or control characters) would send the token to a host
the spec chose, and a `.` or `..` segment climbs out of the base URL's path.
`parse_spec` refuses such a spec (`ForeignPathKey`, exit 2) for every command;
`lint-spec` reads it anyway and reports each key (`path_key_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from vgcontract.errors import InputError, UsageError

__all__ = [
    "HTTP_METHODS",
    "PATH_VARIABLE",
    "ForeignPathKey",
    "JsonPointerError",
    "dereference",
    "expanded_size",
    "iter_nodes",
    "path_key_problems",
    "path_shape",
    "pointer_escape",
    "resolve_pointer",
    "with_definitions",
]


class JsonPointerError(InputError):
    """A `$ref` or JSON pointer names nothing in the document."""


class ForeignPathKey(UsageError):
    """A path key that is not a path below the base URL: it could send the token elsewhere."""


# URL parsers drop tabs and line breaks and read `\` as `/`: `/\t/host` and `/\host` are `//host`.
_NOT_IN_A_PATH_KEY = re.compile(r"[\\?#\x00-\x1f\x7f]")
_SOME_ORIGIN = "https://origin.invalid/base/"  # a stand-in base URL: joining must keep its origin


def path_key_problems(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(key, why) for every path key that is not a plain path below the base URL."""
    problems: list[tuple[str, str]] = []
    paths = doc.get("paths")
    for key in paths if isinstance(paths, dict) else ():
        why = _path_key_problem(key)
        if why is not None:
            problems.append((str(key), why))
    return problems


def _path_key_problem(key: Any) -> str | None:
    if not isinstance(key, str) or not key.startswith("/"):
        return "is not a path starting with `/` (an absolute URL or a relative reference)"
    if key.startswith("//"):
        return "starts with `//`, which names a host"
    if _NOT_IN_A_PATH_KEY.search(key):
        return "holds a backslash, `?`, `#` or a control character, which a URL parser may read as more than a path"
    if any(unquote(segment) in {".", ".."} for segment in key.split("/")):
        return "has a `.` or `..` segment, which climbs out of the base URL's path"
    # However a client joins it to the base URL, the origin must stay the base URL's.
    filled = PATH_VARIABLE.sub("x", key)
    base = urlsplit(_SOME_ORIGIN)
    for joined in (urljoin(_SOME_ORIGIN, filled), urljoin(_SOME_ORIGIN, filled.lstrip("/")), _SOME_ORIGIN + filled):
        parts = urlsplit(joined)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return "changes the origin when joined to the base URL"
    return None


# The operation keys of an OpenAPI path item, in the specification's order.
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PATH_VARIABLE = re.compile(r"{([^}/]+)}")  # a `{name}` in a path template; group 1 is the name


def path_shape(template: str) -> str:
    """A path template with its variables unnamed (`/a/{}/b/{}`): two spellings of one path compare equal."""
    return PATH_VARIABLE.sub("{}", template)


def pointer_escape(token: str) -> str:
    """Escape one reference token for a JSON pointer (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def resolve_pointer(doc: Any, ref: str) -> Any:
    """Return the node a local `$ref` such as `#/components/schemas/X` points at."""
    if not ref.startswith("#"):
        raise JsonPointerError(f"only local $refs are supported, got {ref!r}")
    node = doc
    for raw in ref[1:].split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise JsonPointerError(f"$ref {ref!r} does not resolve")
    return node


class _Whole:
    """The default of `dereference`'s `node`: the whole document (None is a value: `default: null`)."""


_WHOLE: Any = _Whole()


def dereference(doc: Mapping[str, Any], node: Any = _WHOLE) -> Any:
    """`node` (default: the whole document) with its `$ref`s inlined, cycles kept as `$ref`s.

    A `$ref` met again inside its own target (a recursive schema) stays a `$ref` into
    `doc`: the result is finite, and every `$ref` left in it resolves against `doc`. Each
    target is inlined once per call and shared where it is used again, so a fan-out of
    `$ref`s costs what the document costs. Treat the result as read-only. Keys beside a
    `$ref` (allowed in OpenAPI 3.1) are kept and win over the target's. A `null` anywhere
    (`default: null`) is a value.
    """
    done: dict[str, Any] = {}
    open_refs: set[str] = set()

    def walk(item: Any) -> Any:
        if isinstance(item, list):
            return [walk(v) for v in item]
        if not isinstance(item, dict):
            return item
        ref = item.get("$ref")
        if not isinstance(ref, str):
            return {k: walk(v) for k, v in item.items()}
        siblings = {k: walk(v) for k, v in item.items() if k != "$ref"}
        if ref in open_refs:
            return {"$ref": ref, **siblings}
        if ref not in done:
            _refuse_empty_cycle(doc, ref)
            open_refs.add(ref)
            try:
                done[ref] = walk(resolve_pointer(doc, ref))
            finally:
                open_refs.discard(ref)
        target = done[ref]
        return {**target, **siblings} if siblings and isinstance(target, dict) else target

    try:
        start = doc if node is _WHOLE else node
        return walk(dict(start) if isinstance(start, Mapping) and not isinstance(start, dict) else start)
    except RecursionError:
        raise JsonPointerError("$refs and schemas nest too deeply to inline") from None


def with_definitions(schema: Any, resolved: Mapping[str, Any]) -> Any:
    """A schema taken from a `dereference`d document, made to stand alone: its cycles point into its `$defs`.

    Each `$ref` that `dereference` kept (a recursive schema) becomes `#/$defs/<pointer>`, and
    its target (from `resolved`, the whole inlined document) is copied there once, so a
    validator or a generator given only this schema can follow it. A schema with no
    such `$ref` is returned as it is.
    """
    names: dict[str, str] = {}

    def rewrite(item: Any) -> Any:
        if isinstance(item, list):
            return [rewrite(v) for v in item]
        if not isinstance(item, dict):
            return item
        ref = item.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and not ref.startswith("#/$defs/"):
            name = names.setdefault(ref, ref[2:])  # `$defs` keys are names: escaped only in the pointer
            return {
                **{k: rewrite(v) for k, v in item.items() if k != "$ref"},
                "$ref": f"#/$defs/{pointer_escape(name)}",
            }
        return {k: rewrite(v) for k, v in item.items()}

    if not _has_ref(schema):
        return schema
    out = rewrite(schema)
    defs: dict[str, Any] = {}
    while len(defs) < len(names):
        for ref, name in list(names.items()):
            if name not in defs:
                defs[name] = rewrite(resolve_pointer(resolved, ref))
    if defs and isinstance(out, dict):
        out["$defs"] = {**(out.get("$defs") or {}), **defs}
    return out


def _has_ref(node: Any) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                return True
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _refuse_empty_cycle(doc: Mapping[str, Any], ref: str) -> None:
    """`JsonPointerError` when `ref` starts a chain of bare `$ref`s that comes back to itself: it names nothing."""
    seen = [ref]
    node = resolve_pointer(doc, ref)
    while isinstance(node, dict) and set(node) == {"$ref"} and isinstance(node["$ref"], str):
        if node["$ref"] in seen:
            raise JsonPointerError(f"a $ref cycle with no schema in it: {' -> '.join([*seen, node['$ref']])}")
        seen.append(node["$ref"])
        node = resolve_pointer(doc, node["$ref"])


def expanded_size(doc: Mapping[str, Any], limit: int) -> int:
    """How many nodes `doc` has with every `$ref` inlined once (a cycle counts once); stops past `limit`.

    Computed per target, not by expanding: a fan-out of `$ref`s (ten refs to a schema of
    ten refs, nine levels deep) is measured in microseconds and refused by the reader.
    """
    sizes: dict[str, int] = {}
    open_refs: set[str] = set()

    def size(item: Any) -> int:
        if isinstance(item, list):
            return 1 + sum(size(v) for v in item)
        if not isinstance(item, dict):
            return 1
        ref = item.get("$ref")
        total = 1 + sum(size(v) for k, v in item.items() if k != "$ref")
        if isinstance(ref, str) and ref not in open_refs:
            if ref not in sizes:
                open_refs.add(ref)
                try:
                    sizes[ref] = size(resolve_pointer(doc, ref))
                except JsonPointerError:
                    sizes[ref] = 1  # named by the lint; nothing to expand
                finally:
                    open_refs.discard(ref)
            total += sizes[ref]
        if total > limit:
            raise _TooLarge
        return total

    try:
        return size(doc)
    except _TooLarge:
        return limit + 1
    except RecursionError:
        return limit + 1


class _TooLarge(Exception):
    pass


def iter_nodes(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every node of a JSON-like tree with its path, parents before children."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from iter_nodes(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_nodes(value, (*path, str(index)))
