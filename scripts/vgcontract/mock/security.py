"""Every security scheme a spec names, checked the way Stoplight Prism checks them.

A mock cannot know real secrets, so a credential counts when it is present and well formed:

- HTTP ``basic``: ``Authorization: Basic <base64 of user:password>``;
- HTTP ``digest``: ``Authorization: Digest`` with username, realm, nonce, uri and response;
- HTTP ``bearer``, ``oauth2`` and ``openIdConnect``: ``Authorization: Bearer <token>``;
- ``apiKey``: the named header, query parameter or cookie.

A requirement is a list of alternatives, each a set of schemes that must all be met. When
none is met, the answer is 401 with ``WWW-Authenticate`` naming the HTTP schemes that would
do (``Basic realm="*"``, ``Digest realm="*", nonce="abc123"``, ``Bearer``, ``OAuth2``).
Requirements that ask only for bearer tokens are the mock's own token check (`MockApp`),
which accepts its configured token alone; this module takes every other requirement.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from vgcontract.spec.model import security_alternatives

__all__ = ["Alternatives", "bearer_only", "challenge", "requirement", "satisfied"]

Alternatives = list[list[dict[str, Any]]]
_DIGEST_FIELDS = ("username", "realm", "nonce", "uri", "response")


def requirement(requirements: Any, schemes: Mapping[str, Any]) -> Alternatives | None:
    """The alternatives of a `security` list, schemes resolved; None when anyone may call."""
    raw = security_alternatives(requirements)
    if raw is None:
        return None
    alternatives: Alternatives = [[dict(schemes.get(name) or {}) for name in entry] for entry in raw]
    return alternatives or None


def bearer_only(alternatives: Alternatives | None) -> bool:
    """Whether every alternative asks only for HTTP bearer tokens (the mock's own token check)."""
    return bool(alternatives) and all(
        all(_kind(scheme) == "bearer" for scheme in alternative) for alternative in alternatives or []
    )


def _kind(scheme: Mapping[str, Any]) -> str:
    if scheme.get("type") == "http":
        return str(scheme.get("scheme", "")).lower()
    return str(scheme.get("type", ""))


def _met(scheme: Mapping[str, Any], headers: Mapping[bytes, bytes], query: str) -> bool:
    kind = _kind(scheme)
    authorization = headers.get(b"authorization", b"").decode("latin-1").strip()
    method, _, credentials = authorization.partition(" ")
    if kind == "basic":
        if method.lower() != "basic":
            return False
        try:
            return b":" in base64.b64decode(credentials.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
    if kind == "digest":
        return method.lower() == "digest" and all(f"{name}=" in credentials for name in _DIGEST_FIELDS)
    if kind in ("bearer", "oauth2", "openIdConnect"):
        return method.lower() == "bearer" and bool(credentials.strip())
    if kind == "apiKey":
        name, place = str(scheme.get("name", "")), scheme.get("in")
        if place == "header":
            return bool(headers.get(name.lower().encode("latin-1")))
        if place == "query":
            return name in parse_qs(query, keep_blank_values=True)
        if place == "cookie":
            cookies: SimpleCookie = SimpleCookie()
            try:
                cookies.load(headers.get(b"cookie", b"").decode("latin-1"))
            except ValueError:
                return False
            return name in cookies
    return False  # a scheme type no client can meet


def satisfied(alternatives: Alternatives, headers: Mapping[bytes, bytes], query: str) -> bool:
    """Whether the request meets every scheme of some alternative."""
    return any(all(_met(scheme, headers, query) for scheme in alternative) for alternative in alternatives)


def challenge(alternatives: Alternatives, headers: Mapping[bytes, bytes] | None = None) -> str | None:
    """The `WWW-Authenticate` value naming the HTTP-style schemes that would do; None when there are none.

    A scheme the request already used (credentials malformed, as Prism judges them) is not named again.
    """
    used = (headers or {}).get(b"authorization", b"").decode("latin-1").strip().partition(" ")[0].lower()
    names: list[str] = []
    for alternative in alternatives:
        for scheme in alternative:
            kind = _kind(scheme)
            if used and used == {"oauth2": "bearer", "openIdConnect": "bearer"}.get(kind, kind):
                continue
            value = {"basic": 'Basic realm="*"', "digest": 'Digest realm="*", nonce="abc123"', "bearer": "Bearer",
                     "oauth2": "OAuth2", "openIdConnect": "OpenID"}.get(kind)  # fmt: skip
            if value is not None and value not in names:
                names.append(value)
    return ",".join(names) or None
