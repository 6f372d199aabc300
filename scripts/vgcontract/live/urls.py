"""Building request paths so that no ID can change the path's shape or its query.

The rule is the generated client's (`_path_segment` in its endpoint modules): every
reserved character is percent-encoded, and a value made only of dots is too, since `.` and
`..` are removed or climb a level when a URL is normalised. An empty value is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from vgcontract.errors import UsageError

__all__ = ["encode_segment", "expand_path"]

_TEMPLATE_VAR = re.compile(r"{([^}]+)}")


def encode_segment(value: Any) -> str:
    """`value` as exactly one path segment: `/ ? # % ..` and control characters encoded."""
    text = str(value)
    if not text.strip():
        raise UsageError(f"an ID must be a non-empty string, got {value!r}")
    encoded = quote(text, safe="")
    return encoded.replace(".", "%2E") if set(text) == {"."} else encoded


def expand_path(template: str, params: Mapping[str, Any]) -> str:
    """An OpenAPI path template with each `{name}` replaced by its encoded segment."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise UsageError(f"no value for the path parameter {name!r} of {template}")
        return encode_segment(params[name])

    return _TEMPLATE_VAR.sub(one, template)
