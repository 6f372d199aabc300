"""Classifying the changes between two versions of an OpenAPI document, as a client sees them.

Both sides are dereferenced first, so a change behind a ``$ref`` shows where it is used. A
recursive schema is walked once per place: where it refers to itself again, the two sides
compare by the ``$ref`` they name.
Each change is a `Finding`: its kind is the rule (`vgcontract.spec.diff.rules.RULES`),
its location a JSON pointer (into the dereferenced HEAD document, or BASE's for removals),
its message one line: what changed, and why it matters to a client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from vgcontract.findings import Finding
from vgcontract.spec.diff.rules import RULES, SpecDiff
from vgcontract.spec.load import HTTP_METHODS, JsonPointerError, dereference, pointer_escape, resolve_pointer
from vgcontract.spec.model import operations_of

__all__ = ["diff_specs"]

_DOC_KEYS = ("description", "summary", "title", "example", "examples")


def diff_specs(base: Mapping[str, Any], head: Mapping[str, Any]) -> SpecDiff:
    """Classify every change from ``base`` to ``head`` (both raw documents; refs are resolved here)."""
    old, new = dereference(base), dereference(head)
    walker = _Walker(old, new)
    walker.security(old, new)
    if _servers(old) != _servers(new):
        walker.add("servers-changed", "/servers", f"{_servers(old)} became {_servers(new)}")
    walker.paths(old, new)
    walker.documentation(old, new, "")
    order = {change: index for index, change in enumerate(walker.changes)}
    return SpecDiff(tuple(sorted(walker.changes, key=lambda change: (-change.severity, order[change]))))


def _servers(doc: Mapping[str, Any]) -> list[str]:
    return [str(server.get("url")) for server in doc.get("servers") or [] if isinstance(server, dict)]


def _ptr(*tokens: str | int) -> str:
    return "".join("/" + pointer_escape(str(token)) for token in tokens)


class _Walker:
    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.docs = (old, new)  # where a `$ref` kept at a cycle resolves, on each side
        self.changes: list[Finding] = []
        self._direction = 0  # 0: response, 1: request

    def add(self, rule: str, pointer: str, detail: str) -> None:
        response_level, request_level, why = RULES[rule]
        level = request_level if self._direction else response_level
        self.changes.append(Finding(rule, level, pointer, f"{detail}: {why}"))

    def security(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        old_schemes = (old.get("components") or {}).get("securitySchemes")
        new_schemes = (new.get("components") or {}).get("securitySchemes")
        if _canonical(_strip_docs(old_schemes)) != _canonical(_strip_docs(new_schemes)):
            self.add("security-changed", "/components/securitySchemes", "the security schemes changed")
        if _canonical(old.get("security")) != _canonical(new.get("security")):
            self.add("security-changed", "/security", "the global security requirement changed")

    def paths(self, old_doc: Mapping[str, Any], new_doc: Mapping[str, Any]) -> None:
        old, new = _by_path(old_doc), _by_path(new_doc)
        for path in old:
            if path not in new:
                self.add("path-removed", _ptr("paths", path), f"path {path} was removed (or renamed)")
        for path, (new_item, new_methods) in new.items():
            if path not in old:
                for method in new_methods:
                    self.add("operation-added", _ptr("paths", path, method), f"{method.upper()} {path} was added")
                continue
            old_item, old_methods = old[path]
            for method in HTTP_METHODS:
                pointer = _ptr("paths", path, method)
                if method in old_methods and method not in new_methods:
                    self.add("operation-removed", pointer, f"{method.upper()} {path} was removed")
                elif method in new_methods and method not in old_methods:
                    self.add("operation-added", pointer, f"{method.upper()} {path} was added")
                elif method in new_methods:
                    self.operation(old_item, new_item, method, pointer)

    def operation(self, old_item: dict[str, Any], new_item: dict[str, Any], method: str, pointer: str) -> None:
        old_op, new_op = old_item[method], new_item[method]
        name = f"{method.upper()} operation"
        if old_op.get("operationId") != new_op.get("operationId"):
            self.add(
                "operation-id-changed",
                pointer + "/operationId",
                f"{old_op.get('operationId')!r} became {new_op.get('operationId')!r}",
            )
        has_security = "security" in old_op or "security" in new_op
        if has_security and _canonical(old_op.get("security")) != _canonical(new_op.get("security")):
            self.add("security-changed", pointer + "/security", f"the {name}'s security requirement changed")
        self._direction = 1
        self.parameters(_parameters(old_item, old_op), _parameters(new_item, new_op), pointer)
        old_body, new_body = old_op.get("requestBody") or {}, new_op.get("requestBody") or {}
        if new_body.get("required") and not old_body.get("required"):
            self.add("request-body-required-added", pointer + "/requestBody", "a required request body")
        for media, content in (new_body.get("content") or {}).items():
            old_content = (old_body.get("content") or {}).get(media)
            if old_content is not None:
                here = _ptr("requestBody", "content", media, "schema")
                self.schema(
                    old_content.get("schema") or {}, content.get("schema") or {}, pointer + here, "request body"
                )
        self._direction = 0
        self.responses(old_op.get("responses") or {}, new_op.get("responses") or {}, pointer + "/responses")

    def parameters(self, old: dict[tuple[str, str], Any], new: dict[tuple[str, str], Any], pointer: str) -> None:
        for key in old:
            if key not in new:
                self.add("parameter-removed", pointer + "/parameters", f"{key[0]} parameter {key[1]!r} was removed")
        for key, parameter in new.items():
            where = f"{pointer}/parameters/{pointer_escape(key[1])}"
            label = f"{key[0]} parameter {key[1]!r}"
            previous = old.get(key)
            if previous is None:
                rule = "parameter-required-added" if parameter.get("required") else "parameter-optional-added"
                self.add(rule, where, f"{label} was added")
                continue
            if parameter.get("required") and not previous.get("required"):
                self.add("parameter-became-required", where, f"{label} became required")
            old_schema, new_schema = previous.get("schema") or {}, parameter.get("schema") or {}
            if _types(old_schema) != _types(new_schema):
                rule = (
                    "parameter-type-narrowed" if _types(new_schema) < _types(old_schema) else "parameter-type-changed"
                )
                self.add(
                    rule,
                    where + "/schema",
                    f"{label}: type {_show(_types(old_schema))} became {_show(_types(new_schema))}",
                )
            self._enums(
                old_schema,
                new_schema,
                where + "/schema",
                label,
                removed="parameter-enum-value-removed",
                added="parameter-enum-value-added",
            )
            for limit, narrower in (
                ("maxLength", min),
                ("maximum", min),
                ("minLength", max),
                ("minimum", max),
                ("pattern", None),
            ):
                if old_schema.get(limit) != new_schema.get(limit) and limit in new_schema:
                    old_value = old_schema.get(limit)
                    narrowed = (
                        old_value is None
                        or narrower is None
                        or narrower(old_value, new_schema[limit]) == new_schema[limit]
                    )
                    if narrowed:
                        self.add(
                            "parameter-type-narrowed",
                            where + "/schema/" + limit,
                            f"{label}: {limit} {old_value} became {new_schema[limit]}",
                        )

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
            for media, content in (response.get("content") or {}).items():
                old_content = ((old[status] or {}).get("content") or {}).get(media)
                if old_content is not None:
                    here = _ptr_join(pointer, status) + _ptr("content", media, "schema")
                    self.schema(
                        old_content.get("schema") or {}, content.get("schema") or {}, here, f"response {status}"
                    )

    def schema(self, old: Any, new: Any, pointer: str, label: str) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        old_ref, new_ref = old.get("$ref"), new.get("$ref")
        if isinstance(old_ref, str) and isinstance(new_ref, str):
            if old_ref != new_ref:  # a recursive schema now names another one
                self.add("type-changed", pointer, f"{label}: {old_ref} became {new_ref}")
            return  # the same recursive schema: compared where it first appeared
        if isinstance(old_ref, str) or isinstance(new_ref, str):  # recursion on one side: one level unrolled
            old = self._target(0, old) if isinstance(old_ref, str) else old
            new = self._target(1, new) if isinstance(new_ref, str) else new
            if not isinstance(old, dict) or not isinstance(new, dict):
                return
        old, new = _merged(old), _merged(new)
        old_types, new_types = _types(old), _types(new)
        if old_types != new_types and old_types and new_types:
            if new_types == old_types | {"null"}:
                self.add("became-nullable", pointer, f"{label} may now be null")
            elif old_types == new_types | {"null"}:
                self.add("null-removed", pointer, f"{label} may no longer be null")
            else:
                self.add("type-changed", pointer, f"{label}: type {_show(old_types)} became {_show(new_types)}")
            return
        if old.get("format") != new.get("format") and (old.get("format") or new.get("format")):
            self.add(
                "format-changed",
                pointer + "/format",
                f"{label}: format {old.get('format')!r} became {new.get('format')!r}",
            )
        self._enums(old, new, pointer, label, removed="enum-value-removed", added="enum-value-added")
        self._object(old, new, pointer, label)
        if "items" in old or "items" in new:
            self.schema(old.get("items") or {}, new.get("items") or {}, pointer + "/items", label + "[]")

    def _target(self, side: int, node: dict[str, Any]) -> Any:
        try:
            return resolve_pointer(self.docs[side], node["$ref"])
        except JsonPointerError:
            return None

    def _object(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str) -> None:
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        old_required, new_required = set(old.get("required") or []), set(new.get("required") or [])
        for name in old_props:
            if name not in new_props:
                rule = "property-removed" if name in old_required else "optional-property-removed"
                self.add(rule, pointer + _ptr("properties", name), f"{label}: property {name!r} was removed")
        for name, schema in new_props.items():
            here = pointer + _ptr("properties", name)
            if name not in old_props:
                rule = "required-property-added" if name in new_required else "property-added"
                self.add(rule, here, f"{label}: property {name!r} was added")
                continue
            if name in old_required and name not in new_required:
                self.add("became-optional", here, f"{label}: property {name!r} is no longer required")
            elif name in new_required and name not in old_required:
                self.add("became-required", here, f"{label}: property {name!r} became required")
            self.schema(old_props[name], schema, here, f"{label}.{name}")
        if old_props or new_props:
            was_open, is_open = (
                old.get("additionalProperties", True) is not False,
                new.get("additionalProperties", True) is not False,
            )
            if was_open and not is_open:
                self.add(
                    "additional-properties-closed",
                    pointer + "/additionalProperties",
                    f"{label} no longer allows undocumented properties",
                )
            elif is_open and not was_open:
                self.add(
                    "additional-properties-opened",
                    pointer + "/additionalProperties",
                    f"{label} now allows undocumented properties",
                )

    def _enums(
        self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str, *, removed: str, added: str
    ) -> None:
        old_values, new_values = old.get("enum"), new.get("enum")
        if not isinstance(old_values, list) or not isinstance(new_values, list):
            if (
                isinstance(new_values, list)
                and not isinstance(old_values, list)
                and removed == "parameter-enum-value-removed"
            ):
                self.add("parameter-type-narrowed", pointer + "/enum", f"{label}: now limited to {new_values}")
            return
        gone = [value for value in old_values if value not in new_values]
        came = [value for value in new_values if value not in old_values]
        if gone:
            self.add(removed, pointer + "/enum", f"{label}: enum lost {json.dumps(gone)}")
        if came:
            self.add(added, pointer + "/enum", f"{label}: enum gained {json.dumps(came)}")

    def documentation(self, old: Any, new: Any, pointer: str, *, names: bool = False) -> None:
        """One info change per place whose description, summary, title or examples changed.

        ``names`` marks a ``properties`` map, whose keys are field names: a field called
        ``description`` there is a schema, not documentation.
        """
        if isinstance(old, dict) and isinstance(new, dict):
            for key in sorted(old.keys() | new.keys(), key=str):
                here = f"{pointer}/{pointer_escape(str(key))}"
                if not names and key in _DOC_KEYS:
                    if _canonical(old.get(key)) != _canonical(new.get(key)):
                        what = "changed" if key in old and key in new else ("added" if key in new else "removed")
                        self.add("documentation-changed", here, f"{key} {what}")
                elif key in old and key in new and not str(key).startswith("x-"):
                    self.documentation(old[key], new[key], here, names=key == "properties" and not names)
        elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
            for index, (left, right) in enumerate(zip(old, new, strict=True)):
                self.documentation(left, right, f"{pointer}/{index}")


def _by_path(doc: Mapping[str, Any]) -> dict[str, tuple[dict[str, Any], list[str]]]:
    """Path template -> (path item, its methods), from the one operation walk; paths with no operation too."""
    paths = doc.get("paths")
    found: dict[str, tuple[dict[str, Any], list[str]]] = {
        str(path): (item, [])
        for path, item in (paths.items() if isinstance(paths, dict) else ())
        if isinstance(item, dict)
    }
    for operation in operations_of(doc):
        found[operation.path][1].append(operation.method)
    return found


def _parameters(item: dict[str, Any], operation: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """Path-level parameters, overridden by the operation's, keyed by (in, name)."""
    merged: dict[tuple[str, str], Any] = {}
    for parameter in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]:
        if isinstance(parameter, dict):
            merged[(str(parameter.get("in")), str(parameter.get("name")))] = parameter
    return merged


