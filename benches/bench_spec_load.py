"""Reading a large spec: the one reader beside a bare PyYAML load of the same file, side by side.

The reader does more than parse (YAML 1.2 values, duplicate keys, alias and `$ref` fan-out
caps, path keys, the operation walk); the figure is its time over libyaml's own safe load
(`yaml.CSafeLoader`, what the toolkit used before) on a ConvoCore-sized document (the
third-party description's shape, `tests/other_api.py`, grown to about 1.4 MB). Target:
within 2x. Also the start-up of a spec-only command (`vgcontract --help`) beside a bare
`python -c pass`, both as whole processes.

`python -m benches.bench_spec_load` prints the figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.other_api import other_api
from vgcontract.spec import load_spec

__all__ = ["measure"]

_TARGET_BYTES = 1_400_000
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _document() -> dict[str, Any]:
    """other_api's operations repeated under new path prefixes until the YAML is about 1.4 MB."""
    base = json.loads(json.dumps(other_api()))  # no shared nodes: the YAML holds no aliases
    copies = max(1, _TARGET_BYTES // len(yaml.dump(base, Dumper=_DUMPER, sort_keys=False)))
    paths = {
        f"/v{n}{path}": json.loads(json.dumps(item)) for n in range(copies) for path, item in base["paths"].items()
    }
    return {**base, "paths": paths}


def _best(function: Callable[[], object], rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def _first_reads(spec: Path, text: str, rounds: int = 5) -> float:
    """The reader's best time on a text it has not read before, as a command's first read is.

    A process keeps the data of a text it has read (`vgcontract.spec.read`), so each round's
    file ends in another comment: the same parse, a text not seen before.
    """
    times = []
    for round_number in range(rounds):
        spec.write_text(f"{text}# round {round_number}\n", encoding="utf-8")
        started = time.perf_counter()
        load_spec(spec)
        times.append(time.perf_counter() - started)
    return min(times)


def _process(argv: list[str]) -> float:
    return _best(lambda: subprocess.run(argv, capture_output=True, check=False), rounds=3)


def measure() -> dict[str, float]:
    """Seconds for each, and the ratios the targets read."""
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "convocore-sized.yaml"
        spec.write_text(yaml.dump(_document(), Dumper=_DUMPER, sort_keys=False), encoding="utf-8")
        loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        text = spec.read_text(encoding="utf-8")
        pyyaml = _best(lambda: yaml.load(text, Loader=loader))  # noqa: S506 - a safe loader
        size = spec.stat().st_size
        reader = _first_reads(spec, text)
    bare = _process([sys.executable, "-c", "pass"])
    helped = _process([sys.executable, "-m", "vgcontract", "--help"])
    return {
        "bytes": size,
        "pyyaml_seconds": round(pyyaml, 4),
        "reader_seconds": round(reader, 4),
        "reader_vs_pyyaml": round(reader / pyyaml, 3),
        "python_start_seconds": round(bare, 3),
        "help_seconds": round(helped, 3),
        "help_over_python_start_seconds": round(helped - bare, 3),
    }


def main() -> int:
    print(json.dumps(measure(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
