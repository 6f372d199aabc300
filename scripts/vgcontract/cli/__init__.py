"""The `vgcontract` command line: `main`, and one module per command in `vgcontract.cli.commands`."""

from vgcontract.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
