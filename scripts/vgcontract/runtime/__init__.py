"""The client's runtime: ordinary, tested source that generation copies into the client unchanged.

Everything here that does not depend on the spec lives here, not in templates, so that it is
linted, type-checked and tested as source; ``vgcontract generate`` copies each module into
``<package>/_runtime/`` byte for byte, and the generated modules import it under private
names. vgcontract's live checks send through the same policy, body reader and path rule.

    scrub       secrets out of text, in every encoding a server may echo them
    policy      the one HTTP policy: what is retried, how long to wait (``RetryPolicy``)
    body        reading a body whole, decompressed, under a cap
    transport   a sync transport whose sockets honour the total deadline; one TLS context per setting
    errors      the client's exception tree and the path-segment rule
    shapes      decoding JSON into models, lenient or strict
    problems    how a shape problem names its place and what it found
    response_types  ``Response``, ``File``, ``UNSET``
    responses   turning an answer into a ``Response`` or a typed error
    attempts    the retry bookkeeping of one call
    client      ``Client`` and ``AuthenticatedClient``

The modules import the standard library, attrs, httpx, httpcore and each other, nothing else
(``tests/test_architecture.py``). Relative imports: the same source runs as
``vgcontract.runtime`` and as the client's ``_runtime``.
"""

import importlib as _importlib
import typing as _typing

from .scrub import Scrubber, scrub, scrubber_for, strip_userinfo

if _typing.TYPE_CHECKING:
    from .body import ACCEPT_ENCODING, BodyDecodeError, BodyTooLargeError, Inflater, read_body
    from .policy import IDEMPOTENT_METHODS, RETRY_STATUSES, SAFE_METHODS, RetryPolicy, parse_retry_after
    from .transport import tls_context

# Loaded on first use: the scrubber is all that `vgcontract --help` may import (no httpx).
_LAZY = {
    **dict.fromkeys(("ACCEPT_ENCODING", "BodyDecodeError", "BodyTooLargeError", "Inflater", "read_body"), "body"),
    **dict.fromkeys(
        ("IDEMPOTENT_METHODS", "RETRY_STATUSES", "SAFE_METHODS", "RetryPolicy", "parse_retry_after"), "policy"
    ),
    "tls_context": "transport",
}

__all__ = [
    "ACCEPT_ENCODING",
    "IDEMPOTENT_METHODS",
    "RETRY_STATUSES",
    "SAFE_METHODS",
    "BodyDecodeError",
    "BodyTooLargeError",
    "Inflater",
    "RetryPolicy",
    "Scrubber",
    "parse_retry_after",
    "read_body",
    "scrub",
    "scrubber_for",
    "strip_userinfo",
    "tls_context",
]


def __getattr__(name: str) -> _typing.Any:
    if name in _LAZY:
        return getattr(_importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
