"""Which schemathesis checks judge a response, and how much each one counts: for both halves of the job.

`vgcontract contract` and the pytest suite (`contract_tests/test_schemathesis.py`) take
their checks from `check_plan`, so the two halves of `make contract` judge alike.

- **The shape contract** is an error: status codes, content type, headers and schema of
  every answer (schemathesis' response checks), plus our own checks (`contract.model`):
  the identity of the conversation, auth, and a body that can be parsed at all.
- **Provider hygiene** is a warning by default (`--hygiene error` makes it a failure): how
  the server treats methods the spec does not declare, its `Allow` header, how strictly it
  rejects invalid input. None of that is in the API's documented contract, and real servers
  differ on it (`http.server` answers 501 to TRACE).
- Checks that send requests of their own through schemathesis' second HTTP stack are not
  run; ours cover them through the bounded layer (`ignored_auth` is our auth probe).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from schemathesis.checks import CHECKS, load_all_checks

from vgcontract.findings import Severity

__all__ = ["HYGIENE_CHECKS", "RESENDING_CHECKS", "SHAPE_CHECKS", "CheckPlan", "check_plan"]

SHAPE_CHECKS = frozenset(
    {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    }
)
HYGIENE_CHECKS = frozenset(
    {
        "unsupported_method",
        "allow_header_conformance",
        "missing_required_header",
        "negative_data_rejection",
        "positive_data_acceptance",
    }
)
RESENDING_CHECKS = frozenset(
    {"ignored_auth", "use_after_free", "ensure_resource_availability", "object_level_authorization"}
)

Check = Callable[..., Any]


@dataclass(frozen=True)
class CheckPlan:
    """The checks to run on every answer, and the severity of each one's findings."""

    checks: tuple[Check, ...]
    severities: dict[str, Severity]

    @property
    def names(self) -> list[str]:
        """The checks' names, sorted."""
        return sorted(self.severities)

    def severity(self, name: str) -> Severity:
        """How much a finding of check `name` counts (an unknown check counts as an error)."""
        return self.severities.get(name, Severity.ERROR)

    def at_least(self, level: Severity) -> tuple[Check, ...]:
        """The checks whose findings count at `level` or more (the pytest half asserts these)."""
        return tuple(c for c in self.checks if self.severity(c.__name__) >= level)


def check_plan(*, hygiene: Severity = Severity.WARNING) -> CheckPlan:
    """Every schemathesis check that judges a response on its own, shape ones as errors, hygiene at `hygiene`."""
    load_all_checks()
    chosen = [c for c in CHECKS.get_all() if c.__name__ in SHAPE_CHECKS | HYGIENE_CHECKS]
    severities = {c.__name__: (hygiene if c.__name__ in HYGIENE_CHECKS else Severity.ERROR) for c in chosen}
    return CheckPlan(tuple(chosen), severities)
