"""vgcontract: the contract toolkit for the VoiceGlow Conversations API.

The hand-written tooling behind the `vgcontract` console command. The spec in
`openapi/voiceglow.yaml` is the single source of truth; this package lints it, generates
the client in `generated/` from it and proves the generated copy is current.
"""

from vgcontract.errors import InputError, UsageError, VgContractError
from vgcontract.findings import Finding, Severity

__all__ = ["Finding", "InputError", "Severity", "UsageError", "VgContractError"]
__version__ = "0.1.0"
