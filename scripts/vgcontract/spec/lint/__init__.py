"""Spec lint: openapi-spec-validator plus a Python port of Spectral's `spectral:oas` rules.

CI machines have Python but not necessarily Node, so the recommended OpenAPI 3.x rules of
Spectral's `spectral:oas` ruleset (v6) are re-implemented here with Spectral's rule names
and severities. Rules that only apply to Swagger 2.0 or to OpenAPI 3.2 are left out, as
are the rules Spectral does not enable by default (`recommended: false`).
`oas3-schema` is delegated to openapi-spec-validator, which checks the document against
the official OpenAPI 3.1 schema and more.

A new rule goes in the module for what it looks at (`document`, `paths`, `schemas`),
registered with `@rule(name, severity)`.
"""

from vgcontract.spec.lint import document, paths, schemas  # noqa: F401 - the rules register on import
from vgcontract.spec.lint.registry import RULES, Rule, lint_spec

__all__ = ["RULES", "Rule", "lint_spec"]
