"""The drift check's fast path: a conforming line decoded and validated in one C pass (msgspec).

Most lines of an export conform. For them the slow path costs two passes: `orjson.loads`
builds Python objects, then jsonschema-rs walks them. Here the check schema is translated
once into msgspec `Struct` types, so `msgspec.json.decode(line, type=...)` parses and
type-checks in one pass.

The fast path may only ever say "conforms". Anything it rejects goes to the slow path,
which finds and classifies the drift. So the translation must accept nothing the check
schema rejects:

- it covers `type`, `properties`, `required`, `additionalProperties` (false, or absent on
  a free-form map), `items`, `enum`, the numeric bounds (inclusive and exclusive) and the
  string lengths;
- `format` values are checked afterwards by jsonschema-rs itself, on those values alone;
- any other keyword, a union msgspec cannot express, or a mixed-type enum disables the
  fast path for the whole schema (`FastPath.build` returns None);
- what orjson refuses to parse (invalid UTF-8, lone surrogates, trailing commas, NaN,
  numbers past a double) msgspec refuses too, so such a line reaches the slow path and is
  reported unreadable there. Integers are the one gap: msgspec takes an integer literal of
  any size where orjson refuses one past a double. So every integer, typed or untyped, is
  bounded to int64 (an untyped value is decoded as `_JSON`, not `Any`), and a larger one
  takes the slow path;
- msgspec is stricter in places (`5.0` is not an `int` to it), which only sends a line to
  the slow path.

`present` answers the never-observed question from the decoded structs. The equivalence
with the slow path is tested on mutated bodies (`tests/test_drift_fastpath.py`).
"""

from __future__ import annotations

import hashlib
import math
import operator
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, NewType, Union

import jsonschema_rs
import msgspec
import orjson

from vgcontract.recent import Recent

__all__ = ["FastPath"]

_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_LENGTHS = ("minLength", "maxLength")
_KNOWN = frozenset({"type", "properties", "required", "additionalProperties", "items", "enum", *_BOUNDS, *_LENGTHS})
_SCALARS: dict[str, Any] = {"string": str, "integer": int, "number": float, "boolean": bool, "null": type(None)}
# Fast paths built in this process, by (check schema content, success flag); None: cannot be exact.
_BUILT: Recent[FastPath | None] = Recent(16)


class _Unsupported(Exception):
    """The schema uses something the fast path cannot express exactly."""


