"""The lint's rule registry and runner.

Each rule is registered once, with its Spectral name and severity, by `@rule(name,
severity)`; the function yields `(pointer, message)` hits and never builds a finding
itself, so a rule's name and level are written in exactly one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from vgcontract.findings import Finding, Severity
from vgcontract.spec.load import JsonPointerError, dereference, pointer_escape
from vgcontract.spec.model import operations_of

__all__ = ["RULES", "Doc", "Hit", "Rule", "RuleCheck", "lint_spec", "rule"]

Doc = dict[str, Any]
Hit = tuple[str, str]  # (JSON pointer, message)
RuleCheck = Callable[[Doc], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    """One lint rule: Spectral's name for it, its severity, and the check."""

    name: str
    severity: Severity
    check: RuleCheck

    def run(self, doc: Doc) -> list[Finding]:
        """The rule's findings on `doc`."""
        return [Finding(self.name, self.severity, pointer, message) for pointer, message in self.check(doc)]


RULES: dict[str, Rule] = {}


def rule(name: str, severity: Severity) -> Callable[[RuleCheck], RuleCheck]:
    """Register the decorated check as rule `name` at `severity`."""

    def register(check: RuleCheck) -> RuleCheck:
        RULES[name] = Rule(name, severity, check)
        return check

    return register


def ptr(*tokens: str | int) -> str:
    """A JSON pointer (`#/paths/~1agents`) from unescaped tokens."""
    return "#/" + "/".join(pointer_escape(str(t)) for t in tokens) if tokens else "#"


def operations(doc: Doc) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation in `doc` (the one walk, `operations_of`)."""
    for operation in operations_of(doc):
        yield operation.path, operation.method, dict(operation.node)


def deref(doc: Doc, node: Any) -> Any:
    """`node` with its `$ref`s inlined, or as it is when one does not resolve (oas3-schema names that)."""
    try:
        return dereference(doc, node)
    except JsonPointerError:
        return node


def lint_spec(spec: Mapping[str, Any], rules: dict[str, Rule] | None = None) -> list[Finding]:
    """Run every rule (or the given ones) on a loaded spec; return all findings, sorted.

    Rules never raise on a malformed document: what one rule cannot read, `oas3-schema`
    reports, and the skipped rule says so as a hint. A `$ref` that does not resolve (or a
    cycle) is reported as `invalid-ref` rather than swallowed.
    """
    # The rule modules register themselves on import.
    from vgcontract.spec.lint import document, paths, schemas  # noqa: F401, PLC0415

    doc = spec if isinstance(spec, dict) else dict(spec)  # a `Spec`: its document
    findings: list[Finding] = []
    try:
        dereference(doc)
    except JsonPointerError as exc:
        # Said once, here: the rules then see the unresolved nodes as they are.
        findings.append(Finding("invalid-ref", Severity.ERROR, "#", f"the document does not resolve: {exc}"))
    for name, one in (rules or RULES).items():
        try:
            findings.extend(one.run(doc))
        except Exception as exc:  # one rule's crash must not hide the others' findings
            # The document's shape is broken in a way this rule cannot walk (a `$ref` cycle,
            # a wrong type). `oas3-schema` or `invalid-ref` names the cause; say which rule
            # was skipped, and why, rather than crash or stay silent.
            message = f"Rule skipped: the document is too malformed to check ({type(exc).__name__})."
            findings.append(Finding(name, Severity.HINT, "#", message))
    return sorted(findings, key=lambda f: (-f.severity, f.location, f.kind))
