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


# rule -> (level in a response, level in a request, why). A schema rule's two levels follow
# the principle in `vgcontract.spec.diff.schema`: a request that accepts less, or a response
# that may hold more, breaks a client. Where this table differs from oasdiff's checker
# (checker/rules.go), the comment above the rule says so and why; the README lists them too.
RULES: dict[str, tuple[Severity, Severity, str]] = {
    # --- paths, operations, lifecycle ---
    "path-removed": (Severity.ERROR, Severity.ERROR, "calls to it fail"),
    "operation-removed": (Severity.ERROR, Severity.ERROR, "calls to it fail"),
    # oasdiff: api-removed-with-deprecation is info. The generated function disappears with it,
    # so code that still calls it no longer imports: breaking for that code.
    "deprecated-operation-removed": (Severity.ERROR, Severity.ERROR, "calls to it fail, though it was deprecated"),
    # oasdiff: removal after the sunset date is not reported. Here it is, and it is breaking for
    # the same reason; the message says the sunset passed.
    "operation-removed-after-sunset": (Severity.ERROR, Severity.ERROR, "calls to it fail (its sunset date had passed)"),
    "operation-removed-before-sunset": (
        Severity.ERROR,
        Severity.ERROR,
        "calls to it fail before the announced sunset date",
    ),
    "unstable-operation-removed": (Severity.INFO, Severity.INFO, "it was marked draft or alpha: free to change"),
    "operation-deprecated": (Severity.INFO, Severity.INFO, "it still works; plan to move off it"),
    "stability-decreased": (Severity.ERROR, Severity.ERROR, "what clients relied on is no longer promised"),
    "stability-invalid": (Severity.ERROR, Severity.ERROR, "clients cannot tell what they may rely on"),
    "sunset-invalid": (Severity.ERROR, Severity.ERROR, "clients cannot tell when it goes away"),
    "sunset-removed": (Severity.ERROR, Severity.ERROR, "clients cannot tell when it goes away"),
    "sunset-moved-earlier": (Severity.ERROR, Severity.ERROR, "it goes away sooner than announced"),
    "operation-id-changed": (Severity.ERROR, Severity.ERROR, "the generated function's module is renamed"),
    "operation-added": (Severity.INFO, Severity.INFO, "a new operation"),
    # --- security ---
    # oasdiff: every security change is info. A requirement a client cannot meet with the
    # credentials it had (a requirement where there was none, another scheme, another scope)
    # makes its calls fail.
    "security-tightened": (Severity.ERROR, Severity.ERROR, "calls with the old credentials fail"),
    "security-loosened": (Severity.INFO, Severity.INFO, "the old credentials still work"),
    "security-scheme-changed": (Severity.ERROR, Severity.ERROR, "requests must authenticate differently"),
    "servers-changed": (Severity.WARNING, Severity.WARNING, "base URLs changed"),
    # --- parameters and bodies ---
    "parameter-required-added": (Severity.ERROR, Severity.ERROR, "existing calls do not send it"),
    "parameter-became-required": (Severity.ERROR, Severity.ERROR, "existing calls may not send it"),
    "parameter-optional-added": (Severity.INFO, Severity.INFO, "a new optional parameter"),
    # oasdiff: request-parameter-removed is a warning (the server ignores what is still sent).
    "parameter-removed": (Severity.WARNING, Severity.WARNING, "the server may reject or ignore it"),
    "parameter-removed-before-sunset": (
        Severity.ERROR,
        Severity.ERROR,
        "it was announced to stay until its sunset date",
    ),
    "parameter-default-changed": (Severity.ERROR, Severity.ERROR, "calls that leave it out now mean something else"),
    "request-body-removed": (Severity.ERROR, Severity.ERROR, "the body existing calls send is no longer expected"),
    "request-body-required-added": (Severity.ERROR, Severity.ERROR, "existing calls may send no body"),
    "media-type-removed": (Severity.ERROR, Severity.ERROR, "that media type is no longer sent or accepted"),
    "media-type-added": (Severity.INFO, Severity.INFO, "a new media type"),
    "media-type-schema-added": (Severity.INFO, Severity.ERROR, "bodies are now checked against a schema"),
    # --- responses ---
    "success-status-removed": (Severity.ERROR, Severity.ERROR, "the client no longer parses that success"),
    "success-status-added": (Severity.INFO, Severity.INFO, "a new documented success"),
    "error-status-added": (Severity.INFO, Severity.INFO, "a new documented error"),
    # oasdiff: response-non-success-status-removed is informational; we warn, errors change handling.
    "error-status-removed": (Severity.WARNING, Severity.WARNING, "an error the client handled is no longer documented"),
    "response-header-removed": (Severity.ERROR, Severity.ERROR, "code reading the header fails"),
    "response-header-became-optional": (Severity.ERROR, Severity.ERROR, "code reading the header may find none"),
    # --- schemas: properties ---
    "property-removed": (Severity.ERROR, Severity.WARNING, "code reading it fails"),
    "optional-property-removed": (Severity.WARNING, Severity.WARNING, "code reading it sees UNSET from now on"),
    "property-added": (Severity.INFO, Severity.INFO, "a new field"),
    "required-property-added": (Severity.INFO, Severity.ERROR, "a new required field"),
    "became-optional": (Severity.ERROR, Severity.INFO, "code reading it may now get UNSET"),
    "became-required": (Severity.INFO, Severity.ERROR, "the field must now be sent"),
    "additional-properties-closed": (Severity.WARNING, Severity.WARNING, "undocumented fields are no longer allowed"),
    "additional-properties-opened": (Severity.INFO, Severity.INFO, "undocumented fields are now allowed"),
    # --- schemas: types ---
    "type-changed": (Severity.ERROR, Severity.ERROR, "the field's Python type changes"),
    "type-loosened": (Severity.ERROR, Severity.INFO, "the client may get values of a type it was not written for"),
    "type-tightened": (Severity.INFO, Severity.ERROR, "values of a type that was accepted are refused"),
    "became-nullable": (Severity.ERROR, Severity.INFO, "code reading it may now get None"),
    "null-removed": (Severity.INFO, Severity.ERROR, "None, which was accepted, is refused"),
    # The generated client reads and sends an XML body as text (a File or str), so the schema's
    # types do not change what a caller handles. oasdiff calls these changes compatible too.
    "xml-type-changed": (Severity.INFO, Severity.INFO, "an XML body is text to the client either way"),
    "wrapped-in-union": (Severity.ERROR, Severity.ERROR, "the field's Python type becomes a union"),
    "union-variant-added": (Severity.ERROR, Severity.INFO, "the client may get a shape it does not decode"),
    # oasdiff: response-*-any-of-added is info; the variants a client decodes still match.
    "any-of-variant-added": (Severity.WARNING, Severity.INFO, "the client may get a shape none of its types names"),
    "union-variant-removed": (Severity.INFO, Severity.ERROR, "a shape that was accepted is refused"),
    "all-of-added": (Severity.INFO, Severity.ERROR, "values must now match more schemas"),
    # oasdiff: response-property-format-changed is a warning; the generated type can change with it.
    "format-changed": (Severity.WARNING, Severity.ERROR, "the string's format changed"),
    # --- schemas: values ---
    "became-enum": (Severity.INFO, Severity.ERROR, "values outside the list are refused"),
    "enum-value-added": (Severity.WARNING, Severity.INFO, "a value the client's Literal type does not list"),
    # oasdiff: response-property-enum-value-removed is informational (fewer values to handle).
    "enum-value-removed": (Severity.INFO, Severity.ERROR, "a value is no longer used"),
    "extensible-enum-value-added": (Severity.INFO, Severity.INFO, "a new value; the list is open"),
    "extensible-enum-value-removed": (Severity.INFO, Severity.ERROR, "a value clients send is no longer accepted"),
    "const-added": (Severity.INFO, Severity.ERROR, "only one value is accepted"),
    "const-removed": (Severity.ERROR, Severity.INFO, "the value is no longer always the same"),
    "const-changed": (Severity.ERROR, Severity.ERROR, "the one value changed"),
    "pattern-added": (Severity.INFO, Severity.ERROR, "strings that were valid are refused"),
    # oasdiff: request-property-pattern-changed is a warning: the new pattern may or may not
    # accept what the old one did, which no checker can decide in general.
    "pattern-changed": (Severity.INFO, Severity.WARNING, "strings that were valid may be refused"),
    "pattern-removed": (Severity.INFO, Severity.INFO, "any string is accepted"),
    # --- schemas: limits (maximum, minLength, maxItems, ...) ---
    "limit-tightened": (Severity.INFO, Severity.ERROR, "values that were valid are refused"),
    "limit-loosened": (Severity.ERROR, Severity.INFO, "the client may get values outside the documented range"),
    # oasdiff: request-*-max-set and -min-set are warnings: a limit where there was none.
    "limit-added": (Severity.INFO, Severity.WARNING, "values beyond the new limit are refused"),
    "limit-removed": (Severity.ERROR, Severity.INFO, "the client may get values outside the documented range"),
    "prefix-items-added": (Severity.ERROR, Severity.INFO, "the client may get positional items it does not expect"),
    "prefix-items-removed": (Severity.INFO, Severity.ERROR, "positional items that were accepted are refused"),
    # if/then/else, contains, dependentRequired/Schemas, patternProperties, propertyNames,
    # unevaluated*, content*, not
    "constraint-added": (Severity.INFO, Severity.ERROR, "values that were valid may be refused"),
    "constraint-removed": (Severity.ERROR, Severity.INFO, "the client may get values the schema used to rule out"),
    "constraint-changed": (Severity.ERROR, Severity.ERROR, "what is valid changed"),
    "documentation-changed": (Severity.INFO, Severity.INFO, "descriptions or examples changed"),
}
_ADDITIVE = {
    "media-type-added",
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
