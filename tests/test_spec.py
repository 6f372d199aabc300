"""Loading the spec and resolving its references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vgcontract import InputError
from vgcontract.spec import JsonPointerError, dereference, load_spec, resolve_pointer


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_spec(tmp_path / "nope.yaml")


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\ninfo: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML at line"):
        load_spec(bad)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "list.yaml"
    bad.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a mapping"):
        load_spec(bad)


def test_resolve_pointer_with_escapes() -> None:
    doc = {"paths": {"/a/{b}": {"get": 1}}, "list": [10, 20]}
    assert resolve_pointer(doc, "#/paths/~1a~1{b}/get") == 1
    assert resolve_pointer(doc, "#/list/1") == 20
    with pytest.raises(JsonPointerError):
        resolve_pointer(doc, "#/paths/missing")
    with pytest.raises(JsonPointerError, match="only local"):
        resolve_pointer(doc, "other.yaml#/x")


def test_dereference_inlines_and_keeps_siblings() -> None:
    doc: dict[str, Any] = {
        "components": {"schemas": {"A": {"type": "string", "description": "a"}}},
        "x": {"$ref": "#/components/schemas/A", "description": "override"},
    }
    resolved = dereference(doc)
    assert isinstance(resolved, dict)
    assert resolved["x"] == {"type": "string", "description": "override"}
    assert doc["x"]["$ref"] == "#/components/schemas/A"  # the input is untouched


def test_reference_cycle_is_an_error() -> None:
    doc = {
        "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}}
    }
    with pytest.raises(JsonPointerError, match="cycle"):
        dereference(doc)
