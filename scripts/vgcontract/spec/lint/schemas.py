"""Spectral `spectral:oas` rules on schemas and examples, Markdown, callbacks and webhooks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema

from vgcontract.findings import Severity
from vgcontract.spec.lint.registry import Doc, Hit, deref, operations, ptr, rule
from vgcontract.spec.load import HTTP_METHODS, iter_nodes

__all__: list[str] = []

_JSON_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


@rule("oas3-examples-value-or-externalValue", Severity.WARNING)
def _example_value_or_external(doc: Doc) -> Iterator[Hit]:
    for path, node in iter_nodes(doc):
        if path and path[-1] == "examples" and isinstance(node, dict) and "properties" not in path[-2:-1]:
            for name, example in node.items():
                if (
                    isinstance(example, dict)
                    and "$ref" not in example
                    and ("value" in example) == ("externalValue" in example)
                ):
                    yield (
                        ptr(*path, name),
                        "Examples must have either `value` or `externalValue` field.",
                    )


def _example_errors(schema: Any, value: Any) -> Iterator[str]:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(value):
        location = "/".join(str(p) for p in error.absolute_path)
        yield f"`{location or '$'}`: {error.message}"[:300]


@rule("oas3-valid-media-example", Severity.ERROR)
def _valid_media_example(doc: Doc) -> Iterator[Hit]:
    for path, node in iter_nodes(doc):
        if not (isinstance(node, dict) and "schema" in node and path and path[-2:-1] != ("properties",)):
            continue
        if not ("example" in node or isinstance(node.get("examples"), dict)):
            continue
        schema = deref(doc, node["schema"])
        samples = [((*path, "example"), node["example"])] if "example" in node else []
        for name, raw in (node.get("examples") or {}).items():
            example = deref(doc, raw)
            if isinstance(example, dict) and "value" in example:
                samples.append(((*path, "examples", name, "value"), example["value"]))
            elif isinstance(example, dict) and "externalValue" not in example:
                # Spectral validates the missing value as `undefined`, which no schema accepts.
                yield (ptr(*path, "examples", name), "Example has no value.")
        for where, value in samples:
            for message in _example_errors(schema, value):
                yield (ptr(*where), message)


@rule("oas3-valid-schema-example", Severity.ERROR)
def _valid_schema_example(doc: Doc) -> Iterator[Hit]:
    for path, node in iter_nodes((doc.get("components") or {}).get("schemas") or {}, ("components", "schemas")):
        if not isinstance(node, dict) or len(path) < 3 or path[-1] == "properties":
            continue
        schema = {k: v for k, v in deref(doc, node).items() if k not in {"example", "examples", "default"}}
        samples = [(key, node[key]) for key in ("example", "default") if key in node]
        samples += [
            (f"examples/{i}", v)
            for i, v in enumerate(node.get("examples") or [])
            if isinstance(node.get("examples"), list)
        ]
        for key, value in samples:
            for message in _example_errors(schema, value):
                yield (ptr(*path, *key.split("/")), message)


def _schema_nodes(doc: Doc) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    # A mapping whose `type` is a string or list of strings is a schema: nothing else in
    # OpenAPI has a `type` of that shape except security schemes, which are skipped.
    for path, node in iter_nodes(doc):
        if isinstance(node, dict) and "securitySchemes" not in path:
            kind = node.get("type")
            if isinstance(kind, str) or (isinstance(kind, list) and all(isinstance(k, str) for k in kind)):
                yield path, node


@rule("array-items", Severity.ERROR)
def _array_items(doc: Doc) -> Iterator[Hit]:
    for path, node in _schema_nodes(doc):
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if "array" in kinds and "items" not in node:
            yield (
                ptr(*path),
                "Schemas with `type: array` require a sibling `items` field.",
            )


@rule("typed-enum", Severity.WARNING)
def _typed_enum(doc: Doc) -> Iterator[Hit]:
    for path, node in _schema_nodes(doc):
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        for i, value in enumerate(node.get("enum") or []):
            if not any(_JSON_TYPES.get(k, lambda _: True)(value) for k in kinds):
                yield (ptr(*path, "enum", i), f"Enum value {value!r} must be of {kinds}.")


@rule("duplicated-entry-in-enum", Severity.WARNING)
def _duplicated_enum(doc: Doc) -> Iterator[Hit]:
    for path, node in iter_nodes(doc):
        if isinstance(node, dict) and isinstance(node.get("enum"), list) and path[-1:] != ("properties",):
            keys = Counter(repr(v) for v in node["enum"])
            for value, count in keys.items():
                if count > 1:
                    yield (
                        ptr(*path, "enum"),
                        f"Enum has duplicate value {value}.",
                    )


def _markdown_rule(name: str, needle: str, label: str) -> None:
    def check(doc: Doc) -> Iterator[Hit]:
        for path, node in iter_nodes(doc):
            if path and path[-1] in {"description", "title"} and isinstance(node, str) and needle in node.lower():
                yield (ptr(*path), f"Markdown descriptions must not have {label}.")

    rule(name, Severity.WARNING)(check)


_markdown_rule("no-eval-in-markdown", "eval(", "`eval(`")
_markdown_rule("no-script-tags-in-markdown", "<script", "`<script>`")


@rule("oas3-callbacks-in-callbacks", Severity.WARNING)
def _callbacks_in_callbacks(doc: Doc) -> Iterator[Hit]:
    for path, _method, op in operations(doc):
        for name, callback in (op.get("callbacks") or {}).items():
            for expression, item in (callback or {}).items():
                for method in HTTP_METHODS:
                    if isinstance((item or {}).get(method), dict) and "callbacks" in item[method]:
                        yield (
                            ptr("paths", path, "callbacks", name, expression, method),
                            "Callbacks should not be defined within a callback.",
                        )


@rule("oas3_1-servers-in-webhook", Severity.WARNING)
def _servers_in_webhook(doc: Doc) -> Iterator[Hit]:
    for name, item in (doc.get("webhooks") or {}).items():
        for method, op in (item or {}).items():
            if isinstance(op, dict) and "servers" in op:
                yield (
                    ptr("webhooks", name, method),
                    "Servers should not be defined in a webhook.",
                )


@rule("oas3_1-callbacks-in-webhook", Severity.WARNING)
def _callbacks_in_webhook(doc: Doc) -> Iterator[Hit]:
    for name, item in (doc.get("webhooks") or {}).items():
        for method, op in (item or {}).items():
            if isinstance(op, dict) and "callbacks" in op:
                yield (
                    ptr("webhooks", name, method),
                    "Callbacks should not be defined in a webhook.",
                )
