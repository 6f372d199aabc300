"""`vgcontract page-fields`: the documented fields (or the example) of a docs page capture."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from vgcontract.cli import exit_codes
from vgcontract.cli.args import CommandArgs, Subparsers
from vgcontract.errors import InputError

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(CommandArgs):
    page: Path
    example: bool


def register(sub: Subparsers) -> None:
    """Add `page-fields` to the command line."""
    parser = sub.add_parser("page-fields", help="list the documented fields (or the example) of a docs page capture")
    parser.add_argument("page", type=Path, help="text capture of the Get Single Conversation page")
    parser.add_argument("--example", action="store_true", help="print the page's example response instead")
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.spec.page import documented_fields, page_example

    try:
        text = args.page.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{args.page}: cannot read: {exc.strerror or exc}") from None
    if args.example:
        print(json.dumps(page_example(text), indent=2, ensure_ascii=False))
    else:
        print(json.dumps([f.as_json() for f in documented_fields(text)], indent=2))
    return exit_codes.OK
