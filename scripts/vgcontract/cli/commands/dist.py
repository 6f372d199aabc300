"""`vgcontract dist`: build the voiceglow-client wheel and sdist."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(CommandArgs):
    out: Path


def register(sub: Subparsers) -> None:
    """Add `dist` to the command line."""
    parser = sub.add_parser("dist", help="build the voiceglow-client wheel and sdist")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="output directory (default: %(default)s)")
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.client.dist import build_distributions
    from vgcontract.spec.project import find_project

    built = build_distributions(args.out, project=find_project().generated)
    modules = sum(name.endswith(".py") for name in built.wheel_files)
    print(f"built {built.wheel} ({modules} modules) and {built.sdist}")
    return exit_codes.OK
