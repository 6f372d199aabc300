"""The drift check: every way response bodies differ from the spec, aggregated by JSON path.

One record's path: a source (`sources`: NDJSON or a directory; `vgcontract.live.fetch`:
the target) yields `Record`s; `engine.run_drift` parses each, validates it against the
check schema `schema.DriftSchema` derives from the spec, classifies each difference
(`model.DriftKind`), folds it into a per-path aggregate, and returns a `DriftReport`
whose findings `vgcontract.reporting.drift` renders. `patch` turns a report into a spec
change; `infer` gives undocumented fields a schema.
"""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
    from vgcontract.drift.engine import DriftChecker, run_drift
    from vgcontract.drift.fastpath import FastPath
    from vgcontract.drift.infer import Shape, schema_for_types
    from vgcontract.drift.model import (
        DEFAULT_MAX_RECORD_BYTES,
        MAX_LISTED_RECORDS,
        MAX_SAMPLES,
        DriftKind,
        DriftReport,
        Observation,
        PathAggregate,
        Record,
        UnreadableRecord,
        json_type,
    )
    from vgcontract.drift.parallel import cores, default_workers, run_drift_parallel, split_ranges
    from vgcontract.drift.patch import SpecPatch, suggest_patch, verified_patch
    from vgcontract.drift.schema import (
        EPOCH_MS_FLOOR,
        EPOCH_UNITS,
        DriftSchema,
        SchemaSite,
        format_path,
        normalise_instance_path,
        parse_path,
    )
    from vgcontract.drift.sources import SourceStats, dir_records, ndjson_records, stream_records
    from vgcontract.drift.withhold import (
        LOOKS_PERSONAL,
        LOOKS_SECRET,
        UNSHOWABLE,
        safe_schema,
        shown_path,
        why_withheld,
    )

__getattr__, __dir__ = _lazy_face(__name__, __file__)

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "EPOCH_MS_FLOOR",
    "EPOCH_UNITS",
    "LOOKS_PERSONAL",
    "LOOKS_SECRET",
    "MAX_LISTED_RECORDS",
    "MAX_SAMPLES",
    "UNSHOWABLE",
    "DriftChecker",
    "DriftKind",
    "DriftReport",
    "DriftSchema",
    "FastPath",
    "Observation",
    "PathAggregate",
    "Record",
    "SchemaSite",
    "Shape",
    "SourceStats",
    "SpecPatch",
    "UnreadableRecord",
    "cores",
    "default_workers",
    "dir_records",
    "format_path",
    "json_type",
    "ndjson_records",
    "normalise_instance_path",
    "parse_path",
    "run_drift",
    "run_drift_parallel",
    "safe_schema",
    "schema_for_types",
    "shown_path",
    "split_ranges",
    "stream_records",
    "suggest_patch",
    "verified_patch",
    "why_withheld",
]
