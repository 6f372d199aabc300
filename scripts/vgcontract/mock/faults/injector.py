"""The body-level faults: each mode's target fields chosen from the spec, and the breaks themselves."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from vgcontract.drift.schema import format_path
from vgcontract.mock.faults.catalogue import AUTH_MODES, BODY_MODES, FaultPlan
from vgcontract.spec.envelope import Envelope

__all__ = ["FaultInjector"]

_SCALARS = ("string", "integer", "number", "boolean")
# Names for the fields the mock invents; the first one the spec does not document is used.
_NEW_TOP_LEVEL_FIELDS = ("sentimentScore", "priorityLevel", "vgInternalRevision")
_NEW_NESTED_FIELDS = ("traceId", "internalRevision", "shardKey")
_NEW_ENUM_VALUES = ("archived", "bot-paused", "queued")


@dataclass(frozen=True)
class _Site:
    """A documented property: its path from the envelope root, its schema, and whether it is required."""

    tokens: tuple[str, ...]
    schema: dict[str, Any]
    required: bool

    @property
    def depth(self) -> int:
        return len(self.tokens)

    @property
    def kind(self) -> str | None:
        kind = self.schema.get("type")
        return kind if isinstance(kind, str) else None

    @property
    def in_array_of_objects(self) -> bool:
        return "[]" in self.tokens[:-1]


def _sites(schema: dict[str, Any], prefix: tuple[str, ...], depth: int = 0) -> Iterator[_Site]:
    if depth > 24:  # a dereferenced schema has no cycles, but stay bounded regardless
        return
    required = set(schema.get("required") or ())
    for name, prop in (schema.get("properties") or {}).items():
        if not isinstance(prop, dict):
            continue
        site = _Site((*prefix, name), prop, name in required)
        yield site
        if prop.get("type") == "object":
            yield from _sites(prop, site.tokens, depth + 1)
        elif prop.get("type") == "array" and isinstance(prop.get("items"), dict):
            items = prop["items"]
            if items.get("type") == "object":
                yield _Site((*site.tokens, "[]"), items, required=False)  # the item object itself
                yield from _sites(items, (*site.tokens, "[]"), depth + 1)


def _holders(node: Any, tokens: tuple[str, ...]) -> Iterator[tuple[Any, str | int]]:
    """Every (container, key) in `node` where the value at `tokens` exists; `[]` walks all items."""
    if not tokens:
        return
    head, rest = tokens[0], tokens[1:]
    if head == "[]":
        if isinstance(node, list):
            for index, item in enumerate(node):
                if rest:
                    yield from _holders(item, rest)
                else:
                    yield node, index
        return
    if isinstance(node, dict) and head in node:
        if rest:
            yield from _holders(node[head], rest)
        else:
            yield node, head


def _placeholder(schema: dict[str, Any]) -> Any:
    """A valid value for a field the body lacks, so the break can still be applied to it."""
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if schema.get("x-epoch-unit") == "seconds":
        return 1_700_000_000
    return {"string": "x", "integer": 1, "number": 1.5, "boolean": True, "object": {}, "array": []}.get(
        str(schema.get("type")), "x"
    )


def _plant(body: dict[str, Any], tokens: tuple[str, ...], value: Any) -> tuple[Any, str | int]:
    """Create the path `tokens` in `body` (objects, or one-item arrays for `[]`); return the holder."""
    node: Any = body
    for step, after in itertools.pairwise(tokens):
        if step == "[]":
            if not node:
                node.append({})
            node = node[0]
            continue
        if not isinstance(node.get(step), dict | list):
            node[step] = [] if after == "[]" else {}
        node = node[step]
    if tokens[-1] == "[]":
        node.append(value)
        return node, len(node) - 1
    node[tokens[-1]] = value
    return node, tokens[-1]


def _retyped(value: Any) -> Any:
    """The same information in another JSON type, as a backend change would send it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        digits = "".join(ch for ch in value if ch in "0123456789")[:15]  # not isdigit(): "³" is a digit
        return int(digits) if digits else len(value)
    return str(value)


