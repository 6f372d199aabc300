"""`vgcontract contract`: passes on conforming targets, names every break, one-line config errors."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import SPEC
from tests.standins import TOKEN, free_port, serve_standin
from vgcontract import UsageError
from vgcontract.cli import main
from vgcontract.live import resolve_target
from vgcontract.runtime import RetryPolicy
from vgcontract.spec import load_spec


def _contract(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str]:
    code = main(["contract", "--examples", "12", "--reports", str(tmp_path), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_mock_conforms_and_reports_are_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out = _contract(capsys, tmp_path)
    assert code == 0, out
    assert "embedded mock" in out
    assert "failures 0" in out
    assert (tmp_path / "contract.md").read_text().startswith("## Contract: ✅ conforms")
    junit = (tmp_path / "contract.junit.xml").read_text()
    assert 'failures="0"' in junit
    assert "response_schema_conformance" in junit


@pytest.mark.usefixtures("live_env")
def test_conforming_standin_passes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with serve_standin("conforming") as url:
        code, out = _contract(capsys, tmp_path, "--base-url", url)
    assert code == 0, out
    assert TOKEN not in out


@pytest.mark.usefixtures("live_env")
@pytest.mark.parametrize(
    ("kind", "named"),
    [
        ("wrong-type", "data.messagesNum"),
        ("null-object", "data.vapi"),
        ("html-200", "content_type_conformance"),
        ("server-error", "not_a_server_error"),
        ("no-auth-200", "ignored_auth"),
    ],
)
def test_each_break_is_caught_and_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, named: str
) -> None:
    with serve_standin(kind) as url:
        code, out = _contract(capsys, tmp_path, "--base-url", url)
    assert code == 1, out
    assert named in out
    assert "reproduce: curl" in out
    assert TOKEN not in out
    assert TOKEN not in (tmp_path / "contract.md").read_text()
    assert TOKEN not in (tmp_path / "contract.junit.xml").read_text()
    assert named in (tmp_path / "contract.md").read_text()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Accepts connections and never answers: the client must time out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        listener.close()


@pytest.mark.usefixtures("live_env")
def test_live_mode_without_token_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("VOICEGLOW_API_TOKEN")
    code, out = _contract(capsys, tmp_path, "--base-url", "http://127.0.0.1:9/v3")
    assert code == 2
    assert (
        out.strip().splitlines()[-1]
        == "vgcontract: error: live mode (VOICEGLOW_BASE_URL is set) needs VOICEGLOW_API_TOKEN"
    )


@pytest.mark.usefixtures("live_env")
def test_unreachable_host(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out = _contract(capsys, tmp_path, "--base-url", f"http://127.0.0.1:{free_port()}/v3")
    assert code == 2
    assert "cannot connect to 127.0.0.1" in out
    assert "Traceback" not in out
    assert TOKEN not in out


@pytest.mark.usefixtures("live_env")
def test_unresolvable_host(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out = _contract(capsys, tmp_path, "--base-url", "https://no-such-host.invalid/v3")
    assert code == 2
    assert "cannot resolve host 'no-such-host.invalid'" in out


@pytest.mark.usefixtures("live_env")
def test_tls_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with serve_standin("conforming") as url:
        code, out = _contract(capsys, tmp_path, "--base-url", url.replace("http://", "https://"))
    assert code == 2
    assert "TLS error talking to 127.0.0.1" in out


@pytest.mark.usefixtures("live_env")
def test_timeout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, silent_server: int
) -> None:
    # A target that accepts connections but never answers cannot be checked: inconclusive
    # (exit 3), not a usage error and not a violation, and the run stops sending after a
    # few timeouts instead of waiting once per example.
    with serve_standin("conforming") as url:  # the same run where every answer comes: what is planned
        full_code, full = _contract(capsys, tmp_path, "--base-url", url)
    planned = re.search(r"\| checked (\d+) \|", full)
    assert full_code == 0, full
    assert planned is not None, full
    monkeypatch.setenv("VOICEGLOW_TIMEOUT", "0.2")
    code, out = _contract(capsys, tmp_path, "--base-url", f"http://127.0.0.1:{silent_server}/v3")
    assert code == 3, out
    assert "NOT CHECKED timeout  request (x3): no complete answer within 0.2 s" in out
    # Three timeouts are sent; every other planned request (pinned IDs, probes, generated
    # examples, as many as the spec's operations call for) is not.
    assert "| checked 0 | failures 0 |" in out
    unsent = re.search(r"stopped early: (\d+) request\(s\) not sent", out)
    assert unsent is not None, out
    assert int(unsent.group(1)) == int(planned.group(1)) - 3, (planned.group(0), out)
    assert "result: INCONCLUSIVE" in out
    assert "not checked: convo-1: timeout: no complete answer within 0.2 s" in out
    assert "Traceback" not in out


def test_malformed_number_names_the_variable() -> None:
    with pytest.raises(UsageError, match="VOICEGLOW_ST_EXAMPLES must be a whole number"):
        resolve_target({"VOICEGLOW_ST_EXAMPLES": "many"}, spec=load_spec(SPEC))


def test_the_retry_backoff_is_the_environment_s_and_bounded() -> None:
    spec = load_spec(SPEC)
    default = resolve_target({}, spec=spec).bounds().retry
    assert default == RetryPolicy()  # unset: the client's own policy
    chosen = resolve_target({"VOICEGLOW_RETRY_BACKOFF": "2.5"}, spec=spec)
    assert chosen.bounds().retry.initial_delay == 2.5
    assert chosen.retry_policy(max_retries=5) == RetryPolicy(initial_delay=2.5, max_retries=5)
    for bad in ("soon", "0", "-1", "9"):  # a wait, and no longer than the backoff's own ceiling
        with pytest.raises(UsageError, match="VOICEGLOW_RETRY_BACKOFF must be"):
            resolve_target({"VOICEGLOW_RETRY_BACKOFF": bad}, spec=spec)


def test_target_repr_hides_the_token() -> None:
    target = resolve_target(
        {
            "VOICEGLOW_BASE_URL": "https://user:pw@eu.example.test/v3",
            "VOICEGLOW_API_TOKEN": "sk-secret-123",
            "VOICEGLOW_AGENT_ID": "a",
            "VOICEGLOW_CONVO_IDS": "c1, c2",
        },
        spec=load_spec(SPEC),
    )
    assert "sk-secret-123" not in repr(target)
    assert "pw" not in target.label
    assert target.convo_ids == ("c1", "c2")
