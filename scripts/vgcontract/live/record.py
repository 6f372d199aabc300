"""`vgcontract record`: fetch live conversations and store them, redacted, as fixtures.

Each JSON 200 response is written as `<conversation id>.json`: the body with personal data
replaced (`vgcontract.redact`), indented, so it reads well in a review. Responses that are
not JSON 200s are not written; they are listed, with the reason, in `.recording.json`,
the manifest, together with what was redacted and the spec's hash. Only bodies are
stored: never a header, so never the Authorization header, and the token is scrubbed
from the text, the file names and the manifest should the API ever echo it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from vgcontract import __version__
from vgcontract.drift.model import Record
from vgcontract.drift.schema import DriftSchema
from vgcontract.errors import UsageError
from vgcontract.redact import Redactor, register_secret, scrub_secrets

__all__ = ["MANIFEST_NAME", "RecordingResult", "recorded_operation", "write_recordings"]

MANIFEST_NAME = ".recording.json"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass
class RecordingResult:
    """What a recording run wrote and skipped; every fetched record is in one of the two."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (conversation id, reason)
    inconclusive: int = 0  # of the skipped: no checkable answer (timeout, rate limit, outage)
    redactions: Counter[str] = field(default_factory=Counter)
    manifest: Path | None = None


def _file_name(convo_id: str, taken: set[str]) -> str:
    stem = _UNSAFE.sub("_", convo_id)[:100].lstrip(".") or "convo"
    if stem != convo_id or stem.lower() in taken:
        stem = f"{stem}-{hashlib.sha256(convo_id.encode()).hexdigest()[:8]}"
    taken.add(stem.lower())
    return f"{stem}.json"


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _scrubbed(value: Any, echoes: Counter[str]) -> Any:
    """`value` with every registered secret scrubbed from its strings and keys; `echoes` counts them."""
    if isinstance(value, str):
        clean = scrub_secrets(value)
        if clean != value:
            echoes["token"] += 1
        return clean
    if isinstance(value, dict):
        return {_scrubbed(key, echoes): _scrubbed(item, echoes) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item, echoes) for item in value]
    return value


def write_recordings(
    records: Iterable[Record], out_dir: Path, schema: DriftSchema, *, token: str, target: str, spec_sha256: str
) -> RecordingResult:
    """Redact and write each JSON 200 record into `out_dir`; write the manifest last."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out_dir}: cannot create: {exc.strerror or exc}") from None
    redactor = Redactor(schema.personal_kinds, key=os.urandom(32))  # per run: stable within it, never stored
    result, taken = RecordingResult(), set[str]()
    if token:
        register_secret(token)  # in every form: escaped, percent-encoded, in a repr
    for record in records:
        if record.problem is not None:
            result.skipped.append((record.ref, record.problem))
            result.inconclusive += record.inconclusive
            continue
        if record.status not in (None, 200):
            result.skipped.append((record.ref, f"HTTP {record.status}"))
            continue
        try:
            body = orjson.loads(record.body)
        except orjson.JSONDecodeError:
            result.skipped.append((record.ref, f"not JSON (content type {record.content_type or 'unknown'!r})"))
            continue
        # Scrubbed value by value, keys too: the file stays the JSON it was, whatever form an
        # echoed secret took inside a string.
        echoes = Counter[str]()
        text = json.dumps(_scrubbed(redactor.redact(body), echoes), indent=2, ensure_ascii=False) + "\n"
        redactor.counts["token"] += echoes["token"]
        path = out_dir / _file_name(scrub_secrets(record.ref), taken)
        _write(path, text)
        result.written.append(path)
    result.redactions = redactor.counts
    manifest = {
        "tool": f"vgcontract record {__version__}",
        "recorded_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "target": Redactor().scrub(target),  # a loopback or private IP is an IP pattern too
        "spec_sha256": spec_sha256,
        "operation": schema.operation,  # `drift --dir` reads the files as this operation's bodies
        "written": sorted(p.name for p in result.written),
        "skipped": [{"id": ref, "reason": reason} for ref, reason in result.skipped],
        "redactions": dict(sorted(redactor.counts.items())),
    }
    result.manifest = out_dir / MANIFEST_NAME
    _write(result.manifest, scrub_secrets(json.dumps(manifest, indent=2)) + "\n")
    return result


def recorded_operation(directory: Path) -> str | None:
    """The operation whose bodies `record` wrote into `directory`, from its manifest; None if it does not say.

    A directory without a readable manifest (hand-made fixtures, an older recording) is
    read with the default operation instead: the files themselves are what is checked.
    """
    try:
        manifest = orjson.loads((directory / MANIFEST_NAME).read_bytes())
    except (OSError, orjson.JSONDecodeError):  # nested past orjson's limit included
        return None
    operation = manifest.get("operation") if isinstance(manifest, dict) else None
    return operation if isinstance(operation, str) and operation else None
