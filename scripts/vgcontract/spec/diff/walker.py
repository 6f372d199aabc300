"""Classifying the changes between two versions of an OpenAPI document, as a client sees them.

Both sides are dereferenced first, so a change behind a ``$ref`` shows where it is used. A
recursive schema is walked once per place: where it refers to itself again, the two sides
compare by the ``$ref`` they name. Paths are matched by their shape (``/pets/{id}`` and
``/pets/{petId}`` are one path; its path parameters are matched by position), webhooks
like paths. Each change is a `Finding`: its kind is the rule
(`vgcontract.spec.diff.rules.RULES`), its location a JSON pointer (into the dereferenced
HEAD document, or BASE's for removals), its message one line: what changed, and why it
matters to a client.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from vgcontract.findings import Finding
from vgcontract.spec.diff.lifecycle import lifecycle
from vgcontract.spec.diff.rules import RULES, SpecDiff
from vgcontract.spec.diff.schema import SchemaWalker
from vgcontract.spec.diff.security import effective_requirement, scheme_changed, tightened
from vgcontract.spec.diff.variants import canonical
from vgcontract.spec.load import HTTP_METHODS, dereference, pointer_escape

__all__ = ["diff_specs"]

_DOC_KEYS = ("description", "summary", "title", "example", "examples")
_VARIABLE = re.compile(r"\{[^}/]*\}")


def diff_specs(base: Mapping[str, Any], head: Mapping[str, Any], *, today: datetime.date | None = None) -> SpecDiff:
    """Classify every change from ``base`` to ``head`` (both raw documents; refs are resolved here).

    ``today`` decides whether a sunset date has passed (default: the current UTC date).
    """
    old, new = dereference(base), dereference(head)
    walker = _Walker(old, new, today or datetime.datetime.now(datetime.UTC).date())
    walker.schemes(old, new)
    if _servers(old) != _servers(new):
        walker.add("servers-changed", "/servers", f"{_servers(old)} became {_servers(new)}")
    walker.paths(old, new, "paths")
    walker.paths(old, new, "webhooks")
    walker.documentation(old, new, "")
    order = {change: index for index, change in enumerate(walker.changes)}
    return SpecDiff(tuple(sorted(walker.changes, key=lambda change: (-change.severity, order[change]))))


def _servers(doc: Mapping[str, Any]) -> list[str]:
    return [str(server.get("url")) for server in doc.get("servers") or [] if isinstance(server, dict)]


def _ptr(*tokens: str | int) -> str:
    return "".join("/" + pointer_escape(str(token)) for token in tokens)


def _shape(path: str) -> str:
    """A path template with its variables' names dropped: ``/pets/{id}`` -> ``/pets/{}``."""
    return _VARIABLE.sub("{}", path)


