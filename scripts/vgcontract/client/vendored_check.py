#!/usr/bin/env python3
"""The vendored copy's own checker: standard library only, shipped in the copy as `_vendored.py`.

`vgcontract vendor` copies this file, unchanged, into every vendored package. A consumer's
CI then checks the copy without this repository:

    python third_party/acme_voice/_vendored.py check
    python _vendored.py check third_party/acme_voice [...]   # any copies, by directory
    python _vendored.py check --expected-manifest-sha256 HEX third_party/acme_voice

(Run it as a script: `python -m acme_voice._vendored` would import the package first,
and the package needs httpx.)

It compares every file with the sha256 and size that `VENDORED.json` records: an edited
file is *modified*, a listed file that is gone is *missing*, an unlisted one is *added*, a
symbolic link anywhere in the copy is a *symlink* (never followed, never read). A file is
read only up to the size the manifest gives it, so a huge file costs nothing.

What this proves: the copy matches its own manifest, so an accidental edit is caught. It
cannot catch a determined editor, who rewrites `VENDORED.json` along with the code. For
that, pin the manifest itself: the check prints the manifest's sha256, and
`--expected-manifest-sha256 HEX` (the action's `expected-manifest-sha256` input) fails the
check when it differs; or run `vgcontract vendor --check`, which compares the copy with
the client the toolkit generates.

Exit codes: 0 the copy is as vendored, 1 it differs (or its manifest is not the pinned
one), 2 usage or an unreadable manifest. Whether a newer client exists is `vgcontract
vendor --check`'s question, not this one's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

__all__ = [
    "LIMITS",
    "MAX_UNSIZED_BYTES",
    "check",
    "main",
    "manifest_sha256",
    "read_listed",
    "tree_files",
    "tree_symlinks",
]

MANIFEST = "VENDORED.json"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # a manifest lists a few hundred files: far below this
MAX_UNSIZED_BYTES = 64 * 1024 * 1024  # a file an older manifest gives no size for: read no further
LIMITS = (
    "this check detects accidental edits, not a determined editor (who can rewrite VENDORED.json too): "
    "pin the manifest's sha256 (--expected-manifest-sha256) or run `vgcontract vendor --check`"
)
_IGNORED_PARTS = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"})


def _walk(root: Path) -> tuple[set[str], set[str]]:
    """(regular files, symbolic links) under `root`, relative; links are listed, never followed."""
    files: set[str] = set()
    links: set[str] = set()
    for directory, subdirectories, names in os.walk(root, followlinks=False):
        here = Path(directory)
        for name in [*subdirectories, *names]:
            path = here / name
            relative = path.relative_to(root)
            if _IGNORED_PARTS.intersection(relative.parts) or path.suffix in {".pyc", ".pyo"}:
                continue
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                links.add(relative.as_posix())
            elif stat.S_ISREG(mode):
                files.add(relative.as_posix())
        subdirectories[:] = [d for d in subdirectories if not (here / d).is_symlink()]
    return files, links


def tree_files(root: Path) -> set[str]:
    """The regular files of a copy, relative; never caches that appear when it is imported or linted."""
    return _walk(root)[0]


def tree_symlinks(root: Path) -> set[str]:
    """The symbolic links in a copy, relative: a vendored copy has none, and none is followed."""
    return _walk(root)[1]


def read_listed(root: Path, relative: str, size: int) -> bytes | None:
    """A listed file's content, reading at most `size` bytes (plus one to see a longer file); None if it
    is not a regular file or is longer than `size`."""
    path = root / relative
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)  # a link swapped in after the walk is not followed
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        chunks, left = [], size + 1  # in chunks: `read(n)` would set aside n bytes at once
        while left > 0 and (chunk := handle.read(min(left, 1 << 16))):
            chunks.append(chunk)
            left -= len(chunk)
    content = b"".join(chunks)
    return None if len(content) > size else content


def manifest_sha256(root: Path) -> str:
    """The sha256 of the copy's `VENDORED.json`, as the consumer's CI can pin it."""
    content = read_listed(root, MANIFEST, MAX_MANIFEST_BYTES)
    if content is None:
        raise ValueError(f"{root / MANIFEST}: not a regular file of at most {MAX_MANIFEST_BYTES:,} bytes")
    return hashlib.sha256(content).hexdigest()


def _load_manifest(root: Path) -> dict[str, Any]:
    content = read_listed(root, MANIFEST, MAX_MANIFEST_BYTES)
    if content is None:
        raise ValueError(f"{root / MANIFEST}: cannot read the vendoring manifest (missing, a link or too large)")
    try:
        manifest: dict[str, Any] = json.loads(content)
    except ValueError as exc:
        raise ValueError(f"{root / MANIFEST}: cannot read the vendoring manifest: {exc}") from None
    recorded = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(recorded, dict) or not all(isinstance(v, str) for v in recorded.values()):
        raise ValueError(f"{root / MANIFEST}: not a vendoring manifest (no files)")
    sizes = manifest.get("sizes", {})
    if not isinstance(sizes, dict) or not all(type(v) is int and v >= 0 for v in sizes.values()):
        raise ValueError(f"{root / MANIFEST}: not a vendoring manifest (sizes must be byte counts)")
    return manifest


def check(root: Path) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """(the manifest, [(kind, file, detail)]) for the vendored package at `root`. Raises ValueError."""
    manifest = _load_manifest(root)
    recorded: dict[str, str] = manifest["files"]
    sizes: dict[str, int] = manifest.get("sizes", {})
    present, links = _walk(root)
    present.discard(MANIFEST)
    problems = [("symlink", relative, "a symbolic link: not followed") for relative in sorted(links)]
    for relative, digest in sorted(recorded.items()):
        if relative in links:
            continue
        if relative not in present:
            problems.append(("missing", relative, "listed in VENDORED.json but not on disk"))
            continue
        content = read_listed(root, relative, sizes.get(relative, MAX_UNSIZED_BYTES))
        if content is None or hashlib.sha256(content).hexdigest() != digest:
            problems.append(("modified", relative, "edited since it was vendored"))
    problems += [("added", relative, "not part of the vendored client") for relative in sorted(present - set(recorded))]
    return manifest, problems


def _shown(path: Path) -> str:
    """A path any terminal can print: undecodable bytes in a file name as escapes, never a crash."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """`check [--expected-manifest-sha256 HEX ...] [DIR ...]`: each vendored copy (default: this file's own)."""
    args = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="_vendored.py", description="Check vendored copies against VENDORED.json.")
    parser.add_argument("command", nargs="?", default="check", choices=["check"])
    parser.add_argument("dirs", nargs="*", type=Path, help="vendored package directories")
    parser.add_argument(
        "--expected-manifest-sha256",
        action="append",
        default=[],
        metavar="HEX",
        help="fail unless each copy's VENDORED.json has one of these sha256s (the manifest, pinned by your CI)",
    )
    try:
        options = parser.parse_intermixed_args(args)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    expected = {value.strip().lower() for value in options.expected_manifest_sha256 if value.strip()}
    roots = options.dirs or [Path(__file__).resolve().parent]
    failed = False
    for root in roots:
        try:
            manifest, problems = check(root)
            pinned = manifest_sha256(root)
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        for kind, relative, detail in problems:
            print(f"{kind:<9} {_shown(root / relative)}  {detail}")
        if expected and pinned not in expected:
            problems.append(("manifest", MANIFEST, "not the pinned manifest"))
            print(f"manifest  {_shown(root / MANIFEST)}  sha256 {pinned} is not the pinned one")
        version = manifest.get("client_version", "?")
        spec_info = manifest.get("spec")
        spec = str(spec_info.get("sha256", "?") if isinstance(spec_info, dict) else "?")[:12]
        state = "as vendored" if not problems else f"TAMPERED: {len(problems)} problem(s) against VENDORED.json"
        print(f"{_shown(root)}: client {version} (spec {spec}), {len(manifest['files'])} files: {state}")
        print(f"  manifest sha256 {pinned}{' (pinned)' if expected and not problems else ''}")
        failed = failed or bool(problems)
    print(f"note: {LIMITS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
