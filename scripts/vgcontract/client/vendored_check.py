#!/usr/bin/env python3
"""The vendored copy's own checker: standard library only, shipped in the copy as `_vendored.py`.

`vgcontract vendor` copies this file, unchanged, into every vendored package. A consumer's
CI then checks the copy without this repository:

    python3 -I third_party/acme_voice/_vendored.py check
    python3 -I _vendored.py check third_party/acme_voice [...]   # any copies, by directory
    python3 -I _vendored.py check --expected-manifest-sha256 HEX third_party/acme_voice

(Run it as a script, ideally isolated: `python3 -I`. Run as `python3 -m acme_voice._vendored`
it would import the package first. Run as a script, it first drops its own directory from
`sys.path`, so that no file in the copy, `types.py` or an added `argparse.py`, shadows the
standard library it uses.)

It compares every file with the sha256 and size that `VENDORED.json` records: an edited
file is *modified*, a listed file that is gone is *missing*, an unlisted one (or a pipe, a
socket) is *added*, a symbolic link anywhere in the copy is a *symlink* (never followed,
never read). Each file is opened one directory at a time without following a link, and
read only up to the size the manifest gives it, so a huge file or a pipe costs nothing.
Compiled files in `__pycache__` that Python would run instead of a source are *bytecode*
problems unless they are that source, compiled: a `.pyc` is code too.

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

import sys

if __name__ == "__main__" and sys.path and sys.path[0] == __file__.rpartition("/")[0]:
    del sys.path[0]  # the copy's own directory: its `types.py` must not shadow the standard library's

# The imports follow that line on purpose.
import argparse
import hashlib
import importlib.util
import json
import marshal
import os
import stat
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
_CACHE_DIRS = frozenset({".mypy_cache", ".ruff_cache", ".pytest_cache"})  # tools' caches, never imported
_BYTECODE_DIR = "__pycache__"
_HEX = frozenset("0123456789abcdef")


def _walk(root: Path) -> tuple[set[str], set[str], set[str]]:
    """(regular files, symbolic links, compiled files in `__pycache__`) under `root`, relative.

    Links are listed, never followed; pipes, sockets and devices count as files (added).
    """
    files: set[str] = set()
    links: set[str] = set()
    compiled: set[str] = set()
    for directory, subdirectories, names in os.walk(root, followlinks=False):
        here = Path(directory)
        subdirectories[:] = [d for d in subdirectories if d not in _CACHE_DIRS]
        for name in [*subdirectories, *names]:
            path = here / name
            relative = path.relative_to(root).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                links.add(relative)
            elif stat.S_ISDIR(mode):
                continue
            elif path.parent.name == _BYTECODE_DIR and name.endswith(".pyc") and stat.S_ISREG(mode):
                compiled.add(relative)
            else:
                files.add(relative)
        subdirectories[:] = [d for d in subdirectories if not (here / d).is_symlink()]
    return files, links, compiled


def tree_files(root: Path) -> set[str]:
    """The files of a copy, relative, but what Python compiles into `__pycache__` (checked apart)."""
    return _walk(root)[0]


def tree_symlinks(root: Path) -> set[str]:
    """The symbolic links in a copy, relative: a vendored copy has none, and none is followed."""
    return _walk(root)[1]


def read_listed(root: Path, relative: str, size: int) -> bytes | None:
    """A file's content, reading at most `size` bytes (plus one to see a longer file); None if it is not
    a regular file, is longer than `size`, or a link lies on its way (no directory of the path is followed)."""
    parts = relative.split("/")
    if not parts or any(part in {"", ".", ".."} for part in parts):
        return None
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    # A pipe answers `open` at once with O_NONBLOCK (and is then refused as not a regular file).
    flags = os.O_RDONLY | nofollow | getattr(os, "O_NONBLOCK", 0)
    descriptors: list[int] = []
    try:
        descriptors.append(os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)))
        for part in parts[:-1]:
            directory_flags = os.O_RDONLY | nofollow | getattr(os, "O_DIRECTORY", 0)
            descriptors.append(os.open(part, directory_flags, dir_fd=descriptors[-1]))
        descriptor = os.open(parts[-1], flags, dir_fd=descriptors[-1])
    except OSError:
        return None
    finally:
        for opened in descriptors:
            os.close(opened)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        chunks, left = [], size + 1  # in chunks: `read(n)` would set aside n bytes at once
        while left > 0 and (chunk := handle.read(min(left, 1 << 16))):
            chunks.append(chunk)
            left -= len(chunk)
    content = b"".join(chunks)
    return None if len(content) > size else content


def _bytecode_problem(root: Path, relative: str, source: bytes | None) -> str | None:
    """Why a compiled file would run other code than its source; None when it is the source, or Python
    would not load it (another Python's, or stale: Python would compile the source again)."""
    directory, _, name = relative.rpartition("/")
    module, _, rest = name.partition(".")
    tag, _, level = rest.removesuffix(".pyc").partition(".opt-")
    if tag != sys.implementation.cache_tag:
        return None  # another interpreter's: this one never loads it
    if source is None:
        return "compiled code without a listed source"
    data = read_listed(root, relative, MAX_MANIFEST_BYTES)
    if data is None or data[:4] != importlib.util.MAGIC_NUMBER or len(data) < 16:
        return "not bytecode this Python reads"
    flags = int.from_bytes(data[4:8], "little")
    source_path = root / directory.removesuffix(_BYTECODE_DIR).rstrip("/") / f"{module}.py"
    if flags == 0:  # a timestamp pyc: loaded only while the source's mtime and size match it
        status = source_path.lstat()
        if (int(status.st_mtime) & 0xFFFFFFFF, status.st_size & 0xFFFFFFFF) != (
            int.from_bytes(data[8:12], "little"),
            int.from_bytes(data[12:16], "little"),
        ):
            return None
    elif flags & 0b10 and data[8:16] != importlib.util.source_hash(source):
        return None  # a checked hash pyc whose hash fails: Python compiles the source instead
    try:
        loaded = marshal.loads(data[16:])  # noqa: S302 - read to compare with the source, never run
        expected = compile(source, str(source_path), "exec", dont_inherit=True, optimize=int(level or 0))
    except (ValueError, EOFError, TypeError, SyntaxError):
        return "bytecode that cannot be read back"
    return None if loaded == expected else "compiled code that is not its source: Python would run it instead"


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
    except RecursionError:
        raise ValueError(f"{root / MANIFEST}: not a vendoring manifest (nested too deeply)") from None
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
    present, links, compiled = _walk(root)
    present.discard(MANIFEST)
    problems = [("symlink", relative, "a symbolic link: not followed") for relative in sorted(links)]
    intact: dict[str, bytes] = {}
    for relative, digest in sorted(recorded.items()):
        if relative in links:
            continue
        if relative not in present:
            problems.append(("missing", relative, "listed in VENDORED.json but not on disk"))
            continue
        content = read_listed(root, relative, sizes.get(relative, MAX_UNSIZED_BYTES))
        if content is None or hashlib.sha256(content).hexdigest() != digest:
            problems.append(("modified", relative, "edited since it was vendored"))
        else:
            intact[relative] = content
    problems += [("added", relative, "not part of the vendored client") for relative in sorted(present - set(recorded))]
    for relative in sorted(compiled):
        directory, _, name = relative.rpartition("/")
        source = f"{directory.removesuffix(_BYTECODE_DIR)}{name.partition('.')[0]}.py".lstrip("/")
        problem = _bytecode_problem(root, relative, intact.get(source))
        if problem is not None:
            problems.append(("bytecode", relative, problem))
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
    expected = {value.strip().lower() for value in options.expected_manifest_sha256}
    malformed = [value for value in expected if len(value) != 64 or not set(value) <= _HEX]
    if malformed:
        print(f"error: --expected-manifest-sha256 {malformed[0]!r} is not a sha256 (64 hex digits)", file=sys.stderr)
        return 2
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
