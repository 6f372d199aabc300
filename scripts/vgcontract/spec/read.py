"""A spec's files as data: YAML 1.2 with JSON's values, read within bounds, duplicate keys refused.

OpenAPI 3.1 asks for YAML 1.2 limited to the JSON schema ruleset, so a value means what
it would mean in JSON: `yes`, `on` and `2024-01-01` are strings, `0o17` and `0x1F` are
integers, and a tag outside that ruleset (`!!binary`, `!!timestamp`, `!custom`) is refused.
Mapping keys are their text (`200:` is the key `"200"`). Merge keys (`<<`) are honoured,
as the generator's reader does.

Every limit ends the read with one `SpecReadError` line naming the file (and the line for
a duplicate key): a file over `MAX_FILE_BYTES`, nesting deeper than `MAX_NESTING`, and a
document whose aliases would expand past `MAX_NODES` nodes (an alias bomb of a few KB
is refused in milliseconds, before anything is built from it).

Files a spec's `$ref`s name are read by `vgcontract.spec.bundle`, with these same rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import yaml

from vgcontract.errors import InputError
from vgcontract.recent import Recent
from vgcontract.spec.plain import copied

__all__ = [
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "MAX_NODES",
    "SpecReadError",
    "parse_text",
    "read_file",
]

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_NODES = 2_000_000  # after aliases expand; a 1.4 MB real-world spec has about 60,000
MAX_NESTING = 500  # libyaml's C composer recurses: far deeper overflows the C stack
MAX_FILES = 256


class SpecReadError(InputError):
    """A spec file that cannot be read as one JSON-compatible document, within bounds."""


# --- YAML 1.2, the JSON schema ruleset ------------------------------------------------------

_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Resolver12(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema's implicit types; nothing else (no timestamps, no `yes`)."""


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (_FLOAT, r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
             r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
):  # fmt: skip
    _Resolver12.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

# libyaml's parser and composer, when PyYAML was built with it (`yaml.cyaml` does not export it by name).
_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)
if _CParser is not None:  # libyaml: the same nodes, about 8x faster

    class _Composer(_CParser, _Resolver12):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _Resolver12.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver12
    ):
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver12.__init__(self)


_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_EventParser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _scalar(node: yaml.ScalarNode, source: str) -> Any:
    tag, text = node.tag, node.value
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() == "true"
    try:
        if tag == _INT:
            sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text.lstrip("+"))
            if digits.startswith(("0o", "0x")):
                return sign * int(digits[2:], 8 if digits[1] == "o" else 16)
            return sign * int(digits)
        if tag == _FLOAT:
            lowered = text.lower()
            return float(lowered.replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        kind = tag.rsplit(":", 1)[-1]
        raise SpecReadError(f"{source}:{node.start_mark.line + 1}: {text[:40]!r} is not a {kind}") from None
    raise SpecReadError(f"{source}:{node.start_mark.line + 1}: the tag {tag!r} is not one JSON can hold; "
                        "OpenAPI allows only the JSON schema ruleset")  # fmt: skip


@dataclass
class _Builder:
    """Nodes to plain data, once per node (an alias is the same object), counting the expanded size."""

    source: str
    built: dict[int, tuple[Any, int]] = field(default_factory=dict)

    def build(self, node: yaml.Node) -> tuple[Any, int]:
        known = self.built.get(id(node))
        if known is not None:
            return known
        if isinstance(node, yaml.ScalarNode):
            result: tuple[Any, int] = (_scalar(node, self.source), 1)
        elif isinstance(node, yaml.SequenceNode):
            self._tag(node, _SEQ)
            items, size = [], 1
            for child in node.value:
                value, count = self.build(child)
                items.append(value)
                size += count
            result = (items, self._within(size, node))
        elif isinstance(node, yaml.MappingNode):
            self._tag(node, _MAP)
            result = self._mapping(node)
        else:  # pragma: no cover - the composer makes only these three
            raise SpecReadError(f"{self.source}: unexpected YAML node {type(node).__name__}")
        self.built[id(node)] = result
        return result

    def _mapping(self, node: yaml.MappingNode) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        merged: list[tuple[dict[str, Any], int]] = []
        size = 1
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise SpecReadError(f"{self.source}:{line}: a mapping key must be a plain value, not a "
                                    f"{'list' if isinstance(key_node, yaml.SequenceNode) else 'mapping'}")  # fmt: skip
            if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.value == "<<" and key_node.style is None):
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for one in sources:
                    value, count = self.build(one)
                    if not isinstance(value, dict):
                        raise SpecReadError(f"{self.source}:{line}: a merge key (<<) must name mappings")
                    merged.append((value, count))
                continue
            key = key_node.value
            if key in lines:
                raise SpecReadError(f"{self.source}:{line}: duplicate key {key!r} (first at line {lines[key]})")
            lines[key] = line
            value, count = self.build(value_node)
            out[key] = value
            size += count + 1
        if merged:  # merged keys first, as the generator's reader orders them; explicit keys win
            combined: dict[str, Any] = {}
            for value, count in merged:
                for key, item in value.items():
                    combined.setdefault(key, item)
                size += count
            out = {**combined, **out}
        return out, self._within(size, node)

    def _tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            raise SpecReadError(f"{self.source}:{node.start_mark.line + 1}: the tag {node.tag!r} is not one JSON "
                                "can hold; OpenAPI allows only the JSON schema ruleset")  # fmt: skip

    def _within(self, size: int, node: yaml.Node) -> int:
        if size > MAX_NODES:
            raise SpecReadError(f"{self.source}:{node.start_mark.line + 1}: the document expands past {MAX_NODES:,} "
                                "nodes (aliases repeated into a bomb?); refused")  # fmt: skip
        return size


