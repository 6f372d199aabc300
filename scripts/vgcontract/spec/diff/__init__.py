"""Classifying the changes between two versions of an OpenAPI document, as a client sees them."""

from vgcontract.spec.diff.rules import RULES, SpecDiff, level_label
from vgcontract.spec.diff.walker import diff_specs

__all__ = ["RULES", "SpecDiff", "diff_specs", "level_label"]
