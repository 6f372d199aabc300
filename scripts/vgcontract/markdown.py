"""Text that other people chose, made inert in Markdown: the PR body, CHANGELOG.md, step summaries, reports.

Field names, enum values, IDs and messages come from a server or from a spec in a pull
request. Written into Markdown as they are, a backtick or a line break breaks out of a code
span into a live link, an `@org/team` mention, a `## Approved` heading or raw HTML, committed
to CHANGELOG.md and shown in the pull request. Every such string goes through one of two
functions here:

* `md_code`: a code span that cannot be broken out of. The fence is longer than any run of
  backticks inside, line breaks and other control characters are shown as escapes
  (`\\n`), and in a table `|` is escaped. Nothing inside a code span is a link, a mention,
  a heading or HTML.
* `md_text`: text on one line with every character that starts inline markup
  backslash-escaped (and block markup at its start), and the patterns GitHub turns into
  links outside Markdown itself (`@mentions`, `#123`, `GH-123`, `https://`, `www.`, a
  commit's hex SHA) broken with a zero-width space, so nothing is live; `$` is escaped, so
  no math renders. A backtick pair stays a code span, made safe.
"""

from __future__ import annotations

import re

__all__ = ["md_code", "md_text"]

_BACKTICKS = re.compile(r"`+")
_CODE_SPAN = re.compile(r"`([^`]+)`")
# Control characters, line and paragraph separators, and the invisible bidirectional
# controls that could make a line read differently from what it holds.
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Inline markup anywhere in a line: escapes, code, emphasis, links and images, HTML and
# autolinks, entities, table cells, strikethrough.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!$])")
# Block markup where a line (or a list item's text) starts: headings, quotes, list markers,
# thematic breaks, setext underlines, ordered-list numbers.
_LEADING = re.compile(r"^(\s*(?:\d+(?=[.)]))?)([#>+\-=.)])")
_ZWSP = "\u200b"
# What GitHub links in rendered text: mentions, issue references (`#1`, `GH-1`), bare URLs
# and www. hosts; and hex runs of 7 or more, which may name a commit (cut every 6).
_LINKABLE = re.compile(r"(@|#|:(?=//)|(?i:www)(?=\.)|(?i:\bGH)(?=-\d))")
_HEX_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{7,}(?![0-9A-Za-z])")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\u{ord(char):04x}")


def md_code(text: str, *, table: bool = False) -> str:
    """`text` as an inline code span that nothing inside can end early (`table`: also inside a table cell)."""
    body = _UNSAFE_CHARS.sub(_visible, text)
    if table:
        body = body.replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(body)), default=0)
    fence = "`" * (longest + 1)
    if body.startswith("`") or body.endswith("`") or not body.strip():
        body = f" {body} "  # CommonMark strips one space each side; it keeps a backtick off the fence
    return f"{fence}{body}{fence}"


def _plain(text: str) -> str:
    defused = _LINKABLE.sub(lambda m: m.group(0) + _ZWSP, text)
    defused = _HEX_RUN.sub(lambda m: _ZWSP.join(re.findall(".{1,6}", m.group(0))), defused)
    return _INLINE.sub(r"\\\1", defused)


def md_text(text: str, *, table: bool = False) -> str:
    """`text` as Markdown on one line in which nothing can come alive: no markup, link, mention, heading or HTML.

    A pair of backticks in `text` stays a code span (its content made safe by `md_code`), so
    a message's own formatting survives; everything else is escaped (`table`: the text is in
    a table cell, where a code span's `|` must be escaped too).
    """
    flat = _UNSAFE_CHARS.sub(" ", text)
    out, last = [], 0
    for span in _CODE_SPAN.finditer(flat):
        out += [_plain(flat[last : span.start()]), md_code(span.group(1), table=table)]
        last = span.end()
    out.append(_plain(flat[last:]))
    joined = "".join(out)
    return _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), joined, count=1)
