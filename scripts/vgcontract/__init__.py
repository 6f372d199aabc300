"""vgcontract: the contract toolkit for the VoiceGlow Conversations API.

The hand-written tooling behind the `vgcontract` console command. The spec (by default
`openapi/voiceglow.yaml`, see `vgcontract.spec.project`) is the single source of truth;
this package lints it, generates the client from it, serves a mock of it, checks the live
API against it and reports what differs. See ARCHITECTURE.md for the layers.
"""

from vgcontract.errors import InputError, UsageError, VgContractError
from vgcontract.findings import Finding, Severity, worst
from vgcontract.markdown import md_code, md_text
from vgcontract.recent import Recent
from vgcontract.redact import (
    REDACTED,
    Redactor,
    find_personal_patterns,
    forget_secrets,
    register_environment,
    register_secret,
    scrub_secrets,
)

__all__ = [
    "REDACTED",
    "Finding",
    "InputError",
    "Recent",
    "Redactor",
    "Severity",
    "UsageError",
    "VgContractError",
    "find_personal_patterns",
    "forget_secrets",
    "md_code",
    "md_text",
    "register_environment",
    "register_secret",
    "scrub_secrets",
    "worst",
]
__version__ = "0.1.0"
