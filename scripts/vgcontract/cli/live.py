"""The options of the commands that fetch from the target (`drift --live`, `record`)."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vgcontract.cli.args import CommandArgs, add_spec
from vgcontract.errors import InputError, UsageError
from vgcontract.limits import DEFAULT_MAX_RECORD_BYTES
from vgcontract.runtime.policy import RetryPolicy

if TYPE_CHECKING:
    from vgcontract.drift.schema import DriftSchema
    from vgcontract.live.discover import Discovery
    from vgcontract.live.fetch import LiveOptions
    from vgcontract.live.target import Target
    from vgcontract.spec.model import Spec

__all__ = ["LiveArgs", "add_discover", "add_live_options", "discovered"]


@dataclass(frozen=True)
class LiveArgs(CommandArgs):
    """The fetching options, shared by `drift` and `record`."""

    spec: Path | None
    ids: list[str]
    ids_file: Path | None
    base_url: str | None
    concurrency: int
    retries: int
    connect_timeout: float
    timeout: float | None
    max_retry_wait: float
    no_progress: bool
    max_record_bytes: int
    operation: str | None
    discover: int | None

    def __post_init__(self) -> None:
        if self.max_record_bytes < 1:
            raise UsageError(f"--max-record-bytes must be at least 1, got {self.max_record_bytes}")

    def convo_ids(self) -> list[str]:
        """The IDs from the command line, then `--ids-file` (one per line, `#` comments)."""
        ids = [i.strip() for i in self.ids if i.strip()]
        if self.ids_file is not None:
            try:
                lines = self.ids_file.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"{self.ids_file}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
            ids += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
        return ids

    @functools.cached_property
    def loaded_spec(self) -> Spec:
        """The spec of `--spec` (else the project's), read once for the whole command."""
        from vgcontract.spec.model import load_spec
        from vgcontract.spec.project import resolve_spec

        return load_spec(resolve_spec(self.spec))

    def target(self) -> Target:
        """The run's `Target`, resolved once from these options and the environment."""
        return self.target_and_discovery()[0]

    def target_and_discovery(self) -> tuple[Target, Discovery | None]:
        """The run's `Target`, and what `--discover` listed (None without it)."""
        from vgcontract.live.discover import discover_count
        from vgcontract.live.target import resolve_target

        count = discover_count(self.discover, os.environ)
        target = resolve_target(
            os.environ,
            spec=self.loaded_spec,
            base_url=self.base_url,
            convo_ids=self.convo_ids(),
            discovering=count is not None,
        )
        return (target, None) if count is None else discovered(target, count)

    def drift_schema(self, target: Target | None = None, recorded: str | None = None) -> DriftSchema:
        """The drift schema of `--operation`, else what the target fetches or `recorded`, else the conversation GET."""
        from vgcontract.drift.schema import DriftSchema
        from vgcontract.spec.model import fetched_get, json_gets

        spec = target.spec if target is not None else self.loaded_spec
        if self.operation:
            operation: str | None = self.operation
        elif target is not None:
            operation = target.fetched_operation()
        elif recorded:
            operation = recorded  # what `record` wrote in the directory's manifest
        else:
            # Recordings are of what the nightly check fetches: with several GETs, that one.
            fetched = fetched_get(spec) if len(json_gets(spec)) > 1 else None
            operation = fetched.name if fetched is not None else None
        return DriftSchema.from_spec(spec, operation)

    def options(self) -> LiveOptions:
        """The fetching bounds."""
        from vgcontract.live.fetch import LiveOptions

        return LiveOptions(
            concurrency=self.concurrency,
            connect_timeout=self.connect_timeout,
            timeout=self.timeout,
            retries=self.retries,
            max_retry_wait=self.max_retry_wait,
            max_record_bytes=self.max_record_bytes,
        )


def add_live_options(parser: argparse.ArgumentParser) -> None:
    """The options every fetching command takes."""
    parser.add_argument("ids", nargs="*", help="conversation IDs (else --ids-file, else $VOICEGLOW_CONVO_IDS)")
    parser.add_argument("--ids-file", type=Path, help="file with one conversation ID per line (# comments)")
    parser.add_argument("--base-url", help="API base URL (default: $VOICEGLOW_BASE_URL, else the embedded mock)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (default: %(default)s)")
    policy = RetryPolicy()  # the client's defaults: one policy
    parser.add_argument(
        "--retries",
        type=int,
        default=policy.max_retries,
        help="retries of 429/502/503/504 and of connections that could not be made (default: %(default)s)",
    )
    parser.add_argument("--connect-timeout", type=float, default=5.0, help="seconds (default: %(default)s)")
    parser.add_argument(
        "--timeout",
        "--read-timeout",
        type=float,
        default=None,
        help="total seconds for one request: connect, headers and body (default: $VOICEGLOW_TIMEOUT or 10)",
    )
    parser.add_argument(
        "--max-retry-wait",
        type=float,
        default=policy.max_retry_after,
        help="a longer Retry-After is not waited for: the answer stands, unchecked (default: %(default)s s)",
    )
    add_spec(parser, "spec to check against")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    parser.add_argument(
        "--max-record-bytes", type=int, default=DEFAULT_MAX_RECORD_BYTES, help="larger records are reported, not read"
    )
    parser.add_argument(
        "--operation",
        metavar="OPERATION_ID",
        default=None,
        help="the operation whose 200 body the records are (default: the single-conversation GET)",
    )
    add_discover(parser)


def add_discover(parser: argparse.ArgumentParser) -> None:
    """`--discover N`, for every command that fetches conversations (`vgcontract.live.discover`)."""
    parser.add_argument(
        "--discover",
        type=int,
        metavar="N",
        default=None,
        help="also check the N most recent conversations, listed by the spec's list operation "
        "(default: $VOICEGLOW_DISCOVER; exit 3 if the list cannot be read)",
    )


def discovered(target: Target, count: int) -> tuple[Target, Discovery]:
    """`target` with `count` listed conversations added, and the discovery itself (its list pages are
    drift-checked too); says on stderr how many listed rows were unusable."""
    from vgcontract.live.discover import with_discovered

    found, discovery = with_discovered(target, count)
    if discovery.unusable:
        print(
            f"discover: {len(discovery.ids)} ID(s) to check; {discovery.unusable} listed row(s) skipped "
            "(no ID that can be one path segment)",
            file=sys.stderr,
        )
    return found, discovery