class FastPath:
    """Struct types for one check schema, the format and raw-value checks, and presence of documented paths."""

    def __init__(self, decoder: msgspec.json.Decoder[Any], builder: _Builder) -> None:
        self._decoder = decoder
        self._names = builder.names  # struct type -> JSON name -> attribute
        # Per format, one jsonschema-rs validator over the list of every string value with it.
        self._by_format = {
            name: jsonschema_rs.validator_for({"type": "array", "items": {"format": name}}, validate_formats=True)
            for name in sorted({fmt for _tokens, fmt in builder.formats})
        }
        # The common case, a path through struct fields only, as one C-level attrgetter each.
        order = list(self._by_format)
        self._format_validators = [self._by_format[name] for name in order]
        self._single_formats: list[tuple[int, Callable[[Any], Any]]] = []
        self._multi_formats: list[tuple[int, Any]] = []
        for tokens, fmt in builder.formats:
            single = self._single(tokens, builder.structs)
            if single is not None:
                self._single_formats.append((order.index(fmt), single))
            else:
                self._multi_formats.append((order.index(fmt), self._getter(tokens, builder.structs)))
        # When every formatted value sits at a path of struct fields (the usual body), all of
        # them are read by one `attrgetter` and checked by one validator call, position by position.
        self._all_at_once: tuple[Callable[[Any], Any], Any] | None = None
        if len(builder.formats) > 1 and not self._multi_formats:
            dotted = [self._dotted(tokens, builder.structs) for tokens, _fmt in builder.formats]
            by_position = {"type": "array", "prefixItems": [{"format": fmt} for _tokens, fmt in builder.formats]}
            self._all_at_once = (
                operator.attrgetter(*dotted),
                jsonschema_rs.validator_for(by_position, validate_formats=True),
            )

    @classmethod
    def build(cls, check_schema: dict[str, Any], flag: str | None) -> FastPath | None:
        """The fast path for `check_schema` (success flag `flag` must be true), or None when it cannot be exact.

        Built once per schema content in a process (msgspec's decoder for a new type tree
        takes tens of ms); a fast path never changes once built, so runs share it.
        """
        try:
            content = orjson.dumps(check_schema, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # not plain JSON (an integer past 64 bits): built for this run alone
            return cls._built(check_schema, flag)
        return _BUILT.get_or_make((hashlib.sha256(content).digest(), flag), lambda: cls._built(check_schema, flag))

    @classmethod
    def _built(cls, check_schema: dict[str, Any], flag: str | None) -> FastPath | None:
        builder = _Builder()
        try:
            root = builder.type_of(check_schema, (), "Body", flag=flag)
            decoder = msgspec.json.Decoder(root)
        except Exception:
            return None
        return cls(decoder, builder)

    def _getter(self, tokens: tuple[str, ...], structs: dict[tuple[str, ...], type]) -> Any:
        """Every value at `tokens`, compiled: C-level `attrgetter`s between the wildcards."""
        compiled = self._compile(tokens, (), structs)
        return compiled if compiled is not None else (lambda decoded: list(self._values(decoded, tokens)))

    def _single(self, tokens: tuple[str, ...], structs: dict[tuple[str, ...], type]) -> Callable[[Any], Any] | None:
        """One `attrgetter` for a path of struct fields only (no wildcard), else None."""
        for depth, token in enumerate(tokens):
            struct = structs.get(tokens[:depth])
            names = self._names.get(struct) if struct is not None else None
            if token in _WILDCARDS or names is None or token not in names:
                return None
        if not tokens:
            return None
        return operator.attrgetter(self._dotted(tokens, structs))

    def _dotted(self, tokens: tuple[str, ...], structs: dict[tuple[str, ...], type]) -> str:
        """The attribute path of a path of struct fields (what `_single` accepted)."""
        return ".".join(self._names[structs[tokens[:depth]]][token] for depth, token in enumerate(tokens))

    def _compile(self, tokens: tuple[str, ...], base: tuple[str, ...], structs: dict[tuple[str, ...], type]) -> Any:
        wild = next((i for i, token in enumerate(tokens) if token in _WILDCARDS), len(tokens))
        attributes = []
        for depth in range(wild):
            struct = structs.get((*base, *tokens[:depth]))
            names = self._names.get(struct) if struct is not None else None
            if names is None or tokens[depth] not in names:
                return None  # not a struct field all the way: the generic walk
            attributes.append(names[tokens[depth]])
        getter: Callable[[Any], Any] = operator.attrgetter(".".join(attributes)) if attributes else _same

        def here(node: Any) -> Any:
            try:
                return getter(node)
            except AttributeError:  # an absent (UNSET) or null object on the way
                return msgspec.UNSET

        if wild == len(tokens):
            return lambda node: [] if (value := here(node)) is msgspec.UNSET else [value]
        rest = self._compile(tokens[wild + 1 :], (*base, *tokens[: wild + 1]), structs)
        if rest is None:
            return None
        over_list = tokens[wild] == "[]"

        def spread(node: Any) -> list[Any]:
            container = here(node)
            items = container if over_list and type(container) is list else (
                container.values() if not over_list and type(container) is dict else ())  # fmt: skip
            out: list[Any] = []
            for item in items:
                out += rest(item)
            return out

        return spread

    def check(self, line: bytes) -> Any:
        """The decoded body when `line` certainly conforms; None otherwise (take the slow path)."""
        try:
            decoded = self._decoder.decode(line)
        except Exception:  # invalid UTF-8, depth, anything: the slow path says what it is
            return None
        if self._all_at_once is not None:
            get_all, validator = self._all_at_once
            try:
                values = get_all(decoded)
            except AttributeError:  # an absent (UNSET) or null object on the way: path by path below
                pass
            else:  # a format constrains strings only: anything else (absent included) is passed as null
                return decoded if validator.is_valid([v if type(v) is str else None for v in values]) else None
        if self._format_validators:
            buckets: list[list[str]] = [[] for _ in self._format_validators]
            for index, single in self._single_formats:
                try:
                    value = single(decoded)
                except AttributeError:  # an absent (UNSET) or null object on the way
                    continue
                if type(value) is str:  # a format constrains strings only
                    buckets[index].append(value)
            for index, get in self._multi_formats:
                buckets[index] += [value for value in get(decoded) if type(value) is str]
            for validator, found in zip(self._format_validators, buckets, strict=True):
                if found and not validator.is_valid(found):
                    return None
        return decoded

    def _values(self, node: Any, tokens: tuple[str, ...]) -> Iterable[Any]:
        if not tokens:
            if node is not msgspec.UNSET:
                yield node
            return
        head, rest = tokens[0], tokens[1:]
        if head == "[]":
            if isinstance(node, list):
                for item in node:
                    yield from self._values(item, rest)
            return
        if head == "*":  # every value of a map (`additionalProperties`)
            if isinstance(node, dict):
                for item in node.values():
                    yield from self._values(item, rest)
            return
        names = self._names.get(type(node))
        if names is not None and head in names:
            yield from self._values(getattr(node, names[head]), rest)
        elif isinstance(node, dict) and head in node:
            yield from self._values(node[head], rest)

    def present(self, decoded: Any, tokens: tuple[str, ...]) -> bool:
        """True when the documented path `tokens` has a value in `decoded` (any array item counts)."""
        return any(True for _ in self._values(decoded, tokens))


# msgspec takes integers of any size, orjson refuses a literal past a double: integers are
# bounded to int64 here (what msgspec can bound), and anything larger takes the slow path.
_INT64 = (-(2**63), 2**63 - 1)


def _same(node: Any) -> Any:
    return node


_WILDCARDS = frozenset({"[]", "*"})  # path tokens for "every item" and "every map value"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _admits(value: Any, schema: dict[str, Any]) -> bool:
    """Whether a scalar keeps the schema's bounds (numbers) and lengths (strings), as JSON Schema reads them."""
    get = schema.get
    if _is_number(value):
        return not any((
            _is_number(get("minimum")) and value < get("minimum"),
            _is_number(get("maximum")) and value > get("maximum"),
            _is_number(get("exclusiveMinimum")) and value <= get("exclusiveMinimum"),
            _is_number(get("exclusiveMaximum")) and value >= get("exclusiveMaximum"),
        ))  # fmt: skip
    if isinstance(value, str):
        shortest, longest = get("minLength"), get("maxLength")
        too_short = isinstance(shortest, int) and len(value) < shortest
        return not too_short and not (isinstance(longest, int) and len(value) > longest)
    return True


def _scalar(kind: str, schema: dict[str, Any]) -> Any:
    """The msgspec type of a scalar schema: its bounds (numbers) or lengths (strings) as `Meta`."""
    if any(k in schema and not _is_number(schema[k]) for k in _BOUNDS):
        raise _Unsupported("a bound that is not a number")  # 3.0's boolean `exclusiveMinimum` included
    if any(k in schema and (type(schema[k]) is not int or schema[k] < 0) for k in _LENGTHS):
        raise _Unsupported("a length that is not a count")
    if kind == "string":  # lengths count code points, in JSON Schema as in Python's `len`
        low, high = schema.get("minLength"), schema.get("maxLength")
        return str if low is None and high is None else Annotated[str, msgspec.Meta(min_length=low, max_length=high)]
    if kind not in {"integer", "number"}:
        return _SCALARS[kind]  # bounds and lengths constrain numbers and strings only
    low, high = schema.get("minimum"), schema.get("maximum")
    above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if kind == "integer":
        if any(isinstance(b, float) and not b.is_integer() for b in (low, high)):
            raise _Unsupported("a fractional bound on an integer")
        lows = [
            _INT64[0],
            *([int(low)] if low is not None else []),
            *([math.floor(above) + 1] if above is not None else []),
        ]
        highs = [
            _INT64[1],
            *([int(high)] if high is not None else []),
            *([math.ceil(below) - 1] if below is not None else []),
        ]
        return Annotated[int, msgspec.Meta(ge=max(lows), le=min(highs))]
    if any(b is not None and abs(b) >= 2**53 for b in (low, high, above, below)):
        raise _Unsupported("a bound a double cannot hold exactly")
    if low is None and high is None and above is None and below is None:
        return float
    # The tighter of the inclusive and exclusive bound on each side.
    lower = {"gt": above} if above is not None and (low is None or above >= low) else {"ge": low}
    upper = {"lt": below} if below is not None and (high is None or below <= high) else {"le": high}
    return Annotated[float, msgspec.Meta(**lower, **upper)]


_INT = Annotated[int, msgspec.Meta(ge=_INT64[0], le=_INT64[1])]
# Untyped values nest at most this deep on the fast path; deeper ones take the slow path.
# (msgspec expands the type once per reference, 2**depth nodes: 6 builds in about 10 ms.)
_JSON_DEPTH = 6


def _json_value(depth: int) -> Any:
    """Any JSON value nested at most `depth` containers deep, its integers bounded to int64.

    It replaces `Any`, under which msgspec decodes an integer literal of any size (orjson
    refuses one past a double), at a fraction of the cost of screening every line for long
    digit runs. msgspec has no recursive types, hence the fixed depth.
    """
    value: Any = Union[str, _INT, float, bool, None]  # noqa: UP007 - built at run time
    for _ in range(depth):
        value = Union[str, _INT, float, bool, None, list[value], dict[str, value]]  # noqa: UP007
    return value


# A NewType, so that typing does not rebuild the nested unions when msgspec reads a field.
_JSON = NewType("_JSON", _json_value(_JSON_DEPTH))  # type: ignore[misc]


class _Builder:
    def __init__(self) -> None:
        self.formats: list[tuple[tuple[str, ...], str]] = []
        self.names: dict[type, dict[str, str]] = {}
        self.structs: dict[tuple[str, ...], type] = {}  # path of an object -> its struct type
        self._count = 0

    def type_of(self, schema: Any, path: tuple[str, ...], name: str, *, flag: str | None = None) -> Any:
        if not isinstance(schema, dict) or set(schema) - _KNOWN - {"format"}:
            raise _Unsupported(f"keywords {sorted(set(schema) - _KNOWN) if isinstance(schema, dict) else schema}")
        if "format" in schema:
            self.formats.append((path, str(schema["format"])))
        kinds = schema.get("type")
        if kinds is None and set(schema) <= {"format"}:
            return _JSON  # untyped: any JSON value
        if isinstance(kinds, str):
            kinds = [kinds]
        if not isinstance(kinds, list) or not kinds:
            raise _Unsupported("constraints without a type")
        enum = schema.get("enum")
        # With an enum, a `null` type is allowed only when null is listed too.
        kinds = [k for k in kinds if not (k == "null" and isinstance(enum, list) and None not in enum)]
        if not kinds:
            raise _Unsupported("an enum that allows nothing")
        options = [self._one(kind, schema, path, name, flag) for kind in kinds]
        return options[0] if len(options) == 1 else Union[tuple(options)]  # noqa: UP007 - built at run time

    def _one(self, kind: str, schema: dict[str, Any], path: tuple[str, ...], name: str, flag: str | None) -> Any:
        if kind == "null":
            return type(None)
        if "enum" in schema:
            values = [v for v in schema["enum"] if v is not None]
            if not values or len({type(v) for v in values}) != 1 or type(values[0]) not in {str, int}:
                raise _Unsupported("enum")
            if not all(_SCALARS.get(kind) is type(v) for v in values):
                raise _Unsupported("enum of another type")
            # Bounds and lengths still apply beside an enum: only the values that keep them are valid.
            values = [v for v in values if _admits(v, schema)]
            if not values:
                raise _Unsupported("an enum whose values are all out of bounds")
            return Literal[tuple(values)]
        if kind == "object":
            return self._object(schema, path, name, flag)
        if kind == "array":
            items = schema.get("items", True)
            if items is True:
                return list[_JSON]
            if not isinstance(items, dict):
                raise _Unsupported("items that are not a schema")  # `items: false`
            return list[self.type_of(items, (*path, "[]"), name + "Item")]  # type: ignore[misc]
        if kind not in _SCALARS:
            raise _Unsupported(kind)
        return _scalar(kind, schema)

    def _object(self, schema: dict[str, Any], path: tuple[str, ...], name: str, flag: str | None) -> Any:
        props = schema.get("properties") or {}
        extra = schema.get("additionalProperties", True)
        required = set(schema.get("required") or ())
        if required - set(props):
            raise _Unsupported("a required name that is not a listed property")
        if not props:
            if extra is False:
                raise _Unsupported("a closed object with no properties")
            if isinstance(extra, dict):
                return dict[str, self.type_of(extra, (*path, "*"), name + "Value")]  # type: ignore[misc]
            return dict[str, _JSON]
        if extra is not False:
            raise _Unsupported("an open object with properties")  # the check schema closes every one
        if set(props) & _WILDCARDS:
            raise _Unsupported("a property named like a path wildcard")  # paths would misread it
        fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
        rename: dict[str, str] = {}
        for index, (key, prop) in enumerate(props.items()):
            attribute = f"f{index}"
            rename[attribute] = key
            kind = self.type_of(prop, (*path, key), f"{name}_{index}")
            if flag is not None and key == flag:
                # The success flag must be there and true on a conforming 200, documented as
                # required or not (the engine's slow path asks the same).
                kind = Literal[True]
                fields.append((attribute, kind))
                continue
            if key in required:
                fields.append((attribute, kind))
            else:
                fields.append((attribute, Union[kind, msgspec.UnsetType], msgspec.UNSET))  # noqa: UP007
        self._count += 1
        # Required fields first: msgspec wants defaults last; the order of attributes is internal.
        fields.sort(key=lambda f: len(f) == 3)
        # gc=False: a body decoded from JSON holds no cycles, so the collector need not track
        # the dozens of Structs each line makes (about 1-2% of the check, measured side by side).
        struct = msgspec.defstruct(
            f"{name}{self._count}", fields, rename=rename, forbid_unknown_fields=True, kw_only=True, gc=False
        )
        self.names[struct] = {json: attr for attr, json in rename.items()}
        self.structs[path] = struct
        return struct
