"""The project's spec grown as a user grows it when VoiceGlow documents more: a list and a PATCH.

The list operation is the spec's own when it has one (a GET one segment above the
conversation path); else one is made as the third-party description's
`conversationRouter-getAgentConvos` documents it (`page`, `limit`, `data: [conversation]`).
The PATCH writes a conversation. Both are protected as the documented operation is.
`list_first` picks the key order of `paths`.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from tests.paths import SPEC
from tests.yaml_text import dump_yaml
from vgcontract.live import conversation_template
from vgcontract.spec import dereference, load_spec

__all__ = ["LIST_OPERATION", "LIST_PATH", "SINGLE_PATH", "WRITE_OPERATION", "grown_spec", "write_grown_spec"]

SINGLE_PATH = conversation_template(load_spec(SPEC))
LIST_PATH = SINGLE_PATH.rsplit("/", 1)[0]
_SPECS_LIST = ((load_spec(SPEC).get("paths") or {}).get(LIST_PATH) or {}).get("get")
LIST_OPERATION = str((_SPECS_LIST or {}).get("operationId") or "listConversations")
WRITE_OPERATION = "updateConversation"


def _made_list(doc: dict[str, Any], single: dict[str, Any]) -> dict[str, Any]:
    """A list operation for a spec that has none: the conversation envelope around an array of them."""
    get = single["get"]
    envelope_ref = get["responses"]["200"]["content"]["application/json"]["schema"]
    envelope = dereference(doc, envelope_ref)
    row = copy.deepcopy(envelope["properties"]["data"])
    return {
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


def grown_spec(list_first: bool) -> dict[str, Any]:
    """The grown spec as data."""
    doc: dict[str, Any] = load_spec(SPEC).document  # a fresh copy, changed below
    single = doc["paths"][SINGLE_PATH]
    get = single["get"]
    listed = (doc["paths"].get(LIST_PATH) or {}).get("get")
    listing = {"get": copy.deepcopy(listed) if listed is not None else _made_list(doc, single)}
    security = get.get("security", doc.get("security"))
    if security is not None:  # the new operations are protected as the documented one is
        listing["get"]["security"] = security
    single["patch"] = {
        "operationId": WRITE_OPERATION,
        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": get["responses"]["200"], "401": get["responses"]["401"]},
        **({"security": security} if security is not None else {}),
    }
    others = {path: item for path, item in doc["paths"].items() if path not in (SINGLE_PATH, LIST_PATH)}
    ordered = [(LIST_PATH, listing), (SINGLE_PATH, single)]
    doc["paths"] = {**dict(ordered if list_first else ordered[::-1]), **others}
    return doc


def write_grown_spec(directory: Path, *, list_first: bool) -> Path:
    """The grown spec written to `directory/grown.yaml`."""
    path = directory / "grown.yaml"
    path.write_text(dump_yaml(grown_spec(list_first)), encoding="utf-8")
    return path
