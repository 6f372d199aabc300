"""No name a spec gives a schema can shadow the client's runtime: such a client generates, imports and round-trips.

The runtime's names (`Field`, `Choice`, `UUID`, the decoder's shapes, the HTTP `Client`) are
imported under private aliases in every model and endpoint module, so a spec is free to
name its schemas after them.
"""

from __future__ import annotations

import importlib
import uuid
from pathlib import Path

import httpx
import pytest

from tests.client_support import imported_from, type_check_and_lint
from tests.yaml_text import dump_yaml
from vgcontract.cli import main

_NAMES = ("Field", "Choice", "UUID", "Const", "ListOf", "OneOf", "Client")


def _spec(directory: Path) -> Path:
    schemas = {
        name: {"type": "object", "properties": {"label": {"type": "string"}, "n": {"type": "integer"}}}
        for name in _NAMES
    }
    # A uuid property with a default, in a model of its own: a model that also used the schema
    # named `UUID` would import two `UUID`s, the generator's own `from uuid import UUID` too.
    schemas["Ids"] = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid", "default": "6f1c2f3e-1111-4a4a-9b9b-0123456789ab"},
            "other": {"type": "string", "format": "uuid"},
        },
    }
    schemas["Holder"] = {
        "type": "object",
        "required": ["ids"],
        "properties": {
            "ids": {"$ref": "#/components/schemas/Ids"},
            **{name.lower(): {"$ref": f"#/components/schemas/{name}"} for name in _NAMES},
        },
    }
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "names", "version": "1"},
        "paths": {
            "/client": {  # an endpoint module that imports the schema named `Client` beside the HTTP client
                "get": {
                    "operationId": "getClient",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Client"}}},
                        }
                    },
                }
            },
            "/holder": {
                "get": {
                    "operationId": "getHolder",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Holder"}}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": schemas},
    }
    path = directory / "names.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return path


@pytest.mark.slow
def test_schemas_named_after_the_runtime_generate_import_and_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "client"
    assert main(["generate", "--spec", str(_spec(tmp_path)), "--output", str(out)]) == 0
    type_check_and_lint(out)
    with imported_from(out) as package:  # this client, not the project's
        models = importlib.import_module("voiceglow_client.models")
        other = str(uuid.uuid4())
        data = {name.lower(): {"label": name, "n": 1} for name in _NAMES} | {"ids": {"other": other}}
        holder = models.Holder.from_dict(data, strict=True)
        for name in _NAMES:  # each schema named after a runtime name is its own model
            assert type(getattr(holder, name.lower())) is getattr(models, name)
        assert holder.ids.other == uuid.UUID(other)
        assert holder.ids.id == uuid.UUID("6f1c2f3e-1111-4a4a-9b9b-0123456789ab")  # the default, parsed
        assert holder.to_dict()["field"] == data["field"]  # what was read is written back
        assert holder.to_dict()["ids"]["other"] == other
        # The endpoint returning the schema named `Client`, called with the HTTP client.
        endpoint = importlib.import_module("voiceglow_client.api.default.get_client")
        transport = httpx.MockTransport(lambda _request: httpx.Response(200, json={"label": "c", "n": 3}))
        with package.Client(base_url="http://names.test", httpx_args={"transport": transport}, retries=0) as http:
            served = endpoint.sync(client=http)
        assert type(served) is models.Client
        assert served.n == 3
