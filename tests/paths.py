"""This repository as a vgcontract project: where the tests find the spec, the client and the config."""

from __future__ import annotations

import os
from pathlib import Path

from vgcontract.spec import find_project

__all__ = ["PROJECT", "ROOT", "SPEC", "child_environ"]

PROJECT = find_project(Path(__file__).resolve().parent)
ROOT = PROJECT.root
SPEC = PROJECT.spec


def child_environ() -> dict[str, str]:
    """This process's environment for a child pytest, which loads its plugins as a user's run does.

    `make test` turns plugin autoloading off and names its plugins (see the Makefile); a child
    run of `contract_tests` must not inherit that.
    """
    return {name: value for name, value in os.environ.items() if name != "PYTEST_DISABLE_PLUGIN_AUTOLOAD"}
