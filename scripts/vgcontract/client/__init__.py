"""The generated client: generating it from the spec, vendoring it into other trees, building
its wheel and sdist.
"""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
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
        source_package,
    )
    from vgcontract.client.impact import Break, find_uses
    from vgcontract.client.release_flow import ReleaseResult, release
    from vgcontract.client.vendored_check import read_listed
    from vgcontract.client.vendoring import (
        EDIT_KINDS,
        STALE_KINDS,
        VENDOR_MANIFEST,
        VendorCheck,
        VendorResult,
        check_vendored,
        locate_vendored,
        vendor,
    )

__getattr__, __dir__ = _lazy_face(__name__, __file__)

__all__ = [
    "EDIT_KINDS",
    "MANIFEST_NAME",
    "STALE_KINDS",
    "VENDOR_MANIFEST",
    "Break",
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
    "find_uses",
    "generate_into",
    "locate_vendored",
    "read_listed",
    "regenerate",
    "release",
    "render_diffs",
    "source_package",
    "vendor",
]
