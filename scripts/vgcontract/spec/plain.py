"""Plain data (what a spec file or a JSON body holds: dicts, lists, scalars), copied.

What is kept and handed out again (the spec reader's parsed texts, the mock's bodies) is
handed out as a copy: its caller owns what it gets and may change it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["copied"]


def copied(value: Any) -> Any:
    """A copy of plain data that keeps shared parts shared (a YAML alias is one object, not a bomb).

    Iterative: JSON may nest deeper than Python's recursion limit. Scalars are immutable and
    kept as they are.
    """
    if type(value) is not dict and type(value) is not list:
        return value
    memo: dict[int, Any] = {}
    root: Any = {} if type(value) is dict else []
    memo[id(value)] = root
    stack: list[tuple[Any, Any]] = [(value, root)]
    while stack:
        source, target = stack.pop()
        pairs = source.items() if type(source) is dict else enumerate(source)
        for key, item in pairs:
            made = item
            if type(item) is dict or type(item) is list:
                made = memo.get(id(item))
                if made is None:
                    made = memo[id(item)] = {} if type(item) is dict else []
                    stack.append((item, made))
            if type(target) is dict:
                target[key] = made
            else:
                target.append(made)
    return root
