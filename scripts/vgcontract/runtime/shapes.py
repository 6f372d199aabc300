"""The field shapes every model decodes with, and the shared types: ``UNSET``, ``Response``, ``File``.

Each model declares its fields as shapes (``STRING``, ``ListOf(ModelRef(CrmNote))``, ...)
generated from the spec. Decoding walks the JSON once, builds the models, and collects a
``ShapeProblem`` wherever the body departs from the spec instead of failing there: the
lenient default keeps the server's value as it is (so no data is lost and nothing
crashes), and strict mode turns the collected problems into one ``ResponseShapeError``.
"""

from __future__ import annotations

import datetime
import enum
import json
import uuid
from collections.abc import Callable, Container, Mapping
from typing import Any, TypeVar

from attrs import define

from .errors import ShapeProblem
from .problems import child_path, describe, item_path
from .response_types import UNSET, File, FileTypes, RequestFiles, Response, Unset

T = TypeVar("T")

__all__ = [
    "ANY",
    "BOOLEAN",
    "BYTES",
    "DATE",
    "DATETIME",
    "INTEGER",
    "NULL",
    "NUMBER",
    "STRING",
    "TEXT",
    "UNSET",
    "UUID",
    "Choice",
    "Const",
    "EnumOf",
    "Field",
    "File",
    "FileTypes",
    "ListOf",
    "ModelRef",
    "ModelShape",
    "OneOf",
    "RequestFiles",
    "Response",
    "Shape",
    "Unset",
    "child_path",
    "decode",
    "decode_shape",
]


class Shape:
    """How one spot of a body is documented: ``decode`` JSON into Python, ``encode`` it back.

    ``decode`` never raises for bad data: it appends a ``ShapeProblem`` and returns the
    value unchanged, so a lenient caller keeps it. ``encode`` passes such values through.
    """

    expected: str = "any value"
    fast: Container[type] | None = None
    """Types whose values ``decode`` returns as they are, with no problem: the decoder's
    fast path skips the call (and the path string) for them. None: always call."""

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        return value

    def encode(self, value: Any) -> Any:
        return value


class _Everything:
    """A container that holds every type: ``ANY`` takes any value as it is."""

    def __contains__(self, _item: object) -> bool:
        return True


class _JsonType(Shape):
    def __init__(self, expected: str, accepts: Callable[[Any], bool], fast: frozenset[type]) -> None:
        self.expected = expected
        self._accepts = accepts
        self.fast = fast

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        if not self._accepts(value):
            problems.append(ShapeProblem(path, self.expected, describe(value)))
        return value


class _Integer(Shape):
    expected = "integer"
    fast = frozenset({int})  # `type(True) is bool`, never int: booleans take the slow path and fail there

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)  # JSON Schema counts 5.0 as an integer
        problems.append(ShapeProblem(path, self.expected, describe(value)))
        return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


ANY = Shape()
ANY.fast = _Everything()
STRING: Shape = _JsonType("string", lambda value: isinstance(value, str), frozenset({str}))
INTEGER: Shape = _Integer()
NUMBER: Shape = _JsonType("number", _is_number, frozenset({int, float}))
BOOLEAN: Shape = _JsonType("boolean", lambda value: isinstance(value, bool), frozenset({bool}))
NULL: Shape = _JsonType("null", lambda value: value is None, frozenset({type(None)}))
TEXT = Shape()
"""A body that is text (``text/*``): returned as ``str``, never parsed as JSON."""
TEXT.expected = "text"
BYTES = Shape()
"""A body that is bytes (a file): returned as ``File``."""
BYTES.expected = "bytes"


class _Parsed(Shape):
    """A string with a format the client parses: date-time, date, uuid."""

    def __init__(self, expected: str, parse: Callable[[str], Any]) -> None:
        self.expected = expected
        self._parse = parse

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        if isinstance(value, str):
            try:
                return self._parse(value)
            except ValueError:
                pass
        problems.append(ShapeProblem(path, self.expected, describe(value)))
        return value

    def encode(self, value: Any) -> Any:
        return _encode_plain(value)