@dataclass
class FaultInjector:
    """Applies a plan's body-level breaks to 200 envelopes, with targets chosen from the spec.

    `envelope` is the dereferenced 200 schema. `applied` counts each (mode, path) broken,
    so the self-test can check that a finding names the field that was actually broken.
    """

    envelope: dict[str, Any]
    plan: FaultPlan
    applied: Counter[tuple[str, str]] = field(default_factory=Counter)
    secured: bool = True  # the operation asks for a credential: the auth modes have something to break

    def __post_init__(self) -> None:
        # Where the record lives (`data`, `data[]`, or the body itself) is the spec's to say.
        self.shape = Envelope.from_schema(self.envelope)
        root = self.shape.record
        data = _record_schema(self.envelope, root)
        sites = list(_sites(data, root))
        top = [s for s in sites if s.depth == len(root) + 1]
        # `sorted` is stable: within each preference the spec's order is kept.

        def scalar(site: _Site) -> bool:
            return site.kind in _SCALARS

        self.targets: dict[str, list[_Site]] = {
            "type-change": sorted((s for s in top if scalar(s)), key=lambda s: not s.required),
            "nested-type-change": sorted(
                (s for s in sites if s.in_array_of_objects and scalar(s)), key=lambda s: (not s.required, s.depth)
            ),
            "null-object": sorted((s for s in top if s.kind == "object"), key=lambda s: not s.required),
            "array-to-object": sorted((s for s in top if s.kind == "array"), key=lambda s: not s.required),
            "enum-new-value": sorted(
                (s for s in sites if isinstance(s.schema.get("enum"), list)), key=lambda s: (not s.required, s.depth)
            ),
            "timestamp-units": sorted(
                (s for s in sites if s.schema.get("x-epoch-unit") == "seconds" and s.kind == "integer"),
                key=lambda s: (not s.required, s.depth),
            ),
            "nested-undocumented-field": sorted(
                (s for s in sites if s.kind == "object" and s.schema.get("properties")), key=lambda s: -s.depth
            ),
            "required-field-missing": sorted((s for s in sites if s.required), key=lambda s: s.depth),
            # The record's identity (the spec's `ID`): only a single-record answer names one.
            "wrong-conversation": [s for s in top if not self.shape.is_list and s.tokens[-1] == self.shape.id_field][
                :1
            ],
            # Optional first, so that a rename is not also a missing required field.
            "field-renamed": sorted((s for s in top if scalar(s)), key=lambda s: s.required),
        }
        self._data_schema = data

    def applies(self, mode: str) -> bool:
        """False when this response has nothing the mode could break (`wrong-conversation` on a list).

        The auth modes break nothing on an operation anyone may call.
        """
        if mode in AUTH_MODES:
            return self.secured
        if mode == "envelope-missing-data":  # leaving out an optional member breaks nothing
            return self.shape.wraps and self.shape.record_required
        if mode == "success-false-200":
            return self.shape.success_flag is not None
        if mode == "undocumented-field":
            return bool(self._data_schema.get("properties"))
        sites = self.targets.get(mode)
        return sites is None or bool(sites)

    def describe(self, mode: str) -> str:
        """The field a mode breaks first, for `--list-faults` (`data.ID`, or why there is none)."""
        if not self.applies(mode):
            return "(this response has no such field: the mode does nothing)"
        if mode == "undocumented-field":
            return format_path((*self.shape.record, _new_name(self._data_schema, _NEW_TOP_LEVEL_FIELDS)))
        if mode == "envelope-missing-data":
            return self.shape.record[0]
        if mode == "success-false-200":
            return str(self.shape.success_flag)
        sites = self.targets.get(mode)
        if sites is None:
            return "-"
        if not sites:
            return "(the spec has no such field: the mode does nothing)"
        more = f", else the next of {len(sites)} candidates in the body" if len(sites) > 1 else ""
        return format_path(sites[0].tokens) + more

    def break_body(self, body: dict[str, Any], key: bytes) -> bool:
        """Apply every selected body mode to `body` in place; True when anything changed."""
        changed = False
        for mode in self.plan.modes:
            if mode in BODY_MODES and self.plan.selects(mode, key):
                path = self._apply(mode, body)
                if path is not None:
                    self.applied[(mode, path)] += 1
                    changed = True
        return changed

    def _apply(self, mode: str, body: dict[str, Any]) -> str | None:
        shape = self.shape
        if not self.applies(mode):
            return None
        if mode == "envelope-missing-data":
            member = shape.record[0]
            return member if body.pop(member, None) is not None else None
        if mode == "success-false-200":
            flag = str(shape.success_flag)
            body[flag] = False
            if shape.message is not None:
                body[shape.message] = "The request could not be completed"
            return flag
        records = shape.records(body)
        if not records:
            return None
        if mode == "undocumented-field":
            name = _new_name(self._data_schema, _NEW_TOP_LEVEL_FIELDS)
            records[0][name] = 0.82
            return format_path((*shape.record, name))
        sites = self.targets[mode]
        if not sites:
            return None
        holder, where, site = self._first_present(body, sites, mode)
        if mode == "required-field-missing":
            del holder[where]
            return format_path(site.tokens)
        if mode == "wrong-conversation":
            holder[where] = f"{holder[where]}-cached-neighbour"
            return format_path(site.tokens)
        if mode == "field-renamed":
            renamed = _renamed(str(where), holder)
            holder[renamed] = holder.pop(where)
            return format_path((*site.tokens[:-1], renamed))
        if mode == "nested-undocumented-field":
            target = holder[where]
            name = _new_name(site.schema, _NEW_NESTED_FIELDS)
            target[name] = "tr-7f3a9c"
            return format_path((*site.tokens, name))
        holder[where] = _BREAKS[mode](holder[where], site)
        return format_path(site.tokens)

    @staticmethod
    def _first_present(body: dict[str, Any], sites: list[_Site], mode: str) -> tuple[Any, Any, _Site]:
        for site in sites:
            for holder, where in _holders(body, site.tokens):
                value = holder[where]
                if mode == "nested-undocumented-field" and not isinstance(value, dict):
                    continue
                if mode in {"null-object", "array-to-object"} and value is None:
                    continue
                return holder, where, site
        # None of the candidates is in this body: create the first one, then break it.
        site = sites[0]
        holder, where = _plant(body, site.tokens, _placeholder(site.schema))
        return holder, where, site


