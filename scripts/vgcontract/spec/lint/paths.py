"""Spectral `spectral:oas` rules on paths and operations: parameters, operationIds, tags, security."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from vgcontract.findings import Severity
from vgcontract.spec.lint.registry import Doc, Hit, deref, operations, ptr, rule
from vgcontract.spec.load import HTTP_METHODS, iter_nodes, path_key_problems

__all__: list[str] = []

COMPONENT_KINDS = ("schemas", "responses", "parameters", "examples", "requestBodies", "headers")
_OPERATION_ID_IN_URL = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*$")
_TEMPLATE_VAR = re.compile(r"{([^}]*)}")


@rule("path-key-below-base-url", Severity.ERROR)
def _path_key_below_base_url(doc: Doc) -> Iterator[Hit]:
    # vgcontract's own rule: every other command refuses such a spec, since the token would
    # follow the key to the host it names.
    for key, why in path_key_problems(doc):
        yield (ptr("paths", key), f"Path key {why}: the token would leave the base URL's origin.")


@rule("path-keys-no-trailing-slash", Severity.WARNING)
def _path_trailing_slash(doc: Doc) -> Iterator[Hit]:
    for path in doc.get("paths") or {}:
        if path != "/" and path.endswith("/"):
            yield (ptr("paths", path), "Path must not end with slash.")


@rule("path-not-include-query", Severity.WARNING)
def _path_query(doc: Doc) -> Iterator[Hit]:
    for path in doc.get("paths") or {}:
        if "?" in path:
            yield (ptr("paths", path), "Path must not include query string.")


@rule("path-declarations-must-exist", Severity.WARNING)
def _path_declarations(doc: Doc) -> Iterator[Hit]:
    for path in doc.get("paths") or {}:
        if "{}" in path:
            yield (
                ptr("paths", path),
                "Path parameter declarations must not be empty.",
            )


def _listed_parameters(doc: Doc, holder: dict[str, Any]) -> list[dict[str, Any]]:
    """The parameters a path item or operation lists, each `$ref` resolved on its own."""
    listed = holder.get("parameters")
    resolved = (deref(doc, p) for p in listed) if isinstance(listed, list) else ()
    return [r for r in resolved if isinstance(r, dict)]


@rule("path-params", Severity.ERROR)
def _path_params(doc: Doc) -> Iterator[Hit]:
    seen_shapes: dict[str, str] = {}
    for path, item in (doc.get("paths") or {}).items():
        names = _TEMPLATE_VAR.findall(path)
        where = ptr("paths", path)
        shape = _TEMPLATE_VAR.sub("{}", path)
        if shape in seen_shapes:
            yield (where, f"Paths {seen_shapes[shape]!r} and {path!r} are equivalent.")
        seen_shapes[shape] = path
        for name, count in Counter(names).items():
            if count > 1:
                yield (where, f"Path parameter {name!r} is used more than once.")
        # Resolve the parameters alone: a broken `$ref` elsewhere in the path item (say, in a
        # response schema) is `invalid-ref`'s to report, not a missing parameter.
        resolved: dict[str, Any] = {}
        if isinstance(item, dict):
            resolved = deref(doc, item) if "$ref" in item else item
        shared = _listed_parameters(doc, resolved)
        for method in HTTP_METHODS:
            if not isinstance(resolved.get(method), dict):
                continue
            params = shared + _listed_parameters(doc, resolved[method])
            path_names = Counter(p.get("name") for p in params if p.get("in") == "path")
            for name, count in path_names.items():
                if count > 1:
                    yield (
                        ptr("paths", path, method),
                        f"Path parameter {name!r} must not be defined multiple times.",
                    )
            in_path = {p.get("name"): p for p in params if p.get("in") == "path"}
            for name in names:
                if name not in in_path:
                    yield (
                        ptr("paths", path, method),
                        f"Operation must define parameter {name!r} as expected by path.",
                    )
            for name, param in in_path.items():
                if name not in names:
                    yield (
                        ptr("paths", path, method),
                        f"Parameter {name!r} must be used in path {path!r}.",
                    )
                elif param.get("required") is not True:
                    yield (
                        ptr("paths", path, method),
                        f"Path parameter {name!r} must have `required` set to `true`.",
                    )


@rule("operation-parameters", Severity.WARNING)
def _operation_parameters(doc: Doc) -> Iterator[Hit]:
    for path, method, op in operations(doc):
        params = [p for p in deref(doc, op.get("parameters") or []) if isinstance(p, dict)]
        keys = Counter((p.get("in"), p.get("name")) for p in params)
        for (where_in, name), count in keys.items():
            if count > 1:
                yield (
                    ptr("paths", path, method, "parameters"),
                    f"A parameter in this operation already exposes the same combination of `name` {name!r} "
                    f"and `in` {where_in!r} values.",
                )


@rule("operation-operationId-unique", Severity.ERROR)
def _operation_id_unique(doc: Doc) -> Iterator[Hit]:
    ids = Counter(op.get("operationId") for _, _, op in operations(doc) if op.get("operationId"))
    for op_id, count in ids.items():
        if count > 1:
            yield ("#/paths", f"operationId {op_id!r} is not unique.")


@rule("operation-operationId", Severity.WARNING)
def _operation_id(doc: Doc) -> Iterator[Hit]:
    for path, method, op in operations(doc):
        if not str(op.get("operationId") or "").strip():
            yield (
                ptr("paths", path, method),
                "Operation must have operationId.",
            )


@rule("operation-operationId-valid-in-url", Severity.WARNING)
def _operation_id_in_url(doc: Doc) -> Iterator[Hit]:
    for path, method, op in operations(doc):
        op_id = op.get("operationId")
        if isinstance(op_id, str) and not _OPERATION_ID_IN_URL.match(op_id):
            yield (
                ptr("paths", path, method, "operationId"),
                "operationId must not contain characters that are invalid when used in URL.",
            )


@rule("operation-description", Severity.WARNING)
def _operation_description(doc: Doc) -> Iterator[Hit]:
    for path, method, op in operations(doc):
        if not str(op.get("description") or "").strip():
            yield (
                ptr("paths", path, method),
                "Operation must have description.",
            )


@rule("operation-tags", Severity.WARNING)
def _operation_tags(doc: Doc) -> Iterator[Hit]:
    for path, method, op in operations(doc):
        if not isinstance(op.get("tags"), list) or not op["tags"]:
            yield (
                ptr("paths", path, method),
                "Operation must have non-empty tags array.",
            )


@rule("operation-tag-defined", Severity.WARNING)
def _operation_tag_defined(doc: Doc) -> Iterator[Hit]:
    defined = {t.get("name") for t in doc.get("tags") or [] if isinstance(t, dict)}
    for path, method, op in operations(doc):
        for i, tag in enumerate(op.get("tags") or []):
            if tag not in defined:
                yield (
                    ptr("paths", path, method, "tags", i),
                    "Operation tags must be defined in global tags.",
                )


@rule("operation-success-response", Severity.WARNING)
def _operation_success(doc: Doc) -> Iterator[Hit]:
    for path, method, op in operations(doc):
        codes = [str(code) for code in (op.get("responses") or {})]
        if not any(code[:1] in {"2", "3"} for code in codes):
            yield (
                ptr("paths", path, method, "responses"),
                "Operation must have at least one `2XX` or `3XX` response.",
            )


@rule("oas3-operation-security-defined", Severity.WARNING)
def _security_defined(doc: Doc) -> Iterator[Hit]:
    schemes = set(((doc.get("components") or {}).get("securitySchemes") or {}).keys())
    requirements: list[tuple[str, Any]] = [(ptr("security", i), r) for i, r in enumerate(doc.get("security") or [])]
    for path, method, op in operations(doc):
        requirements += [(ptr("paths", path, method, "security", i), r) for i, r in enumerate(op.get("security") or [])]
    for where, requirement in requirements:
        for name in requirement if isinstance(requirement, dict) else {}:
            if name not in schemes:
                yield (
                    where,
                    f"API security {name!r} is not defined in components.securitySchemes.",
                )


@rule("oas3-unused-component", Severity.WARNING)
def _unused_components(doc: Doc) -> Iterator[Hit]:
    refs = {node["$ref"] for _, node in iter_nodes(doc) if isinstance(node, dict) and isinstance(node.get("$ref"), str)}
    components = doc.get("components") or {}
    for kind in COMPONENT_KINDS:
        for name in components.get(kind) or {}:
            if ptr("components", kind, name) not in refs:
                yield (
                    ptr("components", kind, name),
                    "Potentially unused component.",
                )
