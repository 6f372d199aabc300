"""Limits several layers share, in a module that imports nothing (the CLI's options read them at start-up)."""

__all__ = ["DEFAULT_MAX_RECORD_BYTES"]

# A conversation with a long transcript is tens of kilobytes; 4 MiB is far beyond any real
# body, and bounds the memory one record can take, whichever source it comes from.
DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024
"""The largest record (a response body, an NDJSON line) read whole; larger ones are reported, not read."""
