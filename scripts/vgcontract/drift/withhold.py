"""What a server chose, judged before it is written into the spec, the client or the changelog.

`--suggest-patch` and `fix-drift` turn what the live API returned into spec text: the names
of undocumented fields (and of the keys inside them) and new enum values. The nightly job
commits that text with write access, and a commit cannot be taken back, so each such
string is checked first and never written when it

* **is too long**: more than `MAX_LENGTH` characters (judged first, so no pattern below
  ever runs on a long string);
* **looks like a secret**: any secret of this process (the token, base-URL credentials,
  `VOICEGLOW_*` secrets) in any form `vgcontract.runtime.scrub` finds (raw, percent, base64 alone or
  as `user:secret`, hex, a stretch of 8 characters) or spelled loosely (another case,
  separators or accents in between: `redact.holds_secret`), a `Bearer`/`Basic` credential,
  URL credentials or a token-like query parameter;
* **looks like personal data**: the redactor's patterns (e-mail, phone, IP address), and
  more broadly, since here caution costs only a line for a human to review: anything with
  an `@` between two words and a dot after it (fullwidth and percent-encoded forms too),
  any IP address Python can parse (compressed IPv6, `ip-10-0-1-2`), any run of 8 or more
  digits written as a phone number is;
* **cannot be shown safely**: control or invisible formatting characters (line breaks,
  bidirectional overrides).

A withheld string is replaced, wherever it would be shown, by `WITHHELD`.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from typing import Any
from urllib.parse import unquote

from vgcontract.drift.schema import format_path, parse_path
from vgcontract.redact import BEARER, SECRET_PARAM, URL_USERINFO, find_personal_patterns, holds_secret

__all__ = [
    "LOOKS_PERSONAL",
    "LOOKS_SECRET",
    "MAX_LENGTH",
    "UNSHOWABLE",
    "WITHHELD",
    "safe_schema",
    "shown_path",
    "unsafe_added_lines",
    "why_withheld",
]

MAX_LENGTH = 200
WITHHELD = "<withheld>"
LOOKS_SECRET = "looks like a secret"  # noqa: S105 - a reason shown to people, not a password
LOOKS_PERSONAL = "looks like personal data"
UNSHOWABLE = "holds characters that cannot be shown safely"
# Control characters, invisible format characters (bidirectional overrides, zero-width
# joiners), line and paragraph separators, private use and lone surrogates.
_UNSHOWABLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs"})


def why_withheld(value: Any) -> str | None:
    """Why a server-chosen name or value must not be written (`looks like a secret`, ...); None if it may."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_LENGTH:
        return f"is longer than {MAX_LENGTH} characters"
    plain = unquote(unicodedata.normalize("NFKC", text))  # a fullwidth at sign, `%40`: what a reader sees
    if any(holds_secret(t) or any(p.search(t) for p in (BEARER, URL_USERINFO, SECRET_PARAM)) for t in (text, plain)):
        return LOOKS_SECRET
    if find_personal_patterns(plain) or _personal(plain):
        return LOOKS_PERSONAL
    if any(unicodedata.category(char) in _UNSHOWABLE_CATEGORIES for char in text):
        return UNSHOWABLE
    return None


_AT = re.compile(r"[^\s@]@[^\s@]+\.[^\s@]")
_ADDRESS_LIKE = re.compile(r"[0-9A-Fa-f:.%]{3,}")
_DASHED_IP = re.compile(r"(?<!\d)\d{1,3}([-_])\d{1,3}\1\d{1,3}\1\d{1,3}(?!\d)")
_PHONE_LIKE = re.compile(r"[+(]?\d[\d \t().\-/]{6,30}\d")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _personal(text: str) -> bool:
    """The broad personal-data net (see the module docstring)."""
    if _AT.search(text) or _DASHED_IP.search(text):
        return True
    for candidate in _ADDRESS_LIKE.findall(text):
        if (":" in candidate or candidate.count(".") == 3) and _is_ip(candidate):
            return True
    return any(
        sum(c.isdigit() for c in run) >= 8 and not _ISO_DATE.fullmatch(run.strip()) for run in _PHONE_LIKE.findall(text)
    )


def _is_ip(candidate: str) -> bool:
    try:
        ipaddress.ip_address(candidate.split("%", 1)[0].strip("."))
    except ValueError:
        return False
    return True


def unsafe_added_lines(original: str, diff: str) -> list[tuple[int, str]]:
    """(diff line number, reason) for each line a patch adds to `original` that looks like a secret or
    personal data: the last check before a patch is written, whatever built it. Lines the patch
    only moves are the spec's own and are not judged."""
    before = {line.strip() for line in original.splitlines()}
    found = []
    for number, line in enumerate(diff.splitlines(), 1):
        added = line[1:].strip()
        if line.startswith("+") and not line.startswith("+++") and added not in before:
            reason = why_withheld(added)
            if reason in {LOOKS_SECRET, LOOKS_PERSONAL}:
                found.append((number, reason))
    return found


def shown_path(path: str) -> str:
    """A drift path (`data.a[].b`) as it may be shown: each name that must be withheld as `<withheld>`."""
    try:
        tokens = parse_path(path)
    except ValueError:
        return WITHHELD if why_withheld(path) else path
    return format_path(_shown(tokens))


def _shown(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t if t == "[]" or why_withheld(t) is None else WITHHELD for t in tokens)


def safe_schema(schema: dict[str, Any], tokens: tuple[str, ...], withheld: list[tuple[str, str]]) -> dict[str, Any]:
    """`schema` (inferred at the path `tokens`) without the properties whose names must be withheld.

    Each one dropped is appended to `withheld` as (shown path, reason); the object keeps
    `additionalProperties: true`, so the data stays valid against the patched spec.
    """
    out = dict(schema)
    properties = schema.get("properties")
    if isinstance(properties, dict):
        kept = {}
        for name, child in properties.items():
            reason = why_withheld(name)
            if reason is not None:
                withheld.append((format_path((*_shown(tokens), WITHHELD)), reason))
                out["additionalProperties"] = True
            else:
                kept[name] = safe_schema(child, (*tokens, name), withheld) if isinstance(child, dict) else child
        if kept:
            out["properties"] = kept
        else:
            del out["properties"]
    items = schema.get("items")
    if isinstance(items, dict):
        out["items"] = safe_schema(items, (*tokens, "[]"), withheld)
    return out
