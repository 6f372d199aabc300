"""The one report writer: every command writes its files through here.

A target is a file path, `-` (standard output), or, for `write_all`, a directory. A path
that cannot be written is a `UsageError` with one line, so every command exits 2 for it
the same way, and `ensure_directory` lets a command find that out before a long run.
Everything written has the process's secrets scrubbed (`vgcontract.redact.scrub_secrets`):
a token a server echoed into a body cannot reach a report.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from vgcontract.errors import UsageError
from vgcontract.redact import scrub_secrets

__all__ = ["ensure_directory", "write_all", "write_report"]


def _text(data: bytes | str) -> bytes:
    text = data if isinstance(data, str) else data.decode("utf-8", "surrogateescape")
    return scrub_secrets(text).encode("utf-8", "surrogateescape")


def ensure_directory(directory: Path) -> Path:
    """Create `directory` (and parents) now, so a bad `--reports` fails before the run, not after."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{directory}: cannot create the report directory: {exc.strerror or exc}") from None
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a directory")
    return directory


def write_report(target: str | Path, data: bytes | str, *, what: str = "report", append: bool = False) -> Path | None:
    """Write `data` to `target` (`-` is standard output); return the path written, None for stdout.

    `append` adds to the file instead (a CI step summary); a `/dev/*` target is always
    appended to, since truncating a device is meaningless.
    """
    if str(target) == "-":
        sys.stdout.buffer.write(_text(data))
        sys.stdout.flush()
        return None
    path = Path(target)
    mode = "ab" if append or str(path).startswith("/dev/") else "wb"
    if path.parent.exists() and not path.parent.is_dir():
        raise UsageError(f"{path}: cannot write the {what}: {path.parent} is not a directory")
    try:
        if path.parent != Path():
            path.parent.mkdir(parents=True, exist_ok=True)
        with path.open(mode) as handle:
            handle.write(_text(data))
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the {what}: {exc.strerror or exc}") from None
    return path


def write_all(directory: Path, files: Mapping[str, bytes | str], *, what: str = "report") -> list[Path]:
    """Write each named file into `directory`; return their paths, in order."""
    ensure_directory(directory)
    written = []
    for name, data in files.items():
        path = write_report(directory / name, data, what=f"{what} {name}")
        if path is not None:
            written.append(path)
    return written
