"""The golden record: generation is reproducible, and any hand edit of generated/ is caught."""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from tests.paths import PROJECT, SPEC
from tests.yaml_text import dump_yaml, load_yaml
from vgcontract.client import (
    MANIFEST_NAME,
    GenerationError,
    GenerationInputs,
    check_generated,
    diff_trees,
    generate_into,
    render_diffs,
    source_package,
)
from vgcontract.spec import SHIPPED_MODULES

INPUTS = GenerationInputs.of(PROJECT)


@pytest.fixture(scope="module")
def committed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of generated/, so tests can edit it without touching the repository."""
    dest = tmp_path_factory.mktemp("golden") / "generated"
    shutil.copytree(PROJECT.generated, dest, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return dest


def test_committed_generation_is_current() -> None:
    assert check_generated(PROJECT.generated, INPUTS) == []


def test_manifest_records_inputs_and_tool_versions() -> None:
    manifest = json.loads((PROJECT.generated / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest == INPUTS.manifest()
    assert manifest["generator"] == {
        "name": "openapi-python-client",
        "version": metadata.version("openapi-python-client"),
    }
    assert len(manifest["spec"]["sha256"]) == 64
    assert len(manifest["config"]["sha256"]) == 64
    assert manifest["package"] == {"distribution": "voiceglow-client", "import": "voiceglow_client"}


def test_generated_package_metadata() -> None:
    pyproject = (PROJECT.generated / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "voiceglow-client"' in pyproject
    assert (PROJECT.generated / "README.md").is_file()
    assert (PROJECT.generated / "voiceglow_client" / "py.typed").is_file()


def test_hand_edit_is_caught_and_named(committed_copy: Path) -> None:
    target = committed_copy / "voiceglow_client" / "models" / "conversation.py"
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("user_email", "user_mail", 1), encoding="utf-8")
    try:
        diffs = check_generated(committed_copy, INPUTS)
        assert [(d.path, d.kind) for d in diffs] == [("voiceglow_client/models/conversation.py", "changed")]
        rendered = "".join(render_diffs(diffs))
        assert "-    user_mail" in rendered
        assert "+    user_email" in rendered
    finally:
        target.write_text(original, encoding="utf-8")


def test_added_and_deleted_files_are_caught(committed_copy: Path) -> None:
    stray = committed_copy / "voiceglow_client" / "hand_written.py"
    stray.write_text("X = 1\n", encoding="utf-8")
    removed = committed_copy / "voiceglow_client" / "errors.py"
    saved = removed.read_bytes()
    removed.unlink()
    try:
        diffs = check_generated(committed_copy, INPUTS)
        assert sorted((d.path, d.kind) for d in diffs) == [
            ("voiceglow_client/errors.py", "missing"),
            ("voiceglow_client/hand_written.py", "extra"),
        ]
    finally:
        stray.unlink()
        removed.write_bytes(saved)


def test_spec_change_without_regeneration_is_caught(committed_copy: Path, tmp_path: Path) -> None:
    spec = load_yaml(SPEC.read_text(encoding="utf-8"))
    spec["components"]["schemas"]["Conversation"]["properties"]["brandNew"] = {"type": "string", "description": "x"}
    changed = tmp_path / "voiceglow.yaml"
    changed.write_text(dump_yaml(spec), encoding="utf-8")
    diffs = check_generated(committed_copy, GenerationInputs.of(PROJECT, changed))
    paths = {d.path for d in diffs}
    assert "voiceglow_client/models/conversation.py" in paths
    assert MANIFEST_NAME in paths  # the spec hash moved


def test_generator_warning_fails_generation(tmp_path: Path) -> None:
    spec = load_yaml(SPEC.read_text(encoding="utf-8"))
    # An array without `items` makes openapi-python-client drop the whole 200 response
    # with only a warning; --fail-on-warning must turn that into a failure.
    del spec["components"]["schemas"]["Conversation"]["properties"]["tags"]["items"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(dump_yaml(spec), encoding="utf-8")
    with pytest.raises(GenerationError, match="openapi-python-client failed"):
        generate_into(tmp_path / "out", GenerationInputs.of(PROJECT, bad))
    assert not (tmp_path / "out" / MANIFEST_NAME).exists()


def test_diff_trees_ignores_caches(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "pkg").mkdir(parents=True)
        (root / "pkg" / "m.py").write_text("x = 1\n", encoding="utf-8")
    (b / "pkg" / "__pycache__").mkdir()
    (b / "pkg" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0")
    (b / ".mypy_cache").mkdir()
    (b / ".mypy_cache" / "x.json").write_text("{}", encoding="utf-8")
    assert diff_trees(a, b) == []


def test_the_client_runs_the_runtime_tested_here_byte_for_byte() -> None:
    """The runtime is source in vgcontract (linted, typed, tested) and is copied, never reformatted."""
    package = PROJECT.generated / source_package(PROJECT.generated)
    shipped = {name: source for name, source in SHIPPED_MODULES.items() if name.startswith("_runtime/")}
    assert shipped
    on_disk = {path.relative_to(package).as_posix() for path in (package / "_runtime").glob("*.py")}
    assert on_disk == set(shipped)
    for name, source in shipped.items():
        assert (package / name).read_bytes() == source.read_bytes(), name


def test_a_generation_kept_from_before_serves_only_the_same_inputs(tmp_path: Path) -> None:
    # A process keeps what the generator made for a set of inputs; an edited template is new input.
    shutil.copytree(PROJECT.root / "openapi", tmp_path / "openapi")
    inputs = GenerationInputs.of(PROJECT, tmp_path / "openapi" / PROJECT.spec.name)
    inputs = GenerationInputs(inputs.project, inputs.spec, inputs.config, tmp_path / "openapi" / "templates")
    package_init = Path(source_package(PROJECT.generated)) / "__init__.py"
    generate_into(tmp_path / "before", inputs)
    template = inputs.templates / "package_init.py.jinja"
    original = template.read_text(encoding="utf-8")
    template.write_text(original + "# a template edit\n", encoding="utf-8")
    generate_into(tmp_path / "edited", inputs)
    assert "# a template edit" in (tmp_path / "edited" / package_init).read_text(encoding="utf-8")
    template.write_text(original, encoding="utf-8")
    generate_into(tmp_path / "after", inputs)
    assert diff_trees(tmp_path / "before", tmp_path / "after") == []
