"""`vgcontract record`: fetch conversations and store them, redacted, as fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vgcontract.cli import exit_codes
from vgcontract.cli.args import Subparsers
from vgcontract.cli.live import LiveArgs, add_live_options
from vgcontract.cli.progress import progress

if TYPE_CHECKING:
    from vgcontract.drift.model import Record

__all__ = ["Args", "register", "run"]


@dataclass(frozen=True)
class Args(LiveArgs):
    out: Path


def register(sub: Subparsers) -> None:
    """Add `record` to the command line."""
    parser = sub.add_parser("record", help="fetch conversations and store them, redacted, as fixtures")
    parser.add_argument("--out", type=Path, required=True, help="directory for the recordings")
    add_live_options(parser)
    parser.set_defaults(handler=run, args_model=Args)


def run(args: Args) -> int:
    from vgcontract.live.fetch import live_records
    from vgcontract.live.record import write_recordings
    from vgcontract.spec.release import spec_sha256

    target = args.target()
    schema = args.drift_schema(target)
    ids = target.sample_ids
    with progress(not args.no_progress, "record", len(ids)) as update:
        fetched = 0

        def counted() -> Iterator[Record]:
            nonlocal fetched
            for record in live_records(target, ids, args.options()):
                fetched += 1
                update(fetched)
                yield record

        spec_sha = spec_sha256(target.spec)
        result = write_recordings(
            counted(), args.out, schema, token=target.token, target=target.label, spec_sha256=spec_sha
        )
    print(f"record: {target.label}: {len(result.written)} written, {len(result.skipped)} skipped -> {args.out}")
    for ref, reason in result.skipped:
        print(f"  skipped {ref}: {reason}")
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.redactions.items())) or "none"
    print(f"  redacted: {kinds}; manifest: {result.manifest}")
    if result.written:
        return exit_codes.OK
    # Nothing written: "could not check" when the target never answered, else nothing was a JSON 200.
    return exit_codes.INCONCLUSIVE if result.inconclusive else exit_codes.FINDINGS
