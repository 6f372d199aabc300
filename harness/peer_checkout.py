"""The command line every peer harness shares: a peer's checkout by path, a JSON report, a listing length."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["parse_peer_args"]


def parse_peer_args(
    doc: str | None, peer: str, marker: str, argv: list[str] | None, *, show: int
) -> argparse.Namespace | None:
    """Parsed arguments; None (after a one-line error) when `checkout` lacks `marker`, a file every checkout has."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("checkout", type=Path, help=f"a checkout of {peer}")
    parser.add_argument("--json", type=Path, help="write every case's outcome here")
    parser.add_argument("--show", type=int, default=show, help=f"disagreements listed (default {show})")
    parser.add_argument("--only", help="only the cases whose path contains this")
    args = parser.parse_args(argv)
    if not (args.checkout / marker).exists():
        print(f"{args.checkout}: not a checkout of {peer} (no {marker})", file=sys.stderr)
        return None
    return args