def _yaml(text: str, source: str) -> Any:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_EventParser):  # events only: no recursion
            if isinstance(event, _OPENS):
                depth += 1
                if depth > MAX_NESTING:
                    raise SpecReadError(f"{source}: nested more than {MAX_NESTING} levels deep")
            elif isinstance(event, _CLOSES):
                depth -= 1
        composer = _Composer(text)
        try:
            node = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        raise SpecReadError(f"{source}: not valid YAML{where}{f': {problem}' if problem else ''}") from None
    if node is None:
        raise SpecReadError(f"{source}: the file is empty")
    return _Builder(source).build(node)[0]


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateJsonKey(key)
        out[key] = value
    return out


class _DuplicateJsonKey(Exception):
    pass


# Commands read the same files more than once (the spec, then the released spec it is
# compared with; a release reads the spec for the entry, the gate and the generator), and
# YAML costs about 12 ms per 40 KB. A text read before is answered from memory, as a copy:
# callers own what they get. Errors are not kept, so a bad file fails the same way each time.
_PARSED: Recent[Any] = Recent(32)
_PARSED_TEXT_LIMIT = 4 * 1024 * 1024  # larger texts are rare and would pin their data in memory


def parse_text(text: str, source: str) -> Any:
    """The data of one spec file's text (JSON or YAML 1.2), or `SpecReadError` naming `source`.

    The result is the caller's own: a text read before gives an equal, separate copy.
    """
    if len(text) > _PARSED_TEXT_LIMIT:
        return _parsed(text, source)
    return copied(_PARSED.get_or_make(text, lambda: _parsed(text, source)))


def _parsed(text: str, source: str) -> Any:
    if len(text) > MAX_FILE_BYTES:
        raise SpecReadError(f"{source}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; refused")
    if text.lstrip()[:1] in ("{", "["):
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError:
            return _yaml(text, source)  # YAML flow style, broken or too deep JSON: YAML's reader says where
        try:  # orjson keeps the last of two equal keys; the standard parser tells
            json.loads(text, object_pairs_hook=_refuse_duplicates)
        except _DuplicateJsonKey:
            return _yaml(text, source)  # JSON is YAML: the YAML reader names the line
        except (ValueError, RecursionError):
            pass
        return data
    return _yaml(text, source)


def read_file(path: Path, source: str | None = None) -> Any:
    """The data of the spec file at `path`, within `MAX_FILE_BYTES`; `SpecReadError` on any failure."""
    name = source or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SpecReadError(f"{name}: no such file") from None
    except OSError as exc:
        raise SpecReadError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise SpecReadError(f"{name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; refused")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecReadError(f"{name}: not UTF-8 (byte {exc.start})") from None
    return parse_text(text, name)
