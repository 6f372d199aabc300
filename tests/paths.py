"""This repository as a vgcontract project: where the tests find the spec, the client and the config."""

from __future__ import annotations

from pathlib import Path

from vgcontract.spec import find_project

__all__ = ["PROJECT", "ROOT", "SPEC"]

PROJECT = find_project(Path(__file__).resolve().parent)
ROOT = PROJECT.root
SPEC = PROJECT.spec
