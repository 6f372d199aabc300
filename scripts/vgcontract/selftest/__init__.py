"""`make selftest`: the main job against the mock in every fault mode (the kill table), and
the false-positive sweep.
"""

from vgcontract.selftest.run import (
    BASELINE,
    FAIL_ON,
    ModeOutcome,
    SelftestResult,
    SweepOutcome,
    run_mode,
    run_selftest,
    run_sweep,
)
from vgcontract.selftest.serve import serve

__all__ = [
    "BASELINE",
    "FAIL_ON",
    "ModeOutcome",
    "SelftestResult",
    "SweepOutcome",
    "run_mode",
    "run_selftest",
    "run_sweep",
    "serve",
]