def _record_schema(envelope: dict[str, Any], root: tuple[str, ...]) -> dict[str, Any]:
    node: Any = envelope
    for step in root:
        node = node.get("items") if step == "[]" else (node.get("properties") or {}).get(step)
        if not isinstance(node, dict):
            return {}
    return node if isinstance(node, dict) else {}


def _new_name(schema: dict[str, Any], names: tuple[str, ...]) -> str:
    documented = set(schema.get("properties") or ())
    for name in names:
        if name not in documented:
            return name
    return "x" + "".join(sorted(documented))[:12] + "Extra"


def _renamed(name: str, holder: dict[str, Any]) -> str:
    """`messagesNum` -> `messages_num` (a backend's serialiser switching case); else `name_v2`."""
    snake = "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in name).lstrip("_")
    candidate = snake if snake != name else f"{name}_v2"
    return candidate if candidate not in holder else f"{candidate}_renamed"


def _new_enum_value(value: Any, site: _Site) -> Any:
    listed = set(site.schema.get("enum") or ())
    return next((v for v in _NEW_ENUM_VALUES if v not in listed), f"{value}-v2")


def _to_null(_value: Any, _site: _Site) -> None:
    return None


def _to_keyed_object(value: Any, _site: _Site) -> dict[str, Any]:
    # What PHP's json_encode does to an array whose keys stopped being 0..n-1.
    return {str(i): item for i, item in enumerate(value if isinstance(value, list) else [value])}


def _to_milliseconds(value: Any, _site: _Site) -> Any:
    return int(value) * 1000 if isinstance(value, int | float) else value


def _to_other_type(value: Any, _site: _Site) -> Any:
    return _retyped(value)


_BREAKS: dict[str, Callable[[Any, _Site], Any]] = {
    "type-change": _to_other_type,
    "nested-type-change": _to_other_type,
    "null-object": _to_null,
    "array-to-object": _to_keyed_object,
    "enum-new-value": _new_enum_value,
    "timestamp-units": _to_milliseconds,
}
