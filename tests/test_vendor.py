"""``vgcontract vendor``: a renamed copy that imports and works elsewhere, and a check that catches edits."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.paths import SPEC
from tests.spec_fields import fields
from tests.yaml_text import dump_yaml, load_yaml
from vgcontract.cli import main
from vgcontract.client import VENDOR_MANIFEST
from vgcontract.spec import find_project

# Run inside the scratch repo: imports the renamed copy, calls it through respx, and proves
# the original package was never imported on the way.
CONSUMER = textwrap.dedent(
    """
    import sys
    import respx
    from acme_voice import AuthenticatedClient, NotFoundError
    from acme_voice.api.conversations import get_conversation

    client = AuthenticatedClient.for_region("eu", token="scratch-token", retries=0)
    with respx.mock(base_url="https://eu-gcp-api.vg-stuff.com/v3") as router:
        found = {"success": True, "message": "ok", "data": {"ID": "c1", "messagesNum": 3}}
        router.get("/agents/a1/convos/c1").respond(200, json=found)
        gone = {"success": False, "message": "no such conversation"}
        router.get("/agents/a1/convos/gone").respond(404, json=gone)
        envelope = get_conversation.sync("a1", "c1", client=client)
        try:
            get_conversation.sync("a1", "gone", client=client)
        except NotFoundError as error:
            missing = error.message
    assert envelope.data.id == "c1" and envelope.data.messages_num == 3, envelope
    assert missing == "no such conversation"
    assert type(envelope).__module__ == "acme_voice.models.conversation_envelope"
    assert not [name for name in sys.modules if name.startswith("voiceglow_client")]
    print("consumer ok")
    """
)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "consumer"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "user.name", "ci")
    (repo / "app.py").write_text(CONSUMER, encoding="utf-8")
    return repo


def vendor_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["vendor", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_vendored_under_another_name_imports_and_calls(scratch_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = vendor_cli(str(scratch_repo / "third_party"), "--package", "acme_voice", capsys=capsys)
    assert code == 0, out
    package = scratch_repo / "third_party" / "acme_voice"
    assert (package / "py.typed").is_file()
    assert not list(package.rglob("__pycache__"))
    sources = "".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py"))
    assert "voiceglow_client" not in sources
    git(scratch_repo, "add", "-A")
    git(scratch_repo, "commit", "-qm", "vendor the VoiceGlow client")

    env = {**os.environ, "PYTHONPATH": str(scratch_repo / "third_party")}
    run = subprocess.run(
        [sys.executable, "app.py"], cwd=scratch_repo, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "consumer ok" in run.stdout

    # Importing left caches behind; they are not edits.
    code, out, _ = vendor_cli(str(scratch_repo / "third_party"), "--check", capsys=capsys)
    assert code == 0, out
    assert "matches" in out


def test_the_manifest_records_provenance_and_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert vendor_cli(str(tmp_path), capsys=capsys)[0] == 0
    package = tmp_path / "voiceglow_client"
    manifest = json.loads((package / VENDOR_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["spec"]["sha256"] == hashlib.sha256(SPEC.read_bytes()).hexdigest()
    assert manifest["generator"]["name"] == "openapi-python-client"
    assert manifest["generator"]["version"]
    assert manifest["vgcontract"]["version"]
    assert len(manifest["vgcontract"]["commit"].split("-")[0]) in (40, len("unknown"))
    on_disk = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()} - {VENDOR_MANIFEST}
    assert set(manifest["files"]) == on_disk
    for relative, digest in manifest["files"].items():
        assert hashlib.sha256((package / relative).read_bytes()).hexdigest() == digest


def test_an_edited_file_fails_the_check_and_is_named(scratch_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = scratch_repo / "third_party"
    assert vendor_cli(str(dest), "--package", "acme_voice", capsys=capsys)[0] == 0
    edited = dest / "acme_voice" / "client.py"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nDEFAULT_TIMEOUT = None  # a local patch\n", encoding="utf-8"
    )
    removed = sorted((dest / "acme_voice" / "models").glob("[!_]*.py"))[0]  # any one model module
    removed.unlink()
    (dest / "acme_voice" / "local_patch.py").write_text("X = 1\n", encoding="utf-8")
    code, out, _ = vendor_cli(str(dest), "--check", capsys=capsys)
    assert code == 1
    # One finding per line: severity, kind, then the file, never run together.
    lines = out.splitlines()
    package = dest / "acme_voice"
    assert f"error    modified          {package}/client.py  edited since it was vendored" in lines
    assert any(line.startswith(f"error    missing           {package}/models/{removed.name}") for line in lines)
    assert any(line.startswith(f"error    added             {package}/local_patch.py") for line in lines)
    assert out.rstrip().endswith(": tampered")
    # Re-vendoring over local edits needs --force; then the copy is clean again.
    code, _, err = vendor_cli(str(dest), "--package", "acme_voice", capsys=capsys)
    assert code == 2
    assert "local edits" in err
    assert "client.py" in err
    assert vendor_cli(str(dest), "--package", "acme_voice", "--force", capsys=capsys)[0] == 0
    assert vendor_cli(str(dest), "--check", capsys=capsys)[0] == 0


def test_a_copy_older_than_the_spec_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert vendor_cli(str(tmp_path / "vendor"), capsys=capsys)[0] == 0
    newer_spec = tmp_path / "voiceglow.yaml"
    shutil.copy(SPEC, newer_spec)
    newer_spec.write_text(newer_spec.read_text(encoding="utf-8") + "# a later edit\n", encoding="utf-8")
    code, out, _ = vendor_cli(str(tmp_path / "vendor"), "--check", "--spec", str(newer_spec), capsys=capsys)
    assert code == 1
    assert "stale-compatible" in out  # an edit that changes nothing for a client: safe to update
    assert out.rstrip().endswith("stale, compatible")
    # A retyped field: the copy's own spec against the current one says it breaks.
    doc = load_yaml(newer_spec.read_text(encoding="utf-8"))
    number = fields().of_type("number")
    schemas = doc["components"]["schemas"]
    owner = next(s for s in schemas.values() if number in (s.get("properties") or {}))
    owner["properties"][number] = {"type": "string"}
    newer_spec.write_text(dump_yaml(doc), encoding="utf-8")
    code, out, _ = vendor_cli(str(tmp_path / "vendor"), "--check", "--spec", str(newer_spec), capsys=capsys)
    assert code == 1
    assert "stale-breaking" in out
    assert out.rstrip().endswith("stale, breaking")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--package", "not-a-name"], "must be a Python identifier"),
        (["--package", "class"], "must be a Python identifier"),
        (["--check"], "no VENDORED.json found"),
    ],
)
def test_usage_errors_are_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = vendor_cli(str(tmp_path), *args, capsys=capsys)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1


def test_an_unrelated_directory_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "voiceglow_client").mkdir()
    (tmp_path / "voiceglow_client" / "mine.py").write_text("precious = True\n", encoding="utf-8")
    code, _, err = vendor_cli(str(tmp_path), capsys=capsys)
    assert code == 2
    assert "was not made by `vgcontract vendor`" in err
    assert (tmp_path / "voiceglow_client" / "mine.py").read_text(encoding="utf-8") == "precious = True\n"


def test_an_unreleased_spec_edit_is_never_vendored_beside_older_code(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = find_project(project_copy).spec
    spec.write_text(spec.read_text(encoding="utf-8") + "\n# edited, not released\n", encoding="utf-8")
    code, _out, err = vendor_cli(str(project_copy / "third_party"), capsys=capsys)
    assert code == 2
    assert "was not generated from" in err
    assert "make release" in err
    assert not (project_copy / "third_party").exists()
