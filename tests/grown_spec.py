"""The project's spec grown as a user grows it when VoiceGlow documents more: a list and a PATCH.

The list operation (`page`, `limit`, `data: [conversation]`) is the third-party
description's `conversationRouter-getAgentConvos`; the PATCH writes a conversation. Both
are protected as the documented operation is. `list_first` picks the key order of `paths`.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from tests.paths import SPEC
from vgcontract.spec import dereference, load_spec

__all__ = ["LIST_OPERATION", "WRITE_OPERATION", "grown_spec", "write_grown_spec"]

LIST_OPERATION = "listConversations"
WRITE_OPERATION = "updateConversation"


def grown_spec(list_first: bool) -> dict[str, Any]:
    """The grown spec as data."""
    doc: dict[str, Any] = load_spec(SPEC)
    (single_path, single), *_ = doc["paths"].items()
    get = single["get"]
    envelope_ref = get["responses"]["200"]["content"]["application/json"]["schema"]
    envelope = dereference(doc, envelope_ref)
    row = copy.deepcopy(envelope["properties"]["data"])
    listing = {
        "get": {
            "operationId": LIST_OPERATION,
            "summary": "List conversations",
            "x-source": "the third-party description (ConvoCore), conversationRouter-getAgentConvos",
            "parameters": [
                single["parameters"][0],
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 20}},
            ],
            "responses": {
                "200": {
                    "description": "A page of conversations",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "success": {"type": "boolean"},
                                    "message": {"type": "string"},
                                    "data": {"type": "array", "items": row},
                                },
                            }
                        }
                    },
                },
                "401": get["responses"]["401"],
            },
        }
    }
    security = get.get("security", doc.get("security"))
    if security is not None:  # the new operations are protected as the documented one is
        listing["get"]["security"] = security
    single["patch"] = {
        "operationId": WRITE_OPERATION,
        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": get["responses"]["200"], "401": get["responses"]["401"]},
        **({"security": security} if security is not None else {}),
    }
    list_path = single_path.rsplit("/", 1)[0]
    paths = {list_path: listing, single_path: single} if list_first else {single_path: single, list_path: listing}
    doc["paths"] = paths
    return doc


def write_grown_spec(directory: Path, *, list_first: bool) -> Path:
    """The grown spec written to `directory/grown.yaml`."""
    path = directory / "grown.yaml"
    path.write_text(yaml.safe_dump(grown_spec(list_first), sort_keys=False), encoding="utf-8")
    return path
