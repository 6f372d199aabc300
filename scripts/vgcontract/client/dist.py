"""Building the ``voiceglow-client`` wheel and sdist from ``generated/``.

The generated ``pyproject.toml`` names uv_build (pinned in requirements.lock) as its PEP 517
backend; this calls its hooks directly, in ``generated/``, as ``pip wheel
--no-build-isolation`` would, so no network is needed.
"""

from __future__ import annotations

import contextlib
import os
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vgcontract.errors import InputError

__all__ = ["Distributions", "build_distributions"]


@dataclass(frozen=True)
class Distributions:
    """The built files and the modules the wheel holds."""

    wheel: Path
    sdist: Path
    wheel_files: tuple[str, ...]


@contextlib.contextmanager
def _backend_environment(project: Path) -> Iterator[None]:
    """Run in ``project``, with this interpreter's scripts first on PATH: uv_build finds its binary there."""
    previous_dir, previous_path = Path.cwd(), os.environ.get("PATH", "")
    os.environ["PATH"] = os.pathsep.join([sysconfig.get_path("scripts"), previous_path])
    os.chdir(project)
    try:
        yield
    finally:
        os.chdir(previous_dir)
        os.environ["PATH"] = previous_path


def build_distributions(out: Path, *, project: Path) -> Distributions:
    """Build the wheel and the sdist of the generated project into ``out``."""
    import uv_build  # the backend named by generated/pyproject.toml

    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        with _backend_environment(project):
            wheel_name = uv_build.build_wheel(str(out))
            sdist_name = uv_build.build_sdist(str(out))
    except (OSError, RuntimeError) as exc:
        raise InputError(f"{project}: building the distributions failed: {exc}") from None
    wheel = out / wheel_name
    with zipfile.ZipFile(wheel) as archive:
        names = tuple(sorted(archive.namelist()))
    return Distributions(wheel, out / sdist_name, names)
