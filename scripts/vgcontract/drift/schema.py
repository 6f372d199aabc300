"""What the drift check validates against, derived from the spec and never written by hand.

From the 200 response schema of the Get Single Conversation operation this builds:

* the **check schema**: the response schema with every `$ref` inlined, annotations dropped,
  `additionalProperties: false` on every object that lists some `properties` (the strict pass
  that finds undocumented fields; free-form maps without `properties` stay open), and
  bounds on epoch fields so a value in the wrong unit fails (`x-epoch-unit`);
* the **sites**: for each normalised JSON path (`data.handoffHistory[].teamIds`), where its
  schema lives in the raw spec, so a finding can name it and `--suggest-patch` can edit it;
* the **documented paths**, so fields never observed in a corpus can be reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vgcontract.errors import InputError
from vgcontract.spec.envelope import Envelope
from vgcontract.spec.load import pointer_escape, resolve_pointer
from vgcontract.spec.model import Operation, json_gets, json_operations
from vgcontract.spec.nullable import nullable_to_type

__all__ = [
    "EPOCH_MS_FLOOR",
    "EPOCH_UNITS",
    "DriftSchema",
    "SchemaSite",
    "format_path",
    "normalise_instance_path",
    "parse_path",
]

# Epoch seconds reach 1e11 in the year 5138; epoch milliseconds passed 1e11 in March 1973.
# So below the floor a value is seconds, above it milliseconds, for any plausible date.
EPOCH_MS_FLOOR = 100_000_000_000
EPOCH_UNITS = ("seconds", "milliseconds")

# Keywords that only annotate: dropped from the check schema so they cost nothing.
_ANNOTATIONS = frozenset({"description", "summary", "title", "example", "examples", "deprecated", "externalDocs"})
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$-]*$")
_MAX_DEPTH = 48  # deeper than any real schema; stops a $ref cycle


def format_path(tokens: Iterable[str]) -> str:
    """Render path tokens as `data.handoffHistory[].teamIds`; `$` is the body itself.

    Array indices are already `[]` in `tokens`. Keys that are not identifier-like are
    quoted (`data["a.b"]`) so that every path reads back unambiguously.
    """
    out = ""
    for step in tokens:
        if step == "[]":
            out += "[]"
        elif _IDENTIFIER.match(step):
            out += f".{step}" if out else step
        else:
            out += f"[{json.dumps(step, ensure_ascii=False)}]"
    return out or "$"


_PATH_TOKEN = re.compile(r'\.?([A-Za-z_$][A-Za-z0-9_$-]*)|(\[\])|\[("(?:[^"\\]|\\.)*")\]')


def parse_path(path: str) -> tuple[str, ...]:
    """The tokens of a path written by `format_path` (its inverse)."""
    if path == "$":
        return ()
    tokens: list[str] = []
    position = 0
    while position < len(path):
        match = _PATH_TOKEN.match(path, position)
        if match is None:
            raise ValueError(f"not a normalised path: {path!r}")
        name, array, quoted = match.groups()
        tokens.append(name if name is not None else "[]" if array else json.loads(quoted))
        position = match.end()
    return tuple(tokens)


def normalise_instance_path(path: Sequence[str | int]) -> tuple[str, ...]:
    """A validator's instance path with every array index replaced by `[]`."""
    return tuple("[]" if isinstance(p, int) else p for p in path)


@dataclass(frozen=True, slots=True)
class SchemaSite:
    """Where the schema of one normalised path lives in the raw spec.

    `pointer` is the JSON pointer of the node that describes the value as written in the
    spec (it may be a `$ref` node); `schema_pointer` is where that reference leads.
    `parent_pointer` is the object schema that lists this property (None for array items
    and the root); `name` is the property name.
    """

    path: tuple[str, ...]
    pointer: str
    schema_pointer: str
    parent_pointer: str | None
    name: str | None
    schema: dict[str, Any]  # the resolved node (raw: it may still contain nested $refs)


