"""Spectral `spectral:oas` rules on the document as a whole: the OpenAPI schema, info, tags, servers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from jsonschema_path.handlers.urllib import UrllibHandler
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from referencing.exceptions import Unresolvable

from vgcontract.findings import Severity
from vgcontract.spec.lint.registry import Doc, Hit, ptr, rule
from vgcontract.spec.load import iter_nodes

__all__: list[str] = []

_TEMPLATE_VAR = re.compile(r"{([^}]*)}")


class _NotRead(Exception):
    """A document the spec names, refused: the lint never opens a file or a URL."""


class _ReadsNothing(UrllibHandler):
    """openapi-spec-validator's resolver opens `file://` refs and fetches URLs, and quotes what
    it found in its messages; this one refuses every document."""

    def __call__(self, uri: str) -> Any:
        raise _NotRead(uri)


_READS_NOTHING: dict[str, UrllibHandler] = {
    scheme: _ReadsNothing(scheme) for scheme in ("<all_urls>", "http", "https", "file")
}


class _V30(OpenAPIV30SpecValidator):
    resolver_handlers = _READS_NOTHING


class _V31(OpenAPIV31SpecValidator):
    resolver_handlers = _READS_NOTHING


@rule("no-external-ref", Severity.ERROR)
def _no_external_ref(doc: Doc) -> Iterator[Hit]:
    for path, node in iter_nodes(doc):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and not ref.startswith("#"):
            yield (ptr(*path, "$ref"), f"$ref {ref!r} names a URL or a file outside the spec's directory: not read.")


@rule("oas3-schema", Severity.ERROR)
def _oas3_schema(doc: Doc) -> Iterator[Hit]:
    version = str(doc.get("openapi", ""))
    if not version.startswith(("3.0", "3.1")):
        yield ("#/openapi", f"Unsupported OpenAPI version {version!r}; expected 3.0 or 3.1.")
        return
    validator_cls = _V30 if version.startswith("3.0") else _V31
    errors = validator_cls(doc).iter_errors()
    while True:
        try:
            error = next(errors)
        except StopIteration:
            return
        except Unresolvable as exc:
            # Never the exception's text: it can quote the whole document.
            what = "a $ref to a file or URL, not read" if isinstance(exc.__cause__, _NotRead) else "a $ref"
            yield ("#", f"openapi-spec-validator stopped at {what} (no-external-ref or invalid-ref says which).")
            return
        except (AssertionError, AttributeError, KeyError, TypeError, ValueError, RecursionError) as exc:
            # The validator walks the document with assertions that a malformed one breaks;
            # the schema errors it yielded before name the cause.
            yield ("#", f"openapi-spec-validator stopped: {type(exc).__name__}")
            return
        where = ptr(*[str(p) for p in getattr(error, "absolute_path", ())])
        yield (where, str(error.message).splitlines()[0])


@rule("info-contact", Severity.WARNING)
def _info_contact(doc: Doc) -> Iterator[Hit]:
    if not isinstance((doc.get("info") or {}).get("contact"), dict):
        yield ("#/info", "Info object must have a contact object.")


@rule("info-description", Severity.WARNING)
def _info_description(doc: Doc) -> Iterator[Hit]:
    if not str((doc.get("info") or {}).get("description") or "").strip():
        yield ("#/info", "Info description must be present and non-empty.")


@rule("openapi-tags-uniqueness", Severity.ERROR)
def _tags_unique(doc: Doc) -> Iterator[Hit]:
    names = Counter(t.get("name") for t in doc.get("tags") or [] if isinstance(t, dict))
    for name, count in names.items():
        if count > 1:
            yield ("#/tags", f"Tag {name!r} is defined {count} times.")


@rule("oas3-api-servers", Severity.WARNING)
def _api_servers(doc: Doc) -> Iterator[Hit]:
    servers = doc.get("servers")
    if not isinstance(servers, list) or not servers:
        yield ("#", "OpenAPI `servers` must be present and non-empty.")
        return
    for i, server in enumerate(servers):
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            yield (ptr("servers", i), "Server must have a url.")


@rule("oas3-server-trailing-slash", Severity.WARNING)
def _server_slash(doc: Doc) -> Iterator[Hit]:
    for i, server in enumerate(doc.get("servers") or []):
        url = server.get("url") if isinstance(server, dict) else None
        if isinstance(url, str) and url.endswith("/"):
            yield (
                ptr("servers", i, "url"),
                "Server URL must not have a trailing slash.",
            )


@rule("oas3-server-variables", Severity.ERROR)
def _server_variables(doc: Doc) -> Iterator[Hit]:
    for i, server in enumerate(doc.get("servers") or []):
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            continue
        used = set(_TEMPLATE_VAR.findall(server["url"]))
        declared = server.get("variables") or {}
        for name in sorted(used - set(declared)):
            yield (ptr("servers", i), f"Variable {name!r} is not defined.")
        for name in sorted(set(declared) - used):
            yield (ptr("servers", i), f"Variable {name!r} is unused.")
        for name, var in declared.items():
            enum = var.get("enum") if isinstance(var, dict) else None
            if isinstance(enum, list) and var.get("default") not in enum:
                yield (
                    ptr("servers", i, "variables", name),
                    "Default value is not one of the enum values.",
                )
