"""`vgcontract mock`: serve the embedded mock, optionally breaking the contract on purpose (faults)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_spec
from vgcontract.errors import UsageError

__all__ = ["Args", "register", "run"]

_DEFAULT_DELAY = 15.0  # past the contract job's default 10 s timeout (vgcontract.mock.faults.DEFAULT_SLOW_DELAY)


@dataclass(frozen=True)
class Args(CommandArgs):
    spec: Path | None
    host: str
    port: int
    seed: int
    faults: str | None
    fault_rate: float
    fault_seed: int
    fault_delay: float | None
    fault_operation: str | None
    list_faults: bool


def register(sub: Subparsers) -> None:
    """Add `mock` to the command line."""
    parser = sub.add_parser("mock", help="serve the embedded mock API built from the spec")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "8080")), help="port (default: $PORT or 8080)"
    )
    add_spec(parser, "spec to serve")
    parser.add_argument("--seed", type=int, default=0, help="another seed serves another set of valid bodies")
    parser.add_argument("--faults", metavar="KIND[,KIND...]", help="break the contract on purpose (see --list-faults)")
    parser.add_argument(
        "--fault-rate", type=float, default=1.0, metavar="R",
        help="fraction of responses that break (default: 1.0)",
    )  # fmt: skip
    parser.add_argument("--fault-seed", type=int, default=0, help="which responses break when R < 1 (default: 0)")
    parser.add_argument(
        "--fault-delay", type=float, default=None, metavar="SECONDS",
        help=f"how late `slow` answers (default: {_DEFAULT_DELAY:g}, past the contract job's 10 s timeout)",
    )  # fmt: skip
    parser.add_argument(
        "--fault-operation", metavar="OPERATION_ID",
        help="break only this operation (operationId or 'GET /path'; default: every operation)",
    )  # fmt: skip
    parser.add_argument("--list-faults", action="store_true", help="list the fault modes and the fields they break")
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    import uvicorn

    from vgcontract.mock.app import build_app
    from vgcontract.mock.faults import DEFAULT_SLOW_DELAY, MODES, FaultPlan, parse_modes
    from vgcontract.spec.model import load_spec
    from vgcontract.spec.project import resolve_spec

    modes = parse_modes(args.faults) if args.faults is not None else ()
    delay = args.fault_delay if args.fault_delay is not None else DEFAULT_SLOW_DELAY
    plan = FaultPlan(modes, rate=args.fault_rate, seed=args.fault_seed, delay=delay, operation=args.fault_operation)
    app = build_app(load_spec(resolve_spec(args.spec)), faults=plan, seed=args.seed)
    if args.list_faults:
        width = max(len(m.name) for m in MODES)
        for mode in MODES:
            print(f"{mode.name:<{width}}  {mode.family:<9}  {mode.summary}; breaks: {app.faults.describe(mode.name)}")
        return exit_codes.OK
    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be 1..65535, got {args.port}")
    # The token is deliberately not printed: say where it comes from instead.
    source = "VOICEGLOW_MOCK_TOKEN" if os.environ.get("VOICEGLOW_MOCK_TOKEN") else "the documented default, see README"
    if not app.own_token:
        source = "any bearer token, as the spec marks no operation to fetch; set VOICEGLOW_MOCK_TOKEN for one"
    print(f"mock: http://{args.host}:{args.port}{app.base_path} (token: {source}); Ctrl-C stops", flush=True)
    if modes:
        print(f"mock: faults {','.join(modes)} on {plan.rate:.0%} of responses (seed {plan.seed})", flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return exit_codes.OK
