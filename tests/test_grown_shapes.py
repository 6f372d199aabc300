"""A recursive schema, a spec split into files, YAML 1.2 values and a duplicate key, through every spec command.

Each spec is one a team writes as its API grows (`tests/grown_shapes.py`); what is checked
is what the command says about it, read from the same spec, never a count written here.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from ruamel.yaml import YAML

from tests.grown_shapes import YAML12_ENUM, write_duplicate, write_recursive, write_split, write_yaml12
from vgcontract.cli import main
from vgcontract.mock import DEFAULT_TOKEN, build_app
from vgcontract.spec import load_spec, with_definitions

SHAPES: dict[str, Callable[[Path], Path]] = {
    "recursive": write_recursive,
    "split": write_split,
    "yaml12": write_yaml12,
}


@pytest.fixture(params=sorted(SHAPES))
def shape(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return SHAPES[request.param](tmp_path)


def _get(spec: Path, path: str) -> tuple[int, bytes]:
    app = build_app(load_spec(spec))
    reply = app.respond("GET", (app.base_path + path).encode(), {b"authorization": f"Bearer {DEFAULT_TOKEN}".encode()})
    return reply.status, reply.body


def _answer_schema(spec: Path) -> dict[str, Any]:
    loaded = load_spec(spec)
    operation = loaded.operations[0]
    schema_pointer = operation.response_schema_pointer()
    assert schema_pointer is not None
    resolved = loaded.inlined()
    node: Any = resolved
    for token in schema_pointer[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    standalone: dict[str, Any] = with_definitions(node, resolved)
    return standalone


def test_lint_finds_no_error_in_a_spec_that_has_none(shape: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lint-spec", "--spec", str(shape), "--fail-on", "error", "--format", "json"])
    out = capsys.readouterr().out
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert errors == []
    assert code == 0


def test_the_mock_answers_every_operation_with_a_valid_body(shape: Path) -> None:
    loaded = load_spec(shape)
    validator = jsonschema_rs.validator_for(_answer_schema(shape))
    for operation in loaded.operations:
        status, body = _get(shape, operation.path.replace("{treeId}", "t1"))
        assert status == 200, (operation.name, body)
        assert validator.is_valid(json.loads(body)), list(validator.iter_errors(json.loads(body)))[:1]


def test_a_recursive_answer_is_finite_and_goes_deeper_than_one_level(tmp_path: Path) -> None:
    spec = write_recursive(tmp_path)
    depths = []
    for tree in range(1, 30):
        node, depth = json.loads(_get(spec, f"/trees/t{tree}")[1])["root"], 0
        while node["children"]:
            node, depth = node["children"][0], depth + 1
        depths.append(depth)
    assert max(depths) >= 2  # the recursion is followed, not cut at the first $ref


def test_contract_against_its_own_mock_passes(shape: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["contract", "--spec", str(shape), "--examples", "5", "--reports", str(tmp_path / "reports")])
    assert code == 0, capsys.readouterr().out[-2000:]


def test_spec_diff_of_a_spec_with_itself_is_empty(shape: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = shape.parent / "diff.json"
    assert main(["spec-diff", str(shape), str(shape), "--json", str(out), "--fail-on", "warning"]) == 0
    assert json.loads(out.read_text())["changes"] == []


def test_drift_accepts_what_the_mock_serves(shape: Path, tmp_path: Path) -> None:
    lines = [_get(shape, f"/trees/t{n}")[1] for n in range(1, 6)]
    corpus = tmp_path / "bodies.ndjson"
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    operation = load_spec(shape).operations[0].name
    argv = ["drift", "--spec", str(shape), "--ndjson", str(corpus), "--operation", operation, "--no-progress"]
    assert main(argv) == 0


def test_a_recursive_change_is_found_by_spec_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write_recursive(tmp_path)
    head = tmp_path / "head.yaml"
    head.write_text(base.read_text().replace("value: {type: integer, minimum: 0}", "value: {type: string}"))
    out = base.parent / "diff.json"
    assert main(["spec-diff", str(base), str(head), "--json", str(out), "--fail-on", "breaking"]) == 1
    changes = json.loads(out.read_text())["changes"]
    assert {c["rule"] for c in changes} == {"type-changed"}


def test_an_edit_in_a_split_file_is_a_change_of_the_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base_dir, head_dir = tmp_path / "base", tmp_path / "head"
    base, head = write_split(base_dir), write_split(head_dir)
    node = head_dir / "schemas" / "node.yaml"
    node.write_text(node.read_text().replace("label: {type: string}", "label: {type: integer}"))
    out = base.parent / "diff.json"
    assert main(["spec-diff", str(base), str(head), "--json", str(out), "--fail-on", "breaking"]) == 1
    changes = json.loads(out.read_text())["changes"]
    assert any(c["rule"] == "type-changed" and "label" in c["pointer"] for c in changes)


def test_yaml_12_values_are_what_the_generator_reads(tmp_path: Path) -> None:
    spec = write_yaml12(tmp_path)
    ours = load_spec(spec)["components"]["schemas"]["Answer"]["properties"]
    theirs = YAML(typ="safe").load(spec.read_text())["components"]["schemas"]["Answer"]["properties"]
    assert ours["answer"]["enum"] == theirs["answer"]["enum"] == YAML12_ENUM
    assert ours["mode"]["enum"] == theirs["mode"]["enum"]
    # A date stays the text written: OpenAPI's JSON ruleset has no date type (ruamel makes it a date).
    assert ours["day"]["example"] == str(theirs["day"]["example"])


def test_a_duplicate_key_is_one_line_naming_the_file_and_line_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, line = write_duplicate(tmp_path)
    commands = [
        ["lint-spec", "--spec", str(spec)],
        ["spec-diff", str(spec), str(spec)],
        ["mock", "--spec", str(spec), "--list-faults"],
        ["contract", "--spec", str(spec), "--examples", "1", "--reports", str(tmp_path / "r")],
        ["drift", "--spec", str(spec), "--ndjson", str(spec), "--no-progress"],
        ["selftest", "--spec", str(spec), "--modes", "type-change", "--reports", str(tmp_path / "s")],
        ["record", "--spec", str(spec), "--out", str(tmp_path / "rec"), "--no-progress"],
        ["generate", "--spec", str(spec), "--output", str(tmp_path / "gen")],
    ]
    for argv in commands:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert f"{spec}:{line}: duplicate key 'label'" in err, (argv, err)
        assert "Traceback" not in err


@pytest.mark.parametrize("write", [write_split, write_yaml12], ids=["split-recursive", "yaml12"])
def test_the_generator_reads_what_every_command_reads(
    write: Callable[[Path], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "spec").mkdir()
    spec = write(tmp_path / "spec")
    out = tmp_path / "client"
    assert main(["generate", "--spec", str(spec), "--output", str(out)]) == 0, capsys.readouterr()
    models = {path.stem: path.read_text() for path in out.rglob("models/*.py")}
    if write is write_split:  # the schemas of the other files, bundled; the recursion typed as itself
        assert {"node", "link", "tree"} <= set(models)
        assert "list[Node]" in models["node"]
    else:  # YAML 1.2: four strings, where YAML 1.1 would have read two booleans twice
        values = models["answer_answer"]  # the `answer` property's own type, named by the generator
        for value in YAML12_ENUM:
            assert f'"{value}"' in values


def test_a_split_spec_at_a_git_revision_is_read_from_that_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    spec = write_split(tmp_path)
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "split spec")
    node = tmp_path / "schemas" / "node.yaml"
    node.write_text(node.read_text().replace("label: {type: string}", "label: {type: integer}"))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "diff.json"
    assert main(["spec-diff", "HEAD:split.yaml", "HEAD:split.yaml", "--json", str(out), "--fail-on", "warning"]) == 0
    assert main(["spec-diff", "HEAD:split.yaml", str(spec), "--json", str(out), "--fail-on", "breaking"]) == 1
    changes = json.loads(out.read_text())["changes"]
    assert any(c["rule"] == "type-changed" and "label" in c["pointer"] for c in changes)
