"""Child processes that end with their own children: each in its own process group, stopped as one.

`npx prism` starts `node`, a server started through a wrapper starts the server: ending
only the process we started leaves the rest running. `spawn` puts the child in a new
session (its own process group); `stop` sends SIGTERM to the whole group, then SIGKILL to
whatever is left after `grace` seconds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Sequence
from typing import Any

__all__ = ["spawn", "stop"]


def spawn(command: Sequence[str], **options: Any) -> subprocess.Popen[Any]:
    """`subprocess.Popen(command, **options)` in a process group of its own."""
    return subprocess.Popen(command, start_new_session=True, **options)


def stop(process: subprocess.Popen[Any], grace: float = 10.0) -> None:
    """End `process` and every process in its group: SIGTERM, then SIGKILL after `grace` seconds."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # children that outlived their parent, or ignored SIGTERM
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
