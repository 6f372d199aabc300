"""Loading the OpenAPI document and walking its `$ref`s.

Only local references (`#/...`) are supported: the spec is one self-contained file, and
a remote `$ref` would make generation depend on the network. No file or URL a spec names
is ever read.

Every path key must be a path below the base URL: a key that is an absolute URL
(`http://host/...`), starts with `//`, or holds anything that a URL parser could take for
a new origin (`\\`, `?`, `#` or control characters) would send the token to a host
the spec chose, and a `.` or `..` segment climbs out of the base URL's path.
`parse_spec` refuses such a spec (`ForeignPathKey`, exit 2) for every command;
`lint-spec` reads it anyway and reports each key (`path_key_problems`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import orjson
import yaml

from vgcontract.errors import InputError, UsageError

__all__ = [
    "HTTP_METHODS",
    "PATH_VARIABLE",
    "ForeignPathKey",
    "JsonPointerError",
    "dereference",
    "iter_nodes",
    "iter_operations",
    "load_spec",
    "parse_spec",
    "path_key_problems",
    "path_shape",
    "pointer_escape",
    "resolve_pointer",
]

# Deeper than any sane schema; a cycle of $refs would otherwise recurse forever.
_MAX_DEREF_DEPTH = 64


class JsonPointerError(InputError):
    """A `$ref` or JSON pointer names nothing in the document."""


class ForeignPathKey(UsageError):
    """A path key that is not a path below the base URL: it could send the token elsewhere."""


def load_spec(path: Path, *, check_paths: bool = True) -> dict[str, Any]:
    """Read an OpenAPI document (YAML or JSON) into plain Python data.

    Raises `InputError` with a one-line message when the file is missing, is not YAML,
    or is not a mapping at the top level, and `ForeignPathKey` when a path key is not a
    path below the base URL (unless `check_paths` is off: the lint reports it instead).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    return parse_spec(text, str(path), check_paths=check_paths)


def parse_spec(text: str, source: str, *, check_paths: bool = True) -> dict[str, Any]:
    """An OpenAPI document's text (YAML or JSON) as plain Python data; `InputError` naming `source`.

    `ForeignPathKey` when a path key is not a path below the base URL (see the module docstring).
    """
    try:
        doc = _parse(text, source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{source}: not valid YAML{where}") from None
    if not isinstance(doc, dict):
        raise InputError(f"{source}: the top level is not a mapping")
    if check_paths:
        problems = path_key_problems(doc)
        if problems:
            key, why = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ForeignPathKey(f"{source}: path key {key!r} {why}{more}; refused before any request")
    return doc


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


def iter_operations(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(path template, method, path item, operation) of every operation in `spec`, in document order."""
    for template, item in (spec.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield str(template), method, item, operation


def path_shape(template: str) -> str:
    """A path template with its variables unnamed (`/a/{}/b/{}`): two spellings of one path compare equal."""
    return PATH_VARIABLE.sub("{}", template)


# libyaml's loader when PyYAML was built with it: 8x faster on a 1.4 MB spec (0.14 s, not 1.1 s).
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Nesting past this is refused before the document is built: libyaml's C constructor
# recurses, and 30,000 levels overflow the C stack (a crash, not an exception).
_MAX_NESTING = 500
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _parse(text: str, source: str) -> Any:
    """JSON (a YAML subset) through orjson when the document is JSON, else YAML; same data either way."""
    if text.lstrip()[:1] in ("{", "["):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass  # YAML flow style, broken or too deep JSON: YAML's parser says where
    depth = 0
    for event in yaml.parse(text, Loader=_SAFE_LOADER):  # events only: no recursion
        if isinstance(event, _OPENS):
            depth += 1
            if depth > _MAX_NESTING:
                raise InputError(f"{source}: nested more than {_MAX_NESTING} levels deep")
        elif isinstance(event, _CLOSES):
            depth -= 1
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader, C or Python


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
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise JsonPointerError(f"$ref {ref!r} does not resolve")
    return node


class _Whole:
    """The default of `dereference`'s `node`: the whole document (None is a value: `default: null`)."""


_WHOLE: Any = _Whole()


def dereference(doc: dict[str, Any], node: Any = _WHOLE, _depth: int = 0) -> Any:
    """A deep copy of `node` (default: the whole document) with every `$ref` inlined.

    Keys beside a `$ref` (allowed in OpenAPI 3.1) are kept and win over the target's. A
    `null` anywhere (`default: null`, `example: null`) is a value, copied as it is.
    """
    if _depth > _MAX_DEREF_DEPTH:
        raise JsonPointerError("$refs nest too deeply (a reference cycle?)")
    if node is _WHOLE:
        node = doc
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            target = dereference(doc, resolve_pointer(doc, node["$ref"]), _depth + 1)
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            if isinstance(target, dict):
                return {**target, **dereference(doc, siblings, _depth + 1)}
            return target
        return {k: dereference(doc, v, _depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [dereference(doc, v, _depth + 1) for v in node]
    return copy.deepcopy(node)


def iter_nodes(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every node of a JSON-like tree with its path, parents before children."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from iter_nodes(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_nodes(value, (*path, str(index)))
