"""Classifying the changes between two versions of an OpenAPI document, as a client sees them."""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
    from vgcontract.spec.diff.rules import RULES, SpecDiff, level_label
    from vgcontract.spec.diff.walker import diff_specs

__getattr__, __dir__ = _lazy_face(__name__, __file__)

__all__ = ["RULES", "SpecDiff", "diff_specs", "level_label"]
