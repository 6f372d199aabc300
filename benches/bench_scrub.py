"""The scrubbers stay linear on hostile text: adversarial input beside ordinary input of the same size.

A server chooses the text that `scrub_secrets` (every output) and the redactor's patterns
(samples, recordings) run on. A pattern that retries an unbounded quantifier from every
position turns a megabyte of the right characters into minutes. Each figure is the time on
an adversarial megabyte over the time on an ordinary one, measured side by side (best of
three); a linear pattern keeps it near 1.

`python -m benches.bench_scrub` prints the figures.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from vgcontract import Redactor, register_secret, scrub_secrets

__all__ = ["measure"]

TOKEN = "sk-live-Qx7rT2mVw9ZpL4nB8cYd"
SIZE = 1 << 20
_ORDINARY = json.dumps([{"id": f"c-{i}", "text": "The quick brown fox, 12 jumps.", "n": i} for i in range(30000)])
_ADVERSARIAL = {
    "scheme runs before ://": "a-" * (SIZE // 2) + "://x",
    "a local part with no @": "a" * SIZE,
    "many :// without @": "http://" + "a/" * (SIZE // 2),
    "near-misses of the token": (TOKEN[:7] + "!") * (SIZE // 8),
}


def _best(function: Callable[[str], object], text: str) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - started)
    return min(times)


def measure() -> dict[str, float]:
    """For each scrubber and adversarial input: its time over the time on ordinary text of the same size."""
    register_secret(TOKEN)
    ordinary = (_ORDINARY * (SIZE // len(_ORDINARY) + 1))[:SIZE]
    scrubbers: dict[str, Callable[[str], object]] = {"scrub_secrets": scrub_secrets, "redactor": Redactor().scrub}
    figures: dict[str, float] = {}
    for name, scrubber in scrubbers.items():
        base = _best(scrubber, ordinary)
        for what, text in _ADVERSARIAL.items():
            figures[f"{name}: {what}"] = round(_best(scrubber, text[:SIZE]) / base, 2)
    return figures


def main() -> int:
    for name, ratio in measure().items():
        print(f"{name:<48} {ratio:>6.2f}x ordinary text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