class DriftSchema:
    """One operation's 200 response, in the forms the drift check needs. Build it with `from_spec`."""

    def __init__(self, spec: Mapping[str, Any], response_pointer: str) -> None:
        self.spec = spec
        self.response_pointer = response_pointer
        self.operation = ""  # the operationId (or `GET /path`) it describes
        self.sites: dict[tuple[str, ...], SchemaSite] = {}
        self.object_pointers: dict[tuple[str, ...], str] = {}  # objects that list `properties`
        self.epoch_units: dict[tuple[str, ...], str] = {}
        self._walk(response_pointer, (), None, None, 0, open_schemas=frozenset())
        self._recursive: dict[str, str] = {}  # $ref met inside its own target -> its name in `$defs`
        self.check_schema = self._check_node(resolve_pointer(spec, response_pointer), 0, frozenset())
        self._add_recursive_defs()
        # The wrapper (`success`, `message`, `data`) as this response's schema defines it.
        self.envelope = Envelope.from_schema(self.check_schema)
        self.documented_paths: tuple[tuple[str, ...], ...] = tuple(p for p in self.sites if p and p[-1] != "[]")
        # Normalised path -> the spec's `x-personal-data` kind, for redaction and masked samples.
        self.personal_kinds: dict[str, str] = {
            format_path(path): str(site.schema["x-personal-data"])
            for path, site in self.sites.items()
            if isinstance(site.schema.get("x-personal-data"), str)
        }

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], operation: str | None = None) -> DriftSchema:
        """The drift schema of one operation's 200 `application/json` body.

        `operation` is an operationId, or `METHOD /path`. Without it the spec must have
        exactly one GET with such a body: which one is never decided by the order of keys
        in the YAML. Raises `InputError` naming the choices otherwise.
        """
        choices = json_operations(spec)
        if operation is not None:
            chosen = next((op for op in choices if operation in {op.operation_id, op.label}), None)
            if chosen is None:
                known = ", ".join(op.name for op in choices) or "none"
                raise InputError(f"no operation {operation!r} with a 200 application/json body; known: {known}")
            return cls._of(spec, chosen)
        candidates = json_gets(spec)
        if len(candidates) == 1:
            return cls._of(spec, candidates[0])
        if not candidates:
            raise InputError("the spec has no GET operation with a 200 application/json schema")
        known = ", ".join(op.name for op in candidates)
        raise InputError(f"the spec has {len(candidates)} operations the drift check can read ({known}): choose one "
                         "with --operation")  # fmt: skip

    @classmethod
    def _of(cls, spec: Mapping[str, Any], operation: Operation) -> DriftSchema:
        schema = cls(spec, str(operation.response_schema_pointer()))
        schema.operation = operation.name
        return schema

    # --- the sites: raw-spec locations by normalised path ---------------------------------

    def _follow(self, pointer: str) -> tuple[str, dict[str, Any]]:
        node = resolve_pointer(self.spec, pointer)
        hops = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and hops < _MAX_DEPTH:
            pointer, node, hops = node["$ref"], resolve_pointer(self.spec, node["$ref"]), hops + 1
        if not isinstance(node, dict):
            raise InputError(f"schema at {pointer} is not an object")
        return pointer, node

    def _walk(
        self, pointer: str, path: tuple[str, ...], parent: str | None, name: str | None, depth: int, *,
        open_schemas: frozenset[str],
    ) -> None:  # fmt: skip
        if depth > _MAX_DEPTH:
            raise InputError(f"schemas nest deeper than {_MAX_DEPTH} levels at {format_path(path)}")
        schema_pointer, node = self._follow(pointer)
        if path not in self.sites:
            self.sites[path] = SchemaSite(path, pointer, schema_pointer, parent, name, node)
        if schema_pointer in open_schemas:
            return  # a recursive schema: its fields were named where it first appeared
        open_schemas |= {schema_pointer}
        unit = node.get("x-epoch-unit")
        if unit in EPOCH_UNITS:
            self.epoch_units[path] = str(unit)
        for combinator in ("anyOf", "oneOf", "allOf"):
            for index, branch in enumerate(node.get(combinator) or ()):
                if isinstance(branch, dict) and branch.get("type") != "null":
                    branch_pointer = f"{schema_pointer}/{combinator}/{index}"
                    self._walk(branch_pointer, path, parent, name, depth + 1, open_schemas=open_schemas)
        properties = node.get("properties")
        if isinstance(properties, dict):
            self.object_pointers.setdefault(path, schema_pointer)
            for key in properties:
                child = f"{schema_pointer}/properties/{pointer_escape(key)}"
                self._walk(child, (*path, key), schema_pointer, key, depth + 1, open_schemas=open_schemas)
        if isinstance(node.get("items"), dict):
            self._walk(f"{schema_pointer}/items", (*path, "[]"), None, None, depth + 1, open_schemas=open_schemas)

    # --- the check schema ----------------------------------------------------------------

    def _check_node(self, node: Any, depth: int, open_refs: frozenset[str]) -> Any:
        if depth > _MAX_DEPTH:
            raise InputError("schemas nest too deeply to derive the check schema")
        if isinstance(node, list):
            return [self._check_node(item, depth + 1, open_refs) for item in node]
        if not isinstance(node, dict):
            return node
        if isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            if ref in open_refs:  # recursion: validated by reference into `$defs`, never unrolled
                name = self._recursive.setdefault(ref, ref.lstrip("#/"))
                return {"$ref": f"#/$defs/{pointer_escape(name)}"}
            target = resolve_pointer(self.spec, ref)
            node = {**target, **siblings} if isinstance(target, dict) else target
            return self._check_node(node, depth + 1, open_refs | {ref})
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _ANNOTATIONS or key.startswith("x-"):
                continue
            if key in {"properties", "patternProperties", "$defs", "dependentSchemas"} and isinstance(value, dict):
                out[key] = {k: self._check_node(v, depth + 1, open_refs) for k, v in value.items()}
            else:
                out[key] = self._check_node(value, depth + 1, open_refs)
        # The strict pass: undocumented fields fail. `properties: {}` documents no field at
        # all: that object is free-form (a map), and every key in it would be "undocumented".
        if out.get("properties") and out.get("additionalProperties", True) is True:
            out["additionalProperties"] = False
        out = nullable_to_type(out)  # OpenAPI 3.0's spelling of "may be null"
        unit = node.get("x-epoch-unit")
        if unit == "seconds":
            out["maximum"] = min(out.get("maximum", EPOCH_MS_FLOOR - 1), EPOCH_MS_FLOOR - 1)
        elif unit == "milliseconds":
            # Seconds where milliseconds are documented; 0 stays allowed as an "unset" sentinel.
            out["not"] = {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": EPOCH_MS_FLOOR}
        return out

    def _add_recursive_defs(self) -> None:
        """The check schema of every recursive `$ref`, under `$defs`, each built once."""
        built: dict[str, Any] = {}
        while len(built) < len(self._recursive):
            for ref, name in list(self._recursive.items()):
                if name not in built:
                    built[name] = self._check_node(resolve_pointer(self.spec, ref), 0, frozenset({ref}))
        if built and isinstance(self.check_schema, dict):
            self.check_schema["$defs"] = {**(self.check_schema.get("$defs") or {}), **built}
