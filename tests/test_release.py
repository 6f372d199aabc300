"""`vgcontract release`: the whole loop from a spec edit to a released client, in a copy of the project.

One optional property is a minor release, a retyped one a major release; each writes the
version, `info.version`, the client, one CHANGELOG entry a Python user can read, and the
released spec; running it again changes nothing; `--check` names what is missing, in a
line whose command fixes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_fields import attribute, conversation_component, fields
from tests.yaml_text import dump_yaml, load_yaml
from vgcontract.cli import main
from vgcontract.client import GenerationInputs, check_generated
from vgcontract.spec import SHIPPED_MODULES, client_version, find_project, load_spec, read_entries, release_gate


def _edit(spec: Path, change: dict[str, object]) -> None:
    """Set properties of the conversation schema (YAML rewritten; the tests care about content)."""
    doc = load_yaml(spec.read_text(encoding="utf-8"))
    documented = set(fields().raw_data["properties"])
    schemas = doc["components"]["schemas"]
    name = next(n for n, s in schemas.items() if documented <= set(s.get("properties") or ()))
    schemas[name]["properties"].update(change)
    spec.write_text(dump_yaml(doc), encoding="utf-8")


@pytest.mark.slow
def test_minor_then_major_release_idempotent_and_checked(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = find_project(project_copy)
    start = client_version(project.generator_config)
    assert release_gate(project) == []

    # An optional property: a minor release, described for a Python user.
    new = fields().undocumented()  # a name the spec does not have yet
    _edit(project.spec, {new: {"type": "number", "x-source": "a test's own example"}})
    assert main(["release", "--check"]) == 1
    assert "run `make release`" in capsys.readouterr().out
    assert main(["release"]) == 0
    out = capsys.readouterr().out
    minor = (start[0], start[1] + 1, 0)
    assert client_version(project.generator_config) == minor
    assert load_spec(project.spec)["info"]["version"] == ".".join(map(str, minor))
    model, key = conversation_component(), fields().record_key
    assert f"**Added** · `{model}.{attribute(new)}`: `float` (response field `{key}.{new}`)." in out
    entries = read_entries(project.changelog)
    assert [e.label for e in entries[:2]] == [".".join(map(str, minor)), ".".join(map(str, start))]
    assert entries[0].fields["bump"] == "minor"
    assert attribute(new) in (project.generated / "voiceglow_client" / "models" / f"{attribute(model)}.py").read_text()
    assert release_gate(project) == []
    # The release generates once; what it wrote is what an independent fresh generation makes.
    assert check_generated(project.generated, GenerationInputs.of(project)) == []

    # Again, with nothing new: nothing changes.
    changelog = project.changelog.read_text()
    assert main(["release"]) == 0
    assert "nothing to release" in capsys.readouterr().out
    assert project.changelog.read_text() == changelog

    # A retyped property: a major release; a too-small --version is refused with the version to use.
    number = fields().of_type("number")
    _edit(project.spec, {number: {"type": "string", "x-source": "a test's own example"}})
    assert main(["release", "--version", ".".join(map(str, (minor[0], minor[1], 1)))]) == 2
    assert f"use --version {minor[0] + 1}.0.0 or higher" in capsys.readouterr().err
    assert main(["release"]) == 0
    out = capsys.readouterr().out
    assert client_version(project.generator_config) == (minor[0] + 1, 0, 0)
    assert f"**Breaking** · `{model}." in out
    assert "`float` → `str`" in out
    assert "Code that does arithmetic on it must convert." in out
    assert release_gate(project) == []
    assert len([e for e in read_entries(project.changelog) if e.label == f"{minor[0] + 1}.0.0"]) == 1


def test_a_release_the_generator_refuses_changes_no_version_file(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = find_project(project_copy)
    start = client_version(project.generator_config)
    before = {path: path.read_bytes() for path in (project.generator_config, project.spec, project.changelog)}
    new = fields().undocumented()
    _edit(project.spec, {new: {"type": "array", "x-source": "a test's own example"}})  # no `items`
    edited = project.spec.read_bytes()
    assert main(["release"]) == 2
    assert capsys.readouterr().err.count("\n") == 1  # one line
    assert project.generator_config.read_bytes() == before[project.generator_config]
    assert project.changelog.read_bytes() == before[project.changelog]
    assert project.spec.read_bytes() == edited  # the user's edit stays; only the release's writes go
    # Fixed, the release bumps once from where it started.
    _edit(project.spec, {new: {"type": "array", "items": {"type": "string"}, "x-source": "a test's own example"}})
    assert main(["release"]) == 0
    assert client_version(project.generator_config) == (start[0], start[1] + 1, 0)
    assert [e.label for e in read_entries(project.changelog)].count(
        ".".join(map(str, (start[0], start[1] + 1, 0)))
    ) == 1


def test_another_spec_is_never_released_over_the_project(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = find_project(project_copy)
    other = project_copy / "other.yaml"
    other.write_bytes(project.spec.read_bytes())
    before = project.generator_config.read_bytes()
    assert main(["release", "--spec", str(other)]) == 2
    assert "release works on the project's spec" in capsys.readouterr().err
    assert project.generator_config.read_bytes() == before
    assert main(["release", "--spec", str(project.spec), "--check"]) == 0  # its own spec, named, is fine


@pytest.mark.slow
def test_a_template_change_alone_is_a_patch_release(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = find_project(project_copy)
    _edit(project.spec, {fields().undocumented(): {"type": "number", "x-source": "a test's own example"}})
    assert main(["release"]) == 0  # a spec change: its entry records the templates it was made with
    released = client_version(project.generator_config)
    template = next(project.templates.rglob("*.py.jinja"))
    template.write_text(template.read_text(encoding="utf-8") + "\n# a template change\n", encoding="utf-8")
    assert [p.kind for p in release_gate(project)] == ["generator-changed-without-release"]  # CI says so first
    capsys.readouterr()
    assert main(["release"]) == 0
    out = capsys.readouterr().out
    patch = (released[0], released[1], released[2] + 1)
    assert client_version(project.generator_config) == patch
    assert "no spec change a client user sees; the generated code changed" in out
    assert read_entries(project.changelog)[0].fields["bump"] == "patch"
    assert main(["release"]) == 0
    assert "nothing to release" in capsys.readouterr().out
    assert release_gate(project) == []
    # The generator config is an input of the code too (its version line is the release's own).
    config = project.generator_config
    config.write_text(config.read_text(encoding="utf-8") + "# a setting changed\n", encoding="utf-8")
    assert [p.kind for p in release_gate(project)] == ["generator-changed-without-release"]
    assert main(["release"]) == 0
    assert client_version(project.generator_config) == (patch[0], patch[1], patch[2] + 1)
    assert release_gate(project) == []


def test_a_change_to_a_module_the_client_ships_needs_a_release_too(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runtime and the value generator are copied into the client: a change to one changes its code."""
    project = find_project(project_copy)
    assert release_gate(project) == []
    name = next(name for name in SHIPPED_MODULES if name.startswith("_runtime/"))
    changed = project_copy / "shipped.py"
    changed.write_text(SHIPPED_MODULES[name].read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")
    monkeypatch.setitem(SHIPPED_MODULES, name, changed)
    gate = release_gate(project)
    assert [p.kind for p in gate] == ["generator-changed-without-release"]
    assert "the toolkit's modules copied into the client changed" in gate[0].message


def test_any_change_to_the_client_s_bytes_needs_a_release(project_copy: Path) -> None:
    """A new generator or ruff version changes generated code with no input changed: the tree's hash sees it."""
    project = find_project(project_copy)
    assert release_gate(project) == []
    package = next(path.parent for path in project.generated.glob("*/client.py"))
    init = package / "__init__.py"
    original = init.read_text(encoding="utf-8")
    init.write_text(original.replace('__version__ = "', '__version__ = "9', 1), encoding="utf-8")
    assert release_gate(project) == []  # the version line is the release's own to change
    (package / "client.py").write_text((package / "client.py").read_text(encoding="utf-8") + "\n# formatted anew\n")
    gate = release_gate(project)
    assert [p.kind for p in gate] == ["generator-changed-without-release"]
    assert "the generated client" in gate[0].message
