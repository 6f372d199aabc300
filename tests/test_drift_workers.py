"""`drift --workers N`: the report N processes write is the one a single worker writes.

The corpus has what makes merging hard: the same finding in every range, samples and
sample IDs that must be the first ones in file order, unreadable and oversized lines
(their line numbers must be global), blank lines, new enum values and undocumented
fields whose inferred shapes merge. Only `seconds` may differ between runs.
"""

from __future__ import annotations

import json
import random
import re
import tracemalloc
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.paths import SPEC
from tests.spec_fields import conversation_path, fields
from vgcontract.cli import main
from vgcontract.drift import split_ranges
from vgcontract.mock import build_app
from vgcontract.spec import load_spec


def _corpus(path: Path, count: int = 600) -> Path:
    spec = fields()
    enum, epoch, new = spec.enum, spec.epoch, spec.undocumented()
    app = build_app(load_spec(SPEC))
    agent, ids = app.sample_ids(count)
    auth = {b"authorization": f"Bearer {app.token}".encode()}
    rng = random.Random(7)  # noqa: S311 - test data
    lines = []
    for convo in ids:
        body = orjson.loads(app.respond("GET", f"{app.base_path}{conversation_path(agent, convo)}".encode(), auth).body)
        data, roll = body[spec.record_key], rng.random()
        if roll < 0.08:
            data[new] = rng.choice([1, "x", {"nested": [1, 2]}, None])
        elif roll < 0.12:
            data[enum] = rng.choice(["archived-in-test", "queued-in-test"])
        elif roll < 0.15 and isinstance(data.get(epoch), int):
            data[epoch] *= 1000
        line = orjson.dumps(body)
        if roll > 0.98:
            line = b"{not json at all"
        elif roll > 0.97:
            line = b""
        elif roll > 0.96:
            line = b'{"padding": "' + b"x" * 9000 + b'"}'  # over --max-record-bytes below
        lines.append(line)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _report(path: Path, workers: int, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], str]:
    argv = ["drift", "--ndjson", str(path), "--max-record-bytes", "8000", "--no-progress", "--fail-on", "warning"]
    code = main([*argv, "--workers", str(workers), "--json", "-"])
    data = json.loads(capsys.readouterr().out)
    text_code = main([*argv, "--workers", str(workers)])
    text = re.sub(r"\| [0-9.]+ s", "| s", capsys.readouterr().out)
    assert text_code == code
    data.pop("seconds", None)
    return code, data, text


@pytest.mark.slow
def test_n_workers_write_the_one_worker_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _corpus(tmp_path / "mixed.ndjson")
    code, one, text = _report(path, 1, capsys)
    assert code == 1
    assert one["counts"]["unreadable"] >= 2  # broken and oversized lines are in the corpus
    for workers in (2, 3, 5):
        assert _report(path, workers, capsys) == (code, one, text), workers


def test_a_line_longer_than_a_range_is_cut_around_and_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cuts that fall inside the long line skip it in bounded reads; the report is still one worker's."""
    small = _corpus(tmp_path / "small.ndjson", count=6).read_bytes()
    path = tmp_path / "long.ndjson"
    path.write_bytes(small + b'{"padding": "' + b"x" * 16_000_000 + b'"}\n' + small)
    tracemalloc.start()
    ranges = split_ranges(path, 4)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 8_000_000  # bounded reads (a few 1 MiB chunks), never the whole 16 MB line
    data = path.read_bytes()
    assert b"".join(data[start:end] for start, end in ranges) == data
    assert all(data[end - 1 : end] == b"\n" for _start, end in ranges)
    assert _report(path, 4, capsys) == _report(path, 1, capsys)


def test_spawned_workers_write_the_forked_workers_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where fork is not used (macOS, or a threaded process on Python 3.12+), workers are spawned and sent the spec."""
    path = _corpus(tmp_path / "mixed.ndjson", count=120)
    forked = _report(path, 2, capsys)
    monkeypatch.setattr("vgcontract.drift.parallel._forking", lambda: False)
    assert _report(path, 2, capsys) == forked


@pytest.mark.parametrize("parts", [1, 2, 3, 8, 50])
def test_ranges_cover_the_file_once_and_end_at_line_ends(tmp_path: Path, parts: int) -> None:
    path = tmp_path / "lines.ndjson"
    path.write_bytes(b"".join(b'{"n": %d}\n' % n for n in range(40)) + b'{"last": true}')
    data = path.read_bytes()
    ranges = split_ranges(path, parts)
    assert b"".join(data[start:end] for start, end in ranges) == data
    assert all(data[end - 1 : end] == b"\n" for _start, end in ranges[:-1])


def test_workers_out_of_range_are_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.ndjson"
    path.write_text("{}\n", encoding="utf-8")
    assert main(["drift", "--ndjson", str(path), "--workers", "0"]) == 2
    assert "--workers must be between 1 and 256, got 0" in capsys.readouterr().err


def test_a_directory_split_across_workers_gives_the_same_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _corpus(tmp_path / "mixed.ndjson", count=120).read_bytes().split(b"\n")
    recordings = tmp_path / "recorded"
    (recordings / "nested").mkdir(parents=True)
    for number, line in enumerate(lines):
        folder = recordings / "nested" if number % 7 == 0 else recordings
        (folder / f"{number:04d}.json").write_bytes(line)
    (recordings / ".recording.json").write_text("{}", encoding="utf-8")  # a manifest: skipped

    def report(workers: int) -> tuple[int, dict[str, Any]]:
        argv = ["drift", "--dir", str(recordings), "--max-record-bytes", "8000", "--no-progress", "--json", "-"]
        code = main([*argv, "--workers", str(workers)])
        data = json.loads(capsys.readouterr().out)
        data.pop("seconds", None)
        return code, data

    one = report(1)
    assert one[1]["counts"]["read"] == len(lines)
    assert report(3) == one
