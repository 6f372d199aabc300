"""`drift --suggest-patch`: the spec change that documents what a corpus showed, as a unified diff.

Each patchable finding becomes one edit of `openapi/voiceglow.yaml`, made at the line level
(`_yamledit`) so the diff shows only what changes:

* undocumented field -> a new property, with the schema inferred from every value seen;
* type mismatch / unexpected null -> the type widened (`type: [integer, string]`), or, on
  a `$ref`, an `anyOf` of the reference and the observed types;
* value outside an enum -> the new values appended to the enum;
* missing required field -> removed from `required`;
* timestamp in the other unit -> `x-epoch-unit` switched to it;
* format violation -> the `format` dropped.

Envelope, transport and status findings describe a broken response, not an undocumented
one: they are listed as not patchable.

Every name and value the server chose (a new field's name, the keys inside it, a new enum
value) is judged by `drift.withhold` first: one that looks like a secret or personal data,
or cannot be shown safely, is never written. It is listed in `SpecPatch.withheld` with the
reason, shown as `<withheld>`, so the diff applied is exactly the diff the reports show; and
a patch whose new lines still look like a secret or personal data is refused whole.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from vgcontract.drift.infer import schema_for_types
from vgcontract.drift.model import DriftKind, DriftReport
from vgcontract.drift.schema import EPOCH_UNITS, DriftSchema, parse_path
from vgcontract.drift.withhold import safe_schema, shown_path, unsafe_added_lines, why_withheld
from vgcontract.errors import InputError
from vgcontract.findings import Finding
from vgcontract.spec.read import parse_text
from vgcontract.spec.yamledit import YamlText

__all__ = ["SpecPatch", "suggest_patch", "verified_patch"]

_NOT_PATCHABLE = {
    DriftKind.ENVELOPE_VIOLATION,
    DriftKind.NOT_JSON,
    DriftKind.WRONG_CONTENT_TYPE,
    DriftKind.UNEXPECTED_STATUS,
}


@dataclass
class SpecPatch:
    """The patched spec text, its unified diff against the original, and what was left out.

    `withheld` lists (shown location, reason) for each server-chosen name or value that
    was not written because it looks like a secret or personal data (`drift.withhold`).
    """

    original: str
    patched: str
    diff: str
    changes: list[str] = field(default_factory=list)
    not_patched: list[str] = field(default_factory=list)
    withheld: list[tuple[str, str]] = field(default_factory=list)


def _types_of(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return {str(t) for t in declared}
    return set()


class _Builder:
    """Collects the edits for one report; `build()` renders them into a `SpecPatch`."""

    def __init__(self, report: DriftReport, schema: DriftSchema, spec_text: str, mixed_epochs: set[str]) -> None:
        self.report, self.schema, self.spec_text = report, schema, spec_text
        self.mixed_epochs = mixed_epochs
        self.doc = YamlText(spec_text)
        self.new_properties: dict[str, dict[str, Any]] = defaultdict(dict)
        self.widen: dict[str, set[str]] = defaultdict(set)
        self.changes: list[str] = []
        self.not_patched: list[str] = []
        self.withheld: list[tuple[str, str]] = []
        self._done: set[tuple[str, str]] = set()

    def _once(self, action: str, pointer: str) -> bool:
        # Components are shared (one schema may sit at several paths): edit each node once.
        if (action, pointer) in self._done:
            return False
        self._done.add((action, pointer))
        return True

    def add(self, finding: Finding) -> None:
        kind, path = DriftKind(finding.kind), finding.location
        shown = shown_path(path)
        if kind in _NOT_PATCHABLE:
            self.not_patched.append(f"{kind.value} at {shown}: a broken response, not an undocumented one")
            return
        if kind is DriftKind.NEVER_OBSERVED:
            return
        tokens = parse_path(path)
        if kind is DriftKind.UNDOCUMENTED_FIELD:
            self._new_property(finding, tokens)
            return
        site = self.schema.sites.get(tokens)
        if site is None:
            self.not_patched.append(f"{kind.value} at {shown}: no schema for this path in the spec")
        elif kind in {DriftKind.TYPE_MISMATCH, DriftKind.UNEXPECTED_NULL}:
            self.widen[site.pointer].update(t for t in finding.evidence.get("observed_types", {}) if t != "absent")
        elif kind is DriftKind.ENUM_NEW_VALUE:
            values = self._safe_values(path, self.report.new_enum_values.get(path, []))
            if values and self._once("enum", site.schema_pointer):
                self.doc.append_items(f"{site.schema_pointer}/enum", values)
                self.changes.append(f"add enum value(s) {', '.join(map(str, values))} to {path}")
        elif kind is DriftKind.MISSING_REQUIRED and site.parent_pointer and site.name:
            if self._once("required", f"{site.parent_pointer}/{site.name}"):
                self.doc.remove_item(f"{site.parent_pointer}/required", site.name)
                self.changes.append(f"make {path} optional")
        elif kind is DriftKind.TIMESTAMP_UNIT:
            other = next((u for u in EPOCH_UNITS if u != site.schema.get("x-epoch-unit")), None)
            if path in self.mixed_epochs and self._once("epoch", site.schema_pointer):
                self.doc.delete_entry(f"{site.schema_pointer}/x-epoch-unit")
                self.changes.append(f"drop the epoch unit of {path}: both units were observed")
            elif other and self._once("epoch", site.schema_pointer):
                self.doc.replace_entry(f"{site.schema_pointer}/x-epoch-unit", {"x-epoch-unit": other})
                self.changes.append(f"document {path} in epoch {other}")
        elif kind is DriftKind.CONSTRAINT_VIOLATION:
            keyword = str(finding.evidence.get("keyword", ""))
            scalar = not isinstance(site.schema.get(keyword), dict | list)
            if keyword in site.schema and scalar and self._once(keyword, site.schema_pointer):
                self.doc.delete_entry(f"{site.schema_pointer}/{keyword}")
                self.changes.append(f"drop `{keyword}: {site.schema[keyword]}` from {path}")
            elif keyword not in site.schema:
                self.not_patched.append(f"constraint-violation at {path}: `{keyword}` is not on the field itself")
        elif kind is DriftKind.FORMAT_VIOLATION and "format" in site.schema and self._once("format", site.pointer):
            self.doc.delete_entry(f"{site.schema_pointer}/format")
            self.changes.append(f"drop format `{site.schema['format']}` from {path}")

    def _safe_values(self, path: str, values: list[Any]) -> list[Any]:
        """The new enum values that may be written; the others are withheld, each with its reason."""
        kept = []
        for value in values:
            reason = why_withheld(value)
            if reason is None:
                kept.append(value)
            else:
                self.withheld.append((f"a new enum value of {path}", reason))
        return kept

    def _new_property(self, finding: Finding, tokens: tuple[str, ...]) -> None:
        path = finding.location
        reason = why_withheld(tokens[-1])
        if reason is not None:
            self.withheld.append((shown_path(path), reason))
            return
        parent = self.schema.object_pointers.get(tokens[:-1])
        inferred = self.report.inferred.get(path)
        if parent is None or inferred is None:
            self.not_patched.append(f"undocumented-field at {shown_path(path)}: its parent is not a documented object")
            return
        inferred = safe_schema(inferred, tokens, self.withheld)
        description = (
            f"Undocumented: observed by `vgcontract drift` in {finding.evidence.get('responses', 0)} "
            f"of {self.report.read} responses; "
            "the type is inferred from the values seen. Describe it."
        )
        # `x-source`: the field is not on the documentation page; say where it came from.
        entry = {**inferred, "description": description, "x-source": "observed by vgcontract drift"}
        self.new_properties[f"{parent}/properties"][tokens[-1]] = entry
        self.changes.append(f"add property {path}")

    def _widen(self, pointer: str, observed: set[str]) -> None:
        site = next(s for s in self.schema.sites.values() if s.pointer == pointer)
        if site.pointer != site.schema_pointer:
            # A $ref: keep the reference, add the observed types beside it.
            branches: list[dict[str, Any]] = [{"$ref": site.schema_pointer}]
            branches += [schema_for_types({t}) for t in sorted(observed - _types_of(site.schema))]
            self.doc.replace_entry(f"{pointer}/$ref", {"anyOf": branches})
        elif "type" in site.schema:
            self.doc.set_flow_entry(f"{pointer}/type", schema_for_types(_types_of(site.schema) | observed)["type"])
        else:
            self.not_patched.append(f"type change at {pointer}: the schema there has no `type` to widen")
            return
        self.changes.append(f"widen {pointer.removeprefix('#/')} to accept {', '.join(sorted(observed))}")

    def build(self, spec_name: str) -> SpecPatch:
        for pointer, observed in self.widen.items():
            self._widen(pointer, observed)
        for pointer, properties in self.new_properties.items():
            self.doc.add_entries(pointer, properties)
        patched = self.doc.render()
        diff = "".join(
            difflib.unified_diff(
                self.spec_text.splitlines(keepends=True),
                patched.splitlines(keepends=True),
                fromfile=f"a/{spec_name}",
                tofile=f"b/{spec_name}",
            )
        )
        for number, reason in unsafe_added_lines(self.spec_text, diff)[:1]:
            # The withholding above should leave nothing; a patch that still carries a secret
            # is refused whole rather than written or shown.
            raise InputError(f"the spec patch's line {number} {reason}: nothing was written or released")
        return SpecPatch(self.spec_text, patched, diff, self.changes, self.not_patched, self.withheld)


def suggest_patch(
    report: DriftReport, schema: DriftSchema, spec_text: str, spec_name: str, *, mixed_epochs: Iterable[str] = ()
) -> SpecPatch:
    """The spec change that documents every patchable finding in `report`, as a `SpecPatch`.

    A timestamp field in the other unit gets that unit documented, unless its path is in
    `mixed_epochs` (both units seen; found by re-checking the corpus against the patched
    spec, see `verified_patch`), where the unit is dropped instead.
    """
    builder = _Builder(report, schema, spec_text, set(mixed_epochs))
    for finding in report.findings:
        builder.add(finding)
    return builder.build(spec_name)


def verified_patch(
    report: DriftReport,
    schema: DriftSchema,
    spec_text: str,
    spec_name: str,
    recheck: Callable[[DriftSchema], DriftReport] | None,
) -> tuple[SpecPatch, DriftReport | None]:
    """`suggest_patch`, then (when the corpus can be read again) re-check it against the result.

    `recheck` runs the drift check on the same corpus with another schema. Fields whose
    timestamps came in both units are found this way and their unit dropped. Returns the
    patch and the re-check's report (None when the corpus cannot be read twice).
    """
    patch = suggest_patch(report, schema, spec_text, spec_name)
    if recheck is None or not patch.changes:
        return patch, None
    after = recheck(DriftSchema.from_spec(_load_text(patch.patched), schema.operation or None))
    mixed = {f.location for f in after.findings if f.kind == DriftKind.TIMESTAMP_UNIT.value}
    if mixed:
        patch = suggest_patch(report, schema, spec_text, spec_name, mixed_epochs=mixed)
        after = recheck(DriftSchema.from_spec(_load_text(patch.patched), schema.operation or None))
    return patch, after


def _load_text(text: str) -> dict[str, Any]:
    loaded = parse_text(text, "the patched spec")  # the spec reader's YAML 1.2, as the spec is read
    if not isinstance(loaded, dict):
        raise InputError("the patched spec is not a mapping")
    return loaded
