"""`make selftest`: the main job against the mock in every fault mode (the kill table), and
the false-positive sweep.
"""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
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
    from vgcontract.selftest.server import serve

__getattr__, __dir__ = _lazy_face(__name__, __file__)

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
