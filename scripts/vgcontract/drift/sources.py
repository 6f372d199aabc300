"""Where drift records come from: an NDJSON export (streamed) or a directory of recordings.

Sources yield `Record`s one at a time and never hold more than one record in memory. A
record that cannot be read (a line over the size limit, an unreadable file) is still
yielded, with `problem` set, so the engine counts it: every input record is accounted for.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vgcontract.drift.model import DEFAULT_MAX_RECORD_BYTES, Record
from vgcontract.errors import InputError

__all__ = [
    "SourceStats",
    "dir_files",
    "dir_records",
    "file_records",
    "ndjson_records",
    "skip_rest_of_line",
    "stream_records",
]

_CHUNK = 1024 * 1024


@dataclass
class SourceStats:
    """What a source skipped that is not a record (blank lines), for the report's notes."""

    blank_lines: int = 0
    bytes_read: int = 0
    lines: int = 0  # every line read, blank and oversized ones included (to number a later range)


def skip_rest_of_line(stream: BinaryIO) -> int:
    """Read past the end of the current line in bounded chunks; the bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def ndjson_records(
    path: str, *, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, stats: SourceStats | None = None
) -> Iterator[Record]:
    """Yield one record per non-blank line of `path` (`-` is standard input), streamed.

    Raises `InputError` when the file cannot be opened; a line over `max_record_bytes`
    becomes a record with `problem` set, and the scan goes on at the next line.
    """
    stats = stats if stats is not None else SourceStats()
    if path == "-":
        yield from stream_records(sys.stdin.buffer, max_record_bytes=max_record_bytes, stats=stats)
        return
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a directory (use --dir for a directory of recordings)")
    try:
        stream = target.open("rb", buffering=_CHUNK)  # a large buffer: readline is then a memchr, not a refill
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    with stream:
        yield from stream_records(stream, max_record_bytes=max_record_bytes, stats=stats)


def stream_records(
    stream: BinaryIO, *, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, stats: SourceStats | None = None
) -> Iterator[Record]:
    """Yield one record per non-blank line of an open binary stream (what `ndjson_records` reads)."""
    stats = stats if stats is not None else SourceStats()
    limit = max_record_bytes
    number = 0
    readline = stream.readline
    while True:
        line = readline(limit + 1)
        if not line:
            return
        number += 1
        stats.lines += 1
        stats.bytes_read += len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line) + skip_rest_of_line(stream)
            stats.bytes_read += size - len(line)
            problem = f"line is {size:,} bytes, over the {limit:,}-byte limit (--max-record-bytes)"
            yield Record(f"line {number}", line[:60], problem=problem)
            continue
        if not line.strip():
            stats.blank_lines += 1
            continue
        yield Record(f"line {number}", line)


def dir_records(
    directory: Path, *, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, stats: SourceStats | None = None
) -> Iterator[Record]:
    """Yield one record per `*.json` file under `directory` (recursively, in sorted order).

    Files whose name starts with `.` are skipped: `vgcontract record` keeps its manifest
    there. Raises `InputError` when `directory` is not a directory.
    """
    yield from file_records(directory, dir_files(directory), max_record_bytes=max_record_bytes, stats=stats)


def dir_files(directory: Path) -> list[Path]:
    """The `*.json` files `dir_records` reads, in its order. Raises `InputError` when not a directory."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    return [f for f in sorted(directory.rglob("*.json")) if not f.name.startswith(".") and f.is_file()]


def file_records(
    directory: Path,
    files: list[Path],
    *,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    stats: SourceStats | None = None,
) -> Iterator[Record]:
    """One record per file of `files` (paths under `directory`, which names them): a slice of `dir_records`."""
    stats = stats if stats is not None else SourceStats()
    for file in files:
        ref = str(file.relative_to(directory))
        try:
            size = file.stat().st_size
            if size > max_record_bytes:
                yield Record(ref, b"", problem=f"file is {size:,} bytes, over the {max_record_bytes:,}-byte limit")
                continue
            body = file.read_bytes()
        except OSError as exc:
            yield Record(ref, b"", problem=f"cannot read: {exc.strerror or exc}")
            continue
        stats.bytes_read += len(body)
        yield Record(ref, body)
