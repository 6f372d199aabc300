"""Secrets out of text, in every form a server may echo them: the one scrubber.

The vgcontract toolkit scrubs its terminal output, reports, recordings and pull-request
bodies with it, and the generated client its error messages, reprs and log lines: the
module is copied into the client at generation (`<package>/_runtime/scrub.py`), so it is plain
Python with the standard library only.

A secret is found

* as written (also all upper or lower case), escaped as JSON writers and ``repr`` do (``\\/``,
  ``\\u0026``, either hex case, twice over), and percent-encoded (either hex case, ``+``
  for space, ``/`` kept or not, every byte or only the reserved ones);
* in base64, standard or URL-safe, alone or inside a longer encoded string: the token in a
  ``Basic`` header's ``user:token``, or after any other prefix (each of the three byte
  alignments is matched, without the characters its neighbours decide);
* in hex, either case;
* in part: any stretch of 8 or more characters of those forms (16 hex digits, 11 base64
  characters), so an echo of half a token, or a token cut at a length limit, is caught.

Whatever is found is replaced, in one piece, by the placeholder; a backslash escape is
never cut in two (the placeholder takes it whole), so escaped text stays well formed. The
credentials of any URL (``https://user:password@host``, ``https:\\/\\/user:pw@host``,
``//user:pw@host``) are shown as ``***``, whoever they belong to. Every pattern here runs in
linear time: no quantifier is unbounded where it could be retried.
"""

from __future__ import annotations

import base64
import functools
import json
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

__all__ = ["MIN_SECRET", "WINDOW", "Scrubber", "scrub", "scrubber_for", "secret_forms", "strip_userinfo"]

MIN_SECRET = 4
"""Shorter strings are not secrets worth hiding: replacing them would redact ordinary text."""

WINDOW = 8
"""A stretch of a secret this long (in characters of the secret) is as good as the secret."""

_HEX_WINDOW = 2 * WINDOW
_BASE64_WINDOW = (WINDOW * 4 + 2) // 3
_PERCENT = re.compile(r"%[0-9A-F]{2}")
_UNICODE_ESCAPE = re.compile(r"\\u[0-9a-f]{4}")
# A scheme starts a run of scheme characters (a lookbehind, not `\b`: restarting inside a
# long run would make this quadratic); the userinfo runs to the last `@` before the host.
_USERINFO = re.compile(
    r"(?P<scheme>(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{0,31}:(?://|\\/\\/))[^/\\\s?#]{1,256}@"
    r"|(?P<relative>(?<![\w:/\\])//)(?=[^/\\\s?#@]{0,256}:)[^/\\\s?#]{1,256}@"
)


def strip_userinfo(text: str) -> str:
    """``text`` with the credentials of every URL in it shown as ``***``."""
    if "//" not in text and "\\/" not in text:
        return text
    return _USERINFO.sub(lambda m: (m.group("scheme") or m.group("relative")) + "***@", text)


