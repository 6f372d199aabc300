"""CHANGELOG.md entries a client user can read: what changed in *their* Python code.

Each spec change (a spec-diff `Finding`) becomes one line that names the generated class
and attribute, the old and new Python type, what to do about it, and only then the spec
location, for example:

    **Breaking** · `Conversation.value`: `float` → `str` (response field `data.value`,
    number → string). Code that does arithmetic on it must convert.

Entries are grouped (breaking, deprecations and changes, additions and documentation) and
carry a marker with the version, the bump and the released spec's sha256, so one entry per
version can be found and replaced, and the gate can check the bump.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vgcontract.errors import InputError
from vgcontract.findings import Finding, Severity
from vgcontract.markdown import md_code, md_text
from vgcontract.spec.diff import SpecDiff
from vgcontract.spec.load import dereference, resolve_pointer
from vgcontract.spec.model import Spec

__all__ = ["ChangelogEntry", "human_line", "read_entries", "render_entry", "write_entry"]

_TITLE = "# Changelog of voiceglow-client\n\n"
_HEADING = re.compile(r"^## voiceglow-client (\d+)\.(\d+)\.(\d+)\b", re.MULTILINE)
_MARKER = re.compile(r"<!-- vgcontract: (?P<fields>[^>]*?) -->")
_GROUPS = {Severity.ERROR: "Breaking", Severity.WARNING: "Changed", Severity.INFO: "Added and documentation"}
_LABEL = {Severity.ERROR: "Breaking", Severity.WARNING: "Changed", Severity.INFO: "Added"}
_PY = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
_ADVICE = {
    ("number", "string"): "Code that does arithmetic on it must convert.",
    ("integer", "string"): "Code that does arithmetic on it must convert.",
    ("string", "integer"): "Code that treats it as text must convert.",
    ("string", "number"): "Code that treats it as text must convert.",
}


@dataclass(frozen=True)
class ChangelogEntry:
    """One `## voiceglow-client X.Y.Z` entry: its version, its marker's fields, where it starts and ends."""

    version: tuple[int, int, int]
    fields: dict[str, str]
    start: int
    end: int

    @property
    def label(self) -> str:
        return ".".join(map(str, self.version))


