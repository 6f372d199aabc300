"""Generating `generated/` from the spec, and the golden check that proves it is current.

The client is produced by openapi-python-client (exact version pinned in
requirements.lock) from `openapi/voiceglow.yaml`, `openapi/generator-config.yaml` and the
custom templates in `openapi/templates/`, then formatted by ruff (also pinned). The output
is committed as a golden record; `check_generated` regenerates into a temporary directory
and compares it byte for byte with the committed copy.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from vgcontract.client.testing_data import format_python, render_testing
from vgcontract.errors import InputError
from vgcontract.recent import Recent
from vgcontract.spec.model import Spec, load_spec
from vgcontract.spec.project import Project
from vgcontract.spec.release import SHIPPED_MODULES, shipped_sha256, spec_sha256, tree_sha256

__all__ = [
    "MANIFEST_NAME",
    "FileDiff",
    "GenerationError",
    "GenerationInputs",
    "check_generated",
    "diff_trees",
    "generate_into",
    "regenerate",
    "render_diffs",
    "ship_changelog",
    "source_package",
    "sync_tree",
]

MANIFEST_NAME = "GENERATION.json"
# Tool caches and build output that may appear inside generated/ and are never compared.
_IGNORED_NAMES = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist"})
_GENERATOR = "openapi-python-client"
_MAX_DIFF_LINES = 400


_BUNDLED_NAME = "spec.bundled.json"  # beside the output directory, in the same temporary directory


class GenerationError(InputError):
    """openapi-python-client refused the spec, warned (we run with --fail-on-warning) or crashed."""


@dataclass(frozen=True)
class GenerationInputs:
    """Everything the generated output depends on, besides the pinned tool versions."""

    project: Project
    spec: Path
    config: Path
    templates: Path
    changelog: Path | None = None

    @classmethod
    def of(cls, project: Project, spec: Path | None = None) -> GenerationInputs:
        """The project's inputs; `spec` replaces the project's spec (`--spec`)."""
        return cls(project, spec or project.spec, project.generator_config, project.templates, project.changelog)

    def manifest(self, spec: Spec | None = None) -> dict[str, Any]:
        """The generation manifest: hashes of the inputs and versions of the tools."""
        show = self.project.relative
        return {
            "package": {"distribution": _distribution_name(self.config), "import": _package_name(self.config)},
            "spec": {"path": show(self.spec), "sha256": spec_sha256(spec or load_spec(self.spec))},
            "config": {"path": show(self.config), "sha256": _file_sha256(self.config)},
            "templates": {"path": show(self.templates), "sha256": tree_sha256(self.templates)},
            "shipped": {"modules": sorted(SHIPPED_MODULES), "sha256": shipped_sha256()},
            "generator": {"name": _GENERATOR, "version": metadata.version(_GENERATOR)},
            "formatter": {"name": "ruff", "version": metadata.version("ruff")},
            "regenerate": "make generate",
        }


@dataclass(frozen=True)
class FileDiff:
    """One file that differs between a fresh generation and the committed copy."""

    path: str
    kind: str  # "changed", "missing" (generation has it, committed copy lacks it) or "extra"
    diff: list[str] = field(default_factory=list)


def _file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


# The generator runs in this process: a child would pay its interpreter and imports (about
# 0.7 s) on every generation. One at a time: its post-hooks read PATH from the environment,
# and its progress lines go to the standard streams, both process-wide.
_GENERATOR_LOCK = threading.Lock()


def _hook_environment() -> dict[str, str]:
    """The environment of the generator's post-hooks and of ours: the pinned ruff, and no ruff cache left behind."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["RUFF_NO_CACHE"] = "true"
    return env


@contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    """`env`'s values for the variables where it differs from this process's, put back after.

    Only those variables are touched: the environment is never empty for another thread.
    """
    changed = {name: value for name, value in env.items() if os.environ.get(name) != value}
    saved = {name: os.environ.get(name) for name in changed}
    os.environ.update(changed)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _run_generator(inputs: GenerationInputs, document: Path, dest: Path, env: Mapping[str, str]) -> None:
    """openapi-python-client's output for `document` written into `dest`, made once per process for the same inputs."""
    key = _generation_key(inputs, document)
    tree = _GENERATED.get_or_make(key, lambda: _generated_tree(inputs, document, env))
    dest.mkdir(parents=True)
    for name, data in tree.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


