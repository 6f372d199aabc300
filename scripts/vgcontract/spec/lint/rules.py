"""Spec lint: openapi-spec-validator plus a Python port of Spectral's `spectral:oas` rules.

CI machines have Python but not necessarily Node, so the recommended OpenAPI 3.x rules of
Spectral's `spectral:oas` ruleset (v6) are re-implemented here with Spectral's rule names
and severities. Rules that only apply to Swagger 2.0 or to OpenAPI 3.2 are left out, as
are the rules Spectral does not enable by default (`recommended: false`).
`oas3-schema` is delegated to openapi-spec-validator, which checks the document against
the official OpenAPI 3.1 schema and more.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from vgcontract.findings import Finding, Severity
from vgcontract.spec.load import JsonPointerError, dereference, iter_nodes, pointer_escape

__all__ = ["RULES", "lint_spec"]

Doc = dict[str, Any]
Rule = Callable[[Doc], Iterator[Finding]]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
COMPONENT_KINDS = ("schemas", "responses", "parameters", "examples", "requestBodies", "headers")
# The characters RFC 3986 allows unescaped in a URL, as Spectral's rule spells them.
_OPERATION_ID_IN_URL = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*$")
_TEMPLATE_VAR = re.compile(r"{([^}]*)}")
_JSON_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}

RULES: dict[str, Rule] = {}


def _rule(name: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        RULES[name] = func
        return func

    return register


def _ptr(*tokens: str | int) -> str:
    return "#/" + "/".join(pointer_escape(str(t)) for t in tokens) if tokens else "#"


def _find(rule: str, severity: Severity, pointer: str, message: str) -> Finding:
    return Finding(code=rule, severity=severity, path=pointer, message=message)


def _operations(doc: Doc) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in (doc.get("paths") or {}).items():
        if isinstance(item, dict):
            for method in HTTP_METHODS:
                if isinstance(item.get(method), dict):
                    yield path, method, item[method]


def _deref(doc: Doc, node: Any) -> Any:
    try:
        return dereference(doc, node)
    except JsonPointerError:
        return node  # oas3-schema reports the broken $ref; other rules see the raw node


@_rule("oas3-schema")
def _oas3_schema(doc: Doc) -> Iterator[Finding]:
    version = str(doc.get("openapi", ""))
    if not version.startswith(("3.0", "3.1")):
        yield _find(
            "oas3-schema", Severity.ERROR, "#/openapi", f"Unsupported OpenAPI version {version!r}; expected 3.0 or 3.1."
        )
        return
    validator_cls = OpenAPIV30SpecValidator if version.startswith("3.0") else OpenAPIV31SpecValidator
    errors = validator_cls(doc).iter_errors()
    while True:
        try:
            error = next(errors)
        except StopIteration:
            return
        except (AssertionError, AttributeError, KeyError, TypeError, ValueError) as exc:
            # The validator walks the document with assertions that a malformed one breaks;
            # the schema errors it yielded before name the cause.
            yield _find("oas3-schema", Severity.ERROR, "#", f"openapi-spec-validator stopped: {type(exc).__name__}")
            return
        where = _ptr(*[str(p) for p in getattr(error, "absolute_path", ())])
        yield _find("oas3-schema", Severity.ERROR, where, str(error.message).splitlines()[0])


@_rule("info-contact")
def _info_contact(doc: Doc) -> Iterator[Finding]:
    if not isinstance((doc.get("info") or {}).get("contact"), dict):
        yield _find("info-contact", Severity.WARNING, "#/info", "Info object must have a contact object.")


@_rule("info-description")
def _info_description(doc: Doc) -> Iterator[Finding]:
    if not str((doc.get("info") or {}).get("description") or "").strip():
        yield _find("info-description", Severity.WARNING, "#/info", "Info description must be present and non-empty.")


@_rule("openapi-tags-uniqueness")
def _tags_unique(doc: Doc) -> Iterator[Finding]:
    names = Counter(t.get("name") for t in doc.get("tags") or [] if isinstance(t, dict))
    for name, count in names.items():
        if count > 1:
            yield _find("openapi-tags-uniqueness", Severity.ERROR, "#/tags", f"Tag {name!r} is defined {count} times.")


@_rule("oas3-api-servers")
def _api_servers(doc: Doc) -> Iterator[Finding]:
    servers = doc.get("servers")
    if not isinstance(servers, list) or not servers:
        yield _find("oas3-api-servers", Severity.WARNING, "#", "OpenAPI `servers` must be present and non-empty.")
        return
    for i, server in enumerate(servers):
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            yield _find("oas3-api-servers", Severity.WARNING, _ptr("servers", i), "Server must have a url.")


@_rule("oas3-server-trailing-slash")
def _server_slash(doc: Doc) -> Iterator[Finding]:
    for i, server in enumerate(doc.get("servers") or []):
        url = server.get("url") if isinstance(server, dict) else None
        if isinstance(url, str) and url.endswith("/"):
            yield _find(
                "oas3-server-trailing-slash",
                Severity.WARNING,
                _ptr("servers", i, "url"),
                "Server URL must not have a trailing slash.",
            )


@_rule("oas3-server-variables")
def _server_variables(doc: Doc) -> Iterator[Finding]:
    for i, server in enumerate(doc.get("servers") or []):
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            continue
        used = set(_TEMPLATE_VAR.findall(server["url"]))
        declared = server.get("variables") or {}
        for name in sorted(used - set(declared)):
            yield _find(
                "oas3-server-variables", Severity.ERROR, _ptr("servers", i), f"Variable {name!r} is not defined."
            )
        for name in sorted(set(declared) - used):
            yield _find("oas3-server-variables", Severity.ERROR, _ptr("servers", i), f"Variable {name!r} is unused.")
        for name, var in declared.items():
            enum = var.get("enum") if isinstance(var, dict) else None
            if isinstance(enum, list) and var.get("default") not in enum:
                yield _find(
                    "oas3-server-variables",
                    Severity.ERROR,
                    _ptr("servers", i, "variables", name),
                    "Default value is not one of the enum values.",
                )


@_rule("path-keys-no-trailing-slash")
def _path_trailing_slash(doc: Doc) -> Iterator[Finding]:
    for path in doc.get("paths") or {}:
        if path != "/" and path.endswith("/"):
            yield _find(
                "path-keys-no-trailing-slash", Severity.WARNING, _ptr("paths", path), "Path must not end with slash."
            )


@_rule("path-not-include-query")
def _path_query(doc: Doc) -> Iterator[Finding]:
    for path in doc.get("paths") or {}:
        if "?" in path:
            yield _find(
                "path-not-include-query", Severity.WARNING, _ptr("paths", path), "Path must not include query string."
            )


@_rule("path-declarations-must-exist")
def _path_declarations(doc: Doc) -> Iterator[Finding]:
    for path in doc.get("paths") or {}:
        if "{}" in path:
            yield _find(
                "path-declarations-must-exist",
                Severity.WARNING,
                _ptr("paths", path),
                "Path parameter declarations must not be empty.",
            )


@_rule("path-params")
def _path_params(doc: Doc) -> Iterator[Finding]:
    seen_shapes: dict[str, str] = {}
    for path, item in (doc.get("paths") or {}).items():
        names = _TEMPLATE_VAR.findall(path)
        where = _ptr("paths", path)
        shape = _TEMPLATE_VAR.sub("{}", path)
        if shape in seen_shapes:
            yield _find(
                "path-params", Severity.ERROR, where, f"Paths {seen_shapes[shape]!r} and {path!r} are equivalent."
            )
        seen_shapes[shape] = path
        for name, count in Counter(names).items():
            if count > 1:
                yield _find("path-params", Severity.ERROR, where, f"Path parameter {name!r} is used more than once.")
        resolved = _deref(doc, item) if isinstance(item, dict) else {}
        shared = [p for p in resolved.get("parameters") or [] if isinstance(p, dict)]
        for method in HTTP_METHODS:
            if not isinstance(resolved.get(method), dict):
                continue
            params = shared + [p for p in resolved[method].get("parameters") or [] if isinstance(p, dict)]
            path_names = Counter(p.get("name") for p in params if p.get("in") == "path")
            for name, count in path_names.items():
                if count > 1:
                    yield _find(
                        "path-params",
                        Severity.ERROR,
                        _ptr("paths", path, method),
                        f"Path parameter {name!r} must not be defined multiple times.",
                    )
            in_path = {p.get("name"): p for p in params if p.get("in") == "path"}
            for name in names:
                if name not in in_path:
                    yield _find(
                        "path-params",
                        Severity.ERROR,
                        _ptr("paths", path, method),
                        f"Operation must define parameter {name!r} as expected by path.",
                    )
            for name, param in in_path.items():
                if name not in names:
                    yield _find(
                        "path-params",
                        Severity.ERROR,
                        _ptr("paths", path, method),
                        f"Parameter {name!r} must be used in path {path!r}.",
                    )
                elif param.get("required") is not True:
                    yield _find(
                        "path-params",
                        Severity.ERROR,
                        _ptr("paths", path, method),
                        f"Path parameter {name!r} must have `required` set to `true`.",
                    )


@_rule("operation-parameters")
def _operation_parameters(doc: Doc) -> Iterator[Finding]:
    for path, method, op in _operations(doc):
        params = [p for p in _deref(doc, op.get("parameters") or []) if isinstance(p, dict)]
        keys = Counter((p.get("in"), p.get("name")) for p in params)
        for (where_in, name), count in keys.items():
            if count > 1:
                yield _find(
                    "operation-parameters",
                    Severity.WARNING,
                    _ptr("paths", path, method, "parameters"),
                    f"A parameter in this operation already exposes the same combination of `name` {name!r} "
                    f"and `in` {where_in!r} values.",
                )


@_rule("operation-operationId-unique")
def _operation_id_unique(doc: Doc) -> Iterator[Finding]:
    ids = Counter(op.get("operationId") for _, _, op in _operations(doc) if op.get("operationId"))
    for op_id, count in ids.items():
        if count > 1:
            yield _find(
                "operation-operationId-unique", Severity.ERROR, "#/paths", f"operationId {op_id!r} is not unique."
            )


@_rule("operation-operationId")
def _operation_id(doc: Doc) -> Iterator[Finding]:
    for path, method, op in _operations(doc):
        if not str(op.get("operationId") or "").strip():
            yield _find(
                "operation-operationId",
                Severity.WARNING,
                _ptr("paths", path, method),
                "Operation must have operationId.",
            )


@_rule("operation-operationId-valid-in-url")
def _operation_id_in_url(doc: Doc) -> Iterator[Finding]:
    for path, method, op in _operations(doc):
        op_id = op.get("operationId")
        if isinstance(op_id, str) and not _OPERATION_ID_IN_URL.match(op_id):
            yield _find(
                "operation-operationId-valid-in-url",
                Severity.WARNING,
                _ptr("paths", path, method, "operationId"),
                "operationId must not contain characters that are invalid when used in URL.",
            )


@_rule("operation-description")
def _operation_description(doc: Doc) -> Iterator[Finding]:
    for path, method, op in _operations(doc):
        if not str(op.get("description") or "").strip():
            yield _find(
                "operation-description",
                Severity.WARNING,
                _ptr("paths", path, method),
                "Operation must have description.",
            )


@_rule("operation-tags")
def _operation_tags(doc: Doc) -> Iterator[Finding]:
    for path, method, op in _operations(doc):
        if not isinstance(op.get("tags"), list) or not op["tags"]:
            yield _find(
                "operation-tags",
                Severity.WARNING,
                _ptr("paths", path, method),
                "Operation must have non-empty tags array.",
            )


@_rule("operation-tag-defined")
def _operation_tag_defined(doc: Doc) -> Iterator[Finding]:
    defined = {t.get("name") for t in doc.get("tags") or [] if isinstance(t, dict)}
    for path, method, op in _operations(doc):
        for i, tag in enumerate(op.get("tags") or []):
            if tag not in defined:
                yield _find(
                    "operation-tag-defined",
                    Severity.WARNING,
                    _ptr("paths", path, method, "tags", i),
                    "Operation tags must be defined in global tags.",
                )


@_rule("operation-success-response")
def _operation_success(doc: Doc) -> Iterator[Finding]:
    for path, method, op in _operations(doc):
        codes = [str(code) for code in (op.get("responses") or {})]
        if not any(code[:1] in {"2", "3"} for code in codes):
            yield _find(
                "operation-success-response",
                Severity.WARNING,
                _ptr("paths", path, method, "responses"),
                "Operation must have at least one `2XX` or `3XX` response.",
            )


@_rule("oas3-operation-security-defined")
def _security_defined(doc: Doc) -> Iterator[Finding]:
    schemes = set(((doc.get("components") or {}).get("securitySchemes") or {}).keys())
    requirements: list[tuple[str, Any]] = [(_ptr("security", i), r) for i, r in enumerate(doc.get("security") or [])]
    for path, method, op in _operations(doc):
        requirements += [
            (_ptr("paths", path, method, "security", i), r) for i, r in enumerate(op.get("security") or [])
        ]
    for where, requirement in requirements:
        for name in requirement if isinstance(requirement, dict) else {}:
            if name not in schemes:
                yield _find(
                    "oas3-operation-security-defined",
                    Severity.WARNING,
                    where,
                    f"API security {name!r} is not defined in components.securitySchemes.",
                )


@_rule("oas3-unused-component")
def _unused_components(doc: Doc) -> Iterator[Finding]:
    refs = {node["$ref"] for _, node in iter_nodes(doc) if isinstance(node, dict) and isinstance(node.get("$ref"), str)}
    components = doc.get("components") or {}
    for kind in COMPONENT_KINDS:
        for name in components.get(kind) or {}:
            if _ptr("components", kind, name) not in refs:
                yield _find(
                    "oas3-unused-component",
                    Severity.WARNING,
                    _ptr("components", kind, name),
                    "Potentially unused component.",
                )


@_rule("oas3-examples-value-or-externalValue")
def _example_value_or_external(doc: Doc) -> Iterator[Finding]:
    for path, node in iter_nodes(doc):
        if path and path[-1] == "examples" and isinstance(node, dict) and "properties" not in path[-2:-1]:
            for name, example in node.items():
                if (
                    isinstance(example, dict)
                    and "$ref" not in example
                    and ("value" in example) == ("externalValue" in example)
                ):
                    yield _find(
                        "oas3-examples-value-or-externalValue",
                        Severity.WARNING,
                        _ptr(*path, name),
                        "Examples must have either `value` or `externalValue` field.",
                    )


def _example_errors(schema: Any, value: Any) -> Iterator[str]:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(value):
        location = "/".join(str(p) for p in error.absolute_path)
        yield f"`{location or '$'}`: {error.message}"[:300]


@_rule("oas3-valid-media-example")
def _valid_media_example(doc: Doc) -> Iterator[Finding]:
    for path, node in iter_nodes(doc):
        if not (isinstance(node, dict) and "schema" in node and path and path[-2:-1] != ("properties",)):
            continue
        if not ("example" in node or isinstance(node.get("examples"), dict)):
            continue
        schema = _deref(doc, node["schema"])
        samples = [((*path, "example"), node["example"])] if "example" in node else []
        for name, raw in (node.get("examples") or {}).items():
            example = _deref(doc, raw)
            if isinstance(example, dict) and "value" in example:
                samples.append(((*path, "examples", name, "value"), example["value"]))
            elif isinstance(example, dict) and "externalValue" not in example:
                # Spectral validates the missing value as `undefined`, which no schema accepts.
                yield _find(
                    "oas3-valid-media-example", Severity.ERROR, _ptr(*path, "examples", name), "Example has no value."
                )
        for where, value in samples:
            for message in _example_errors(schema, value):
                yield _find("oas3-valid-media-example", Severity.ERROR, _ptr(*where), message)


@_rule("oas3-valid-schema-example")
def _valid_schema_example(doc: Doc) -> Iterator[Finding]:
    for path, node in iter_nodes((doc.get("components") or {}).get("schemas") or {}, ("components", "schemas")):
        if not isinstance(node, dict) or len(path) < 3 or path[-1] == "properties":
            continue
        schema = {k: v for k, v in _deref(doc, node).items() if k not in {"example", "examples", "default"}}
        samples = [(key, node[key]) for key in ("example", "default") if key in node]
        samples += [
            (f"examples/{i}", v)
            for i, v in enumerate(node.get("examples") or [])
            if isinstance(node.get("examples"), list)
        ]
        for key, value in samples:
            for message in _example_errors(schema, value):
                yield _find("oas3-valid-schema-example", Severity.ERROR, _ptr(*path, *key.split("/")), message)


def _schema_nodes(doc: Doc) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    # A mapping whose `type` is a string or list of strings is a schema: nothing else in
    # OpenAPI has a `type` of that shape except security schemes, which are skipped.
    for path, node in iter_nodes(doc):
        if isinstance(node, dict) and "securitySchemes" not in path:
            kind = node.get("type")
            if isinstance(kind, str) or (isinstance(kind, list) and all(isinstance(k, str) for k in kind)):
                yield path, node


@_rule("array-items")
def _array_items(doc: Doc) -> Iterator[Finding]:
    for path, node in _schema_nodes(doc):
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if "array" in kinds and "items" not in node:
            yield _find(
                "array-items",
                Severity.ERROR,
                _ptr(*path),
                "Schemas with `type: array` require a sibling `items` field.",
            )


@_rule("typed-enum")
def _typed_enum(doc: Doc) -> Iterator[Finding]:
    for path, node in _schema_nodes(doc):
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        for i, value in enumerate(node.get("enum") or []):
            if not any(_JSON_TYPES.get(k, lambda _: True)(value) for k in kinds):
                yield _find(
                    "typed-enum", Severity.WARNING, _ptr(*path, "enum", i), f"Enum value {value!r} must be of {kinds}."
                )


@_rule("duplicated-entry-in-enum")
def _duplicated_enum(doc: Doc) -> Iterator[Finding]:
    for path, node in iter_nodes(doc):
        if isinstance(node, dict) and isinstance(node.get("enum"), list) and path[-1:] != ("properties",):
            keys = Counter(repr(v) for v in node["enum"])
            for value, count in keys.items():
                if count > 1:
                    yield _find(
                        "duplicated-entry-in-enum",
                        Severity.WARNING,
                        _ptr(*path, "enum"),
                        f"Enum has duplicate value {value}.",
                    )


def _markdown_rule(name: str, needle: str, label: str) -> Rule:
    def check(doc: Doc) -> Iterator[Finding]:
        for path, node in iter_nodes(doc):
            if path and path[-1] in {"description", "title"} and isinstance(node, str) and needle in node.lower():
                yield _find(name, Severity.WARNING, _ptr(*path), f"Markdown descriptions must not have {label}.")

    return check


RULES["no-eval-in-markdown"] = _markdown_rule("no-eval-in-markdown", "eval(", "`eval(`")
RULES["no-script-tags-in-markdown"] = _markdown_rule("no-script-tags-in-markdown", "<script", "`<script>`")


@_rule("oas3-callbacks-in-callbacks")
def _callbacks_in_callbacks(doc: Doc) -> Iterator[Finding]:
    for path, _method, op in _operations(doc):
        for name, callback in (op.get("callbacks") or {}).items():
            for expression, item in (callback or {}).items():
                for method in HTTP_METHODS:
                    if isinstance((item or {}).get(method), dict) and "callbacks" in item[method]:
                        yield _find(
                            "oas3-callbacks-in-callbacks",
                            Severity.WARNING,
                            _ptr("paths", path, "callbacks", name, expression, method),
                            "Callbacks should not be defined within a callback.",
                        )


@_rule("oas3_1-servers-in-webhook")
def _servers_in_webhook(doc: Doc) -> Iterator[Finding]:
    for name, item in (doc.get("webhooks") or {}).items():
        for method, op in (item or {}).items():
            if isinstance(op, dict) and "servers" in op:
                yield _find(
                    "oas3_1-servers-in-webhook",
                    Severity.WARNING,
                    _ptr("webhooks", name, method),
                    "Servers should not be defined in a webhook.",
                )


@_rule("oas3_1-callbacks-in-webhook")
def _callbacks_in_webhook(doc: Doc) -> Iterator[Finding]:
    for name, item in (doc.get("webhooks") or {}).items():
        for method, op in (item or {}).items():
            if isinstance(op, dict) and "callbacks" in op:
                yield _find(
                    "oas3_1-callbacks-in-webhook",
                    Severity.WARNING,
                    _ptr("webhooks", name, method),
                    "Callbacks should not be defined in a webhook.",
                )


def lint_spec(doc: Doc, rules: dict[str, Rule] | None = None) -> list[Finding]:
    """Run every rule (or the given ones) on a loaded spec; return all findings, sorted.

    Rules never raise on a malformed document: what one rule cannot read, `oas3-schema`
    reports.
    """
    findings: list[Finding] = []
    for name, rule in (rules or RULES).items():
        try:
            findings.extend(rule(doc))
        except (AttributeError, TypeError, KeyError, ValueError):
            # The document's shape is broken in a way this rule cannot walk. The schema
            # check names the cause; say which rule was skipped rather than crash.
            findings.append(_find(name, Severity.HINT, "#", "Rule skipped: the document is too malformed to check."))
    return sorted(findings, key=lambda f: (-f.severity, f.path, f.code))