DATETIME: Shape = _Parsed("date-time string", datetime.datetime.fromisoformat)
DATE: Shape = _Parsed("date string", datetime.date.fromisoformat)
UUID: Shape = _Parsed("uuid string", uuid.UUID)


class Choice(Shape):
    """A literal enum: the value must be one of the listed ones, of the same JSON type."""

    def __init__(self, *values: str | int | float | bool | None) -> None:
        self._values = values
        self.expected = "one of " + ", ".join(json.dumps(value) for value in values)
        # (type, value) pairs: the decoder's fast path checks membership without a call.
        self.pairs = frozenset((type(value), value) for value in values)

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        # Compare types as well: True == 1 in Python, but not in JSON.
        if not any(type(value) is type(known) and value == known for known in self._values):
            problems.append(ShapeProblem(path, self.expected, describe(value)))
        return value


class EnumOf(Shape):
    """An ``Enum`` class enum (used when ``literal_enums`` is off)."""

    def __init__(self, enum_class: type[enum.Enum]) -> None:
        self._enum_class = enum_class
        self.expected = "one of " + ", ".join(json.dumps(member.value) for member in enum_class)

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        try:
            return self._enum_class(value)
        except (ValueError, TypeError):
            problems.append(ShapeProblem(path, self.expected, describe(value)))
            return value

    def encode(self, value: Any) -> Any:
        return value.value if isinstance(value, enum.Enum) else value


class Const(Shape):
    """A ``const`` value."""

    def __init__(self, value: Any) -> None:
        self._value = value
        self.expected = json.dumps(value)

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        if type(value) is not type(self._value) or value != self._value:
            problems.append(ShapeProblem(path, self.expected, describe(value)))
        return value


class ListOf(Shape):
    """An array whose items all have one shape."""

    def __init__(self, item: Shape) -> None:
        self._item = item
        self.expected = "array"

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        if type(value) is not list and not isinstance(value, list):
            problems.append(ShapeProblem(path, self.expected, describe(value)))
            return value
        fast = self._item.fast
        if fast is not None:
            for item in value:
                if type(item) not in fast:
                    break
            else:
                return list(value)  # every item as it is: one copy, no call per item
        decode = self._item.decode
        return [decode(item, item_path(path, index), problems) for index, item in enumerate(value)]

    def encode(self, value: Any) -> Any:
        return [self._item.encode(item) for item in value] if isinstance(value, list) else value


class OneOf(Shape):
    """A union (``anyOf``, ``oneOf``, a type list): the first option that fits cleanly wins."""

    def __init__(self, *options: Shape) -> None:
        self._options = options
        self.expected = " or ".join(option.expected for option in options)
        fasts = [option.fast for option in options]
        if any(isinstance(fast, _Everything) for fast in fasts):
            self.fast = _Everything()
        elif all(isinstance(fast, frozenset) for fast in fasts):
            self.fast = frozenset().union(*(fast for fast in fasts if isinstance(fast, frozenset)))

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        for option in self._options:
            trial: list[ShapeProblem] = []
            decoded = option.decode(value, path, trial)
            if not trial:
                return decoded
        problems.append(ShapeProblem(path, self.expected, describe(value)))
        return value

    def encode(self, value: Any) -> Any:
        for option in self._options:
            if isinstance(option, ModelRef) and isinstance(value, option.model_class):
                return option.encode(value)
        return _encode_plain(value)


class ModelRef(Shape):
    """A nested model, resolved lazily so that models may refer to each other."""

    def __init__(self, model_class: type[Any]) -> None:
        self.model_class = model_class
        self.expected = "object"
        self._shape: ModelShape | None = None

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        shape = self._shape
        if shape is None:  # first use: the model's shape, resolved once
            shape = self._shape = self.model_class._shape_()
        return shape.decode(value, path, problems)

    def encode(self, value: Any) -> Any:
        return value.to_dict() if isinstance(value, self.model_class) else value