# A process may generate the same client more than once (`release` then `check-generated`
# in one process; the tests check the project's client again and again), and the
# generator's output is a function of its inputs alone: the bundled document, the config,
# the templates and the pinned generator and formatter (its post-hooks). A process keeps
# the last few trees.
_GENERATED: Recent[dict[str, bytes]] = Recent(4)


def _generation_key(inputs: GenerationInputs, document: Path) -> str:
    digest = hashlib.sha256()
    for part in (document.read_bytes(), inputs.config.read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    digest.update(f"{tree_sha256(inputs.templates)} {metadata.version(_GENERATOR)} {metadata.version('ruff')}".encode())
    return digest.hexdigest()


def _generated_tree(inputs: GenerationInputs, document: Path, env: Mapping[str, str]) -> dict[str, bytes]:
    """Every file the generator writes, by its path below the output directory."""
    with tempfile.TemporaryDirectory(prefix="vgcontract-generate-") as scratch:
        out = Path(scratch) / "client"
        _generate(inputs, document, out, env)
        return {
            path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()
        }


def _generate(inputs: GenerationInputs, document: Path, dest: Path, env: Mapping[str, str]) -> None:
    """openapi-python-client's `generate`, as its CLI runs it with `--meta uv --fail-on-warning`."""
    from openapi_python_client import generate  # noqa: PLC0415 - only generation needs it
    from openapi_python_client.config import Config, ConfigFile, MetaType  # noqa: PLC0415

    try:
        config_file = ConfigFile.load_from_path(path=inputs.config)
    except Exception as exc:  # any way a config fails to load is the same refusal
        raise GenerationError(f"{inputs.config}: {_GENERATOR} cannot read it ({type(exc).__name__})") from None
    config = Config.from_sources(config_file, MetaType.UV, document, "utf-8", False, output_path=dest)
    templates = inputs.templates.resolve() if inputs.templates.is_dir() and any(inputs.templates.iterdir()) else None
    shown = io.StringIO()
    with _GENERATOR_LOCK, _environment(env), redirect_stdout(shown), redirect_stderr(shown):
        try:
            errors = generate(config=config, custom_template_path=templates)
        except Exception as exc:  # a crash of the generator is a failed generation, in one line
            raise GenerationError(f"{_GENERATOR} crashed: {type(exc).__name__}: {exc}"[:600]) from None
    if errors or not dest.is_dir():
        # --fail-on-warning: a warning can mean a whole response left out of the client.
        said = [" ".join(f"{e.header}: {e.detail or ''}".split()) for e in errors]
        raise GenerationError(f"{_GENERATOR} failed: {'; '.join(said) or 'no output'}"[:600])


def generate_into(dest: Path, inputs: GenerationInputs, *, changelog: bool = True) -> None:
    """Generate the client into `dest` (which must not exist yet) and write its manifest.

    `changelog=False` leaves out the release records (`ship_changelog` adds them later):
    a release hashes the client before its CHANGELOG entry exists.
    """
    for path in (inputs.spec, inputs.config):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    spec = load_spec(inputs.spec)
    # The generator reads the document every command reads: one reader's values (YAML 1.2),
    # and a spec split into files, bundled.
    document = dest.parent / _BUNDLED_NAME
    document.write_text(json.dumps(spec.document, ensure_ascii=False), encoding="utf-8")
    env = _hook_environment()
    _run_generator(inputs, document, dest, env)
    extras = render_testing(dest, inputs.templates, spec, _package_name(inputs.config))
    format_python(extras, env, dest)
    manifest = json.dumps(inputs.manifest(spec), indent=2, sort_keys=True) + "\n"
    (dest / MANIFEST_NAME).write_text(manifest, encoding="utf-8")
    if changelog:
        ship_changelog(dest, inputs.changelog)


def _package_name(config: Path) -> str:
    """The generated package's import name (the config's `package_name_override`)."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    name = data.get("package_name_override") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name.isidentifier():
        raise GenerationError(f"{config}: package_name_override must name the package (a Python identifier)")
    return name


def _distribution_name(config: Path) -> str:
    """The generated distribution's name (the config's `project_name_override`)."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    name = data.get("project_name_override") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name:
        raise GenerationError(f"{config}: project_name_override must name the distribution")
    return name


