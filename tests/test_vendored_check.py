"""The vendored copy's checker says what it proves, pins its manifest, and reads nothing it should not.

It catches accidental edits; a determined editor who rewrites `VENDORED.json` too passes
it, and says so. Pinning the manifest's sha256 (or `vgcontract vendor --check`, which
compares with what the toolkit generates) catches that editor. No symbolic link is
followed out of the copy, and no file is read past the size the manifest records.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.yaml_text import load_yaml
from vgcontract.cli import main
from vgcontract.client import read_listed

ACTION = load_yaml((ROOT / "action.yml").read_text(encoding="utf-8"))
# The checker run as a script, then its peak memory: VmHWM belongs to the new process image
# (ru_maxrss would carry the parent's peak across the fork).
_PEAK = (
    "import re, runpy, sys\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_path(sys.argv[0], run_name='__main__')\n"
    "finally:\n"
    "    status = open('/proc/self/status', encoding='ascii').read()\n"
    "    print('__peak_kib__', re.search(r'VmHWM:\\s+(\\d+)', status)[1], file=sys.stderr)\n"
)


@pytest.fixture
def copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["vendor", str(tmp_path / "third_party"), "--package", "acme_voice"]) == 0
    capsys.readouterr()
    return tmp_path / "third_party" / "acme_voice"


def _check(copy: Path, *options: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-I", "-c", _PEAK, str(copy / "_vendored.py"), "check", *options, str(copy)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)


def _pinned(result: subprocess.CompletedProcess[str]) -> str:
    found = re.search(r"manifest sha256 ([0-9a-f]{64})", result.stdout)
    assert found, result.stdout
    return found[1]


def _rewrite_manifest(copy: Path, relative: str) -> None:
    """What a determined editor does after editing `relative`: record its new hash and size."""
    manifest = json.loads((copy / "VENDORED.json").read_text(encoding="utf-8"))
    content = (copy / relative).read_bytes()
    manifest["files"][relative] = hashlib.sha256(content).hexdigest()
    manifest["sizes"][relative] = len(content)
    (copy / "VENDORED.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def test_a_clean_copy_passes_and_says_what_the_check_proves(copy: Path) -> None:
    result = _check(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "as vendored" in result.stdout
    assert "detects accidental edits, not a determined editor" in result.stdout
    assert _pinned(result) == hashlib.sha256((copy / "VENDORED.json").read_bytes()).hexdigest()
    assert _check(copy, "--expected-manifest-sha256", _pinned(result)).returncode == 0
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "It does not stop a determined editor" in readme
    assert "--expected-manifest-sha256" in readme


def test_an_edit_with_a_rewritten_manifest_passes_alone_and_fails_once_pinned(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pinned = _pinned(_check(copy))
    client = copy / "client.py"
    client.write_text(client.read_text(encoding="utf-8") + "\nLEAK = True\n", encoding="utf-8")
    _rewrite_manifest(copy, "client.py")
    alone = _check(copy)
    assert alone.returncode == 0  # the limit the output states: the manifest vouches for itself
    caught = _check(copy, "--expected-manifest-sha256", pinned)
    assert caught.returncode == 1
    assert "is not the pinned one" in caught.stdout
    assert main(["vendor", "--check", str(copy.parent)]) == 1
    out = capsys.readouterr().out
    assert "modified" in out
    assert "VENDORED.json was rewritten to match" in out
    assert "client.py" in out


def test_a_symlink_out_of_the_copy_is_reported_and_never_followed(copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "pipe")  # opening it to read would block: following the link would hang the check
    (outside / "secret.txt").write_text("not yours\n", encoding="utf-8")
    (copy / "client.py").unlink()
    (copy / "client.py").symlink_to(outside / "pipe")
    (copy / "extra").symlink_to(outside, target_is_directory=True)
    result = _check(copy, timeout=20)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"symlink\s+\S*client\.py", result.stdout)
    assert re.search(r"symlink\s+\S*extra\b", result.stdout)
    assert "secret.txt" not in result.stdout


def test_no_file_is_read_past_the_size_its_manifest_records(copy: Path) -> None:
    huge = copy / "client.py"
    with huge.open("r+b") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB, sparse: reading it whole would take seconds and gigabytes
    result = _check(copy)
    assert result.returncode == 1
    assert re.search(r"modified\s+\S*client\.py", result.stdout)
    peak_kib = int(re.search(r"__peak_kib__ (\d+)", result.stderr)[1])  # type: ignore[index]
    assert peak_kib < 50 * 1024  # the interpreter itself is about 15 MiB


def test_a_manifest_that_is_a_link_or_huge_is_refused_in_one_line(copy: Path, tmp_path: Path) -> None:
    manifest = copy / "VENDORED.json"
    (tmp_path / "elsewhere.json").write_bytes(manifest.read_bytes())
    manifest.unlink()
    manifest.symlink_to(tmp_path / "elsewhere.json")
    result = _check(copy)
    assert result.returncode == 2
    assert "cannot read the vendoring manifest" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_action_passes_the_pinned_manifest_to_the_checker(copy: Path) -> None:
    step = next(s for s in ACTION["runs"]["steps"] if s.get("if") == "inputs.command == 'vendor-check'")
    assert step["env"]["EXPECTED"] == "${{ inputs.expected-manifest-sha256 }}"
    pinned = _pinned(_check(copy))
    base = {**os.environ, "GITHUB_ACTION_PATH": str(ROOT), "VENDORED": str(copy)}

    def run(expected: str) -> subprocess.CompletedProcess[str]:
        env = {**base, "EXPECTED": expected}
        return subprocess.run(["bash", "-c", step["run"]], env=env, capture_output=True, text=True, check=False)

    assert run(pinned).returncode == 0
    assert run("").returncode == 0
    assert run("0" * 64).returncode == 1


def _compile_into_cache(copy: Path, module: str, source: str, mode: py_compile.PycInvalidationMode) -> Path:
    """What an attacker leaves in `__pycache__`: bytecode of other code, under an intact source's name."""
    fake = copy.parent / f"{module}_evil.py"
    fake.write_text(source, encoding="utf-8")
    target = Path(importlib.util.cache_from_source(str(copy / f"{module}.py")))
    py_compile.compile(str(fake), cfile=str(target), invalidation_mode=mode, doraise=True)
    fake.unlink()
    return target


