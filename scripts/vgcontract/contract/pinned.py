"""Pinned requests per operation: parameters and bodies known to succeed, from a config file.

Generated requests find what a server refuses; pinned ones prove what it must accept.
The file (`contract --pinned FILE`, `$VGCONTRACT_PINNED`, or `pinned = "..."` under
`[tool.vgcontract]`) is YAML, keyed by operationId (or `METHOD /path`):

    listConversations:
      - parameters: {limit: 5}
    updateConversation:
      - parameters: {convoId: "${VOICEGLOW_SANDBOX_CONVO}"}
        body: {tags: [vgcontract]}

`${NAME}` is read from the environment, so real IDs and sandboxes stay out of the file.
Path parameters left out take the target's values (the agent, the first pinned
conversation). Each pinned request must get a 2xx that passes every check.

Writes are guarded twice: a write runs against a live API only with `--allow-writes`
(`vgcontract.contract.run`), and a pinned write whose path names one of the target's
pinned conversations (real data) is refused unless it says `allow-pinned-write: true`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vgcontract.errors import InputError, UsageError
from vgcontract.live.urls import encode_segment
from vgcontract.spec.load import dereference
from vgcontract.spec.model import operations_of

__all__ = ["PinnedRequest", "load_pinned", "pinned_file"]

_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_KEYS = frozenset({"parameters", "body", "allow-pinned-write"})


@dataclass(frozen=True)
class PinnedRequest:
    """One request to an operation that must succeed."""

    operation: str
    path_parameters: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    has_body: bool = False
    allow_pinned_write: bool = False


def pinned_file(flag: Path | None, env: Mapping[str, str], project_setting: str | None = None) -> Path | None:
    """`--pinned`, else `$VGCONTRACT_PINNED`, else the project's `pinned` setting, else None."""
    if flag is not None:
        return flag
    value = env.get("VGCONTRACT_PINNED", "").strip() or project_setting
    return Path(value) if value else None


def _expand(value: Any, env: Mapping[str, str], where: str) -> Any:
    if isinstance(value, str):

        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in env:
                raise UsageError(f"{where}: ${{{name}}} is not set in the environment")
            return env[name]

        return _ENV.sub(one, value)
    if isinstance(value, list):
        return [_expand(item, env, where) for item in value]
    if isinstance(value, dict):
        return {key: _expand(item, env, where) for key, item in value.items()}
    return value


def _operations(spec: Mapping[str, Any]) -> dict[str, tuple[str, dict[str, Any], dict[str, Any]]]:
    """name -> (template, path item, operation), by operationId and by `METHOD /path`."""
    found: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {}
    for operation in operations_of(spec):
        entry = (operation.path, dict(operation.item), dict(operation.node))
        found[operation.label] = entry
        if operation.operation_id:
            found[operation.operation_id] = entry
    return found


def load_pinned(path: Path, spec: Mapping[str, Any], env: Mapping[str, str] | None = None) -> list[PinnedRequest]:
    """Read and check the file against `spec`: `InputError`/`UsageError` naming the first problem."""
    env = os.environ if env is None else env
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    except yaml.YAMLError:
        raise InputError(f"{path}: not valid YAML") from None
    if data is None:
        return []
    if not isinstance(data, dict):
        raise InputError(f"{path}: the top level must map operations to lists of requests")
    known = _operations(dereference(dict(spec)))  # parameters are often `$ref`s
    requests: list[PinnedRequest] = []
    for name, entries in data.items():
        if str(name) not in known:
            ids = sorted(k for k in known if " " not in k) or sorted(known)
            raise UsageError(f"{path}: no operation {name!r} in the spec; known: {', '.join(ids)}")
        template, item, operation = known[str(name)]
        declared = {
            str(p.get("name")): str(p.get("in"))
            for p in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]
            if isinstance(p, dict)
        }
        for index, entry in enumerate(entries if isinstance(entries, list) else [entries]):
            where = f"{path}: {name}[{index}]"
            if not isinstance(entry, dict) or set(entry) - _KEYS:
                raise UsageError(f"{where}: each request is a mapping of {', '.join(sorted(_KEYS))}")
            params = _expand(entry.get("parameters") or {}, env, where)
            if not isinstance(params, dict):
                raise UsageError(f"{where}: `parameters` must be a mapping")
            unknown = [p for p in params if declared.get(str(p)) not in {"path", "query"}]
            if unknown:
                raise UsageError(f"{where}: {unknown[0]!r} is not a path or query parameter of {template}")
            if "body" in entry and "requestBody" not in operation:
                raise UsageError(f"{where}: {name} takes no request body")
            for key, value in params.items():
                if declared[str(key)] == "path":  # a blank ID would be skipped later; say so now
                    try:
                        encode_segment(value, repr(key))
                    except UsageError as exc:
                        raise UsageError(f"{where}: {exc}") from None
            requests.append(
                PinnedRequest(
                    str(name),
                    {k: v for k, v in params.items() if declared[str(k)] == "path"},
                    {k: v for k, v in params.items() if declared[str(k)] == "query"},
                    _expand(entry.get("body"), env, where),
                    "body" in entry,
                    entry.get("allow-pinned-write") is True,
                )
            )
    return requests