def _merged(schema: dict[str, Any]) -> dict[str, Any]:
    """``allOf`` members folded into one schema (properties and required lists unioned)."""
    if not isinstance(schema.get("allOf"), list):
        return schema
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    for member in schema["allOf"]:
        part = _merged(member) if isinstance(member, dict) else {}
        for key, value in part.items():
            if key == "properties":
                merged["properties"] = {**merged.get("properties", {}), **value}
            elif key == "required":
                merged["required"] = sorted({*merged.get("required", []), *value})
            else:
                merged.setdefault(key, value)
    return merged


def _types(schema: dict[str, Any]) -> frozenset[str]:
    """The JSON types a schema allows (``anyOf``/``oneOf`` options included; 3.0 ``nullable`` too)."""
    found: set[str] = set()
    declared = schema.get("type")
    if isinstance(declared, str):
        found.add(declared)
    elif isinstance(declared, list):
        found.update(str(item) for item in declared)
    for key in ("anyOf", "oneOf"):
        for option in schema.get(key) or []:
            if isinstance(option, dict):
                found |= _types(_merged(option)) or {"object" if "properties" in option else "any"}
    if schema.get("nullable") is True:
        found.add("null")
    if not found and "properties" in schema:
        found.add("object")
    if "integer" in found and "number" in found:
        found.discard("integer")
    return frozenset(found)


def _show(types: frozenset[str]) -> str:
    return "|".join(sorted(types)) or "any"


def _ptr_join(pointer: str, token: Any) -> str:
    return f"{pointer}/{pointer_escape(str(token))}"


def _strip_docs(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip_docs(v) for k, v in node.items() if k not in _DOC_KEYS}
    if isinstance(node, list):
        return [_strip_docs(v) for v in node]
    return node


def _canonical(node: Any) -> str:
    return json.dumps(node, sort_keys=True, default=str)
