"""How a list operation pages: its page-size and page-number query parameters, read from the spec.

The mock serves pages by them and `--discover` walks them, so both read them here. Which
parameter is which is the one convention (`_SIZE_NAMES`, `_NUMBER_NAMES`); the type,
default and maximum are the spec's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Paging"]

_SIZE_NAMES = ("limit", "pageSize", "page_size", "per_page", "perPage")
_NUMBER_NAMES = ("page", "pageNumber", "page_number")


@dataclass(frozen=True)
class Paging:
    """A list operation's paging parameters (None where the operation has none)."""

    size: str | None = None  # the page-size query parameter
    size_default: int | None = None
    size_max: int | None = None
    number: str | None = None  # the page-number query parameter (pages count from 1)

    @classmethod
    def of(cls, path_item: Mapping[str, Any], operation: Mapping[str, Any]) -> Paging:
        """The paging of a dereferenced operation, with the path item's own parameters too."""
        query = {
            str(p["name"]): p.get("schema") or {}
            for p in [*(path_item.get("parameters") or []), *(operation.get("parameters") or [])]
            if isinstance(p, Mapping) and p.get("in") == "query" and _is_integer(p.get("schema") or {})
        }
        size = next((name for name in _SIZE_NAMES if name in query), None)
        number = next((name for name in _NUMBER_NAMES if name in query), None)
        schema = query.get(size, {}) if size is not None else {}
        return cls(size, _integer(schema.get("default")), _integer(schema.get("maximum")), number)

    def page_size(self, asked: str | None, *, cap: int, undocumented: int) -> int:
        """Rows in a page: as asked, else the documented default (else `undocumented`), from 1 to the max or `cap`."""
        high = min(self.size_max or cap, cap)
        default = self.size_default if self.size_default is not None else undocumented
        try:
            wanted = int(asked) if asked is not None else default
        except ValueError:
            wanted = default
        return max(1, min(high, wanted))


def _is_integer(schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    return kind == "integer" or (isinstance(kind, list) and "integer" in kind)


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
