"""Fault injection for the embedded mock: the catalogue of realistic breaks, the plan, the injectors."""

from vgcontract.mock.faults.catalogue import BODY_MODES, DEFAULT_SLOW_DELAY, MODES, FaultMode, FaultPlan, parse_modes
from vgcontract.mock.faults.faultset import FaultSet
from vgcontract.mock.faults.injector import FaultInjector

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
