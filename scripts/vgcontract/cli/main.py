"""The `vgcontract` command line: one module per command under `vgcontract.cli.commands`.

Each command module declares its typed arguments and calls `register(subparsers)`; this
module builds the parser, turns the parsed namespace into the command's arguments, runs
the handler, and maps the toolkit's errors to exit codes (`vgcontract.cli.exit_codes`):
0 ok, 1 findings, 2 usage or input error, 3 could not check (inconclusive), 130
interrupted. Engines return data; only the CLI prints and exits.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO, cast

from vgcontract import __version__
from vgcontract.cli import exit_codes
from vgcontract.errors import Inconclusive, VgContractError
from vgcontract.redact import register_environment, scrub_secrets

__all__ = ["build_parser", "main"]

# The modules of `vgcontract.cli.commands`, in the order `--help` lists them; a module's
# command is its name with `-` for `_` (`spec_diff` is `spec-diff`).
COMMANDS = (
    "lint_spec", "generate", "page_fields", "contract", "mock", "drift", "fix_drift", "record",
    "release", "vendor", "dist", "spec_diff", "selftest",
)  # fmt: skip


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line: every command registered, or only the command `only` names.

    Registering one command imports one command module: a run pays for what it uses, while
    `--help` and an unknown command still see them all.
    """
    parser = argparse.ArgumentParser(
        prog="vgcontract",
        description="Contract toolkit for the VoiceGlow Conversations API.",
        epilog="Exit codes: 0 ok, 1 findings, 2 usage or input error, 3 could not check, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    module = only.replace("-", "_") if only is not None and "_" not in only else None
    for name in COMMANDS if module not in COMMANDS else (module,):
        importlib.import_module(f"vgcontract.cli.commands.{name}").register(sub)
    return parser


class _Scrubbed:
    """A text stream that scrubs the process's secrets from everything written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(scrub_secrets(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    """Point the real stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ is not None else 1)
    except OSError:
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code.

    Standard output and error are scrubbed of secrets for the whole run: whatever a server
    echoes back, the token never reaches the terminal or a CI log.
    """
    register_environment(os.environ)  # before anything can print: the token, base-URL credentials
    args = list(sys.argv[1:] if argv is None else argv)
    namespace = build_parser(only=args[0] if args else None).parse_args(args)
    handler: Callable[[Any], int] = namespace.handler
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, _Scrubbed(stdout)), cast(TextIO, _Scrubbed(stderr))
    try:
        # Building the typed arguments validates them: a bad value is a usage error too.
        return handler(namespace.args_model.from_namespace(namespace))
    except Inconclusive as exc:
        print(f"vgcontract: not checked: {exc}", file=sys.stderr)
        return exit_codes.INCONCLUSIVE
    except VgContractError as exc:
        print(f"vgcontract: error: {exc}", file=sys.stderr)
        return exit_codes.USAGE
    except KeyboardInterrupt:
        print("vgcontract: interrupted", file=sys.stderr)
        return exit_codes.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`vgcontract contract | head`): the rest of the output has
        # nowhere to go. Quietly, like any Unix filter, and never a traceback; the result
        # was not fully delivered, so it counts as not checked.
        _silence_stdout()
        return exit_codes.INCONCLUSIVE
    finally:
        sys.stdout, sys.stderr = stdout, stderr
