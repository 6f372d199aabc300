"""A `null` in a spec is a value (`default: null`, `example: null`), and a broken `$ref` is named, not swallowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.paths import SPEC
from tests.spec_fields import conversation_component
from tests.yaml_text import dump_yaml, load_yaml
from vgcontract import Severity
from vgcontract.cli import main
from vgcontract.spec import dereference, load_spec
from vgcontract.spec.diff import diff_specs
from vgcontract.spec.lint import lint_spec


def _with_nullable_field(tmp_path: Path) -> Path:
    doc: dict[str, Any] = load_yaml(SPEC.read_text(encoding="utf-8"))
    schemas = doc["components"]["schemas"]
    name = next(
        n
        for n in ("nextCursor", "vgNullableCursor")
        if all(n not in (s.get("properties") or {}) for s in schemas.values())
    )
    holder = schemas[conversation_component()]
    holder["properties"][name] = {"type": ["string", "null"], "default": None, "example": None, "x-source": "a test"}
    path = tmp_path / "null.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return path


def test_dereference_keeps_a_null_value() -> None:
    doc = {"a": {"default": None, "b": {"$ref": "#/c"}}, "c": {"x": None}}
    assert dereference(doc) == {"a": {"default": None, "b": {"x": None}}, "c": {"x": None}}
    assert dereference(doc, None) is None  # an explicit None is a value, not "the whole document"


def test_a_spec_with_nulls_lints_diffs_and_mocks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _with_nullable_field(tmp_path)
    assert [f for f in lint_spec(load_spec(spec)) if f.severity >= Severity.WARNING] == []
    # One addition, reported once per operation whose body holds the schema.
    kinds = [c.kind for c in diff_specs(load_spec(SPEC), load_spec(spec)).changes]
    assert kinds
    assert set(kinds) == {"property-added"}
    code = main(["contract", "--spec", str(spec), "--examples", "5", "--reports", str(tmp_path / "r")])
    out = capsys.readouterr().out
    assert code == 0, out  # the mock serves the nullable field validly, sometimes as null
    assert "result: PASS" in out


def test_a_ref_cycle_is_named_not_swallowed() -> None:
    doc: dict[str, Any] = load_spec(SPEC).document  # a fresh copy, changed below
    doc["components"]["schemas"]["Loop"] = {"$ref": "#/components/schemas/Loop"}
    doc["components"]["schemas"][conversation_component()]["properties"]["loop"] = {"$ref": "#/components/schemas/Loop"}
    findings = lint_spec(doc)
    assert [f.kind for f in findings if f.kind == "invalid-ref"] == ["invalid-ref"]
    assert "path-params" not in {f.kind for f in findings}


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_spec_nested_past_any_sane_depth_is_one_line_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    deep = tmp_path / f"deep{suffix}"
    # libyaml would overflow the C stack building this
    deep.write_text('{"x": ' + "[" * 30_000 + "]" * 30_000 + "}", encoding="utf-8")
    for argv in (["lint-spec", "--spec", str(deep)], ["spec-diff", str(deep), str(SPEC)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.strip().endswith("levels deep"), err
