"""Talking to the target: resolving it once (`Target`), the one bounded HTTP layer, paths, fetching, recording."""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
    from vgcontract.live.fetch import LiveOptions, live_records
    from vgcontract.live.http import (
        AsyncLiveClient,
        BodyTooLarge,
        Bounds,
        Budget,
        BudgetExhausted,
        ConnectionFailed,
        DeadlineExceeded,
        LiveClient,
        LiveError,
        UndecodableBody,
        misconfiguration,
        unchecked_kind,
    )
    from vgcontract.live.network import READ_BUFFER, AsyncioBackend, AsyncioTransport, environment_proxy
    from vgcontract.live.origin import ForeignOrigin
    from vgcontract.live.record import MANIFEST_NAME, RecordingResult, recorded_operation, write_recordings
    from vgcontract.live.target import (
        DEFAULT_BUDGET,
        DEFAULT_EXAMPLES,
        DEFAULT_TIMEOUT,
        Target,
        conversation_operation,
        conversation_template,
        resolve_target,
    )
    from vgcontract.live.urls import encode_segment, expand_path

__getattr__, __dir__ = _lazy_face(__name__, __file__)

__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_EXAMPLES",
    "DEFAULT_TIMEOUT",
    "MANIFEST_NAME",
    "READ_BUFFER",
    "AsyncLiveClient",
    "AsyncioBackend",
    "AsyncioTransport",
    "BodyTooLarge",
    "Bounds",
    "Budget",
    "BudgetExhausted",
    "ConnectionFailed",
    "DeadlineExceeded",
    "ForeignOrigin",
    "LiveClient",
    "LiveError",
    "LiveOptions",
    "RecordingResult",
    "Target",
    "UndecodableBody",
    "conversation_operation",
    "conversation_template",
    "encode_segment",
    "environment_proxy",
    "expand_path",
    "live_records",
    "misconfiguration",
    "recorded_operation",
    "resolve_target",
    "unchecked_kind",
    "write_recordings",
]
