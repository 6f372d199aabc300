"""The spec-diff rules: each change's kind, its severity in a response and in a request, and why.

`Severity.ERROR` is what oasdiff and this project's changelog call *breaking*: the
generated client, or code using it, can fail after regenerating. `WARNING`: it keeps
working, but may now see something it was not written for. `INFO`: additions and
documentation. The levels follow oasdiff's published rules where there is a choice; the
debatable ones say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from vgcontract.findings import Finding, Severity

__all__ = ["LEVEL_LABELS", "RULES", "SpecDiff", "level_label"]

LEVEL_LABELS = {Severity.ERROR: "breaking", Severity.WARNING: "warning", Severity.INFO: "info"}


def level_label(severity: Severity) -> str:
    """`breaking`, `warning` or `info`: the words of a changelog, for a spec-diff severity."""
    return LEVEL_LABELS.get(severity, str(severity))


# rule -> (level in a response, level in a request, why). Debatable choices name oasdiff's.
RULES: dict[str, tuple[Severity, Severity, str]] = {
    "path-removed": (Severity.ERROR, Severity.ERROR, "calls to it fail"),
    "operation-removed": (Severity.ERROR, Severity.ERROR, "calls to it fail"),
    "operation-id-changed": (Severity.ERROR, Severity.ERROR, "the generated function's module is renamed"),
    "operation-added": (Severity.INFO, Severity.INFO, "a new operation"),
    "parameter-required-added": (Severity.ERROR, Severity.ERROR, "existing calls do not send it"),
    "parameter-became-required": (Severity.ERROR, Severity.ERROR, "existing calls may not send it"),
    "parameter-optional-added": (Severity.INFO, Severity.INFO, "a new optional parameter"),
    # oasdiff: request-parameter-removed is a warning (the server ignores what is still sent).
    "parameter-removed": (Severity.WARNING, Severity.WARNING, "the server may reject or ignore it"),
    "parameter-type-narrowed": (Severity.ERROR, Severity.ERROR, "values that were valid are refused"),
    "parameter-type-changed": (Severity.ERROR, Severity.ERROR, "values that were valid are refused"),
    "parameter-enum-value-removed": (Severity.ERROR, Severity.ERROR, "a value clients send is no longer allowed"),
    "parameter-enum-value-added": (Severity.INFO, Severity.INFO, "a new value clients may send"),
    "success-status-removed": (Severity.ERROR, Severity.ERROR, "the client no longer parses that success"),
    "success-status-added": (Severity.INFO, Severity.INFO, "a new documented success"),
    "error-status-added": (Severity.INFO, Severity.INFO, "a new documented error"),
    # oasdiff: response-non-success-status-removed is informational; we warn, errors change handling.
    "error-status-removed": (Severity.WARNING, Severity.WARNING, "an error the client handled is no longer documented"),
    "property-removed": (Severity.ERROR, Severity.WARNING, "code reading it fails"),
    "optional-property-removed": (Severity.WARNING, Severity.WARNING, "code reading it sees UNSET from now on"),
    "property-added": (Severity.INFO, Severity.INFO, "a new field"),
    "required-property-added": (Severity.INFO, Severity.ERROR, "a new required field"),
    "type-changed": (Severity.ERROR, Severity.ERROR, "the field's Python type changes"),
    "became-nullable": (Severity.ERROR, Severity.INFO, "code reading it may now get None"),
    "null-removed": (Severity.ERROR, Severity.ERROR, "the field's type is narrowed"),
    "became-optional": (Severity.ERROR, Severity.INFO, "code reading it may now get UNSET"),
    "became-required": (Severity.INFO, Severity.ERROR, "the field is now always present"),
    "enum-value-added": (Severity.WARNING, Severity.INFO, "a value the client's Literal type does not list"),
    # oasdiff: response-property-enum-value-removed is informational (fewer values to handle).
    "enum-value-removed": (Severity.INFO, Severity.ERROR, "a value is no longer used"),
    "additional-properties-closed": (Severity.WARNING, Severity.WARNING, "undocumented fields are no longer allowed"),
    "additional-properties-opened": (Severity.INFO, Severity.INFO, "undocumented fields are now allowed"),
    # oasdiff: response-property-format-changed is a warning; the generated type can change with it.
    "format-changed": (Severity.WARNING, Severity.ERROR, "the string's format changed"),
    "security-changed": (Severity.ERROR, Severity.ERROR, "requests must authenticate differently"),
    "servers-changed": (Severity.WARNING, Severity.WARNING, "base URLs changed"),
    "request-body-required-added": (Severity.ERROR, Severity.ERROR, "existing calls send no body"),
    "documentation-changed": (Severity.INFO, Severity.INFO, "descriptions or examples changed"),
}
_ADDITIVE = {
    "operation-added",
    "parameter-optional-added",
    "success-status-added",
    "error-status-added",
    "property-added",
}


@dataclass(frozen=True)
class SpecDiff:
    """Every change from BASE to HEAD, and the semantic-version bump they call for."""

    changes: tuple[Finding, ...]

    def count(self, severity: Severity) -> int:
        """How many changes are at `severity` (`ERROR` is breaking)."""
        return sum(change.severity == severity for change in self.changes)

    @property
    def bump(self) -> str:
        """``major`` for breaking changes, ``minor`` for warnings and additions, ``patch`` or ``none`` otherwise."""
        if self.count(Severity.ERROR):
            return "major"
        if self.count(Severity.WARNING) or any(change.kind in _ADDITIVE for change in self.changes):
            return "minor"
        return "patch" if self.changes else "none"
