"""Deterministic, plausible conversation bodies generated from the spec's schema.

Nothing here lists the spec's fields: values are chosen from each property's schema (type,
format, enum, `examples`, bounds and lengths through `spec.values`, `x-epoch-unit`) and,
for plain strings, from the shape of the property's name (`...Email`, `...Phone...`,
`...Url`). Add a field to the spec and the mock serves it.

The same `(agentId, convoId)` always gives the same body, in every process: the random
generator is seeded from a SHA-256 of the two IDs (and the factory's `seed`, 0 by
default), never from Python's salted `hash()`. Another `seed` gives another, equally
valid, set of bodies: the self-test's false-positive check runs the suite over many.

So a body is a function of the schema's content, the seed and the IDs, and a process keeps
the bodies it made last (`_MADE`): a page read again, the same conversation fetched by
another run or from another factory of the same spec, is a copy, not a new walk.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jsonschema_rs
import orjson

from vgcontract.recent import Recent
from vgcontract.spec.envelope import id_field
from vgcontract.spec.nullable import with_nullable_as_type
from vgcontract.spec.plain import copied
from vgcontract.spec.values import FORMATS, fitted, integer, number

__all__ = ["ConversationFactory", "concrete"]

_FIRST_NAMES = ("Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger")
_LAST_NAMES = ("Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen")
_COMPANIES = ("Acme Corp", "Globex", "Initech", "Umbrella Ltd", "Hooli", "Stark Industries")
_WORDS = ("follow", "up", "pricing", "demo", "interested", "premium", "plan", "call", "next", "week", "support")
_COUNTRIES = ("US", "GB", "DE", "FR", "ES", "IN", "BR", "AU")
_LANGS = ("en", "de", "fr", "es", "pt")
# 2023-11-14 .. 2025-06-01: plausible, and far from the millisecond range (>= 1e12).
_EPOCH_RANGE = (1_700_000_000, 1_748_736_000)
_OPTIONAL_FIELD_PRESENCE = 0.75
_MAX_ITEMS = 3
_UNION_TRIES = 8  # values tried for a union before the last one is kept
_DEEP = 6  # from this depth on, only required members and the fewest items
_DEEPEST = 40
# Bodies made lately, by (schema content, presence, seed, IDs, turn): about 3 KB each.
_MADE: Recent[Any] = Recent(8192)


def _content_key(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> bytes | None:
    """A digest of what a factory's bodies depend on in its schema; None when it is not plain JSON."""
    try:
        return hashlib.sha256(orjson.dumps([schema, defs], option=orjson.OPT_SORT_KEYS)).digest()
    except TypeError:  # an integer past 64 bits, a non-string key: made afresh each time
        return None


@dataclass
class _Timeline:
    """One conversation's time span; every epoch timestamp in the body falls inside it."""

    start: int
    end: int
    issued: list[tuple[dict[str, Any], str]] = field(default_factory=list)


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(count))


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)


