"""Run openapi-python-client's end-to-end specs through every vgcontract command that reads a spec.

    python harness/opc_specs.py PATH/TO/openapi-python-client [--out DIR]

Reads the specs from the peer's checkout (`end_to_end_tests/`), never a copy: for each,
`lint-spec` (its errors, listed so a reader can judge each one), the mock (every
operation asked once, the answers counted by status), `contract --spec` against that mock,
`spec-diff X X` (must be 0 changes) and `generate --spec` into a scratch directory, beside
openapi-python-client run alone on the spec with `--fail-on-warning`. Prints
one table row per spec and command with the exit code; writes the details as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SPECS = ("baseline_openapi_3.0.json", "baseline_openapi_3.1.yaml", "3.1_specific.openapi.yaml")


def _run(argv: list[str]) -> tuple[int, str]:
    from vgcontract.cli import main  # noqa: PLC0415 - after sys.path is set

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


def _mock_statuses(spec: Path) -> dict[str, int]:
    from vgcontract.mock import DEFAULT_TOKEN, build_app  # noqa: PLC0415
    from vgcontract.spec import load_spec  # noqa: PLC0415

    loaded = load_spec(spec)
    app = build_app(loaded)
    counts: dict[str, int] = {}
    for operation in loaded.operations:
        path = re.sub(r"{[^}]+}", "x", operation.path)
        reply = app.respond(operation.method.upper(), (app.base_path + path).encode(),
                            {b"authorization": f"Bearer {DEFAULT_TOKEN}".encode()})  # fmt: skip
        counts[str(reply.status)] = counts.get(str(reply.status), 0) + 1
    return counts


def main(argv: list[str] | None = None) -> int:
    """Run the table; exit 1 when a command exits 2 on a spec (a crash: usage errors are for bad input, not a spec)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="a checkout of openapi-generators/openapi-python-client")
    parser.add_argument("--out", type=Path, default=Path("reports/peer-opc.json"))
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(here / "scripts"))
    results: list[dict[str, Any]] = []
    crashed = 0
    with tempfile.TemporaryDirectory() as scratch:
        for name in SPECS:
            spec = args.checkout / "end_to_end_tests" / name
            row: dict[str, Any] = {"spec": name}
            for command, argv_ in (
                ("lint-spec", ["lint-spec", "--spec", str(spec), "--format", "json"]),
                ("contract", ["contract", "--spec", str(spec), "--examples", "3", "--reports", f"{scratch}/r"]),
                ("spec-diff", ["spec-diff", str(spec), str(spec), "--fail-on", "warning"]),
                ("generate", ["generate", "--spec", str(spec), "--output", f"{scratch}/gen-{name}"]),
            ):
                started = time.monotonic()
                code, output = _run(argv_)
                row[command] = {"exit": code, "seconds": round(time.monotonic() - started, 1)}
                if command == "lint-spec" and code in (0, 1):
                    found = json.loads(output[output.index("{") :])["findings"]
                    row[command]["errors"] = sorted({f["kind"] for f in found if f["severity"] == "error"})
                elif code == 2:
                    row[command]["error"] = output.strip().splitlines()[-1][:300] if output.strip() else ""
                crashed += code == 2
            # The same spec through openapi-python-client alone, with the warnings this project
            # refuses (`--fail-on-warning`): where opc itself does not generate it cleanly.
            alone = subprocess.run(
                [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec), "--meta", "none",
                 "--fail-on-warning", "--output-path", f"{scratch}/opc-{name}"],
                capture_output=True, text=True, check=False, timeout=600,
                env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"},
            )  # fmt: skip
            warned = [ln for ln in (alone.stdout + alone.stderr).splitlines() if "WARNING" in ln or "Error" in ln]
            row["opc-alone"] = {"exit": alone.returncode, "first-warning": warned[0][:200] if warned else ""}
            try:
                row["mock"] = {"statuses": _mock_statuses(spec)}
            except Exception as exc:
                row["mock"] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
                crashed += 1
            results.append(row)
            print(json.dumps(row), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
