"""`vgcontract drift` as a user runs it: sources, bad input, exit codes, reports, --suggest-patch."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.drift_corpus import BREAKS, CORPUS, Corpus, conforming, drift_schema, ndjson
from tests.paths import PROJECT, SPEC
from vgcontract import Severity
from vgcontract.cli import main
from vgcontract.client import GenerationInputs, generate_into
from vgcontract.drift import DriftKind, Record, run_drift
from vgcontract.reporting.drift import render_junit, render_markdown, render_terminal

GOLDEN = Path(__file__).parent / "golden"


def _drift(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["drift", "--no-progress", "--color", "never", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# The golden snapshots check the renderers on a small spec of their own, so they do not move
# when the product spec grows; everything else runs on the product spec.
GOLDEN_CORPUS = Corpus(GOLDEN / "spec.yaml")


def _drifting_corpus(corpus: Corpus = CORPUS) -> list[object]:
    """Three conforming bodies, then one body per break kind."""
    bodies: list[object] = [corpus.conforming(i) for i in range(3)]
    for index, kind in enumerate(sorted(corpus.breaks)):
        body = corpus.conforming(10 + index)
        corpus.breaks[kind][0](body)
        bodies.append(body)
    return bodies


def test_conforming_ndjson_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "ok.ndjson"
    corpus.write_bytes(ndjson([conforming(i) for i in range(5)]))
    code, out, _ = _drift(capsys, "--ndjson", str(corpus))
    assert code == 0
    assert "read 5 = conforming 5 + with findings 0 + unreadable 0" in out


def test_drift_exits_1_and_fail_on_moves_the_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "warn.ndjson"
    body = conforming(1)
    body["data"][CORPUS.undocumented] = 0.5  # a warning only
    corpus.write_bytes(ndjson([body]))
    assert _drift(capsys, "--ndjson", str(corpus))[0] == 0
    assert _drift(capsys, "--ndjson", str(corpus), "--fail-on", "warning")[0] == 1


def test_corrupt_lines_are_reported_with_line_numbers_and_the_scan_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "mixed.ndjson"
    corpus.write_bytes(
        orjson.dumps(conforming(0)) + b"\n{truncated\n\n" + b"\x00\xff\xfe binary\n" + orjson.dumps(conforming(1))
    )
    code, out, _ = _drift(capsys, "--ndjson", str(corpus), "--json", str(tmp_path / "r.json"))
    assert code == 1
    assert "unreadable: line 2:" in out
    assert "unreadable: line 4:" in out
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["counts"] == {"read": 4, "conforming": 2, "with_findings": 0, "unreadable": 2, "inconclusive": 0}
    assert report["reconciles"] is True
    assert report["notes"] == ["1 blank line(s) skipped (not records)"]


def test_a_10_mb_line_is_reported_and_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "big.ndjson"
    big = b'{"success": true, "message": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    corpus.write_bytes(orjson.dumps(conforming(0)) + b"\n" + big + b"\n" + orjson.dumps(conforming(1)) + b"\n")
    code, out, _ = _drift(capsys, "--ndjson", str(corpus))
    assert code == 1
    assert re.search(r"unreadable: line 2: line is 10,485,\d+ bytes, over the 4,194,304-byte limit", out)
    assert "read 3 = conforming 2 + with findings 0 + unreadable 1" in out


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    corpus = tmp_path / "empty.ndjson"
    corpus.write_bytes(content)
    code, _, err = _drift(capsys, "--ndjson", str(corpus))
    assert code == 2
    assert "the input is empty" in err


def test_all_garbage_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "garbage.bin"
    corpus.write_bytes(os.urandom(4096).replace(b"\n", b"x") + b"\n" + b"\x89PNG\r\n\x1a\n")
    code, out, err = _drift(capsys, "--ndjson", str(corpus))
    assert code == 2
    assert "is JSON" in err
    assert "unreadable: line 1" in out


def test_missing_file_and_bad_arguments_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _drift(capsys, "--ndjson", str(tmp_path / "nope.ndjson"))
    assert code == 2
    assert err.strip() == f"vgcontract: error: {tmp_path / 'nope.ndjson'}: no such file"
    assert _drift(capsys, "--dir", str(tmp_path / "nope"))[0] == 2


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_a_record_limit_below_1_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    corpus = tmp_path / "ok.ndjson"
    corpus.write_bytes(ndjson([conforming(0)]))
    code, _, err = _drift(capsys, "--ndjson", str(corpus), "--max-record-bytes", limit)
    assert code == 2
    assert err.strip() == f"vgcontract: error: --max-record-bytes must be at least 1, got {limit}"


def test_unwritable_patch_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.ndjson"
    body = conforming(0)
    body["data"][CORPUS.undocumented] = 0.5
    corpus.write_bytes(ndjson([body]))
    (tmp_path / "a-file").write_text("not a directory")
    target = tmp_path / "a-file" / "spec.diff"
    code, _, err = _drift(capsys, "--ndjson", str(corpus), "--suggest-patch", str(target))
    assert code == 2
    assert err.strip().endswith(
        f"vgcontract: error: {target}: cannot write the patch: {target.parent} is not a directory"
    )


def test_dir_source_reads_every_json_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.json").write_bytes(orjson.dumps(conforming(0)))
    broken = conforming(1)
    BREAKS["unexpected-null"][0](broken)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_bytes(orjson.dumps(broken))
    (tmp_path / ".recording.json").write_text("{}")  # the manifest: not a record
    code, out, _ = _drift(capsys, "--dir", str(tmp_path))
    assert code == 1
    assert "unexpected-null" in out
    assert "read 2 = conforming 1 + with findings 1 + unreadable 0" in out


def test_stdin_is_streamed() -> None:
    corpus = ndjson([conforming(0), conforming(1)])
    proc = subprocess.run(
        [sys.executable, "-m", "vgcontract", "drift", "--ndjson", "-", "--json", "-"],
        input=corpus,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["counts"]["conforming"] == 2


# --- reports: golden snapshots --------------------------------------------------------------


def _normalise(text: str) -> str:
    text = re.sub(r'"seconds": [0-9.]+', '"seconds": 0.0', text)
    text = re.sub(r'time="[0-9.]+"', 'time="0.000"', text)
    text = re.sub(r"time: [0-9.]+ s", "time: 0.0 s", text)
    text = re.sub(r"\| [0-9.]+ s", "| 0.0 s", text)
    return text.replace(str(GOLDEN.parent), "<tests>")


def test_reports_match_their_golden_snapshots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.ndjson"
    corpus.write_bytes(ndjson(_drifting_corpus(GOLDEN_CORPUS)) + b"{oops\n")
    reports = tmp_path / "reports"
    spec = str(GOLDEN_CORPUS.spec)
    code, out, _ = _drift(capsys, "--ndjson", str(corpus), "--spec", spec, "--reports", str(reports))
    assert code == 1
    rendered = {
        "drift.json": (reports / "drift.json").read_text(),
        "drift.md": (reports / "drift.md").read_text(),
        "drift.junit.xml": (reports / "drift.junit.xml").read_text(),
        "drift.txt": out.split("  report ")[0],
    }
    for name, raw in rendered.items():
        text = _normalise(raw.replace(str(corpus), "corpus.ndjson"))
        golden = GOLDEN / name
        if os.environ.get("VGCONTRACT_UPDATE_GOLDEN"):
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(text)
        assert text == golden.read_text(), f"{name} differs; rerun with VGCONTRACT_UPDATE_GOLDEN=1 and review"
    counts = json.loads(rendered["drift.json"])["counts"]
    assert counts["read"] == counts["conforming"] + counts["with_findings"] + counts["unreadable"]


def test_renderers_cover_every_kind() -> None:
    records = [Record(f"r{i}", orjson.dumps(b)) for i, b in enumerate(_drifting_corpus())]
    report = run_drift(records, drift_schema(), source="test")
    kinds = {f.kind for f in report.findings}
    assert kinds >= set(BREAKS)
    markdown, junit = render_markdown(report, Severity.ERROR), render_junit(report, Severity.ERROR).decode()
    terminal = render_terminal(report, Severity.ERROR, color=True)
    for kind in BREAKS:
        assert f"`{kind}`" in markdown
        # junit lists what fails the run (errors at this threshold) and nothing else.
        assert (f'type="{kind}"' in junit) is (DriftKind(kind).severity >= Severity.ERROR), kind
    assert "\x1b[" in terminal  # colour on a terminal


# --- --suggest-patch -------------------------------------------------------------------------


@pytest.mark.slow
def test_suggested_patch_applies_validates_generates_and_clears_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SPEC.parent, repo / "openapi")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    corpus = tmp_path / "corpus.ndjson"
    mixed_units = conforming(30)
    extra = conforming(31)
    array, _, new = CORPUS.nested
    extra["data"][array][0][new] = {"name": "vip", "depth": 3}
    corpus.write_bytes(ndjson([*_drifting_corpus(), mixed_units, extra]))
    diff = tmp_path / "spec.diff"
    spec = repo / "openapi" / "voiceglow.yaml"
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        code, _, err = _drift(capsys, "--ndjson", str(corpus), "--spec", str(spec), "--suggest-patch", str(diff))
    finally:
        os.chdir(cwd)
    assert code == 1
    assert "not patched: envelope-violation at success" in err
    assert diff.read_text().startswith("--- a/openapi/voiceglow.yaml\n+++ b/openapi/voiceglow.yaml\n")
    subprocess.run(["git", "-C", str(repo), "apply", str(diff)], check=True)

    # The same corpus now gives 0 warnings and only the unpatchable envelope error.
    code, out, _ = _drift(capsys, "--ndjson", str(corpus), "--spec", str(spec), "--json", "-")
    left = [(f["kind"], f["path"]) for f in json.loads(out)["findings"] if f["severity"] != "info"]
    assert left == [("envelope-violation", "success")]
    # The patched spec still validates and still generates.
    assert main(["lint-spec", "--spec", str(spec)]) == 0
    generate_into(tmp_path / "client", GenerationInputs.of(PROJECT, spec))
    assert (tmp_path / "client" / "voiceglow_client" / "models" / "conversation.py").is_file()
