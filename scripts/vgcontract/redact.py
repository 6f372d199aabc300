"""Redacting personal data from response bodies, keeping every type and shape.

Two ways a value is found to be personal:

* **by field**: the spec marks personal fields with `x-personal-data` (`email`, `phone`,
  `name`, `address`, `ip-address`, `url`, `free-text`); for fields the spec does not know,
  the field name decides (`...email`, `...phone...`, `...name`, `...address`, ...);
* **by pattern**, in every string anywhere: emails, phone numbers, IP addresses, URLs with
  credentials or token parameters, bearer tokens.

Replacements keep the JSON type (a string stays a string, numbers and booleans are left
alone) and stay valid for the spec's formats (`format: email` and `format: uri` still
pass), so a recording validates exactly as the original did. They never match the
patterns above: an email becomes `redacted-1f2e3d4c@invalid` (the reserved `invalid`
name, no dotted domain). With a key, the same input gives the same token within one run
(HMAC-SHA256), so equal values stay equal; without one (report samples) every value of a
kind masks to the same placeholder.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from vgcontract.runtime.scrub import MIN_SECRET, WINDOW, Scrubber, scrubber_for, strip_userinfo

__all__ = [
    "PERSONAL_KINDS",
    "REDACTED",
    "Redactor",
    "field_kind",
    "find_personal_patterns",
    "forget_secrets",
    "holds_secret",
    "register_environment",
    "register_secret",
    "register_url_credentials",
    "scrub_secrets",
]

REDACTED = "[REDACTED]"

PERSONAL_KINDS = ("email", "phone", "name", "address", "ip-address", "url", "free-text")

# Every quantifier that a failed match could retry from each position is bounded: a long
# server-chosen string costs linear time, never quadratic.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}")
# E.164 (`+14155550123`) and the common grouped forms (`(415) 555-0123`, `415.555.0123`).
# Bare digit runs are not matched: epoch timestamps and numeric IDs look the same.
PHONE = re.compile(r"\+\d[\d ().-]{6,18}\d|\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b")
IPV4 = re.compile(r"\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b")
IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\w:])")
URL_USERINFO = re.compile(r"(?P<scheme>(?<![A-Za-z0-9+.\-])[a-zA-Z][a-zA-Z0-9+.-]{0,31}://)[^/\s?#]{1,256}@")
SECRET_PARAM = re.compile(
    r"(?P<name>[?&#](?:[\w.-]{0,64}(?:token|key|secret|signature|sig|password|passwd|auth|session|code|credential)"
    r"[\w.-]{0,64})=)[^&#\s\"']{1,4096}",
    re.IGNORECASE,
)
BEARER = re.compile(r"(?i)\b(bearer|basic)\s{1,16}[A-Za-z0-9._~+/=-]{8,}")

_NAME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ip-address", re.compile(r"(^ip$|ipaddress|ip_address|^ipv[46]|remoteaddr)", re.IGNORECASE)),
    ("email", re.compile(r"e-?mail", re.IGNORECASE)),
    ("phone", re.compile(r"(phone|mobile|msisdn|^tel$|telephone|^userid$)", re.IGNORECASE)),
    ("address", re.compile(r"(address|street|postcode|zip(code)?$|^city$)", re.IGNORECASE)),
    ("name", re.compile(r"(name$|^name|surname|fullname)", re.IGNORECASE)),
    ("free-text", re.compile(r"(note|notes|summary|transcript|comment|message|text|body|bio)$", re.IGNORECASE)),
)
# Names that end like a personal field but are not: machine identifiers and enums.
_NOT_PERSONAL = re.compile(r"(id|ids|key|keys|type|status|state|code|alias|model|modelid|filename)$", re.IGNORECASE)


# Secrets of this process (the API token, base-URL credentials, any `VOICEGLOW_*` secret):
# every output passes through `scrub_secrets`, which finds them in every encoding
# `vgcontract.runtime.scrub` knows.
_SECRETS: set[str] = set()
_SCRUBBER: Scrubber | None = scrubber_for(())  # None: rebuilt from _SECRETS when next used
# `VOICEGLOW_*` variables whose value is a secret, by name. The mock's token is not one: it
# guards nothing, and `vgcontract mock` prints it so that a developer can call the mock.
_SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSW(OR)?D|KEY|CREDENTIAL|AUTH|COOKIE", re.IGNORECASE)
_NOT_SECRET_NAME = re.compile(r"^VOICEGLOW_MOCK_", re.IGNORECASE)


def register_secret(secret: str) -> None:
    """Never show `secret` in any output, in any form `vgcontract.runtime.scrub` finds (encoded, in part)."""
    global _SCRUBBER  # noqa: PLW0603 - the process's one set of secrets, rebuilt when next used
    if len(secret) < MIN_SECRET or secret in _SECRETS:
        return
    _SECRETS.add(secret)
    _SCRUBBER = None


def holds_secret(text: str) -> bool:
    """Whether `text` gives a registered secret away, in any form `scrub_secrets` finds or spelled
    loosely: another case, accents, separators or invisible characters in between (any 8 of
    its letters and digits in a row). Meant for deciding what is never written, where too
    much caution is cheap; output scrubbing stays with the exact forms."""
    if scrub_secrets(strip_userinfo(text)) != strip_userinfo(text):
        return True
    loose = _loose(text)
    return any(window in loose for window in _loose_windows(frozenset(_SECRETS)))


def _loose(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKD", text).casefold())


@functools.lru_cache(maxsize=4)
def _loose_windows(secrets: frozenset[str]) -> frozenset[str]:
    windows: set[str] = set()
    for secret in secrets:
        loose = _loose(secret)
        if len(loose) > WINDOW:
            windows.update(loose[start : start + WINDOW] for start in range(len(loose) - WINDOW + 1))
        elif len(loose) >= MIN_SECRET:
            windows.add(loose)
    return frozenset(windows)


def forget_secrets() -> None:
    """Forget every registered secret: for a process that runs one command after another (a test run)."""
    global _SCRUBBER  # noqa: PLW0603 - see register_secret
    _SECRETS.clear()
    _SCRUBBER = scrubber_for(())


def register_environment(env: Mapping[str, str]) -> None:
    """Register the secrets the environment holds: `VOICEGLOW_*` secrets, the base URL's and any proxy's credentials."""
    for name, value in env.items():
        if name.lower().endswith("_proxy") and value.strip():  # live mode's proxy (`environment_proxy`)
            register_url_credentials(value.strip())
        if not name.upper().startswith("VOICEGLOW_") or not value.strip():
            continue
        if _SECRET_NAME.search(name) and not _NOT_SECRET_NAME.match(name):
            register_secret(value.strip())
        if name.upper() == "VOICEGLOW_BASE_URL":
            register_url_credentials(value.strip())


def register_url_credentials(url: str) -> None:
    """Register the password (and `user:password`) of a URL's userinfo as secrets."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return
    if parts.password:
        register_secret(unquote(parts.password))
        register_secret(parts.password)
        register_secret(f"{unquote(parts.username or '')}:{unquote(parts.password)}")


