"""The generated client: generating it from the spec, vendoring it into other trees, building
its wheel and sdist.
"""

from vgcontract.client.dist import Distributions, build_distributions
from vgcontract.client.generate import (
    MANIFEST_NAME,
    FileDiff,
    GenerationError,
    GenerationInputs,
    check_generated,
    diff_trees,
    generate_into,
    regenerate,
    render_diffs,
)
from vgcontract.client.release import ReleaseResult, release
from vgcontract.client.vendor import (
    EDIT_KINDS,
    STALE_KINDS,
    VENDOR_MANIFEST,
    VendorCheck,
    VendorResult,
    check_vendored,
    locate_vendored,
    vendor,
)

__all__ = [
    "EDIT_KINDS",
    "MANIFEST_NAME",
    "STALE_KINDS",
    "VENDOR_MANIFEST",
    "Distributions",
    "FileDiff",
    "GenerationError",
    "GenerationInputs",
    "ReleaseResult",
    "VendorCheck",
    "VendorResult",
    "build_distributions",
    "check_generated",
    "check_vendored",
    "diff_trees",
    "generate_into",
    "locate_vendored",
    "regenerate",
    "release",
    "render_diffs",
    "vendor",
]
