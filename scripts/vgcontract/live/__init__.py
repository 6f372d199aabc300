"""Talking to the target: resolving it once (`Target`), building paths, fetching, recording."""

from vgcontract.live.fetch import RETRY_STATUSES, LiveOptions, live_records, retry_delay
from vgcontract.live.record import MANIFEST_NAME, RecordingResult, write_recordings
from vgcontract.live.target import DEFAULT_EXAMPLES, DEFAULT_TIMEOUT, Target, resolve_target
from vgcontract.live.urls import encode_segment, expand_path

__all__ = [
    "DEFAULT_EXAMPLES",
    "DEFAULT_TIMEOUT",
    "MANIFEST_NAME",
    "RETRY_STATUSES",
    "LiveOptions",
    "RecordingResult",
    "Target",
    "encode_segment",
    "expand_path",
    "live_records",
    "resolve_target",
    "retry_delay",
    "write_recordings",
]
