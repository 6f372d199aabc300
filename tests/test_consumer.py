"""The consumer's side, end to end, in a temporary directory: vendor, test with the fixture, check, update.

A consumer repository vendors the client as `acme_voice`, writes code that reads a number
field and a test that uses the `voiceglow_api` fixture (a conversation, a 404, a drifted
body), runs its tests with no network and no vgcontract on the path, and checks the copy
with the stdlib checker. Then the spec retypes that number field, the project releases a
major version, and re-vendoring with `--impact` names the version jump, the breaking
changelog entry and the consumer's line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.paths import ROOT, child_environ
from tests.spec_fields import attribute, fields
from tests.yaml_text import dump_yaml, load_yaml
from vgcontract.cli import main
from vgcontract.spec import client_version, find_project

PACKAGE = "acme_voice"


def _consumer(root: Path) -> tuple[Path, int]:
    """The consumer's code and test; returns its root and the line that reads the number field."""
    number = attribute(fields().of_type("number"))
    (root / "src").mkdir(parents=True)
    app = textwrap.dedent(f"""\
        from {PACKAGE}.api.conversations import get_conversation


        def doubled(client, agent, convo):
            conversation = get_conversation.sync(agent, convo, client=client).data
            return conversation.{number} * 2
        """)
    (root / "src" / "app.py").write_text(app, encoding="utf-8")
    line = next(n for n, text in enumerate(app.splitlines(), 1) if f".{number}" in text)
    (root / "tests").mkdir()
    (root / "tests" / "conftest.py").write_text(f'pytest_plugins = ["{PACKAGE}.testing.plugin"]\n', encoding="utf-8")
    # The consumer's test is the README's own example, as written there.
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    test = next(block for block in blocks if "def test_my_code_survives_the_api(voiceglow_api)" in block)
    assert f"from {PACKAGE} import" in test
    (root / "tests" / "test_app.py").write_text(test, encoding="utf-8")
    return root, line


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    # The consumer's environment: its own tree on the path, no plugin autoloaded from this
    # repository's installed client, and no proxy: nothing here may touch a network.
    env = {
        **child_environ(),
        "PYTHONPATH": os.pathsep.join([str(root / "third_party"), str(root / "src")]),
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "NO_PROXY": "*",
    }
    return subprocess.run(list(command), cwd=root, capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.mark.slow
def test_a_consumer_vendors_tests_checks_and_updates(
    project_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consumer, line = _consumer(tmp_path / "consumer")
    third_party = consumer / "third_party"
    assert main(["vendor", str(third_party), "--package", PACKAGE]) == 0
    out = capsys.readouterr().out
    assert f"check it with: python3 -I {third_party / PACKAGE / '_vendored.py'} check" in out

    # The consumer's test passes on the fixture alone: no vgcontract import anywhere in it.
    tested = _run(consumer, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "1 passed" in tested.stdout

    # The stdlib checker, in isolated mode (no site-packages: not even httpx is needed to check).
    checker = third_party / PACKAGE / "_vendored.py"
    assert _run(consumer, sys.executable, "-I", str(checker), "check").returncode == 0
    edited = third_party / PACKAGE / "client.py"
    original = edited.read_bytes()
    edited.write_bytes(original + b"# a local fix\n")
    caught = _run(consumer, sys.executable, "-I", str(checker), "check")
    assert caught.returncode == 1
    assert f"modified  {edited}" in caught.stdout
    edited.write_bytes(original)

    # The API retypes the number field: a major release, then the update with --impact.
    project = find_project(project_copy)
    before = client_version(project.generator_config)
    number = fields().of_type("number")
    doc = load_yaml(project.spec.read_text(encoding="utf-8"))
    owner = next(s for s in doc["components"]["schemas"].values() if number in (s.get("properties") or {}))
    owner["properties"][number] = {"type": "string", "x-source": "a test's own example"}
    project.spec.write_text(dump_yaml(doc), encoding="utf-8")
    assert main(["release"]) == 0
    capsys.readouterr()
    after = client_version(project.generator_config)
    assert after == (before[0] + 1, 0, 0)

    assert main(["vendor", str(third_party), "--check"]) == 1
    assert "stale, breaking" in capsys.readouterr().out
    code = main(
        ["vendor", str(third_party), "--package", PACKAGE, "--impact", str(consumer / "src"), "--fail-on-breaking"]
    )
    out = capsys.readouterr().out
    assert code == 1, out
    old, new = ".".join(map(str, before)), ".".join(map(str, after))
    assert f"update: voiceglow-client {old} -> {new} (major)" in out
    assert "**Breaking**" in out
    assert f"{attribute(number)} changed type" in out
    assert "these lines need attention:" in out
    assert f"{consumer / 'src' / 'app.py'}:{line}:" in out
    # The updated copy checks clean, and the consumer's own tests still run on it.
    assert _run(consumer, sys.executable, "-I", str(checker), "check").returncode == 0
    assert (third_party / PACKAGE / "CHANGELOG.md").read_text(encoding="utf-8").count(f"## voiceglow-client {new}") == 1