def read_entries(path: Path) -> list[ChangelogEntry]:
    """The entries of a CHANGELOG, newest first (an absent file has none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    heads = list(_HEADING.finditer(text))
    entries = []
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        marker = _MARKER.search(text, head.end(), end)
        fields = dict(f.split("=", 1) for f in marker.group("fields").split() if "=" in f) if marker else {}
        version = (int(head[1]), int(head[2]), int(head[3]))
        entries.append(ChangelogEntry(version, fields, head.start(), end))
    return entries


def write_entry(path: Path, version: str, entry: str) -> None:
    """Put `entry` in place of the entry for `version`, or above the newest one: one entry per version."""
    text = path.read_text(encoding="utf-8") if path.exists() else _TITLE
    entries = read_entries(path) if path.exists() else []
    same = next((e for e in entries if e.label == version), None)
    if same is not None:
        text = text[: same.start] + entry + text[same.end :]
    else:
        at = entries[0].start if entries else len(text)
        text = text[:at] + entry + text[at:]
    path.write_text(text, encoding="utf-8")


def render_entry(
    diff: SpecDiff,
    version: str,
    *,
    spec_sha256: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    generator: dict[str, str] | None = None,
    bump: str | None = None,
) -> str:
    """The CHANGELOG.md entry for releasing `version`, the spec diff described for a Python user.

    `bump` is the release's own when it differs from the diff's (a template change alone is
    a patch); the `generator` hashes are recorded so the next release can tell.
    """
    bump = bump if bump not in (None, "none") else diff.bump
    recorded = "".join(f" {key}={value}" for key, value in (generator or {}).items())
    groups: dict[str, list[str]] = {}
    for level, title in _GROUPS.items():
        found = [c for c in diff.changes if c.severity == level]
        if found:
            # One schema reached from two places (the single body and a list row) reads the
            # same for a Python user: said once, and counted once.
            groups[title] = list(dict.fromkeys(human_line(change, old, new) for change in found))
    lines = [
        f"## voiceglow-client {version}",
        "",
        f"<!-- vgcontract: version={version} bump={bump} spec-sha256={spec_sha256}{recorded} -->",
        "",
        f"A {bump} release: {sum(len(said) for said in groups.values())} change(s)."
        if groups
        else f"A {bump} release: no spec change a client user sees; the generated code changed "
        "(its templates, the toolkit modules it ships, generator settings, or the generator's or formatter's version).",
    ]
    for title, said in groups.items():
        lines += ["", f"### {title}", "", *(f"- {line}" for line in said)]
    return "\n".join(lines) + "\n\n"


# Rules whose line names the Python type before and after.
_RETYPED = frozenset({"type-changed", "type-loosened", "type-tightened"})


def human_line(change: Finding, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """One change as a client user reads it: Python name and types first, the spec location last.

    Names and types come from the spec, which a server's drift or a pull request wrote:
    each is a code span that cannot be broken out of, and messages are inert text
    (`vgcontract.markdown`), so no line can become a link, a mention or a heading.
    """
    label = _LABEL.get(change.severity, str(change.severity).title())
    if change.kind in {"operation-added", "operation-removed"}:
        function = _function(change.location, new if change.kind == "operation-added" else old)
        if function is not None:
            what = "a new operation" if change.kind == "operation-added" else "removed: calls to it must go"
            return f"**{label}** · {md_code(function)} ({md_text(change.message.split(' was ')[0])}): {what}."
    place = _place(change.location, new if change.kind.endswith("added") else old)
    if place is None:
        return f"**{label}** · {md_text(change.message)} ({md_code(change.location)})"
    python, field = md_code(place[0]), md_code(place[1])
    side = "request" if "/requestBody/" in change.location or "/parameters/" in change.location else "response"
    before, after = _types(old, change.location), _types(new, change.location)
    if change.kind in _RETYPED and before and after and before != after:
        advice = _ADVICE.get((before, after), "Code that relies on the old type must adapt.")
        old_type, new_type = md_code(_PY.get(before, before)), md_code(_PY.get(after, after))
        return (
            f"**{label}** · {python}: {old_type} → {new_type} "
            f"({side} field {field}, {md_text(before)} → {md_text(after)}). {advice}"
        )
    if change.kind in {"property-added", "required-property-added"}:
        kind = md_code(_PY.get(after or "", after or "object")) if after else "a new field"
        must = " Calls must now send it." if side == "request" and change.kind == "required-property-added" else ""
        return f"**{label}** · {python}: {kind} ({side} field {field}).{must}"
    if change.kind in {"property-removed", "optional-property-removed"}:
        return f"**{label}** · {python} is gone ({side} field {field}): code reading it must stop."
    return f"**{label}** · {python} ({side} field {field}): {md_text(change.message)}"


def _function(pointer: str, doc: Mapping[str, Any]) -> str | None:
    """The generated function of the operation at `pointer`, named as openapi-python-client does.

    That is `api.<tag>.<operationId>` in snake case.
    """
    try:
        operation = resolve_pointer(doc, "#" + pointer)
    except InputError:
        return None
    if not isinstance(operation, dict) or not operation.get("operationId"):
        return None
    tag = (operation.get("tags") or ["default"])[0]
    from openapi_python_client.strings import snake_case  # noqa: PLC0415 - the generator's naming, 0.8 s to import

    return f"api.{snake_case(str(tag))}.{snake_case(str(operation['operationId']))}"


def _types(doc: Mapping[str, Any], pointer: str) -> str | None:
    try:
        resolved = doc.inlined() if isinstance(doc, Spec) else dereference(doc)
        node = resolve_pointer(resolved, "#" + pointer)
    except InputError:
        return None
    kind = node.get("type") if isinstance(node, dict) else None
    return kind if isinstance(kind, str) else None


def _place(pointer: str, doc: Mapping[str, Any]) -> tuple[str, str] | None:
    """(`Class.attribute`, `data.field`) for a response property pointer, following the raw spec's `$ref`s."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    if "schema" not in tokens or tokens[-2:-1] != ["properties"]:
        return None
    node: Any = doc.document if isinstance(doc, Spec) else doc
    model: str | None = None
    json_path: list[str] = []
    after_schema = False
    for step in tokens:
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            model = node["$ref"].rsplit("/", 1)[-1]
            node = resolve_pointer(doc, node["$ref"])
        if not isinstance(node, dict) or step not in node:
            return None
        if after_schema and step == "items":  # an array's items: `data.crmActivities[].title`, as drift says
            json_path[-1:] = [f"{json_path[-1] if json_path else ''}[]"]
        elif after_schema and step != "properties":
            json_path.append(step)
        after_schema = after_schema or step == "schema"
        node = node[step]
    if model is None:
        return None
    from openapi_python_client.strings import pascal_case, snake_case  # noqa: PLC0415 - see `_function`

    return f"{pascal_case(model)}.{snake_case(tokens[-1])}", ".".join(json_path)
