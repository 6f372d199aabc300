"""Measure `spec-diff` against oasdiff's checker corpus: breaking recall and precision, pair by pair.

    python harness/oasdiff_corpus.py PATH/TO/oasdiff [--json FILE] [--show N]

The pairs come from the checkout given (never a copy): `oasdiff_pairs.pairs` reads
`checker/*_test.go` and returns each checker run on two spec files from `data/` with the
change IDs the test asserts; `checker/rules.go` gives each ID its level. Only runs at
oasdiff's default configuration count. Runs on the same two files are one pair, and
their asserted IDs are pooled.

- oasdiff calls a pair **breaking** when a test asserts an `ERR` change on it, and not
  breaking otherwise;
- `spec-diff` calls it breaking when it finds an `ERROR` change (exit 1 from `spec-diff`).

Prints recall (oasdiff-breaking pairs also found breaking), precision (pairs found breaking
that oasdiff calls breaking), agreement, the disagreements by family with their IDs and
ours, and pairs `spec-diff` could not read. Exit 0 when recall and precision are both at
least 90%, 1 otherwise, 2 on a usage error.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from peer_checkout import parse_peer_args

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.90

# A disagreement's family, from the IDs involved (first match wins).
FAMILIES = (
    ("deprecation, sunset, stability", r"deprecat|sunset|stability"),
    ("JSON Schema 2020 keywords, const", r"-if-|-then-|-else-|contains|dependent|pattern-propert|property-names"
     r"|unevaluated|prefix-items|const|content-(schema|media|encoding)"),
    ("oneOf/anyOf/allOf, type lists, discriminators", r"one-of|any-of|all-of|list-of-types|discriminator|wrapped"),
    ("min/max limits", r"-max|-min"),
    ("pattern", r"pattern"),
    ("enum", r"enum"),
    ("required/optional, readOnly/writeOnly", r"required|optional|read-only|write-only"),
    ("media types", r"media-type"),
    ("security", r"security|scope"),
    ("paths and operations", r"api-path|api-removed|path-param|webhook|operation-id"),
    ("types, formats, nullability", r"type|format|nullable"),
    ("headers, parameters, bodies", r"header|parameter|body|status"),
)  # fmt: skip


def _family(ids: list[str]) -> str:
    text = " ".join(ids)
    return next((name for name, pattern in FAMILIES if re.search(pattern, text)), "other")


def _grouped(found: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for run in found:
        pair = pairs.setdefault((run["base"], run["revision"]), {"tests": [], "ids": {}})
        pair["tests"].append(run["test"])
        for change in run["ids"]:
            pair["ids"][change] = run["levels"].get(change, "UNKNOWN")
    return pairs


def _ours(base: str, revision: str) -> tuple[bool | None, list[str]]:
    """(breaking?, our breaking kinds); None when spec-diff cannot read a side."""
    from vgcontract.errors import VgContractError  # noqa: PLC0415 - after sys.path is set
    from vgcontract.findings import Severity  # noqa: PLC0415
    from vgcontract.spec.diff import diff_specs  # noqa: PLC0415
    from vgcontract.spec.model import load_spec  # noqa: PLC0415

    try:
        diff = diff_specs(load_spec(Path(base)), load_spec(Path(revision)))
    except VgContractError as exc:
        return None, [str(exc)[:160]]
    kinds = sorted({change.kind for change in diff.changes if change.severity == Severity.ERROR})
    return bool(kinds), kinds


def measure(checkout: Path) -> dict[str, Any]:
    """Every default-configuration pair, classified both ways; the figures and the disagreements."""
    sys.path[:0] = [str(ROOT / "scripts"), str(Path(__file__).resolve().parent)]
    from oasdiff_pairs import pairs  # noqa: PLC0415 - the extractor beside this file

    grouped = _grouped([run for run in pairs(checkout) if run.get("default_config")])
    rows: list[dict[str, Any]] = []
    for (base, revision), pair in sorted(grouped.items()):
        theirs = sorted(i for i, level in pair["ids"].items() if level == "ERR")
        found, ours = _ours(base, revision)
        rows.append({
            "base": str(Path(base).relative_to(checkout)), "revision": str(Path(revision).relative_to(checkout)),
            "tests": sorted(set(pair["tests"])), "oasdiff_ids": sorted(pair["ids"]), "oasdiff_breaking": bool(theirs),
            "oasdiff_err": theirs, "ours_breaking": found, "ours": ours,
        })  # fmt: skip
    read = [row for row in rows if row["ours_breaking"] is not None]
    true_positive = sum(1 for row in read if row["oasdiff_breaking"] and row["ours_breaking"])
    breaking = sum(1 for row in rows if row["oasdiff_breaking"])
    called = sum(1 for row in read if row["ours_breaking"])
    agree = sum(1 for row in read if row["oasdiff_breaking"] == row["ours_breaking"])
    return {
        "pairs": len(rows),
        "unreadable": len(rows) - len(read),
        "oasdiff_breaking": breaking,
        "ours_breaking": called,
        "true_positive": true_positive,
        "recall": true_positive / breaking if breaking else 1.0,
        "precision": true_positive / called if called else 1.0,
        "agreement": agree / len(rows) if rows else 1.0,
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures and the disagreements; see the module docstring."""
    args = parse_peer_args(__doc__, "oasdiff/oasdiff", "checker/rules.go", argv, show=15)
    if args is None:
        return 2
    figures = measure(args.checkout)
    rows = figures["rows"]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    missed = [row for row in rows if row["oasdiff_breaking"] and row["ours_breaking"] is False]
    extra = [row for row in rows if not row["oasdiff_breaking"] and row["ours_breaking"]]
    unread = [row for row in rows if row["ours_breaking"] is None]
    print(f"{figures['pairs']} pairs at oasdiff's default configuration; {figures['oasdiff_breaking']} breaking "
          f"for oasdiff, {figures['ours_breaking']} for spec-diff; {figures['unreadable']} unreadable")  # fmt: skip
    print(f"breaking recall    {figures['true_positive']}/{figures['oasdiff_breaking']} = {figures['recall']:.1%}")
    print(f"breaking precision {figures['true_positive']}/{figures['ours_breaking']} = {figures['precision']:.1%}")
    print(f"agreement          {figures['agreement']:.1%}")
    for title, found, ids in (("missed (oasdiff: breaking)", missed, "oasdiff_err"),
                              ("extra (oasdiff: not breaking)", extra, "ours")):  # fmt: skip
        families = Counter(_family(row["oasdiff_ids"] or row["ours"]) for row in found)
        print(f"\n{title}: {len(found)}")
        for family, count in families.most_common():
            print(f"  {family}: {count}")
            shown = [row for row in found if _family(row["oasdiff_ids"] or row["ours"]) == family][: args.show]
            for row in shown:
                print(f"    {row['base']} -> {Path(row['revision']).name}: {', '.join(row[ids])}"
                      f"{'' if ids == 'ours' else ' | ours: ' + (', '.join(row['ours']) or '-')}"
                      f"{' | oasdiff: ' + ', '.join(row['oasdiff_ids']) if ids == 'ours' else ''}")  # fmt: skip
    for row in unread:
        print(f"unreadable: {row['base']} -> {row['revision']}: {row['ours'][0]}")
    return 0 if figures["recall"] >= TARGET and figures["precision"] >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
