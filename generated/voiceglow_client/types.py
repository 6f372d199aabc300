"""Shared types: ``UNSET``, ``Response``, ``File``, and the field shapes every model decodes with.

They are the runtime's (``_runtime.shapes``): ordinary source, tested in vgcontract and
copied here unchanged. Generated modules import this module under a private name, so no
schema name can shadow them.
"""

from ._runtime.shapes import *  # noqa: F403
from ._runtime.shapes import __all__ as __all__