@define(frozen=True)
class Field:
    """One documented property: its JSON name, attribute name, shape, and whether it is required."""

    json_name: str
    attribute: str
    shape: Shape
    required: bool


class ModelShape(Shape):
    """An object with documented properties, decoded into an attrs model class.

    ``extra`` is the shape of undocumented properties (kept in ``additional_properties``),
    or None when the spec forbids them: they are then reported and dropped.
    """

    expected = "object"

    def __init__(self, model_class: type[Any], fields: tuple[Field, ...], extra: Shape | None) -> None:
        self.model_class = model_class
        self.fields = fields
        self.extra = extra
        # Per JSON name, what the loop needs without attribute lookups: the attribute, the
        # shape, the fast path's types and a literal enum's (type, value) pairs.
        self._plan = {
            item.json_name: (item.attribute, item.shape, item.shape.fast, getattr(item.shape, "pairs", None))
            for item in fields
        }
        self._required = tuple(item for item in fields if item.required)
        self._required_names = frozenset(item.json_name for item in self._required)

    def decode(self, value: Any, path: str, problems: list[ShapeProblem]) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            problems.append(ShapeProblem(path, self.expected, describe(value)))
            return value
        # Only the keys present are visited: an absent optional field keeps its attrs
        # default (UNSET), so a sparse body costs what it holds, not what the spec lists.
        arguments: dict[str, Any] = {}
        undocumented: dict[str, Any] = {}
        plan = self._plan
        for key, item in value.items():
            entry = plan.get(key)
            if entry is None:
                undocumented[key] = item
                continue
            attribute, shape, fast, pairs = entry
            kind = type(item)
            if fast is not None and kind in fast:  # noqa: SIM114 -- the common case, tested first and alone
                arguments[attribute] = item
            elif pairs is not None and kind in _HASHABLE and (kind, item) in pairs:
                arguments[attribute] = item
            else:
                arguments[attribute] = shape.decode(item, child_path(path, key), problems)
        if self._required and not self._required_names <= value.keys():
            for field_ in self._required:
                if field_.json_name not in value:
                    here = child_path(path, field_.json_name)
                    problems.append(ShapeProblem(here, f"required {field_.shape.expected}", "missing"))
                    arguments[field_.attribute] = UNSET
        instance = self.model_class(**arguments)
        if self.extra is not None:
            extra = self.extra
            instance.additional_properties = {
                key: extra.decode(item, child_path(path, str(key)), problems) for key, item in undocumented.items()
            }
        else:
            for key, item in undocumented.items():
                problems.append(ShapeProblem(child_path(path, str(key)), "no undocumented property", describe(item)))
        return instance

    def encode(self, value: Any) -> Any:
        if not isinstance(value, self.model_class):
            return value
        encoded: dict[str, Any] = {}
        if self.extra is not None:
            encoded.update({key: self.extra.encode(item) for key, item in value.additional_properties.items()})
        for item in self.fields:
            attribute = getattr(value, item.attribute)
            if not isinstance(attribute, Unset):
                encoded[item.json_name] = item.shape.encode(attribute)
        return encoded


def decode_shape(shape: Shape, data: Any) -> tuple[Any, list[ShapeProblem]]:
    """Decode JSON data as ``shape`` (a model, a list, a union, a scalar); the problems found come beside it."""
    problems: list[ShapeProblem] = []
    return shape.decode(data, "$", problems), problems


def decode(model_class: type[T], data: Any) -> tuple[T | Any, list[ShapeProblem]]:
    """Decode JSON data into ``model_class``; the problems found come back beside the result.

    The result is a ``model_class`` instance unless ``data`` is not an object at all.
    """
    problems: list[ShapeProblem] = []
    instance = model_class._shape_().decode(data, "$", problems)  # type: ignore[attr-defined]
    return instance, problems


_HASHABLE = frozenset({str, int, float, bool, type(None)})


def _encode_plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    return value