def _base64_forms(data: bytes) -> set[str]:
    """The base64 characters that encode ``data`` whatever precedes or follows it."""
    forms = set()
    for offset in range(3):
        encoded = base64.b64encode(bytes(offset) + data).decode("ascii").rstrip("=")
        # The characters before `start` carry bits of the preceding bytes, those from `end`
        # on bits of the following ones.
        start, end = -(-8 * offset // 6), 8 * (offset + len(data)) // 6
        middle = encoded[start:end]
        forms.add(middle)
        forms.add(middle.translate(str.maketrans("+/", "-_")))
    return forms


def secret_forms(secret: str) -> dict[str, int]:
    """Every form of ``secret`` looked for, each with the length of the stretch of it that counts."""
    data = secret.encode("utf-8", "surrogatepass")
    escaped = json.dumps(secret)[1:-1]
    percent = quote(secret, safe="")
    every_byte = "".join(f"%{byte:02X}" for byte in data)
    text = {
        secret,
        secret.upper(),
        secret.lower(),
        escaped,
        escaped.replace("/", "\\/"),  # PHP's and others' JSON
        _UNICODE_ESCAPE.sub(lambda escape: escape.group(0).upper().replace("\\U", "\\u"), escaped),
        escaped.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"),  # HTML-safe JSON (Go)
        json.dumps(escaped)[1:-1],  # encoded twice
        json.dumps(secret, ensure_ascii=False)[1:-1],
        repr(secret)[1:-1],
        secret.replace("\\", "\\\\").replace("'", "\\'"),  # repr of a string that holds both quotes
        percent,
        _PERCENT.sub(lambda escape: escape.group(0).lower(), percent),
        quote(secret),  # `/` kept, as `quote` does by default
        quote_plus(secret, safe=""),
        every_byte,
        every_byte.lower(),
    }
    forms = dict.fromkeys(text, WINDOW)
    forms.update(dict.fromkeys((data.hex(), data.hex().upper()), _HEX_WINDOW))
    forms.update(dict.fromkeys(_base64_forms(data), _BASE64_WINDOW))
    return {form: window for form, window in forms.items() if len(form) >= MIN_SECRET}


def _needles(secrets: Iterable[str]) -> set[str]:
    """Every string whose presence gives a secret away: short forms whole, long ones by stretches."""
    needles: set[str] = set()
    for secret in secrets:
        if len(secret) < MIN_SECRET:
            continue
        for form, window in secret_forms(secret).items():
            if len(form) <= window:
                needles.add(form)
            else:
                needles.update(form[start : start + window] for start in range(len(form) - window + 1))
    return needles


_Node = dict[str, "_Node"]


def _trie(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, the longest first, as a trie.

    A trie costs a character comparison or two at each position of the text, where an
    alternation of several hundred needles would try them all.
    """
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def emit(node: _Node) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _whole_escapes(text: str, start: int, end: int) -> tuple[int, int]:
    """`start` and `end` moved outward so that no backslash escape (`\\/`, `\\u00e9`) is cut in two."""
    backslashes = len(text[:start]) - len(text[:start].rstrip("\\"))
    if backslashes % 2:  # the character at `start` is escaped: take its backslash too
        start -= 1
    else:
        escape = text.rfind("\\u", max(0, start - 5), start)
        if escape >= 0 and all(c in "0123456789abcdefABCDEF" for c in text[escape + 2 : start]):
            start = escape
    trailing = len(text[:end]) - len(text[:end].rstrip("\\"))
    if trailing % 2:  # ends on an escaping backslash: take what it escapes
        end += 6 if text.startswith("u", end) else 1
    else:
        escape = text.rfind("\\u", max(0, end - 5), end)
        if escape >= 0 and end < escape + 6:
            end = escape + 6
    return start, min(end, len(text))


class Scrubber:
    """Replaces every form of a fixed set of secrets (see the module docstring) in text."""

    __slots__ = ("_pattern",)

    def __init__(self, secrets: Iterable[str]) -> None:
        needles = _needles(secrets)
        self._pattern = re.compile(_trie(needles)) if needles else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The stretches of ``text`` that give a secret away, merged, in order."""
        found: list[tuple[int, int]] = []
        if self._pattern is None:
            return found
        position = 0
        while match := self._pattern.search(text, position):
            start, end = match.span()
            # Stretches overlap: one starting inside this one may reach further.
            inner = start + 1
            while inner < end:
                longer = self._pattern.match(text, inner)
                if longer is not None and longer.end() > end:
                    end = longer.end()
                inner += 1
            start, end = _whole_escapes(text, start, end)
            if found and start <= found[-1][1]:  # two echoes back to back read as one
                start = found.pop()[0]
            found.append((start, end))
            position = end
        return found

    def __call__(self, text: str, placeholder: str = "[redacted]") -> str:
        """``text`` with every secret replaced by ``placeholder`` and URL credentials by ``***``."""
        spans = self.spans(text)
        if spans:
            parts, last = [], 0
            for start, end in spans:
                parts += [text[last:start], placeholder]
                last = end
            text = "".join(parts) + text[last:]
        return strip_userinfo(text)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: never shows its secrets>"


def scrubber_for(secrets: Iterable[str]) -> Scrubber:
    """The ``Scrubber`` of ``secrets``; the last 16 sets asked for are kept (one costs milliseconds to build)."""
    return _scrubber(frozenset(secrets))


@functools.lru_cache(maxsize=16)
def _scrubber(secrets: frozenset[str]) -> Scrubber:
    return Scrubber(secrets)


def scrub(text: str, secrets: Iterable[str], placeholder: str = "[redacted]") -> str:
    """``text`` with every form of each of ``secrets`` replaced by ``placeholder``, and URL credentials by ``***``."""
    return scrubber_for(secrets)(text, placeholder)
