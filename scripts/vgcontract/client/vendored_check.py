#!/usr/bin/env python3
"""The vendored copy's own checker: standard library only, shipped in the copy as `_vendored.py`.

`vgcontract vendor` copies this file, unchanged, into every vendored package. A consumer's
CI then checks the copy without this repository:

    python third_party/acme_voice/_vendored.py check
    python _vendored.py check third_party/acme_voice [...]   # any copies, by directory

(Run it as a script: `python -m acme_voice._vendored` would import the package first,
and the package needs httpx.)

It compares every file with the sha256 that `VENDORED.json` records: an edited file is
*modified*, a listed file that is gone is *missing*, an unlisted one is *added*. Exit codes:
0 the copy is as vendored, 1 it was tampered with, 2 usage or an unreadable manifest.
Whether a newer client exists is `vgcontract vendor --check`'s question, not this one's.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["check", "main", "tree_files"]

MANIFEST = "VENDORED.json"
_IGNORED_PARTS = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"})


def tree_files(root: Path) -> set[str]:
    """The files of a copy, relative; never caches that appear when it is imported or linted."""
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file()
        and not _IGNORED_PARTS.intersection(path.relative_to(root).parts)
        and path.suffix not in {".pyc", ".pyo"}
    }


def check(root: Path) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """(the manifest, [(kind, file, detail)]) for the vendored package at `root`. Raises ValueError."""
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{root / MANIFEST}: cannot read the vendoring manifest: {exc}") from None
    recorded = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(recorded, dict):
        raise ValueError(f"{root / MANIFEST}: not a vendoring manifest (no files)")
    present = tree_files(root) - {MANIFEST}
    problems = []
    for relative, digest in sorted(recorded.items()):
        if relative not in present:
            problems.append(("missing", relative, "listed in VENDORED.json but not on disk"))
        elif hashlib.sha256((root / relative).read_bytes()).hexdigest() != digest:
            problems.append(("modified", relative, "edited since it was vendored"))
    problems += [("added", relative, "not part of the vendored client") for relative in sorted(present - set(recorded))]
    return manifest, problems


def _shown(path: Path) -> str:
    """A path any terminal can print: undecodable bytes in a file name as escapes, never a crash."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """`check [DIR ...]` (the default command): each vendored copy (default: this file's own), a line per problem."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] != "check":
        print("usage: python _vendored.py [check [PACKAGE_DIR ...]]", file=sys.stderr)
        return 2
    roots = [Path(arg) for arg in args[1:]] or [Path(__file__).resolve().parent]
    tampered = False
    for root in roots:
        try:
            manifest, problems = check(root)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        for kind, relative, detail in problems:
            print(f"{kind:<9} {_shown(root / relative)}  {detail}")
        version = manifest.get("client_version", "?")
        spec_info = manifest.get("spec")
        spec = str(spec_info.get("sha256", "?") if isinstance(spec_info, dict) else "?")[:12]
        state = "as vendored" if not problems else f"TAMPERED: {len(problems)} file(s) differ from VENDORED.json"
        print(f"{_shown(root)}: client {version} (spec {spec}), {len(manifest['files'])} files: {state}")
        tampered = tampered or bool(problems)
    return 1 if tampered else 0


if __name__ == "__main__":
    sys.exit(main())
