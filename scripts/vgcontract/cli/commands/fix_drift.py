"""`vgcontract fix-drift`: the nightly loop's middle: drift in, a released spec fix out.

It runs the drift check on live conversations (or the mock), derives the spec change that
documents what it saw (`drift --suggest-patch`, re-checked against the corpus), applies
it to the project's spec, runs `release`, and writes a pull-request body: the drift
summary, the release's CHANGELOG entry, and what still needs a human. The working tree is
then ready to commit; the workflow opens or updates one pull request from it.

The outcome goes to standard output, to `--state FILE` and, on GitHub Actions, to the step
output `state`: `clean` (no drift at or above `--fail-on`), `patched` (a fix is in the
working tree), `unpatchable` (drift, but nothing the spec can say: an issue, not a PR),
`inconclusive` (no drift seen, but some conversations could not be checked).
Exit codes: 0 clean, 1 patched or unpatchable, 2 usage error, 3 inconclusive.

Nothing the server chose is committed unchecked: a new field name, a key inside it or a new
enum value that looks like a secret (the token or any registered secret, in any encoding)
or like personal data is withheld (`vgcontract.drift.withhold`): not written, listed in the
body with its reason, and the state is `unpatchable` when nothing else was left to apply.
The patch builder checks every line it adds once more and refuses a patch that would still
carry one (exit 2, nothing written); the diff applied is the one `reports/spec.patch` shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vgcontract.cli import exit_codes
from vgcontract.cli.args import Subparsers, add_fail_on, severity
from vgcontract.cli.live import LiveArgs, add_live_options

if TYPE_CHECKING:
    from vgcontract.drift.model import DriftReport
    from vgcontract.findings import Severity

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(LiveArgs):
    fail_on: str
    reports: Path
    state: Path | None


def register(sub: Subparsers) -> None:
    """Add `fix-drift` to the command line."""
    parser = sub.add_parser(
        "fix-drift", help="drift in, a released spec fix out: patch the spec, release, write the PR body"
    )
    add_live_options(parser)
    add_fail_on(parser, ["error", "warning", "info"], "warning", ": the same threshold as `make contract`")
    parser.add_argument("--reports", type=Path, default=Path("reports"), help="where drift.* and pr-body.md go")
    parser.add_argument("--state", type=Path, default=None, help="also write the outcome (clean/patched/...) here")
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.client.release_flow import release
    from vgcontract.drift.engine import run_drift
    from vgcontract.drift.patch import verified_patch
    from vgcontract.drift.withhold import shown_path
    from vgcontract.errors import UsageError
    from vgcontract.live.fetch import live_records
    from vgcontract.reporting import drift as render
    from vgcontract.reporting.writer import ensure_directory, write_all, write_report
    from vgcontract.spec.model import single_file_text
    from vgcontract.spec.project import find_project

    threshold = severity(args.fail_on)
    ensure_directory(args.reports)
    if args.state is not None:
        write_report(args.state, "", what="state file")  # a bad --state fails now, not after the patch
    target = args.target()
    project = find_project()
    spec_file = target.spec.path
    if spec_file is None or spec_file.resolve() != project.spec.resolve():  # it patches and releases the project's
        raise UsageError(f"fix-drift works on the project's spec ({project.relative(project.spec)}), "
                         f"not {target.spec.source}")  # fmt: skip
    schema = args.drift_schema(target)
    ids = target.sample_ids
    records = list(live_records(target, ids, args.options()))  # kept: the patch is re-checked on them
    report = run_drift(records, schema, source=f"live {target.label}", spec_name=project.relative(spec_file))
    for path in write_all(args.reports, render.report_files(report, threshold)):
        print(f"  report: {path}")
    if not report.fails(threshold):
        state = "inconclusive" if report.inconclusive else "clean"
        return _finish(args, state, exit_codes.INCONCLUSIVE if report.inconclusive else exit_codes.OK)
    spec_text = single_file_text(target.spec)
    patch, after = verified_patch(
        report,
        schema,
        spec_text,
        project.relative(spec_file),
        lambda patched: run_drift(iter(records), patched, source=report.source),
    )
    write_report(args.reports / "spec.patch", patch.diff, what="patch")
    if not patch.changes:
        body = _body(report, threshold, "", patch.not_patched, patch.withheld, patched=False)
        write_report(args.reports / "pr-body.md", body, what="issue body")
        return _finish(args, "unpatchable", exit_codes.FINDINGS)
    spec_file.write_text(patch.patched, encoding="utf-8")
    released = release(project)
    left = (
        []
        if after is None
        else [f"{f.kind} at {shown_path(f.location)}" for f in after.findings if f.severity >= threshold]
    )
    left += [f"the release is still failing: {problem.message}" for problem in released.gate]
    body = _body(report, threshold, released.entry, [*patch.not_patched, *left], patch.withheld, patched=True)
    write_report(args.reports / "pr-body.md", body, what="pull-request body")
    print(f"fix-drift: {len(patch.changes)} spec change(s) applied; released voiceglow-client {released.version}")
    return _finish(args, "patched", exit_codes.FINDINGS)


def _body(
    report: DriftReport,
    threshold: Severity,
    entry: str,
    review: list[str],
    withheld: list[tuple[str, str]],
    *,
    patched: bool,
) -> str:
    from vgcontract.markdown import md_text
    from vgcontract.reporting import drift as render

    lines = [render.render_markdown(report, threshold).rstrip(), ""]
    if patched:
        lines += ["## The release", "", entry.strip() or "(no entry)", ""]
    if withheld:
        lines += [
            "## Withheld: not written into the spec, the client or the changelog",
            "",
            "The server returned these names or values; they were not committed because of what they look like.",
            "",
            *(f"- {md_text(where)}: value withheld: {reason}" for where, reason in withheld),
            "",
        ]
    lines += ["## For a human to review", ""]
    lines += [f"- [ ] {md_text(item)}" for item in review] or ["- [ ] nothing the check could not patch"]
    lines += [
        "- [ ] every new field's description (the patch writes what was observed, not what it means)",
        "- [ ] whether the API changed on purpose: a breaking release needs a note to consumers",
        "",
        "Written by `vgcontract fix-drift` (the nightly drift workflow).",
    ]
    return "\n".join(lines) + "\n"


def _finish(args: Args, state: str, code: int) -> int:
    from vgcontract.reporting.writer import write_report

    print(f"fix-drift: {state}")
    if args.state is not None:
        write_report(args.state, state + "\n", what="state file")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        write_report(output, f"state={state}\n", what="step output", append=True)
    return code
