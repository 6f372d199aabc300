"""Three more routes for a secret, each on 127.0.0.1, and the rule that holds for it.

Base-URL credentials never reach `reproduce: curl` lines, reports or JUnit; a branch name is
never run as shell by `make spec-diff`; a revision is never read as a git option. (The
token's other routes out are held in `test_token_origin.py`, `test_scrub.py`,
`test_lint_reads_nothing.py`, `test_nightly_loop.py` and by the hostile servers of
`test_live_hostile.py`.)
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.hostile import TOKEN, serve
from tests.paths import PROJECT, ROOT, SPEC
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
    spec = PROJECT.relative(SPEC)
    assert main(["spec-diff", "--", f"--output={written}:{spec}", spec]) == 2
    assert "cannot start with '-'" in capsys.readouterr().err
    assert not written.exists()


def test_every_make_default_reaches_the_recipes() -> None:
    """Passed through the environment, each variable still has its Makefile default when the user sets none."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    defaults = dict(re.findall(r"^export ([A-Z_]+) \?= (\S+)$", makefile, re.MULTILINE))
    assert defaults  # the Makefile sets its defaults this way
    show = "show-env: ; @" + " ".join(f'echo "{name}=$${name}";' for name in defaults)
    env = {k: v for k, v in os.environ.items() if k not in defaults}
    result = subprocess.run(
        ["make", "-s", "--eval", show, "show-env"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert dict(line.split("=", 1) for line in result.stdout.splitlines()) == defaults
