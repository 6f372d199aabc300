"""``make dist``: the wheel and sdist build offline, and the wheel installs into a fresh venv and imports."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from tests.paths import PROJECT
from vgcontract.client import build_distributions
from vgcontract.spec import client_version, read_entries

# The client's version, as the generator config sets it.
VERSION = ".".join(map(str, client_version(PROJECT.generator_config)))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, tuple[str, ...]]:
    dists = build_distributions(tmp_path_factory.mktemp("dist"), project=PROJECT.generated)
    return dists.wheel, dists.sdist, dists.wheel_files


def test_the_wheel_holds_the_package_and_no_caches(built: tuple[Path, Path, tuple[str, ...]]) -> None:
    wheel, _, names = built
    assert wheel.name == f"voiceglow_client-{VERSION}-py3-none-any.whl"
    for module in (
        "__init__.py",
        "client.py",
        "errors.py",
        "types.py",
        "py.typed",
        "api/conversations/get_conversation.py",
    ):
        assert f"voiceglow_client/{module}" in names
    assert not [name for name in names if "__pycache__" in name or "_cache" in name or name.endswith(".pyc")]


def test_the_sdist_holds_the_project(built: tuple[Path, Path, tuple[str, ...]]) -> None:
    _, sdist, _ = built
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert f"voiceglow_client-{VERSION}/pyproject.toml" in names
    assert f"voiceglow_client-{VERSION}/README.md" in names
    assert f"voiceglow_client-{VERSION}/voiceglow_client/client.py" in names
    assert f"voiceglow_client-{VERSION}/CHANGELOG.md" in names  # the changelog ships with the client


def test_the_wheel_metadata_carries_the_changelog(built: tuple[Path, Path, tuple[str, ...]]) -> None:
    wheel, _, names = built
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    newest = read_entries(PROJECT.changelog)[0]
    assert "# Changelog" in metadata
    assert f"voiceglow-client {newest.label}" in metadata


@pytest.mark.slow
def test_the_wheel_installs_into_a_fresh_venv_and_imports(
    built: tuple[Path, Path, tuple[str, ...]], tmp_path: Path
) -> None:
    wheel, _, _ = built
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / "bin" / "python"
    # Installed by this environment's pip into the fresh one: no index, no network.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-index",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    fresh_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies (httpx, attrs) come from this environment, after the fresh site-packages.
    Path(fresh_site, "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    probe = "; ".join(
        [
            "import voiceglow_client",
            "import voiceglow_client.api.conversations.get_conversation",
            "print(voiceglow_client.__file__)",
            "print(voiceglow_client.__version__)",
            "print(repr(voiceglow_client.AuthenticatedClient(base_url='http://x', token='t0ken')))",
        ]
    )
    run = subprocess.run([str(python), "-c", probe], check=False, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    location, version, client = run.stdout.splitlines()
    assert location.startswith(fresh_site)  # the wheel's copy, not the editable one
    assert version == VERSION
    assert "t0ken" not in client
