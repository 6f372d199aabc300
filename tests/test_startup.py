"""Start-up: a command imports what it uses, package faces load on first use, workers are worth their cost."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import vgcontract
from tests.paths import SPEC
from vgcontract.cli import build_parser
from vgcontract.drift import cores, default_workers

_HTTP_STACK = ("httpx", "httpcore", "schemathesis", "hypothesis", "vgcontract.live.http", "vgcontract.live.fetch",
               "vgcontract.mock", "vgcontract.contract")  # fmt: skip


def _imported_after(code: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with one of `prefixes` that a fresh interpreter holds after running `code`."""
    probe = f"import sys\n{code}\nprint(sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-800:]
    return eval(run.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return] # noqa: S307 - our own print


def test_a_file_drift_check_loads_no_http_stack(tmp_path: Path) -> None:
    export = tmp_path / "export.ndjson"
    export.write_text('{"success": false}\n', encoding="utf-8")
    code = (
        "from vgcontract.cli.main import main\n"
        f"main(['drift', '--ndjson', {str(export)!r}, '--no-progress', '--spec', {str(SPEC)!r}])"
    )
    assert _imported_after(code, _HTTP_STACK) == []


def test_spec_diff_loads_the_changelog_writer_only_when_asked() -> None:
    run = f"from vgcontract.cli.main import main\nmain(['spec-diff', {str(SPEC)!r}, {str(SPEC)!r}"
    assert _imported_after(run + "])", ("vgcontract.spec.changelog",)) == []
    asked = _imported_after(run + ", '--changelog'])", ("vgcontract.spec.changelog",))
    assert asked == ["vgcontract.spec.changelog"]


def test_a_face_loads_a_module_when_one_of_its_names_is_first_asked_for() -> None:
    code = "import vgcontract.spec\n"
    assert _imported_after(code, ("vgcontract.spec.",)) == []
    after = _imported_after(code + "vgcontract.spec.render_entry\n", ("vgcontract.spec.changelog",))
    assert after == ["vgcontract.spec.changelog"]


def test_a_face_names_exactly_its_exports_and_refuses_others() -> None:
    import vgcontract.drift as face  # noqa: PLC0415 - the face under test

    assert set(face.__all__) <= set(dir(face))
    assert all(getattr(face, name) is not None for name in face.__all__)
    with pytest.raises(AttributeError, match=r"vgcontract\.drift.*no_such_name"):
        face.no_such_name  # noqa: B018 - the look-up is the test


def test_every_export_stays_itself_once_every_module_is_imported() -> None:
    # Importing a submodule binds its name on its package: an export named like a module
    # would quietly become that module, for whoever imports it after.
    found = pkgutil.walk_packages(vgcontract.__path__, "vgcontract.")
    modules = [importlib.import_module(m.name) for m in found if not m.name.endswith("__main__")]
    faces = [m for m in modules if getattr(getattr(m, "__getattr__", None), "__module__", "") == "vgcontract.faces"]
    assert len(faces) >= 5
    assert [f"{face.__name__}.{name}" for face in faces for name in face.__all__
            if isinstance(getattr(face, name), types.ModuleType)] == []  # fmt: skip


def test_a_face_refuses_an_export_named_like_one_of_its_modules(tmp_path: Path) -> None:
    package = tmp_path / "facepkg"
    package.mkdir()
    (package / "serve.py").write_text("def serve() -> None: ...\n", encoding="utf-8")
    (package / "__init__.py").write_text(
        "import typing\nfrom vgcontract.faces import lazy_face\n"
        "if typing.TYPE_CHECKING:\n    from facepkg.serve import serve\n"
        "__getattr__, __dir__ = lazy_face(__name__, __file__)\n",
        encoding="utf-8",
    )
    probe = f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\nimport facepkg\n"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode != 0
    assert "facepkg: exports named like its modules: serve" in run.stderr


def test_the_parser_for_one_command_registers_only_that_command() -> None:
    def commands(only: str | None) -> set[str]:
        sub = next(a for a in build_parser(only)._actions if a.dest == "command")
        return set(sub.choices or ())

    everything = commands(None)
    assert {"spec-diff", "drift", "contract"} <= everything
    assert commands("spec-diff") == {"spec-diff"}
    # Anything that is not a command's own name gets the whole list, for argparse's message.
    assert commands("spec_diff") == everything
    assert commands("--help") == everything


def test_the_default_worker_count_grows_with_the_file_and_never_past_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vgcontract.drift.parallel.cores", lambda: 4)
    sizes = [0, 1 << 20, 8 << 20, 16 << 20, 64 << 20, 1 << 30, 1 << 40]
    counts = [default_workers(size) for size in sizes]
    assert counts == sorted(counts)  # more bytes never mean fewer workers
    assert counts[0] == counts[1] == 1  # a small file is one worker: starting another costs more
    assert counts[-1] == 4  # a huge file uses every core, and no more
    monkeypatch.setattr("vgcontract.drift.parallel.cores", lambda: 1)
    assert default_workers(1 << 40) == 1
    assert cores() >= 1
