"""This repository as a vgcontract project: where the tests find the spec, the client and the config."""

from __future__ import annotations

import os
from pathlib import Path

from vgcontract.spec import find_project

__all__ = ["PROJECT", "ROOT", "SPEC", "child_environ"]

PROJECT = find_project(Path(__file__).resolve().parent)
ROOT = PROJECT.root
SPEC = PROJECT.spec


_MAKE_TEST_PLUGINS = ("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTEST_PLUGINS")


def child_environ(*, named_plugins: bool = False) -> dict[str, str]:
    """This process's environment for a child pytest, which loads its plugins as a user's run does.

    `make test` turns plugin autoloading off and names its plugins in the environment (see
    the Makefile); a child run of `contract_tests` must not inherit that. `named_plugins`
    keeps both: a child that needs only those plugins starts seconds sooner.
    """
    if named_plugins:
        return dict(os.environ)
    return {name: value for name, value in os.environ.items() if name not in _MAKE_TEST_PLUGINS}
