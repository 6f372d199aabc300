"""`drift --live` and `record` against stand-in servers on 127.0.0.1; retries; redaction."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from tests.standins import TOKEN, free_port, serve_standin
from vgcontract import Redactor, find_personal_patterns
from vgcontract.cli import main


def _drift(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["drift", "--live", "--no-progress", "--color", "never", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_embedded_mock_is_the_default_and_conforms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _drift(capsys)
    assert code == 0, out
    assert "live embedded mock" in out
    assert "read 25 = conforming 25" in out


@pytest.mark.usefixtures("live_env")
def test_conforming_standin(capsys: pytest.CaptureFixture[str]) -> None:
    with serve_standin("conforming") as url:
        code, out = _drift(capsys, "--base-url", url)
    assert code == 0, out
    assert "read 3 = conforming 3" in out
    assert TOKEN not in out


@pytest.mark.usefixtures("live_env")
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("wrong-type", "type-mismatch"),
        ("null-object", "unexpected-null"),
        ("html-200", "not-json"),
        ("server-error", "unexpected-status"),
    ],
)
def test_drifting_standins_are_caught(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, expected: str
) -> None:
    with serve_standin(kind) as url:
        code, out = _drift(capsys, "--base-url", url, "convo-9", "--json", str(tmp_path / "r.json"))
    assert code == 1, out
    assert expected in out
    findings = json.loads((tmp_path / "r.json").read_text())["findings"]
    paths = {f["path"] for f in findings if f["severity"] != "info"}
    assert paths == {"wrong-type": {"data.messagesNum"}, "null-object": {"data.vapi"}}.get(kind, {"$"})
    assert "read 1 = " in out


@pytest.mark.usefixtures("live_env")
def test_html_200_also_names_the_content_type(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with serve_standin("html-200") as url:
        _drift(capsys, "--base-url", url, "--json", str(tmp_path / "r.json"))
    kinds = {f["kind"] for f in json.loads((tmp_path / "r.json").read_text())["findings"]}
    assert kinds == {"not-json", "wrong-content-type"}


@pytest.mark.usefixtures("live_env")
def test_429_is_retried_honouring_retry_after(capsys: pytest.CaptureFixture[str]) -> None:
    with serve_standin("rate-limited-once") as url:
        code, out = _drift(capsys, "--base-url", url, "--concurrency", "2")
    assert code == 0, out
    assert "read 3 = conforming 3" in out


@pytest.mark.usefixtures("live_env")
def test_without_retries_the_429_is_inconclusive_not_drift(capsys: pytest.CaptureFixture[str]) -> None:
    with serve_standin("rate-limited-once") as url:
        code, out = _drift(capsys, "--base-url", url, "--retries", "0", "convo-1")
    assert code == 3, out  # could not check: a rate limit is never a contract failure
    assert "not checked: convo-1: HTTP 429 after the bounded retries" in out
    assert "unexpected-status" not in out


@pytest.mark.usefixtures("live_env")
def test_refused_connection_is_inconclusive_not_a_crash(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/v3"
    code, out = _drift(capsys, "--base-url", url, "--retries", "1", "--max-retry-wait", "0.05", "convo-1")
    assert code == 3, out
    assert "not checked: convo-1: connection: the connection failed (ConnectError)" in out


@pytest.mark.usefixtures("live_env")
def test_live_mode_needs_ids(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("VOICEGLOW_CONVO_IDS")
    code = main(["drift", "--live", "--base-url", "http://127.0.0.1:9/v3"])
    assert code == 2
    assert "VOICEGLOW_CONVO_IDS" in capsys.readouterr().err


# --- record ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("live_env")
def test_record_redacts_and_recordings_validate_as_the_originals(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "fixtures"
    with serve_standin("personal-data") as url:
        assert main(["record", "--out", str(out), "--base-url", url, "--no-progress", "convo-1", "convo/2"]) == 0
        _code, _original = _drift(
            capsys, "--base-url", url, "--json", str(tmp_path / "orig.json"), "convo-1", "convo/2"
        )
    printed = capsys.readouterr().out
    files = sorted(p.name for p in out.iterdir())
    assert files[0] == ".recording.json"
    assert len(files) == 3
    for path in out.iterdir():
        text = path.read_text()
        assert find_personal_patterns(text) == [], (path.name, find_personal_patterns(text))
        assert TOKEN not in text
        assert "Authorization" not in text
        assert "s3cret" not in text
        assert "abc123" not in text
        assert "Lovelace" not in text
    manifest = json.loads((out / ".recording.json").read_text())
    assert manifest["redactions"]["email"] >= 2
    assert manifest["redactions"]["url"] >= 1
    assert manifest["redactions"]["ip-address"] >= 2
    assert TOKEN not in printed
    # Same findings from the recordings as from the live originals: shapes and formats kept.
    main(["drift", "--dir", str(out), "--no-progress", "--json", str(tmp_path / "rec.json")])
    orig = json.loads((tmp_path / "orig.json").read_text())
    rec = json.loads((tmp_path / "rec.json").read_text())
    assert [(f["kind"], f["path"], f["responses"]) for f in rec["findings"]] == [
        (f["kind"], f["path"], f["responses"]) for f in orig["findings"]
    ]
    assert rec["counts"] == orig["counts"]


def test_redactor_keeps_types_and_shapes() -> None:
    redactor = Redactor({"data.userName": "name"}, key=b"k" * 32)
    body = {"data": {"userName": "Ada", "n": 3, "ok": True, "list": ["+14155550123", 1.5], "none": None}}
    out = redactor.redact(body)
    assert out["data"]["n"] == 3
    assert out["data"]["ok"] is True
    assert out["data"]["none"] is None
    assert out["data"]["list"][1] == 1.5
    assert isinstance(out["data"]["list"][0], str)
    assert out["data"]["userName"].startswith("name-redacted-")
    assert redactor.redact(body) == out  # stable within a run (same key)
    assert find_personal_patterns(orjson.dumps(out).decode()) == []
