"""A large OpenAPI 3.0.3 document in the style of the public ConvoCore description (tRPC-generated).

That document cannot ship with this repository, so this one reproduces what made it hard:
about 80 operations over 16 resources, OAS 3.0.3 `nullable`, `default: null`, a top-level
`anyOf` success body, arrays without `items`, `properties: {}` maps, `additionalProperties`
maps, closed request bodies, a shared `default` error response by `$ref`, bearer security
per operation and some operations without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.yaml_text import dump_yaml

__all__ = ["RESOURCES", "other_api", "write_other_api"]

RESOURCES = (
    "agents", "campaigns", "leads", "tickets", "folders", "clients", "orgs", "calls",
    "numbers", "voices", "flows", "tools", "crawls", "metrics", "invoices", "webhooks",
)  # fmt: skip


def _record(name: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string", "nullable": True, "default": None},
            "createdAt": {"type": "number"},
            "status": {"type": "string", "enum": ["active", "paused"], "nullable": True},
            "labels": {"type": "array"},  # no `items`, as generated from `z.array(z.any())`
            "meta": {"type": "object", "properties": {}, "additionalProperties": True},
            "counts": {"type": "object", "additionalProperties": {"type": "number"}},
            "owner": {"anyOf": [{"type": "string"}, {"type": "number"}]},
            f"{name}Settings": {
                "type": "object",
                "properties": {"enabled": {"type": "boolean"}, "limit": {"type": "integer", "minimum": 1}},
                "additionalProperties": False,
            },
        },
        "required": ["id", "createdAt"],
        "additionalProperties": False,
    }


def _ok(schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "200": {"description": "Successful response", "content": {"application/json": {"schema": schema}}},
        "default": {"$ref": "#/components/responses/error"},
    }


def _wrapped(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"success": {"type": "boolean"}, "message": {"type": "string"}, "data": data},
        "required": ["success", "message", "data"],
        "additionalProperties": False,
    }


def _body(name: str, *, partial: bool) -> dict[str, Any]:
    fields = {
        "title": {"type": "string", "nullable": True},
        "labels": {"type": "array", "items": {"type": "string"}},
        "limit": {"type": "integer", "minimum": 1},
    }
    schema = {"type": "object", "properties": fields, "additionalProperties": False}
    if not partial:
        schema["required"] = ["title"]
    return {"required": True, "content": {"application/json": {"schema": {"type": "object",
            "properties": {name: schema}, "required": [name], "additionalProperties": False}}}}  # fmt: skip


def other_api() -> dict[str, Any]:
    """The document as data: 5 operations per resource (list, read, create, update, delete)."""
    secured: list[dict[str, list[str]]] = [{"Authorization": []}]
    paths: dict[str, Any] = {}
    id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    for index, name in enumerate(RESOURCES):
        security = {"security": secured} if index % 4 else {}  # every fourth resource is public
        record = _record(name)
        page = {
            "anyOf": [
                {
                    "type": "object",
                    "properties": {
                        "success": {"type": "boolean"},
                        "data": {"type": "array", "items": record},
                        "total": {"type": "number"},
                    },
                    "required": ["success", "data"],
                    "additionalProperties": False,
                },
                {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
            ]
        }
        paths[f"/{name}"] = {
            "get": {
                "operationId": f"{name}Router-list",
                "parameters": [
                    {"name": "page", "in": "query", "schema": {"type": "number", "default": None, "nullable": True}},
                    {"name": "limit", "in": "query", "schema": {"type": "number", "minimum": 1, "maximum": 100}},
                ],
                "responses": _ok(page),
                **security,
            },
            "post": {
                "operationId": f"{name}Router-create",
                "requestBody": _body(name, partial=False),
                "responses": _ok(_wrapped(record)),
                **security,
            },
        }
        paths[f"/{name}/{{id}}"] = {
            "get": {
                "operationId": f"{name}Router-get",
                "parameters": [id_param],
                "responses": _ok(_wrapped(record)),
                **security,
            },
            "patch": {
                "operationId": f"{name}Router-update",
                "parameters": [id_param],
                "requestBody": _body(name, partial=True),
                "responses": _ok(_wrapped(record)),
                **security,
            },
            "delete": {
                "operationId": f"{name}Router-delete",
                "parameters": [id_param],
                "responses": _ok({"type": "object", "properties": {"success": {"type": "boolean"}}}),
                **security,
            },
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "tRPC OpenAPI", "version": "1.0.4"},
        "servers": [{"url": "https://api.example.test/v3"}],
        "paths": paths,
        "components": {
            "securitySchemes": {"Authorization": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "error": {
                    "description": "Error response",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "message": {"type": "string"},
                                    "code": {"type": "string"},
                                    "issues": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {"message": {"type": "string"}},
                                            "required": ["message"],
                                        },
                                    },
                                },
                                "required": ["message", "code"],
                                "additionalProperties": False,
                            }
                        }
                    },
                }
            },
        },
    }


def write_other_api(directory: Path, document: dict[str, Any] | None = None) -> Path:
    """The document written as JSON-compatible YAML to `directory/other.yaml`."""
    path = directory / "other.yaml"
    path.write_text(dump_yaml(document or other_api()), encoding="utf-8")
    return path
