"""Security requirements compared per operation, as a client holding credentials sees them.

An operation's requirement (its own ``security``, else the document's) is a list of
alternatives, each a set of schemes with their scopes. A client that met some old
alternative keeps working when some new alternative asks for no more than it: no other
scheme, no further scope. When none does, the change is breaking (`security-tightened`);
any other change (a requirement dropped, an alternative or scheme added beside the old
ones, a scope removed) is not. Schemes declared in ``components`` but used nowhere do not
matter; a used scheme whose definition changes (its type, where the key goes) is breaking.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vgcontract.spec.model import security_alternatives

__all__ = ["Requirement", "effective_requirement", "scheme_changed", "tightened"]

Requirement = list[dict[str, frozenset[str]]]
_DOC_KEYS = frozenset({"description", "summary", "x-description"})


def effective_requirement(doc: Mapping[str, Any], operation: Mapping[str, Any]) -> Requirement | None:
    """The operation's alternatives (None: no requirement at all, anyone may call it)."""
    raw = security_alternatives(operation.get("security", doc.get("security")))
    if raw is None:
        return None
    alternatives: Requirement = [
        {str(k): frozenset(map(str, v or [])) for k, v in alternative.items()} for alternative in raw
    ]
    return alternatives or None


def _satisfies(held: dict[str, frozenset[str]], asked: dict[str, frozenset[str]]) -> bool:
    return all(name in held and scopes <= held[name] for name, scopes in asked.items())


def tightened(old: Requirement | None, new: Requirement | None) -> bool:
    """Whether some client that could call under ``old`` cannot under ``new``."""
    if new is None:
        return False
    if old is None:
        return True  # anonymous calls worked, and now need credentials
    return any(not any(_satisfies(held, asked) for asked in new) for held in old)


def scheme_changed(old: Any, new: Any) -> bool:
    """Whether a scheme's definition changed in a way a client must follow (type, name, place, flows)."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return bool(old != new)
    keep = ("type", "scheme", "in", "name", "openIdConnectUrl")
    return bool(any(old.get(key) != new.get(key) for key in keep) or _flow_urls(old) != _flow_urls(new))


def _flow_urls(scheme: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    flows = scheme.get("flows")
    if not isinstance(flows, dict):
        return {}
    return {name: (flow.get("tokenUrl"), flow.get("authorizationUrl"))
            for name, flow in flows.items() if isinstance(flow, dict)}  # fmt: skip
