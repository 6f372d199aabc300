"""Every kind of success body the spec can describe comes back from the client, typed.

A spec of every kind (an object, a list of models, a list of scalars, a top-level `oneOf`,
text, a file, any JSON, no body) is generated with the project's templates; each endpoint
is called through `httpx.MockTransport` and must return its payload, never a silent None.
"""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.client_support import imported_from, type_check_and_lint
from tests.yaml_text import dump_yaml
from vgcontract.cli import main

_THING = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "n": {"type": "integer"}}}
_OTHER = {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["other"]}}}
# operationId -> (status, media type or None, schema, the body the server sends)
_BODIES: dict[str, tuple[int, str | None, Any, bytes]] = {
    "getThing": (200, "application/json", {"$ref": "#/components/schemas/Thing"}, b'{"id": "t1", "n": 2}'),
    "listThings": (200, "application/json", {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                   b'[{"id": "a"}, {"id": "b", "n": 1}]'),
    "listNumbers": (200, "application/json", {"type": "array", "items": {"type": "integer"}}, b"[1, 2, 3]"),
    "getEither": (200, "application/json",
                  {"oneOf": [{"$ref": "#/components/schemas/Thing"}, {"$ref": "#/components/schemas/Other"}]},
                  b'{"kind": "other"}'),
    "getText": (200, "text/plain", {"type": "string"}, b"hello"),
    "getFile": (200, "application/octet-stream", {"type": "string", "format": "binary"}, b"\x00\x01raw"),
    "getAnything": (200, "application/json", {}, b'{"free": ["form", 1]}'),
    "deleteThing": (204, None, None, b""),
}  # fmt: skip


def _spec(directory: Path) -> Path:
    paths: dict[str, Any] = {}
    for name, (status, media, schema, _body) in _BODIES.items():
        response: dict[str, Any] = {"description": "ok"}
        if media is not None:
            response["content"] = {media: {"schema": schema}}
        method = "delete" if name.startswith("delete") else "get"
        paths[f"/{name}"] = {method: {"operationId": name, "responses": {str(status): response}}}
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "bodies", "version": "1"},
        "paths": paths,
        "components": {"schemas": {"Thing": _THING, "Other": _OTHER}},
    }
    path = directory / "bodies.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("bodies")
    out = root / "client"
    assert main(["generate", "--spec", str(_spec(root)), "--output", str(out)]) == 0
    with imported_from(out) as package:  # this client, not the project's
        yield package


def _call(package: Any, name: str) -> Any:
    status, media, _schema, body = _BODIES[name]
    headers = {"content-type": media} if media else {}
    transport = httpx.MockTransport(lambda _request: httpx.Response(status, content=body, headers=headers))
    client = package.Client(base_url="http://bodies.test", httpx_args={"transport": transport}, retries=0)
    module = importlib.import_module(f"voiceglow_client.api.default.{_snake(name)}")
    with client:
        return module.sync(client=client)


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


_EXPECTED: dict[str, Callable[[Any, Any], bool]] = {
    "getThing": lambda models, value: isinstance(value, models.Thing) and value.n == 2,
    "listThings": lambda models, value: [type(v) for v in value] == [models.Thing] * 2 and value[1].n == 1,
    "listNumbers": lambda _models, value: value == [1, 2, 3],
    "getEither": lambda models, value: isinstance(value, models.Other),
    "getText": lambda _models, value: value == "hello",
    "getFile": lambda _models, value: isinstance(value.payload, io.BytesIO) and value.payload.read() == b"\x00\x01raw",
    "getAnything": lambda _models, value: value == json.loads(_BODIES["getAnything"][3]),
    "deleteThing": lambda _models, value: value is None,
}


@pytest.mark.parametrize("name", sorted(_BODIES))
def test_each_body_kind_is_returned_typed(client_package: Any, name: str) -> None:
    models = importlib.import_module("voiceglow_client.models")
    value = _call(client_package, name)
    assert _EXPECTED[name](models, value), (name, value)


def test_a_body_of_the_wrong_kind_is_an_error_even_for_a_lenient_client(client_package: Any) -> None:
    errors = importlib.import_module("voiceglow_client.errors")
    transport = httpx.MockTransport(lambda _request: httpx.Response(200, json={"not": "a list"}))
    client = client_package.Client(base_url="http://bodies.test", httpx_args={"transport": transport}, retries=0)
    module = importlib.import_module("voiceglow_client.api.default.list_things")
    with client, pytest.raises(errors.ResponseShapeError):
        module.sync(client=client)


def test_the_client_of_every_body_kind_type_checks(client_package: Any) -> None:
    type_check_and_lint(Path(client_package.__file__).parent.parent)
