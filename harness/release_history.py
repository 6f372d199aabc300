"""Re-classify every release in this repository's history with today's `spec-diff`.

    python harness/release_history.py [REPO]

For each commit that changed the released spec (`openapi/released.yaml`), the spec it
replaced and the spec it released are diffed again, and the bump that calls for is set
beside the bump CHANGELOG.md recorded for that version. A release with no spec change a
client sees records a patch (the generated code changed); anything else must match. Exit
0 when every release gets the bump it got, 1 when one does not.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASED = "openapi/released.yaml"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def main(argv: list[str] | None = None) -> int:
    """Print one line per release; see the module docstring."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("repo", type=Path, nargs="?", default=ROOT, help="a clone of this project (default: this one)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "scripts"))
    from vgcontract.spec.changelog import read_entries  # noqa: PLC0415 - after sys.path is set
    from vgcontract.spec.diff import diff_specs  # noqa: PLC0415
    from vgcontract.spec.model import parse_spec  # noqa: PLC0415

    recorded = {entry.label: entry.fields.get("bump") for entry in read_entries(args.repo / "CHANGELOG.md")}
    commits = _git(args.repo, "log", "--reverse", "--format=%H", "--", RELEASED).split()
    previous = None
    wrong = 0
    for commit in commits:
        spec = parse_spec(_git(args.repo, "show", f"{commit}:{RELEASED}"), f"{commit[:8]}:{RELEASED}")
        version = str((spec.get("info") or {}).get("version"))
        if previous is not None:
            bump = diff_specs(previous, spec).bump
            expected = recorded.get(version)
            code_only = bump == "none" and expected == "patch"
            ok = bump == expected or code_only
            wrong += not ok
            print(f"{version:8} recorded {expected or '-':6} spec-diff {bump:6} {'ok' if ok else 'DIFFERENT'}"
                  f"{' (no spec change: the code changed)' if code_only else ''}")  # fmt: skip
        previous = spec
    print(f"{len(commits) - 1} releases re-classified, {wrong} with another bump")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