@pytest.mark.parametrize("mode", ["unchecked hash", "timestamp forged to match the source"])
def test_bytecode_python_would_run_instead_of_an_intact_source_is_caught(copy: Path, mode: str) -> None:
    pinned = _pinned(_check(copy))
    injected = (copy / "errors.py").read_text(encoding="utf-8") + "\nprint('INJECTED')\n"
    if mode == "unchecked hash":
        _compile_into_cache(copy, "errors", injected, py_compile.PycInvalidationMode.UNCHECKED_HASH)
    else:
        cached = _compile_into_cache(copy, "errors", injected, py_compile.PycInvalidationMode.TIMESTAMP)
        status = (copy / "errors.py").stat()
        header = int(status.st_mtime).to_bytes(4, "little") + status.st_size.to_bytes(4, "little")
        data = cached.read_bytes()
        cached.write_bytes(data[:8] + header + data[16:])  # what Python checks: it would load this
    result = _check(copy, "--expected-manifest-sha256", pinned)
    assert result.returncode == 1, result.stdout
    assert re.search(
        r"bytecode\s+\S*__pycache__/errors\.\S+\.pyc\s+compiled code that is not its source", result.stdout
    )


def test_bytecode_python_wrote_itself_passes(copy: Path) -> None:
    """A consumer's tests import the copy first: the caches Python writes are the sources, compiled."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for mode in ("", "-O"):
        subprocess.run(
            [sys.executable, *filter(None, [mode]), "-c", "import acme_voice.api.conversations.get_conversation"],
            cwd=copy.parent,
            env=env,
            check=True,
        )
    assert len(list(copy.rglob("__pycache__/*.pyc"))) > 10
    result = _check(copy)
    assert result.returncode == 0, result.stdout


def test_run_without_isolation_the_copy_shadows_nothing(copy: Path) -> None:
    """Its own `types.py` (and an added `argparse.py`) would shadow the standard library."""
    (copy / "argparse.py").write_text("print('as vendored'); raise SystemExit(0)\n", encoding="utf-8")
    command = [sys.executable, str(copy / "_vendored.py"), "check"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"added\s+\S*argparse\.py", result.stdout)


@pytest.mark.parametrize("pin", ["", " ", "abc", "g" * 64])
def test_a_malformed_pin_is_a_usage_error_never_a_pass(copy: Path, pin: str) -> None:
    result = _check(copy, f"--expected-manifest-sha256={pin}")
    assert result.returncode == 2
    assert "is not a sha256" in result.stderr


def test_a_pipe_for_a_manifest_or_a_file_never_hangs_and_a_deep_manifest_is_one_line(copy: Path) -> None:
    os.mkfifo(copy / "extra-pipe")
    result = _check(copy, timeout=20)
    assert result.returncode == 1
    assert re.search(r"added\s+\S*extra-pipe", result.stdout)
    (copy / "VENDORED.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    deep = _check(copy, timeout=20)
    assert deep.returncode == 2
    assert "Traceback" not in deep.stderr
    (copy / "VENDORED.json").unlink()
    os.mkfifo(copy / "VENDORED.json")
    piped = _check(copy, timeout=20)
    assert piped.returncode == 2
    assert "cannot read the vendoring manifest" in piped.stderr


def test_no_directory_on_a_file_s_way_is_followed(copy: Path, tmp_path: Path) -> None:
    """The open goes one directory at a time: a directory swapped for a link mid-check leads nowhere."""
    outside = tmp_path / "outside" / "conversations"
    outside.mkdir(parents=True)
    (outside / "__init__.py").write_text("# not the copy's\n", encoding="utf-8")
    shutil.rmtree(copy / "api")
    (copy / "api").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert read_listed(copy, "api/conversations/__init__.py", 1000) is None
    assert read_listed(copy, "client.py", 10**6) is not None
