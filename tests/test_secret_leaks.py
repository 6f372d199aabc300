"""The leaks found by probing the nightly loop, each reproduced on 127.0.0.1: now closed.

Base-URL credentials in `reproduce: curl` lines, reports and JUnit; a branch name run as
shell by `make spec-diff`; a revision read as a git option. (The token's other routes out
are in `test_token_origin.py`, `test_scrub.py`, `test_lint_reads_nothing.py`,
`test_nightly_loop.py` and the hostile servers of `test_live_hostile.py`.)
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.hostile import TOKEN, serve
from tests.paths import ROOT
from vgcontract.cli import main

PASSWORD = "pw-Hq72Lx0Zm9Rt"


@pytest.mark.parametrize(
    "command",
    [["contract", "--examples", "3"], ["drift", "--live", "--no-progress"], ["record", "--no-progress"]],
    ids=["contract", "drift", "record"],
)
def test_base_url_credentials_are_never_shown(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve("stdlib") as server:
        url = server.base_url.replace("http://", f"http://robot:{PASSWORD}@")
        monkeypatch.setenv("VOICEGLOW_BASE_URL", url)
        monkeypatch.setenv("VOICEGLOW_API_TOKEN", TOKEN)
        monkeypatch.setenv("VOICEGLOW_AGENT_ID", "agent7")
        monkeypatch.setenv("VOICEGLOW_CONVO_IDS", "convo-1,convo-2")
        monkeypatch.setenv("VOICEGLOW_TIMEOUT", "3")
        out_dir = tmp_path / "out"
        code = main([*command, "--reports" if command[0] != "record" else "--out", str(out_dir)])
    out, err = capsys.readouterr()
    assert code in {0, 1, 3}, out + err
    written = "".join(p.read_text(encoding="utf-8") for p in out_dir.rglob("*") if p.is_file())
    for text in (out, err, written):
        assert PASSWORD not in text
        assert "robot:" not in text
    if command[0] == "contract":
        assert "http://***@127.0.0.1" in out + written  # the curl lines keep the URL's shape


def test_a_branch_name_is_never_run_as_shell(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    env = {**os.environ, "BASE": f"main;touch {marker};#"}
    result = subprocess.run(
        ["make", "-s", "spec-diff", f"SUMMARY={tmp_path / 'summary.md'}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0  # no such revision
    assert "git cannot show it" in result.stderr
    assert not marker.exists()
    same = subprocess.run(
        ["make", "-s", "spec-diff", f"BASE=main;touch {marker};#", f"SUMMARY={tmp_path / 'summary.md'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert same.returncode != 0
    assert not marker.exists()


def test_a_revision_that_looks_like_an_option_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    written = tmp_path / "written-by-git"
    assert main(["spec-diff", "--", f"--output={written}:openapi/voiceglow.yaml", "openapi/voiceglow.yaml"]) == 2
    assert "cannot start with '-'" in capsys.readouterr().err
    assert not written.exists()
