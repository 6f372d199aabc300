"""`vgcontract generate` and `check-generated`: the client from the spec, and the golden check."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers, add_spec

__all__ = ["CheckArgs", "GenerateArgs", "register", "run_check", "run_generate"]


@dataclass(frozen=True)
class GenerateArgs(CommandArgs):
    spec: Path | None
    output: Path | None


@dataclass(frozen=True)
class CheckArgs(CommandArgs):
    spec: Path | None
    against: Path | None


def register(sub: Subparsers) -> None:
    """Add `generate` and `check-generated` to the command line."""
    gen = sub.add_parser("generate", help="regenerate the client package from the spec")
    add_spec(gen, "spec to generate from")
    gen.add_argument("--output", type=Path, default=None, help="directory to (re)write (default: the project's)")
    gen.set_defaults(handler=run_generate, args_model=GenerateArgs)

    check = sub.add_parser(
        "check-generated", help="fail when generated/ differs from a fresh generation, or the release gate fails"
    )
    add_spec(check, "spec to generate from")
    check.add_argument("--against", type=Path, default=None, help="committed copy to compare (default: the project's)")
    check.set_defaults(handler=run_check, args_model=CheckArgs)


def run_generate(args: GenerateArgs) -> int:
    from vgcontract.client.generate import GenerationInputs, regenerate
    from vgcontract.spec.project import find_project

    project = find_project()
    output = args.output or project.generated
    inputs = GenerationInputs.of(project, args.spec)
    changed = regenerate(output, inputs)
    print(f"generated {project.relative(output)} from {project.relative(inputs.spec)}: {len(changed)} file(s) changed")
    return exit_codes.OK


def run_check(args: CheckArgs) -> int:
    from vgcontract.cli.commands.release import print_gate
    from vgcontract.client.generate import GenerationInputs, check_generated, render_diffs
    from vgcontract.spec.project import find_project
    from vgcontract.spec.release import release_gate

    project = find_project()
    against = args.against or project.generated
    inputs = GenerationInputs.of(project, args.spec)
    diffs = check_generated(against, inputs)
    if not diffs:
        print(f"{against}: matches a fresh generation")
    else:
        sys.stdout.writelines(render_diffs(diffs))
        print(
            f"{against}: {len(diffs)} file(s) differ from a fresh generation. Generated code is never edited "
            "by hand: change openapi/ (spec, generator-config.yaml or templates/), then run `make generate` "
            "(or `make release` for a spec change)."
        )
    problems = release_gate(project, spec=inputs.spec)
    print_gate(problems)
    return exit_codes.FINDINGS if diffs or problems else exit_codes.OK
