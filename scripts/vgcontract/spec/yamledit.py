"""Line-level edits of a YAML document that keep everything else byte for byte.

`--suggest-patch` must produce a small, reviewable diff of the hand-maintained spec, so it
cannot load and re-dump the file (that would reflow every description and drop comments).
Instead PyYAML's composer gives each node's line and column, and edits replace whole
lines inside those spans. Edits are collected and applied bottom-up by `render()`.

libyaml composes the tree when PyYAML has it (ten times faster on the spec, and a release
edits it more than once), but it counts a block's end line differently; its character
index agrees, so every mark is recounted from the index as PyYAML's own reader counts it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from vgcontract.errors import InputError

__all__ = ["YamlText", "dump_block"]


class _BlockDumper(yaml.SafeDumper):
    """Indents sequences under their key (`key:\\n  - a`), as the hand-written spec does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump_block(data: Any, indent: int) -> list[str]:
    """`data` as block YAML lines (with newlines), every line indented by `indent` spaces."""
    text = yaml.dump(
        data, Dumper=_BlockDumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=4096
    )
    return [" " * indent + line + "\n" for line in text.splitlines()]


# What PyYAML's reader counts as a line break (`\r\n` is one).
_BREAKS = re.compile("\r\n|[\n\x85\u2028\u2029]|\r")


def _compose(text: str) -> Node | None:
    """`text`'s node tree, its marks (line, column, index) as PyYAML's pure-Python reader gives them."""
    if not hasattr(yaml, "CSafeLoader"):  # pragma: no cover - PyYAML built without libyaml
        return yaml.compose(text, Loader=yaml.SafeLoader)
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    if root is None:
        return None
    starts = [0, *(match.end() for match in _BREAKS.finditer(text))]
    skipped = 1 if text.startswith("\ufeff") else 0  # libyaml's index starts after a BOM
    boms = "\ufeff" in text  # PyYAML's reader gives a BOM no column

    def recount(mark: Mark) -> Mark:
        index = mark.index + skipped
        line = bisect_right(starts, index) - 1
        column = index - starts[line] - (text.count("\ufeff", starts[line], index) if boms else 0)
        return Mark(mark.name, index, line, column, None, index)

    stack: list[Node] = [root]
    seen: set[int] = set()  # an alias is the same node again: recount it once
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.start_mark, node.end_mark = recount(node.start_mark), recount(node.end_mark)
        if isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return root


@dataclass(frozen=True)
class _Edit:
    start: int  # first line replaced (0-based)
    end: int  # one past the last line replaced; start == end inserts
    lines: list[str]


