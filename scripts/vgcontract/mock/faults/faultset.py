"""A fault plan applied to a whole spec: one injector per operation, one shared count of breaks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from vgcontract.errors import UsageError
from vgcontract.mock.faults.catalogue import FaultPlan
from vgcontract.mock.faults.injector import FaultInjector

__all__ = ["FaultSet"]


class FaultSet:
    """The plan, what it broke (`applied`: (mode, path) -> count), and an injector per operation.

    Each operation's body breaks target its own success schema, so a fault on the list
    breaks `data[].field` and one on a single conversation breaks `data.field`. With
    `plan.operation` set, only that operation (operationId or `METHOD /path`) is broken.
    """

    def __init__(self, plan: FaultPlan, operations: Iterable[Any]) -> None:
        self.plan = plan
        self.applied: Counter[tuple[str, str]] = Counter()
        self.injectors: dict[str, FaultInjector] = {
            op.name: FaultInjector(op.success_schema, plan, self.applied, secured=op.secured)
            for op in operations
            if isinstance(op.success_schema, dict)
        }
        self._none = FaultInjector({}, plan, self.applied)
        if plan.operation is not None and plan.operation not in self.injectors:
            known = ", ".join(self.injectors) or "none"
            raise UsageError(f"--fault-operation {plan.operation!r} has no JSON success body to break; known: {known}")

    def targets(self, operation: Any) -> bool:
        """True when requests to `operation` (None: no route) may be broken under this plan."""
        return self.plan.operation is None or (operation is not None and operation.name == self.plan.operation)

    def injector(self, operation: Any) -> FaultInjector:
        """The body-break injector of `operation` (one that breaks nothing when it has no JSON success body)."""
        return self.injectors.get(operation.name, self._none)

    def describe(self, mode: str) -> str:
        """What `mode` breaks in each operation the plan targets, for `--list-faults`."""
        chosen = [(name, injector) for name, injector in self.injectors.items() if self.plan.operation in (None, name)]
        if len(chosen) == 1:
            return chosen[0][1].describe(mode)
        return "; ".join(f"{name}: {injector.describe(mode)}" for name, injector in chosen)
