"""Content negotiation: which documented media type answers a request's `Accept` header.

The header's ranges are taken in order of their quality (`q`, default 1; `q=0` refuses), and
the first documented media type that a range names, exactly or by wildcard (`text/*`,
`*/*`), answers. No `Accept`, or `*/*`, takes the operation's default choice (`Media.of`).
When the operation documents bodies and none is acceptable, the answer is 406.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["accepted_ranges", "negotiate"]


def accepted_ranges(header: str) -> list[str]:
    """The media ranges of an `Accept` header, best first (quality, then order); `q=0` ones dropped."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def _matches(accepted: str, documented: str) -> bool:
    base = documented.split(";", 1)[0].strip().lower()
    if accepted in ("*/*", base):
        return True
    kind, _, sub = accepted.partition("/")
    return sub == "*" and base.startswith(kind + "/")


def negotiate(header: str, documented: Sequence[str], default: str | None) -> str | None:
    """The documented media type to send; `default` when anything goes; None when nothing acceptable is documented."""
    ranges = accepted_ranges(header) if header.strip() else ["*/*"]
    for accepted in ranges:
        if accepted == "*/*":
            return default if default is not None else (documented[0] if documented else None)
        found = next((media for media in documented if _matches(accepted, media)), None)
        if found is not None:
            return found
    return None
