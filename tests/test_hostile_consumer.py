"""Hostile input to the consumer-side features, each one found in review: a clear error, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.other_api import write_other_api
from tests.paths import SPEC
from tests.spec_fields import attribute, conversation_path, fields
from vgcontract.cli import main
from vgcontract.client import Break, find_uses
from vgcontract.mock import DEFAULT_TOKEN, build_app
from vgcontract.spec import load_spec
from voiceglow_client.api.conversations import get_conversation
from voiceglow_client.testing import MockAPI

AUTH = {b"authorization": f"Bearer {DEFAULT_TOKEN}".encode()}


def _one_line_usage(capsys: pytest.CaptureFixture[str], argv: list[str], text: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert text in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_bad_vendor_destinations_and_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "afile"
    a_file.write_text("x", encoding="utf-8")
    _one_line_usage(capsys, ["vendor", str(a_file)], "cannot write there")
    _one_line_usage(capsys, ["vendor", str(tmp_path / "v"), "--spec", str(tmp_path / "nope.yaml")], "no such spec")
    _one_line_usage(capsys, ["vendor", str(tmp_path / "w"), "--impact", str(tmp_path / "gone")], "no such file")
    assert not (tmp_path / "w").exists()  # refused before anything was written
    _one_line_usage(capsys, ["vendor", str(tmp_path / "x"), "--package", "\ufb01le"], "must be a Python identifier")


def test_a_malformed_manifest_is_one_line_for_both_checkers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vendor", str(tmp_path), "--package", "acme"]) == 0
    capsys.readouterr()
    manifest = tmp_path / "acme" / "VENDORED.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["spec"] = "not an object"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    _one_line_usage(capsys, ["vendor", "--check", str(tmp_path)], "not a vendoring manifest")
    command = [sys.executable, "-I", str(tmp_path / "acme" / "_vendored.py"), "check"]
    checker = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "Traceback" not in checker.stderr
    assert checker.returncode == 0  # the files are intact; the spec's hash is shown as unknown
    assert "(spec ?)" in checker.stdout


def test_the_impact_scan_reports_what_it_cannot_read_and_never_hangs(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "legacy.py").write_bytes(
        b'# -*- coding: latin-1 -*-\nNAME = "caf\xe9"\n\ndef f(c):\n    return c.old_field\n'
    )
    (src / "broken.py").write_text("def (:\n", encoding="utf-8")
    os.mkfifo(src / "pipe.py")  # reading it would block forever
    (src / "a.py").symlink_to(src / "b.py")
    (src / "b.py").symlink_to(src / "a.py")
    cause = Break("removed-attribute", "Conversation", "old_field", "str")
    uses, unread = find_uses([src], [cause], "acme")
    assert [(Path(u.path).name, u.line) for u in uses] == [("legacy.py", 5)]  # its own coding declaration
    assert [Path(path).name for path, _reason in unread] == ["broken.py"]


def test_the_test_double_refuses_what_it_cannot_honour() -> None:
    api = MockAPI()
    with pytest.raises(ValueError, match="HTTP status code"):
        api.respond_with(0)
    with pytest.raises(ValueError, match="times must be 1 or more"):
        api.respond_with(404, times=0)
    with pytest.raises(ValueError, match="no operation 'nope'"):
        api.respond_with(404, operation="nope")
    with pytest.raises(TypeError):
        api.set_fields("c", when=object())
    api.inject("type-change")
    api.inject("type-change")  # twice is once
    with api.client() as client:
        retyped: object = getattr(get_conversation.sync("a", "c", client=client).data, attribute(fields().identity))
        assert retyped == 1  # retyped once, not back again
    api.reset()
    api.respond_with(200)  # a success status answers the normal body
    with api.client(strict=True) as client:
        data = get_conversation.sync("owner/with/slashes", "c", client=client).data
        assert getattr(data, attribute(fields().identity)) == "c"


def test_the_mock_survives_a_huge_prefer_code_and_a_deep_request_body(tmp_path: Path) -> None:
    app = build_app(load_spec(SPEC))
    path = f"{app.base_path}{conversation_path('a', 'b')}"
    reply = app.respond("GET", path.encode(), {**AUTH, b"prefer": b"code=4" + b"0" * 5000})
    assert reply.status == 404
    other = build_app(load_spec(write_other_api(tmp_path)))
    headers = {**AUTH, b"content-type": b"application/json"}
    deep = other.respond("POST", f"{other.base_path}/agents".encode(), headers, b"[" * 1000 + b"]" * 1000)
    assert deep.status == 422  # the documented `default` error, sent as Prism's bad-request status
    assert b"nested too deeply" in deep.body