def _e164(rng: random.Random) -> str:
    return "+1" + "".join(str(rng.randint(0, 9)) for _ in range(10))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def concrete(schema: dict[str, Any], defs: Mapping[str, Any] | None = None, turn: int = 0) -> dict[str, Any]:
    """One concrete schema to generate from: `allOf` merged, a non-null `anyOf`/`oneOf` branch taken.

    The branch is the first, or on a later `turn` (another try for a valid body) the next.
    A `$ref` into `defs` (a recursive schema, `vgcontract.spec.load.with_definitions`) is followed.
    """
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/") and defs:
        target = defs.get(ref[len("#/$defs/") :].replace("~1", "/").replace("~0", "~"))
        if isinstance(target, dict):
            return concrete({**target, **{k: v for k, v in schema.items() if k != "$ref"}}, defs, turn)
    for key in ("anyOf", "oneOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            usable = [b for b in branches if isinstance(b, dict) and b.get("type") != "null"] or branches
            rest = {k: v for k, v in schema.items() if k != key}
            return concrete({**rest, **usable[turn % len(usable)]}, defs, turn)
    parts = schema.get("allOf")
    if isinstance(parts, list) and parts:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for raw in parts:
            part = concrete(raw, defs, turn) if isinstance(raw, dict) else {}
            merged["properties"] = {**(merged.get("properties") or {}), **(part.get("properties") or {})}
            merged["required"] = [*(merged.get("required") or []), *(part.get("required") or [])]
            merged.update({k: v for k, v in part.items() if k not in {"properties", "required"}})
        return merged
    return schema


def _choices(schema: dict[str, Any], defs: Mapping[str, Any]) -> int:
    """How many branches the union at `schema` has (1 when it is not a union), its `$ref` followed."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = defs.get(ref[len("#/$defs/") :].replace("~1", "/").replace("~0", "~"))
        schema = target if isinstance(target, dict) else schema
    if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) > 1:
        return 2  # parts that may forbid what another adds (a closed part): checked as a union is
    return max((len(schema[k]) for k in ("oneOf", "anyOf") if isinstance(schema.get(k), list)), default=1)


def _valid(validator: Any, value: Any) -> bool:
    try:
        return bool(validator.is_valid(value))
    except ValueError:  # the validator's own nesting limit
        return True


def _string_kind(name: str, fmt: str | None) -> str:
    """What a string property holds, from its name and `format` alone (the factory asks once per property)."""
    lowered = name.lower()
    if fmt == "email" or "email" in lowered:
        return "email"
    if fmt == "uri" or lowered.endswith(("url", "link", "pic", "image", "website")):
        return "uri"
    if fmt in FORMATS:
        return "format"
    if "phone" in lowered or lowered.endswith("number") or lowered == "userid":
        return "phone"
    if "ipaddress" in lowered:
        return "ip"
    if lowered.endswith("countrycode"):
        return "country"
    if lowered in {"lang", "language"}:
        return "language"
    if lowered == "currency":
        return "currency"
    if lowered.endswith("company"):
        return "company"
    if lowered.endswith("name"):
        return "name"
    if "date" in lowered or lowered.endswith(("at", "timestamp")):
        return "date"
    if lowered.endswith("time"):
        return "time"
    if lowered.endswith(("id", "key")):
        return "id"
    return "words"


class ConversationFactory:
    """Builds conversation bodies for the mock from the spec's `Conversation` schema.

    `schema` must be dereferenced (no `$ref`s). Bodies are cached: the mock serves the
    same conversation many times, and generation dominates its cost otherwise.
    """

    def __init__(
        self, schema: dict[str, Any], *, complete: bool = False, seed: int = 0, defs: Mapping[str, Any] | None = None
    ) -> None:
        self._defs = defs if defs is not None else schema.get("$defs") or {}
        self._schema = schema
        self._turn = 0
        self._unions: dict[int, tuple[dict[str, Any], Any]] = {}  # by identity, the schema kept alive
        # The walk asks the same questions of the same schema objects for every body: answered
        # once, by identity, each schema kept alive with its answer so an identity is never reused.
        self._concretes: dict[tuple[int, int], tuple[dict[str, Any], dict[str, Any]]] = {}
        self._choice_counts: dict[int, tuple[dict[str, Any], int]] = {}
        self._string_kinds: dict[tuple[str, str | None], str] = {}
        self._id_field = id_field(schema)
        self._first = concrete(schema, self._defs)  # the first turn's schema, made once: most bodies need no other
        self._sets_id = self._id_field is not None and self._takes_any_id()
        self._top_union = _choices(schema, self._defs) > 1
        # Seed 0 adds no salt, so its bodies match the golden files byte for byte.
        self._salt = b"" if seed == 0 else f"\0{seed}".encode()
        # `complete` bodies carry every documented field and at least one item per array:
        # the drift benchmark's "full conversations", and a worst case for validators.
        self._presence = 1.0 if complete else _OPTIONAL_FIELD_PRESENCE
        self._min_items = 1 if complete else 0  # follows `complete`, as `_presence` does: one key part for both
        self._content = _content_key(schema, self._defs)

    def conversation(self, agent_id: str, convo_id: str, turn: int = 0) -> Any:
        """The `data` object for one conversation: same IDs, same body (`turn`: another try, other choices).

        The body is the caller's own: one made before is handed out as a copy.
        """
        if self._content is None:
            return self._make(agent_id, convo_id, turn)
        key = (self._content, self._presence, self._salt, agent_id, convo_id, turn)
        return copied(_MADE.get_or_make(key, lambda: self._make(agent_id, convo_id, turn)))

    def _make(self, agent_id: str, convo_id: str, turn: int) -> Any:
        salt = self._salt if turn == 0 else self._salt + f"\0turn{turn}".encode()
        seed = hashlib.sha256(f"{agent_id}\0{convo_id}".encode() + salt).digest()
        rng = random.Random(int.from_bytes(seed[:8], "big"))  # noqa: S311 - test data, not secrets
        start = rng.randint(*_EPOCH_RANGE)
        timeline = _Timeline(start=start, end=start + rng.randint(60, 3 * 86_400))
        self._turn = turn
        if self._top_union:  # a union at the top: checked as any other union
            body = self._value("body", self._schema, rng, timeline, 0)
        else:
            shape = self._first if turn == 0 else concrete(self._schema, self._defs, turn)
            body = self._object(shape, rng, timeline, depth=0)
        if self._sets_id and self._id_field is not None and isinstance(body, dict):
            body[self._id_field] = convo_id  # the record's ID is the one asked for
        self._settle_timestamps(timeline)
        return body

    def _takes_any_id(self) -> bool:
        """True when the ID property accepts any string (an enum, pattern or format would refuse the one asked for)."""
        props = self._first.get("properties") or {}
        prop = props.get(self._id_field) if isinstance(props, dict) else None
        constraints = {"enum", "const", "pattern", "format", "maxLength", "minLength"}
        return isinstance(prop, dict) and not constraints & set(concrete(prop, self._defs))

    # --- generic schema walk -------------------------------------------------------------

    def _concrete(self, schema: dict[str, Any], turn: int) -> dict[str, Any]:
        key = (id(schema), turn)
        known = self._concretes.get(key)
        if known is None:
            known = self._concretes[key] = (schema, concrete(schema, self._defs, turn))
        return known[1]

    def _choices(self, schema: dict[str, Any]) -> int:
        known = self._choice_counts.get(id(schema))
        if known is None:
            known = self._choice_counts[id(schema)] = (schema, _choices(schema, self._defs))
        return known[1]

    def _value(self, name: str, schema: dict[str, Any], rng: random.Random, timeline: _Timeline, depth: int) -> Any:
        choices = self._choices(schema)
        if choices > 1:  # a union: a value exactly one `oneOf` branch (at least one `anyOf` branch) accepts
            accepts = self._union_validator(schema)
            turn, value = self._turn, None
            for offset in range(_UNION_TRIES):
                self._turn = turn + offset
                value = self._one(name, schema, rng, timeline, depth)
                if accepts is None or _valid(accepts, value):
                    break
            self._turn = turn
            return value
        return self._one(name, schema, rng, timeline, depth)

    def _union_validator(self, schema: dict[str, Any]) -> Any:
        key = id(schema)
        if key not in self._unions:
            try:
                checked = with_nullable_as_type({**schema, "$defs": self._defs} if self._defs else schema)
                self._unions[key] = (schema, jsonschema_rs.validator_for(checked))
            except (ValueError, jsonschema_rs.ValidationError):
                self._unions[key] = (schema, None)
        return self._unions[key][1]

    def _one(self, name: str, schema: dict[str, Any], rng: random.Random, timeline: _Timeline, depth: int) -> Any:
        schema = self._concrete(schema, self._turn)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return rng.choice(schema["enum"])
        if isinstance(schema.get("examples"), list) and schema["examples"]:
            return rng.choice(schema["examples"])
        kind = schema.get("type")
        if isinstance(kind, list):
            # `type: [string, null]` (3.1): usually a value, now and then the null it allows.
            kinds = [k for k in kind if k != "null"]
            if not kinds or ("null" in kind and rng.random() < 0.2):
                return None
            kind = kinds[0]
            schema = {**schema, "type": kind}
        elif schema.get("nullable") is True and rng.random() < 0.2:  # the 3.0 spelling
            return None
        if kind == "object":
            return self._object(schema, rng, timeline, depth + 1)
        if kind == "array":
            items = schema.get("items") or {}
            least = schema.get("minItems")
            fewest = least if isinstance(least, int) and not isinstance(least, bool) and 0 <= least <= _MAX_ITEMS else 0
            # Deep down (a recursive schema), only what the schema demands: the body stays finite.
            count = rng.randint(max(self._min_items, fewest), max(_MAX_ITEMS, fewest)) if depth < _DEEP else fewest
            return [self._value(name, items, rng, timeline, depth + 1) for _ in range(count)]
        if kind == "string":
            return fitted(self._string(name, schema, rng), schema)
        if kind == "integer":
            if schema.get("x-epoch-unit") == "seconds":
                return self._epoch(name, rng, timeline)
            return integer(schema, rng)
        if kind == "number":
            return number(schema, rng)
        if kind == "boolean":
            return rng.random() < 0.5
        # Untyped (`<unknown>` on the page): any JSON value; keep it simple and printable.
        return rng.choice([_words(rng, 2), rng.randint(0, 100), {"key": _words(rng, 1)}])

    def _object(self, schema: dict[str, Any], rng: random.Random, timeline: _Timeline, depth: int) -> dict[str, Any]:
        props: dict[str, Any] = schema.get("properties") or {}
        if not props:
            # A free-form object: a couple of keys (none when deeply nested or closed), with
            # values of the documented `additionalProperties` schema, else words.
            extra = schema.get("additionalProperties")
            count = rng.randint(0, 2) if depth < 4 and extra is not False else 0
            if isinstance(extra, dict) and extra:
                return {f"key{i}": self._value(f"key{i}", extra, rng, timeline, depth + 1) for i in range(count)}
            return {f"key{i}": _words(rng, 1) for i in range(count)}
        required = set(schema.get("required") or ())
        out: dict[str, Any] = {}
        if depth > _DEEPEST:  # a schema that requires itself forever has no finite instance
            return out
        for name, prop in props.items():
            if name in required or (depth < _DEEP and rng.random() < self._presence):
                out[name] = self._value(name, prop, rng, timeline, depth)
                if prop.get("x-epoch-unit") == "seconds" and isinstance(out[name], int):
                    timeline.issued.append((out, name))
        return out

    def _string(self, name: str, schema: dict[str, Any], rng: random.Random) -> str:
        first, last = _person(rng)
        fmt = schema.get("format")
        fmt = fmt if isinstance(fmt, str) else None  # a format constrains by name: anything else is none
        kind = self._string_kinds.get((name, fmt))
        if kind is None:
            kind = self._string_kinds[(name, fmt)] = _string_kind(name, fmt)
        if kind == "email":
            return f"{first}.{last}@example.com".lower()
        if kind == "uri":
            return f"https://example.com/{_slug(name)}/{rng.randint(1000, 9999)}"
        if kind == "format" and fmt is not None:  # any other format the drift check validates
            return FORMATS[fmt](rng)
        if kind == "phone":
            return _e164(rng)
        if kind == "ip":
            return f"203.0.113.{rng.randint(1, 254)}"  # TEST-NET-3: never a real host
        if kind == "country":
            return rng.choice(_COUNTRIES)
        if kind == "language":
            return rng.choice(_LANGS)
        if kind == "currency":
            return rng.choice(("USD", "EUR", "GBP"))
        if kind == "company":
            return rng.choice(_COMPANIES)
        if kind == "name":
            return f"{first} {last}"
        if kind == "date":
            return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if kind == "time":
            return f"{rng.randint(8, 18):02d}:{rng.choice(('00', '15', '30', '45'))}"
        if kind == "id":
            return f"{_slug(name)}_{rng.randrange(16**8):08x}"
        return _words(rng, rng.randint(1, 6))

    # --- timestamps ---------------------------------------------------------------------

    @staticmethod
    def _epoch(name: str, rng: random.Random, timeline: _Timeline) -> int:
        lowered = name.lower()
        if lowered == "ts" or lowered.startswith("first"):
            return timeline.start + rng.randint(0, 5)
        if lowered.startswith("last"):
            return timeline.end - rng.randint(0, 5)
        return rng.randint(timeline.start, timeline.end)

    @staticmethod
    def _settle_timestamps(timeline: _Timeline) -> None:
        # A "modified" time is never before anything else that happened: raise it to the
        # latest timestamp issued, so firstMessageTS <= lastMessageTS <= lastModified.
        latest = max((holder[key] for holder, key in timeline.issued), default=timeline.end)
        for holder, key in timeline.issued:
            if "modified" in key.lower():
                holder[key] = latest
