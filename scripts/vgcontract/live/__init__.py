"""Talking to the target: resolving it once (`Target`), the one bounded HTTP layer, paths, fetching, recording."""

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

__all__ = [
    "DEFAULT_BUDGET",
    "DEFAULT_EXAMPLES",
    "DEFAULT_TIMEOUT",
    "MANIFEST_NAME",
    "AsyncLiveClient",
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
    "expand_path",
    "live_records",
    "misconfiguration",
    "recorded_operation",
    "resolve_target",
    "unchecked_kind",
    "write_recordings",
]
