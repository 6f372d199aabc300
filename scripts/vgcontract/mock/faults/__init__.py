"""Fault injection for the embedded mock: the catalogue of realistic breaks, the plan, the injectors."""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
    from vgcontract.mock.faults.catalogue import (
        BODY_MODES,
        DEFAULT_SLOW_DELAY,
        MODES,
        FaultMode,
        FaultPlan,
        parse_modes,
    )
    from vgcontract.mock.faults.faultset import FaultSet
    from vgcontract.mock.faults.injector import FaultInjector

__getattr__, __dir__ = _lazy_face(__name__, __file__)

__all__ = [
    "BODY_MODES",
    "DEFAULT_SLOW_DELAY",
    "MODES",
    "FaultInjector",
    "FaultMode",
    "FaultPlan",
    "FaultSet",
    "parse_modes",
]
