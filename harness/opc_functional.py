"""Run openapi-python-client's functional tests with this project's templates.

    python harness/opc_functional.py PATH/TO/openapi-python-client [pytest args ...]

A pytest plugin, loaded into a run of the peer's own `end_to_end_tests/functional_tests`
from its checkout (never a copy): every generation those tests make gets
`--custom-template-path` pointing at this project's `openapi/templates`, and the modules
`vgcontract generate` ships beside them. Exit 0 when every failing test is one the README's
"Deliberate differences from openapi-python-client" section names (each with its reason),
1 when any other fails.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "openapi" / "templates"
_FAILED: list[str] = []
_SECTION = "### Deliberate differences from openapi-python-client"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Remember each test that failed (in any phase)."""
    if report.failed:
        _FAILED.append(report.nodeid)


def _deliberate() -> set[str]:
    """The test names the README lists as deliberate differences (in backticks, under the section)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(_SECTION, 1)[1].split("\n#", 1)[0] if _SECTION in text else ""
    return set(re.findall(r"`(test_[A-Za-z0-9_]+)`", section))


def pytest_configure(config: pytest.Config) -> None:
    """Wrap the peer's generator call so that it passes our templates."""
    del config
    generated: Any = importlib.import_module("end_to_end_tests.generated_client")  # the peer's, on its path

    original = generated._run_command

    def with_templates(command: str, extra_args: list[str] | None = None, *args: Any, **kwargs: Any) -> Any:
        extra = [*(extra_args or []), f"--custom-template-path={TEMPLATES}"]
        result = original(command, extra, *args, **kwargs)
        _ship(extra)
        return result

    generated._run_command = with_templates


def _ship(args: list[str]) -> None:
    """Copy the modules `vgcontract generate` ships beside the templates' output (the runtime)."""
    from vgcontract.client.testing_data import copy_shipped_modules  # noqa: PLC0415 - the project's own copy

    given = next((a.split("=", 1)[1] for a in args if a.startswith("--output-path=")), None)
    if given is None and "--output-path" in args:
        given = args[args.index("--output-path") + 1]
    root = Path(given) if given else None
    found = list(root.rglob("errors.py")) if root is not None and root.is_dir() else []
    for errors in found:
        if errors.parent.name != "_runtime" and "VoiceglowError" in errors.read_text(encoding="utf-8"):
            copy_shipped_modules(errors.parent)


def main(argv: list[str] | None = None) -> int:
    """Run the peer's functional tests with this plugin."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    checkout = Path(args[0]).resolve()
    os.chdir(checkout)
    # The installed generator, not the checkout's source tree: its tests, our templates, the
    # generator this project pins. The checkout comes last on the path, for its test helpers.
    sys.path[:] = [p for p in sys.path if p not in ("", ".", str(checkout))] + [str(checkout)]
    plugin = sys.modules[__name__]
    tests = ["end_to_end_tests/functional_tests", "--import-mode=append", "-p", "no:cacheprovider"]
    code = int(pytest.main(["-q", *tests, *args[1:]], plugins=[plugin]))
    listed = _deliberate()
    unexpected = sorted({n for n in _FAILED if n.split("::")[-1].split("[")[0] not in listed})
    print(f"opc functional tests: {len(set(_FAILED))} failed, {len(set(_FAILED)) - len(unexpected)} of them listed in "
          "the README as deliberate differences")  # fmt: skip
    for name in unexpected:
        print(f"  not a listed difference: {name}")
    return 1 if unexpected or code not in (0, 1) else 0


if __name__ == "__main__":
    raise SystemExit(main())
