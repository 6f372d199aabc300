"""Server-chosen text in Markdown stays text: no link, mention, heading, emphasis or HTML comes alive.

Each hostile string is rendered by a CommonMark parser (with GFM tables), inside a table
cell, a list item and a paragraph, through `md_code` and `md_text`; what GitHub links
beyond Markdown itself (mentions, `#123`, bare URLs) is checked on the rendered text.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from markdown_it import MarkdownIt

from vgcontract import Finding, Severity, md_code, md_text
from vgcontract.spec import render_entry
from vgcontract.spec.diff import diff_specs

HOSTILE = {
    "backtick": "a`b",
    "a fence": "```",
    "a line break and a heading": "x\n## Approved by the security team",
    "a link": "[click here](https://evil.example/login)",
    "an image": "![x](https://evil.example/pixel.png)",
    "raw HTML": '<img src=x onerror="alert(1)">',
    "an autolink": "<https://evil.example>",
    "a bare URL": "see https://evil.example/x and www.evil.example",
    "a mention": "@acme/security please approve",
    "an issue reference": "fixes #123",
    "a table pipe": "a|b|c",
    "emphasis": "*bold* _it_ ~~gone~~",
    "a list marker": "- item",
    "an ordered list marker": "1. item",
    "a quote": "> quoted",
    "a bidi override": "user\u202eexe.txt",
    "an entity": "&lt;script&gt;",
    "a carriage return": "a\r\n# b",
    "GitHub's own references": "see GH-123 and a5c3785ed8d6a35868bc169f07e40e889087fd2e",
    "math": "$\\color{red}{approved}$",
}
_MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
_LIVE_TAGS = re.compile(r"<(?!/?(?:p|code|table|thead|tbody|tr|th|td|ul|li)\b)[a-z]", re.IGNORECASE)
# What GitHub turns into links in rendered text outside code: mentions, issue references, URLs.
_GITHUB_LINKS = re.compile(
    r"(?<![\w`])@[A-Za-z0-9]|(?<![\w&])#\d|https?://|www\.|\bGH-\d|(?<![0-9a-z])[0-9a-f]{7,40}(?![0-9a-z])",
    re.IGNORECASE,
)


def _contexts(text: str, render: Any) -> dict[str, str]:
    return {
        "cell": f"| a | b |\n| --- | --- |\n| {render(text, True)} | z |\n",
        "list item": f"- before {render(text, False)} after\n",
        "paragraph": f"before {render(text, False)} after\n",
    }


def _outside_code(rendered: str) -> str:
    """The rendered text a reader sees outside code spans (where GitHub's link filters run)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<code>.*?</code>", " ", rendered, flags=re.DOTALL)))


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_code_span_holds_everything_and_nothing_comes_alive(text: str) -> None:
    for where, document in _contexts(text, lambda t, cell: md_code(t, table=cell)).items():
        rendered = _MD.render(document)
        assert _LIVE_TAGS.search(rendered) is None, (where, rendered)
        assert rendered.count("<code>") == 1, (where, rendered)
        inside = html.unescape(re.search(r"<code>(.*?)</code>", rendered, re.DOTALL)[1])  # type: ignore[index]
        shown = text.replace("\n", "\\n").replace("\r", "\\r").replace("\u202e", "\\u202e")
        assert inside.strip() == shown.strip(), where
        assert "<h" not in rendered


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_escaped_text_renders_as_itself_with_nothing_live(text: str) -> None:
    assert re.search(r"(?<!\\)\$", md_text(text)) is None  # an escaped `$` opens no math
    for where, document in _contexts(text, lambda t, cell: md_text(t, table=cell)).items():
        rendered = _MD.render(document)
        assert _LIVE_TAGS.search(rendered) is None, (where, rendered)
        assert not re.search(r"<(h\d|a|img|strong|em|s|blockquote|ol)\b", rendered), (where, rendered)
        assert rendered.count("<tr>") <= 2  # a pipe never makes a new cell or row
        visible = _outside_code(rendered)
        assert _GITHUB_LINKS.search(visible) is None, (where, visible)
        if where != "cell":  # the words read as written; line breaks and invisible controls become spaces
            flat = re.sub(r"[\x00-\x1f\u202e]", " ", text)
            assert visible.replace("\u200b", "").split() == f"before {flat} after".split()


def test_a_message_s_own_code_spans_survive_and_stay_safe() -> None:
    rendered = _MD.render(md_text("property `data.a` was added; `x` ``y") + "\n")
    assert "<code>data.a</code>" in rendered
    assert "<code>x</code>" in rendered


def _spec(properties: dict[str, Any]) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties}
    ok = {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/things": {"get": {"operationId": "getThing", "responses": {"200": ok}}}},
        "components": {"schemas": {"Thing": schema}},
    }


def test_a_changelog_entry_keeps_a_hostile_field_name_inert() -> None:
    name = "x`\n## Approved\n[merge](https://evil.example) @acme/security <b>ok</b>"
    old, new = _spec({"id": {"type": "string"}}), _spec({"id": {"type": "string"}, name: {"enum": ["a`b", "@x"]}})
    entry = render_entry(diff_specs(old, new), "9.9.9", spec_sha256="0" * 64, old=old, new=new)
    rendered = _MD.render(entry)
    headings = re.findall(r"<h(\d)>(.*?)</h\d>", rendered)
    assert headings == [("2", "voiceglow-client 9.9.9"), ("3", "Added and documentation")]
    assert not re.search(r"<(a|b|img)\b", rendered)
    assert _GITHUB_LINKS.search(_outside_code(rendered)) is None


def test_findings_render_the_same_when_nothing_is_hostile() -> None:
    finding = Finding("type-changed", Severity.ERROR, "/paths/~1a/get", "`data.value` became a string")
    assert md_code(finding.location) == "`/paths/~1a/get`"
    assert md_text(finding.message) == "`data.value` became a string"