def scrub_secrets(text: str) -> str:
    """`text` with every registered secret replaced by `[REDACTED]` and URL credentials by `***`."""
    global _SCRUBBER  # noqa: PLW0603 - see register_secret
    if _SCRUBBER is None:
        _SCRUBBER = scrubber_for(_SECRETS)
    return _SCRUBBER(text, REDACTED)


def field_kind(name: str) -> str | None:
    """The personal-data kind a field's name suggests, for fields the spec does not mark."""
    if _NOT_PERSONAL.search(name) and name.lower() != "userid":
        return None
    for kind, rule in _NAME_RULES:
        if rule.search(name):
            return kind
    return None


def find_personal_patterns(text: str) -> list[str]:
    """Every email, phone number and IP address pattern in `text` (what a recording must not hold)."""
    found: list[str] = []
    for pattern in (EMAIL, PHONE, IPV4, IPV6):
        found.extend(m.group(0) for m in pattern.finditer(text))
    return found


class Redactor:
    """Replaces personal data in parsed JSON; counts what it replaced, by kind.

    `kinds_by_path` maps a normalised path (`data.userEmail`) to the spec's
    `x-personal-data` kind. `key` (random per run, never stored) makes tokens stable
    within the run; without it, placeholders such as `<email>` are used.
    """

    def __init__(self, kinds_by_path: Mapping[str, str] | None = None, key: bytes | None = None) -> None:
        self._kinds = dict(kinds_by_path or {})
        self._key = key
        self.counts: Counter[str] = Counter()

    # --- tokens ----------------------------------------------------------------------------

    def _tag(self, value: str) -> str:
        if self._key is None:
            return ""
        return hmac.new(self._key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:8]

    def _token(self, kind: str, value: str) -> str:
        self.counts[kind] += 1
        tag = self._tag(value)
        if kind == "email":
            return f"redacted-{tag or 'email'}@invalid"
        if kind == "url":
            return f"https://redacted.invalid/{tag or 'url'}"
        if kind == "free-text":
            return f"[redacted text, {len(value)} chars]" if not tag else f"[redacted text {tag}, {len(value)} chars]"
        return f"<{kind}>" if not tag else f"{kind}-redacted-{tag}"

    # --- values ----------------------------------------------------------------------------

    def redact(self, value: Any, path: str = "$", name: str | None = None, _depth: int = 0) -> Any:
        """A copy of `value` with personal data replaced. `path` and `name` locate it in the body."""
        kind = self._kinds.get(path) or (field_kind(name) if name and path not in self._kinds else None)
        if isinstance(value, str):
            return self._token(kind, value) if kind and value else self.scrub(value)
        if _depth > 64:  # deeper than any real body; keep the shape, drop the content
            return {} if isinstance(value, dict) else [] if isinstance(value, list) else value
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                child = f"{path}.{key}" if path != "$" else key
                redacted = self.redact(item, child, key, _depth + 1)
                if kind == "free-text" and isinstance(redacted, str):
                    redacted = self._token("free-text", redacted)
                out[key] = redacted
            return out
        if isinstance(value, list):
            items = [self.redact(item, f"{path}[]", name, _depth + 1) for item in value]
            return [self._token("free-text", i) if kind == "free-text" and isinstance(i, str) else i for i in items]
        return value

    def scrub(self, text: str) -> str:
        """Replace personal-data patterns inside a free string, leaving the rest of it."""
        if "@" not in text and ":" not in text and not any(ch.isdigit() for ch in text):
            return text  # no pattern can match: every one needs an @, a colon or a digit
        text = URL_USERINFO.sub(lambda m: self._count("url-credentials", m.group("scheme")), text)
        text = SECRET_PARAM.sub(lambda m: self._count("url-token", m.group("name") + "REDACTED"), text)
        text = BEARER.sub(lambda m: self._count("bearer-token", f"{m.group(1)} REDACTED"), text)
        text = EMAIL.sub(lambda m: self._token("email", m.group(0)), text)
        text = IPV4.sub(lambda m: self._token("ip-address", m.group(0)), text)
        text = IPV6.sub(lambda m: self._token("ip-address", m.group(0)), text)
        return PHONE.sub(lambda m: self._token("phone", m.group(0)), text)

    def _count(self, kind: str, replacement: str) -> str:
        self.counts[kind] += 1
        return replacement