class _Walker(SchemaWalker):
    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any], today: datetime.date) -> None:
        self.docs = (old, new)  # where a `$ref` kept at a cycle resolves, on each side
        self.changes: list[Finding] = []
        self.direction = 0
        self.today = today

    def add(self, rule: str, pointer: str, detail: str) -> None:
        response_level, request_level, why = RULES[rule]
        level = request_level if self.direction else response_level
        self.changes.append(Finding(rule, level, pointer, f"{detail}: {why}"))

    def schemes(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        old_schemes = (old.get("components") or {}).get("securitySchemes") or {}
        new_schemes = (new.get("components") or {}).get("securitySchemes") or {}
        for name in sorted(set(old_schemes) & set(new_schemes)):
            if scheme_changed(old_schemes[name], new_schemes[name]):
                self.add("security-scheme-changed", _ptr("components", "securitySchemes", name),
                         f"security scheme {name!r} changed")  # fmt: skip

    # --- paths and operations -----------------------------------------------------------------

    def paths(self, old_doc: Mapping[str, Any], new_doc: Mapping[str, Any], section: str) -> None:
        old, new = _items(old_doc, section), _items(new_doc, section)
        kind = "webhook" if section == "webhooks" else "path"
        for shape, (path, item) in old.items():
            if shape not in new:
                self._removed(item, None, _ptr(section, path), f"{kind} {path}", whole=True)
        for shape, (path, new_item) in new.items():
            if shape not in old:
                for method in _methods(new_item):
                    self.add("operation-added", _ptr(section, path, method), f"{method.upper()} {path} was added")
                continue
            old_path, old_item = old[shape]
            for method in HTTP_METHODS:
                pointer = _ptr(section, path, method)
                in_old, in_new = isinstance(old_item.get(method), dict), isinstance(new_item.get(method), dict)
                if in_old and not in_new:
                    self._removed(old_item, method, pointer, f"{method.upper()} {path}", whole=False)
                elif in_new and not in_old:
                    self.add("operation-added", pointer, f"{method.upper()} {path} was added")
                elif in_new:
                    self.operation(old_item, new_item, method, pointer, (old_path, path))

    def _removed(self, item: dict[str, Any], method: str | None, pointer: str, what: str, *, whole: bool) -> None:
        """An operation (or a whole path) removed: its lifecycle decides what that means."""
        nodes = [item[method]] if method else [item[m] for m in _methods(item)]
        states = [lifecycle(node, self.today) for node in nodes] or [lifecycle(item, self.today)]
        path_state = lifecycle(item, self.today)
        if all(state.unstable for state in states):
            self.add("unstable-operation-removed", pointer, f"{what} ({states[0].stability}) was removed")
        elif all(state.sunset_passed or path_state.sunset_passed for state in states):
            self.add("operation-removed-after-sunset", pointer, f"{what} was removed after its sunset date")
        elif all(state.deprecated or path_state.deprecated for state in states):
            early = [s.sunset for s in states if s.sunset and s.sunset > self.today]
            if early:
                self.add("operation-removed-before-sunset", pointer,
                         f"{what} was removed before its sunset date {min(early)}")  # fmt: skip
            else:
                self.add("deprecated-operation-removed", pointer, f"{what} was removed after being deprecated")
        else:
            self.add("path-removed" if whole else "operation-removed", pointer, f"{what} was removed")

    def operation(
        self, old_item: dict[str, Any], new_item: dict[str, Any], method: str, pointer: str, paths: tuple[str, str]
    ) -> None:
        old_op, new_op = old_item[method], new_item[method]
        if old_op.get("operationId") != new_op.get("operationId"):
            self.add("operation-id-changed", pointer + "/operationId",
                     f"{old_op.get('operationId')!r} became {new_op.get('operationId')!r}")  # fmt: skip
        self._lifecycle(old_op, new_op, pointer)
        old_security = effective_requirement(self.docs[0], old_op)
        new_security = effective_requirement(self.docs[1], new_op)
        if tightened(old_security, new_security):
            self.add("security-tightened", pointer + "/security",
                     f"{method.upper()} {paths[1]} asks for credentials a client may not hold")  # fmt: skip
        elif canonical(old_security) != canonical(new_security):
            self.add("security-loosened", pointer + "/security", f"{method.upper()} {paths[1]}: security changed")
        self.direction = 1
        self.parameters(_parameters(old_item, old_op, paths[0]), _parameters(new_item, new_op, paths[1]), pointer)
        self.request_body(old_op.get("requestBody"), new_op.get("requestBody"), pointer + "/requestBody")
        self.direction = 0
        self.responses(old_op.get("responses") or {}, new_op.get("responses") or {}, pointer + "/responses")

    def _lifecycle(self, old_op: dict[str, Any], new_op: dict[str, Any], pointer: str) -> None:
        old, new = lifecycle(old_op, self.today), lifecycle(new_op, self.today)
        if new.stability_invalid or old.stability_invalid:
            shown = new.stability if new.stability_invalid else old.stability
            self.add("stability-invalid", pointer, f"x-stability-level {shown!r} is not a known level")
        elif old.rank is not None and new.rank is not None and new.rank < old.rank:
            self.add("stability-decreased", pointer, f"stability went from {old.stability} to {new.stability}")
        if new.sunset_invalid or old.sunset_invalid:
            shown = new.sunset_text if new.sunset_invalid else old.sunset_text
            self.add("sunset-invalid", pointer, f"x-sunset {shown!r} is not a date")
        if old.deprecated and new.deprecated and old.sunset and not new.sunset and not new.sunset_invalid:
            self.add("sunset-removed", pointer, f"the sunset date {old.sunset} was removed")
        elif old.deprecated and old.sunset and new.sunset and new.sunset < old.sunset:
            self.add("sunset-moved-earlier", pointer, f"the sunset date moved from {old.sunset} to {new.sunset}")
        if new.deprecated and not old.deprecated:
            self.add("operation-deprecated", pointer, "the operation was deprecated")

    # --- requests -----------------------------------------------------------------------------

    def parameters(self, old: dict[tuple[str, str], Any], new: dict[tuple[str, str], Any], pointer: str) -> None:
        for key, parameter in old.items():
            label = f"{key[0]} parameter {str(parameter.get('name'))!r}"
            state = lifecycle(parameter, self.today)
            if state.sunset_invalid:
                self.add(
                    "sunset-invalid", pointer + "/parameters", f"{label}: x-sunset {state.sunset_text!r} is not a date"
                )
            if key not in new:
                early = state.deprecated and state.sunset is not None and state.sunset > self.today
                rule = "parameter-removed-before-sunset" if early else "parameter-removed"
                self.add(rule, pointer + "/parameters", f"{label} was removed")
        for key, parameter in new.items():
            where = f"{pointer}/parameters/{pointer_escape(str(parameter.get('name')))}"
            label = f"{key[0]} parameter {str(parameter.get('name'))!r}"
            state = lifecycle(parameter, self.today)
            before = lifecycle(old.get(key), self.today)
            if state.sunset_invalid and (key not in old or before.sunset_text != state.sunset_text):
                self.add("sunset-invalid", where, f"{label}: x-sunset {state.sunset_text!r} is not a date")
            if before.deprecated and before.sunset and state.deprecated and state.sunset_text is None:
                self.add("sunset-removed", where, f"{label}: the sunset date {before.sunset} was removed")
            previous = old.get(key)
            if previous is None:
                rule = "parameter-required-added" if parameter.get("required") else "parameter-optional-added"
                self.add(rule, where, f"{label} was added")
                continue
            if parameter.get("required") and not previous.get("required"):
                self.add("parameter-became-required", where, f"{label} became required")
            old_schema, new_schema = previous.get("schema") or {}, parameter.get("schema") or {}
            if isinstance(old_schema, dict) and isinstance(new_schema, dict):
                if canonical(old_schema.get("default")) != canonical(new_schema.get("default")):
                    self.add("parameter-default-changed", where + "/schema/default",
                             f"{label}: default {old_schema.get('default')!r} became "
                             f"{new_schema.get('default')!r}")  # fmt: skip
                self.schema(old_schema, new_schema, where + "/schema", label)

    def request_body(self, old: Any, new: Any, pointer: str) -> None:
        old, new = old if isinstance(old, dict) else None, new if isinstance(new, dict) else None
        if old and not new:
            self.add("request-body-removed", pointer, "the request body was removed")
            return
        if new and new.get("required") and not (old or {}).get("required"):
            self.add("request-body-required-added", pointer, "the request body is now required")
        if old and new:
            self.content(old.get("content") or {}, new.get("content") or {}, pointer + "/content", "request body")

    def content(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str) -> None:
        for media in old:
            if media not in new:
                self.add("media-type-removed", _ptr_join(pointer, media), f"{label}: {media} was removed")
        for media, content in new.items():
            old_content = old.get(media)
            if old_content is None:
                self.add("media-type-added", _ptr_join(pointer, media), f"{label}: {media} was added")
                continue
            old_schema = (old_content or {}).get("schema")
            new_schema = (content or {}).get("schema")
            if new_schema and not old_schema:
                self.add("media-type-schema-added", _ptr_join(pointer, media) + "/schema",
                         f"{label} ({media}) now has a schema")  # fmt: skip
            elif old_schema and new_schema:
                self.xml = "xml" in media.lower()
                self.schema(old_schema, new_schema, _ptr_join(pointer, media) + "/schema", label)
                self.xml = False

    # --- responses ----------------------------------------------------------------------------

    def responses(self, old: dict[str, Any], new: dict[str, Any], pointer: str) -> None:
        for status in old:
            if status not in new:
                success = str(status).startswith("2")
                rule = "success-status-removed" if success else "error-status-removed"
                self.add(rule, _ptr_join(pointer, status), f"response {status} was removed")
        for status, response in new.items():
            if status not in old:
                rule = "success-status-added" if str(status).startswith("2") else "error-status-added"
                self.add(rule, _ptr_join(pointer, status), f"response {status} was added")
                continue
            here = _ptr_join(pointer, status)
            before = old[status] if isinstance(old[status], dict) else {}
            after = response if isinstance(response, dict) else {}
            self.content(before.get("content") or {}, after.get("content") or {}, here + "/content",
                         f"response {status}")  # fmt: skip
            self.headers(before.get("headers") or {}, after.get("headers") or {}, here + "/headers")

    def headers(self, old: dict[str, Any], new: dict[str, Any], pointer: str) -> None:
        for name, header in old.items():
            if not isinstance(header, dict):
                continue
            if name not in new:
                if header.get("required"):
                    self.add("response-header-removed", _ptr_join(pointer, name), f"header {name} was removed")
                continue
            now = new[name] if isinstance(new[name], dict) else {}
            if header.get("required") and not now.get("required"):
                self.add("response-header-became-optional", _ptr_join(pointer, name), f"header {name} became optional")
            self.schema(header.get("schema") or {}, now.get("schema") or {}, _ptr_join(pointer, name) + "/schema",
                        f"header {name}")  # fmt: skip

    # --- documentation --------------------------------------------------------------------------

    def documentation(self, old: Any, new: Any, pointer: str, *, names: bool = False) -> None:
        """One info change per place whose description, summary, title or examples changed.

        ``names`` marks a ``properties`` map, whose keys are field names: a field called
        ``description`` there is a schema, not documentation.
        """
        if isinstance(old, dict) and isinstance(new, dict):
            for key in sorted(old.keys() | new.keys(), key=str):
                here = f"{pointer}/{pointer_escape(str(key))}"
                if not names and key in _DOC_KEYS:
                    if canonical(old.get(key)) != canonical(new.get(key)):
                        what = "changed" if key in old and key in new else ("added" if key in new else "removed")
                        self.add("documentation-changed", here, f"{key} {what}")
                elif key in old and key in new and not str(key).startswith("x-"):
                    self.documentation(old[key], new[key], here, names=key == "properties" and not names)
        elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
            for index, (left, right) in enumerate(zip(old, new, strict=True)):
                self.documentation(left, right, f"{pointer}/{index}")


def _items(doc: Mapping[str, Any], section: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Path shape -> (path as written, path item), for `paths` or `webhooks`."""
    found = doc.get(section)
    items: dict[str, tuple[str, dict[str, Any]]] = {}
    for path, item in found.items() if isinstance(found, dict) else ():
        if isinstance(item, dict):
            items.setdefault(_shape(str(path)) if section == "paths" else str(path), (str(path), item))
    return items


def _methods(item: Mapping[str, Any]) -> list[str]:
    return [method for method in HTTP_METHODS if isinstance(item.get(method), dict)]


def _parameters(item: dict[str, Any], operation: dict[str, Any], path: str) -> dict[tuple[str, str], Any]:
    """Path-level parameters, overridden by the operation's, keyed by (in, name); path ones by position."""
    positions = {name: f"#{index}" for index, name in enumerate(re.findall(r"\{([^}/]*)\}", path))}
    merged: dict[tuple[str, str], Any] = {}
    for parameter in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]:
        if isinstance(parameter, dict):
            place, name = str(parameter.get("in")), str(parameter.get("name"))
            if place == "path" and name in positions:
                name = f"{{{positions[name]}}}"  # renamed in the template: the same parameter
            elif place == "header":
                name = name.lower()
            merged[(place, name)] = parameter
    return merged


def _ptr_join(pointer: str, token: Any) -> str:
    return f"{pointer}/{pointer_escape(str(token))}"
