"""The `vgcontract` command line: subcommands that the Makefile targets call.

Exit codes, for every subcommand:

    0  success: nothing found at or above the failure threshold
    1  findings: the spec, the generated client or the API broke the contract
    2  usage or input error: bad arguments, a missing or malformed file
  130  interrupted

The engine modules return data (findings, diffs); only this module prints and exits.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from vgcontract import __version__
from vgcontract.cli.commands.client import add_client_parsers
from vgcontract.cli.commands.drift import add_drift_parsers
from vgcontract.cli.commands.selftest import add_selftest_parser
from vgcontract.cli.commands.spec_diff import add_specdiff_parser
from vgcontract.client.generate import GENERATED_DIR
from vgcontract.errors import UsageError, VgContractError
from vgcontract.findings import Severity
from vgcontract.mock.faults.catalogue import DEFAULT_SLOW_DELAY
from vgcontract.spec.load import SPEC_PATH, load_spec

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


def _cmd_lint_spec(args: argparse.Namespace) -> int:
    from vgcontract.spec.lint.rules import lint_spec

    findings = lint_spec(load_spec(args.spec))
    threshold = Severity[args.fail_on.upper()]
    if args.format == "json":
        rows = [{"code": f.code, "severity": str(f.severity), "path": f.path, "message": f.message} for f in findings]
        print(json.dumps({"spec": str(args.spec), "findings": rows}, indent=2))
    else:
        for finding in findings:
            print(finding.render())
        counts = {s: sum(f.severity == s for f in findings) for s in reversed(Severity)}
        summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
        print(f"{args.spec}: {summary} (openapi-spec-validator + spectral:oas rules)")
    return EXIT_FINDINGS if any(f.severity >= threshold for f in findings) else EXIT_OK


def _cmd_generate(args: argparse.Namespace) -> int:
    from vgcontract.client.generate import regenerate

    regenerate(args.output)
    print(f"generated {args.output} from openapi/voiceglow.yaml")
    return EXIT_OK


def _cmd_check_generated(args: argparse.Namespace) -> int:
    from vgcontract.client.generate import check_generated, render_diffs
    from vgcontract.spec.release import version_gate

    diffs = check_generated(args.against)
    if not diffs:
        print(f"{args.against}: matches a fresh generation")
    else:
        sys.stdout.writelines(render_diffs(diffs))
        print(
            f"{args.against}: {len(diffs)} file(s) differ from a fresh generation. Generated code is never edited "
            "by hand: change openapi/ (spec, generator-config.yaml or templates/), then run `make generate`."
        )
    problems = version_gate()
    for problem in problems:
        print(f"version: {problem}")
    if not problems:
        print("version: the client's version and CHANGELOG.md match the spec's changes")
    return EXIT_FINDINGS if diffs or problems else EXIT_OK


def _cmd_page_fields(args: argparse.Namespace) -> int:
    from vgcontract.spec.page import documented_fields, page_example

    try:
        text = args.page.read_text(encoding="utf-8")
    except OSError as exc:
        raise VgContractError(f"{args.page}: cannot read: {exc.strerror or exc}") from None
    if args.example:
        print(json.dumps(page_example(text), indent=2, ensure_ascii=False))
    else:
        print(json.dumps([f.as_json() for f in documented_fields(text)], indent=2))
    return EXIT_OK


def _cmd_mock(args: argparse.Namespace) -> int:
    import uvicorn

    from vgcontract.mock.app import build_app
    from vgcontract.mock.faults.catalogue import MODES, DriftPlan, parse_modes

    modes = parse_modes(args.drift) if args.drift is not None else ()
    plan = DriftPlan(modes, rate=args.drift_rate, seed=args.drift_seed, delay=args.drift_delay)
    app = build_app(args.spec, drift=plan, seed=args.seed)
    if args.list_drift:
        width = max(len(m.name) for m in MODES)
        for mode in MODES:
            print(f"{mode.name:<{width}}  {mode.family:<9}  {mode.summary}; breaks: {app.drift.describe(mode.name)}")
        return EXIT_OK
    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be 1..65535, got {args.port}")
    # The token is deliberately not printed: say where it comes from instead.
    source = "VOICEGLOW_MOCK_TOKEN" if os.environ.get("VOICEGLOW_MOCK_TOKEN") else "the documented default, see README"
    print(f"mock: http://{args.host}:{args.port}{app.base_path} (token: {source}); Ctrl-C stops", flush=True)
    if modes:
        print(f"mock: drift {','.join(modes)} on {plan.rate:.0%} of responses (seed {plan.seed})", flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return EXIT_OK


def _cmd_contract(args: argparse.Namespace) -> int:
    from vgcontract.cli.commands.drift import report_targets, write_drift_reports
    from vgcontract.contract.mainjob import run_main_job
    from vgcontract.contract.run import env_config
    from vgcontract.reporting.contract import render_summary, write_reports
    from vgcontract.reporting.drift import render_terminal

    config = env_config(base_url=args.base_url, examples=args.examples)
    threshold = Severity[args.fail_on.upper()]
    print(f"contract: checking {config.target} against openapi/voiceglow.yaml ...", flush=True)
    job = run_main_job(config)
    print(render_summary(job.contract))
    for path in write_reports(job.contract, args.reports):
        print(f"  report: {path}")
    sys.stdout.write(render_terminal(job.drift, threshold))
    for line in write_drift_reports(job.drift, threshold, report_targets(args.reports)):
        print(f"  report {line}")
    return EXIT_FINDINGS if job.fails(threshold) else EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vgcontract",
        description="Contract toolkit for the VoiceGlow Conversations API.",
        epilog="Exit codes: 0 ok, 1 findings, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lint = sub.add_parser("lint-spec", help="validate and lint the OpenAPI spec (spectral:oas rules)")
    lint.add_argument("--spec", type=Path, default=SPEC_PATH, help="spec to lint (default: %(default)s)")
    lint.add_argument(
        "--fail-on", choices=["error", "warning", "info", "hint"], default="warning",
        help="lowest severity that fails the run (default: %(default)s)",
    )  # fmt: skip
    lint.add_argument("--format", choices=["text", "json"], default="text")
    lint.set_defaults(handler=_cmd_lint_spec)

    gen = sub.add_parser("generate", help="regenerate the client package from the spec")
    gen.add_argument("--output", type=Path, default=GENERATED_DIR, help="directory to (re)write (default: generated/)")
    gen.set_defaults(handler=_cmd_generate)

    check = sub.add_parser("check-generated", help="fail when generated/ differs from a fresh generation")
    check.add_argument(
        "--against", type=Path, default=GENERATED_DIR, help="committed copy to compare (default: generated/)"
    )
    check.set_defaults(handler=_cmd_check_generated)

    page = sub.add_parser("page-fields", help="list the documented fields (or the example) of a docs page capture")
    page.add_argument("page", type=Path, help="text capture of the Get Single Conversation page")
    page.add_argument("--example", action="store_true", help="print the page's example response instead")
    page.set_defaults(handler=_cmd_page_fields)
    contract = sub.add_parser(
        "contract", help="the main job: run the contract checks against the mock (default) or the live API"
    )
    contract.add_argument(
        "--base-url", default=None, help="live API base URL (default: $VOICEGLOW_BASE_URL, else the mock)"
    )
    contract.add_argument(
        "--examples", type=int, default=None, help="generated examples (default: $VOICEGLOW_ST_EXAMPLES or 60)"
    )
    contract.add_argument(
        "--reports", type=Path, default=Path("reports"), help="report directory (default: %(default)s)"
    )
    contract.add_argument(
        "--fail-on", choices=["error", "warning", "info"], default="warning",
        help="lowest drift severity that fails the job (default: %(default)s: undocumented fields, new enum "
        "values and timestamp units fail it too, because the spec is then stale); contract failures always fail",
    )  # fmt: skip
    contract.set_defaults(handler=_cmd_contract)

    mock = sub.add_parser("mock", help="serve the embedded mock API built from the spec")
    mock.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    mock.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "8080")), help="port (default: $PORT or 8080)"
    )
    mock.add_argument("--spec", type=Path, default=SPEC_PATH, help="spec to serve (default: %(default)s)")
    mock.add_argument("--seed", type=int, default=0, help="another seed serves another set of valid bodies")
    mock.add_argument("--drift", metavar="KIND[,KIND...]", help="break the contract on purpose (see --list-drift)")
    mock.add_argument(
        "--drift-rate", type=float, default=1.0, metavar="R", help="fraction of responses that drift (default: 1.0)"
    )
    mock.add_argument("--drift-seed", type=int, default=0, help="which responses drift when R < 1 (default: 0)")
    mock.add_argument(
        "--drift-delay", type=float, default=DEFAULT_SLOW_DELAY, metavar="SECONDS",
        help="how late `slow` answers (default: %(default)s, past the contract job's 10 s timeout)",
    )  # fmt: skip
    mock.add_argument("--list-drift", action="store_true", help="list the drift modes and the fields they break")
    mock.set_defaults(handler=_cmd_mock)

    add_drift_parsers(sub)
    add_client_parsers(sub)
    add_specdiff_parser(sub)
    add_selftest_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = _parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except VgContractError as exc:
        print(f"vgcontract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("vgcontract: interrupted", file=sys.stderr)
        return 130