class YamlText:
    """A YAML document as lines plus its node tree; navigate by JSON pointer, then edit."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        root = _compose(text)
        if root is None:
            raise InputError("the YAML document is empty")
        self.root: Node = root
        self._edits: list[_Edit] = []

    # --- navigation ------------------------------------------------------------------------

    def entry(self, pointer: str) -> tuple[ScalarNode | None, Node]:
        """The (key node, value node) a JSON pointer names; the key is None for list items."""
        key: ScalarNode | None = None
        node = self.root
        for raw in pointer.lstrip("#").split("/")[1:]:
            token = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == token:
                        key, node = k, v
                        break
                else:
                    raise InputError(f"{pointer}: no key {token!r} in the YAML document")
            elif isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value):
                key, node = None, node.value[int(token)]
            else:
                raise InputError(f"{pointer}: cannot descend into a scalar at {token!r}")
        return key, node

    def node(self, pointer: str) -> Node:
        """The node a JSON pointer names."""
        return self.entry(pointer)[1]

    def last_line(self, node: Node) -> int:
        """The last line (0-based) holding `node`'s own content, skipping trailing blanks and comments."""
        line, column = node.end_mark.line, node.end_mark.column
        # A block node "ends" where the next token starts; when only indentation precedes
        # that point on its line, the node's content finished on an earlier line.
        ended_before = line >= len(self.lines) or not self.lines[line][:column].strip()
        end = min(line - 1 if ended_before else line, len(self.lines) - 1)
        while end > node.start_mark.line and (not self.lines[end].strip() or self.lines[end].lstrip().startswith("#")):
            end -= 1
        return end

    # --- edits ------------------------------------------------------------------------------

    def add_entries(self, mapping_pointer: str, entries: dict[str, Any]) -> None:
        """Append `entries` at the end of the block mapping at `mapping_pointer`."""
        mapping = self.node(mapping_pointer)
        if not isinstance(mapping, MappingNode) or mapping.flow_style or not mapping.value:
            raise InputError(f"{mapping_pointer}: not a non-empty block mapping; edit it by hand")
        indent = mapping.value[0][0].start_mark.column
        after = self.last_line(mapping.value[-1][1])
        self._edits.append(_Edit(after + 1, after + 1, dump_block(entries, indent)))

    def replace_entry(self, pointer: str, entries: dict[str, Any]) -> None:
        """Replace the `key: value` entry at `pointer` (all its lines) with `entries`."""
        key, value = self.entry(pointer)
        if key is None:
            raise InputError(f"{pointer}: not a mapping entry")
        start, end = key.start_mark.line, self.last_line(value)
        if self.lines[start][: key.start_mark.column].strip():
            raise InputError(f"{pointer}: the entry shares its line with another; edit it by hand")
        self._edits.append(_Edit(start, end + 1, dump_block(entries, key.start_mark.column) if entries else []))

    def set_flow_entry(self, pointer: str, value: Any) -> None:
        """Replace the entry at `pointer` with `key: value` on one line, `value` in flow style."""
        key, _ = self.entry(pointer)
        if key is None:
            raise InputError(f"{pointer}: not a mapping entry")
        flow = yaml.safe_dump(value, default_flow_style=True, width=4096).strip()
        flow = flow.removesuffix("...").strip()  # a bare scalar document ends with `...`
        line = " " * key.start_mark.column + f"{key.value}: {flow}\n"
        start, end = key.start_mark.line, self.last_line(self.entry(pointer)[1])
        self._edits.append(_Edit(start, end + 1, [line]))

    def delete_entry(self, pointer: str) -> None:
        """Delete the `key: value` entry at `pointer`."""
        self.replace_entry(pointer, {})

    def append_items(self, pointer: str, values: list[Any]) -> None:
        """Append `values` to the sequence at `pointer`, block or flow style."""
        key, seq = self.entry(pointer)
        if not isinstance(seq, SequenceNode) or key is None:
            raise InputError(f"{pointer}: not a sequence entry")
        if seq.flow_style or not seq.value:
            current = yaml.safe_load(yaml.serialize(seq)) or []
            self.replace_entry(pointer, {key.value: [*current, *values]})
            return
        indent = seq.value[0].start_mark.column - 2  # the column of the `- ` marker
        after = self.last_line(seq.value[-1])
        self._edits.append(_Edit(after + 1, after + 1, dump_block(values, indent)))

    def remove_item(self, pointer: str, value: str) -> None:
        """Remove the item equal to `value` from a block sequence; drop the entry if it empties."""
        key, seq = self.entry(pointer)
        if not isinstance(seq, SequenceNode) or key is None:
            raise InputError(f"{pointer}: not a sequence entry")
        items = [item for item in seq.value if not (isinstance(item, ScalarNode) and item.value == value)]
        if len(items) == len(seq.value):
            return
        if not items:
            self.delete_entry(pointer)
            return
        remaining = [yaml.safe_load(yaml.serialize(item)) for item in items]
        self.replace_entry(pointer, {key.value: remaining})

    def render(self) -> str:
        """The document with every edit applied. Overlapping edits are a bug and raise."""
        lines = list(self.lines)
        last_start = len(lines) + 1
        for edit in sorted(self._edits, key=lambda e: (e.start, e.end), reverse=True):
            if edit.end > last_start:
                raise InputError("two suggested edits touch the same lines of the spec")
            lines[edit.start : edit.end] = edit.lines
            last_start = edit.start
        return "".join(lines)