def source_package(generated: Path) -> str:
    """The import name of the client generated into `generated` (its `GENERATION.json` says)."""
    try:
        name = json.loads((generated / MANIFEST_NAME).read_text(encoding="utf-8"))["package"]["import"]
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"{generated / MANIFEST_NAME}: missing or unreadable; run `make generate`") from None
    if not isinstance(name, str) or not name.isidentifier():
        raise InputError(f"{generated / MANIFEST_NAME}: package.import is not a Python package name")
    return name


def ship_changelog(dest: Path, changelog: Path | None) -> None:
    """Put CHANGELOG.md in the client's sdist, and in its README (the wheel's long description)."""
    if changelog is None or not changelog.is_file():
        return
    text = changelog.read_text(encoding="utf-8")
    (dest / "CHANGELOG.md").write_text(text, encoding="utf-8")
    entries = text[text.find("\n## ") + 1 :] if "\n## " in text else ""
    if entries:
        readme = dest / "README.md"
        body = readme.read_text(encoding="utf-8").rstrip() + "\n\n# Changelog\n\n"
        readme.write_text(body + entries.replace("\n## ", "\n### ").replace("## ", "### ", 1), encoding="utf-8")


def regenerate(target: Path, inputs: GenerationInputs) -> list[str]:
    """Bring `target` to a fresh generation; return the files (relative) it had to write or delete.

    Only files whose content changed are rewritten, so an unchanged file keeps its mtime
    and `make` does not reinstall the package for nothing. Nothing is touched if
    generation fails.
    """
    with tempfile.TemporaryDirectory(prefix="vgcontract-gen-", dir=target.parent) as tmp:
        fresh = Path(tmp) / "out"
        generate_into(fresh, inputs)
        return sync_tree(fresh, target)


def sync_tree(fresh: Path, target: Path) -> list[str]:
    """Make `target` hold exactly the files of the generation `fresh`; the files (relative) written or deleted."""
    new, old = _files(fresh), (_files(target) if target.exists() else {})
    changed = []
    for rel, path in sorted(new.items()):
        if rel not in old or old[rel].read_bytes() != path.read_bytes():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / rel)
            changed.append(rel)
    for rel in sorted(old.keys() - new.keys()):
        (target / rel).unlink()
        changed.append(rel)
    return changed


def _files(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if path.is_file() and not any(part in _IGNORED_NAMES or part.endswith(".egg-info") for part in rel.parts):
            found[rel.as_posix()] = path
    return found


def _read_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return [f"<binary file, sha256 {hashlib.sha256(data).hexdigest()}>\n"]


def diff_trees(expected: Path, actual: Path) -> list[FileDiff]:
    """Every file that differs between `expected` (fresh) and `actual` (committed)."""
    fresh, committed = _files(expected), _files(actual)
    diffs: list[FileDiff] = []
    for rel in sorted(fresh.keys() | committed.keys()):
        if rel not in committed:
            diffs.append(FileDiff(rel, "missing"))
        elif rel not in fresh:
            diffs.append(FileDiff(rel, "extra"))
        elif fresh[rel].read_bytes() != committed[rel].read_bytes():
            lines = difflib.unified_diff(
                _read_lines(committed[rel]), _read_lines(fresh[rel]), f"committed/{rel}", f"fresh/{rel}"
            )
            diffs.append(FileDiff(rel, "changed", list(lines)))
    return diffs


def check_generated(target: Path, inputs: GenerationInputs) -> list[FileDiff]:
    """Regenerate into a temporary directory and compare with `target`; [] means current."""
    if not target.is_dir():
        raise InputError(f"{target}: no such directory (run `make generate`)")
    with tempfile.TemporaryDirectory(prefix="vgcontract-check-") as tmp:
        fresh = Path(tmp) / "out"
        generate_into(fresh, inputs)
        return diff_trees(fresh, target)


def render_diffs(diffs: list[FileDiff], limit: int = _MAX_DIFF_LINES) -> list[str]:
    """Human-readable lines for a failed golden check, the diff cut at `limit` lines."""
    out: list[str] = []
    for d in diffs:
        if d.kind == "missing":
            out.append(f"missing from generated/: {d.path} (a fresh generation creates it)\n")
        elif d.kind == "extra":
            out.append(f"not produced by the generator: generated/{d.path}\n")
        else:
            out.append(f"changed: generated/{d.path}\n")
    body = [line for d in diffs for line in d.diff]
    out.extend(body[:limit])
    if len(body) > limit:
        out.append(f"... {len(body) - limit} more diff lines\n")
    return out
