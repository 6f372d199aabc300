"""The tooling's usage and input errors.

These are the *usage* family: the command could not do its job because of how it was
called or what it was given. Problems found *in* the spec or the API are not exceptions
but `Finding` values (see `vgcontract.findings`); only the CLI turns either into an exit
code.

    VgContractError          any failure of the tooling itself; exit code 2
    ├── UsageError           a bad command line or configuration
    ├── InputError           an input file that is missing, unreadable or malformed
    └── Inconclusive         the target could not be asked what the run needs; exit code 3
"""

from __future__ import annotations

__all__ = ["Inconclusive", "InputError", "UsageError", "VgContractError"]


class VgContractError(Exception):
    """Root of the tooling's own errors. `str(error)` is a one-line message for users."""


class UsageError(VgContractError):
    """The command line or the environment asks for something impossible."""


class InputError(VgContractError):
    """An input (spec, config, fixture, recording) cannot be read or parsed."""


class Inconclusive(VgContractError):
    """The target did not answer what the run needs first (e.g. `--discover`'s list): nothing was checked."""
