"""Building request paths so that no ID can change the path's shape or its query.

The rule is the generated client's, shared rather than copied: `path_segment` from
`vgcontract.runtime.errors` (the client's `errors.path_segment`) percent-encodes every
reserved character (`/ ? # %`, CR, LF, NUL, spaces), and a value made only of dots too,
since `.` and `..` are removed or climb a level when a URL is normalised; a blank or
oversized value is refused. Here a refusal is a usage error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from vgcontract.errors import UsageError
from vgcontract.runtime.errors import InvalidRequestError, path_segment
from vgcontract.spec.load import PATH_VARIABLE

__all__ = ["encode_segment", "expand_path"]


def encode_segment(value: Any, name: str = "an ID") -> str:
    """`value` as exactly one path segment (the client's rule); `UsageError` when it cannot be one."""
    try:
        return path_segment(value, name)
    except InvalidRequestError as exc:
        raise UsageError(str(exc)) from None


def expand_path(template: str, params: Mapping[str, Any]) -> str:
    """An OpenAPI path template with each `{name}` replaced by its encoded segment."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise UsageError(f"no value for the path parameter {name!r} of {template}")
        return encode_segment(params[name])

    return PATH_VARIABLE.sub(one, template)
