"""What a target or test starts ends with its children: the process-group helper benches and harnesses use."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from benches.processes import spawn, stop

_PARENT = (
    "import subprocess, sys\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
    "print(child.pid, flush=True)\n"
    "child.wait()\n"
)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"  # a zombie has ended; its parent reaps it
    except FileNotFoundError:
        return False


def test_stopping_a_wrapper_ends_the_process_it_started() -> None:
    wrapper = spawn([sys.executable, "-c", _PARENT], stdout=subprocess.PIPE, text=True)
    assert wrapper.stdout is not None
    grandchild = int(wrapper.stdout.readline())
    assert _alive(grandchild)
    stop(wrapper, grace=5)
    wrapper.stdout.close()
    for _ in range(100):  # bounded: the kernel reaps the orphan within moments
        if not _alive(grandchild):
            break
        time.sleep(0.02)
    assert not _alive(grandchild), "the wrapper's child outlived it"
    assert wrapper.returncode is not None
    assert os.getpgid(os.getpid()) != wrapper.pid  # the group was the child's own, never ours
