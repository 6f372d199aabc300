"""The spec: read into one model (`Spec`), where the project keeps it, its docs page, line edits, releases.

Subpackages: `vgcontract.spec.lint` (the spectral:oas rules) and `vgcontract.spec.diff`
(classifying changes between two specs).
"""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
    from vgcontract.spec.changelog import ChangelogEntry, human_line, read_entries, render_entry, write_entry
    from vgcontract.spec.envelope import Envelope
    from vgcontract.spec.load import (
        HTTP_METHODS,
        PATH_VARIABLE,
        ForeignPathKey,
        JsonPointerError,
        dereference,
        iter_nodes,
        path_key_problems,
        path_shape,
        pointer_escape,
        resolve_pointer,
        with_definitions,
    )
    from vgcontract.spec.model import (
        Operation,
        Spec,
        iter_operations,
        json_gets,
        json_operations,
        load_spec,
        operations_of,
        parse_spec,
    )
    from vgcontract.spec.nullable import with_nullable_as_type
    from vgcontract.spec.page import (
        DocumentedField,
        documented_fields,
        page_example,
        page_response_schema,
        placeholder_kind,
    )
    from vgcontract.spec.paging import Paging
    from vgcontract.spec.project import Project, find_project, resolve_spec
    from vgcontract.spec.read import MAX_FILE_BYTES, SpecReadError
    from vgcontract.spec.release import (
        RANK,
        SHIPPED_MODULES,
        blob_id,
        bump_between,
        bumped,
        client_version,
        label,
        load_revision,
        parse_version,
        release_gate,
        revision_bytes,
        set_client_version,
        set_spec_version,
        sha256_of,
        summary,
        tree_sha256,
    )
    from vgcontract.spec.yamledit import YamlText, dump_block

__getattr__, __dir__ = _lazy_face(__name__, __file__)

__all__ = [
    "HTTP_METHODS",
    "MAX_FILE_BYTES",
    "PATH_VARIABLE",
    "RANK",
    "SHIPPED_MODULES",
    "ChangelogEntry",
    "DocumentedField",
    "Envelope",
    "ForeignPathKey",
    "JsonPointerError",
    "Operation",
    "Paging",
    "Project",
    "Spec",
    "SpecReadError",
    "YamlText",
    "blob_id",
    "bump_between",
    "bumped",
    "client_version",
    "dereference",
    "documented_fields",
    "dump_block",
    "find_project",
    "human_line",
    "iter_nodes",
    "iter_operations",
    "json_gets",
    "json_operations",
    "label",
    "load_revision",
    "load_spec",
    "operations_of",
    "page_example",
    "page_response_schema",
    "parse_spec",
    "parse_version",
    "path_key_problems",
    "path_shape",
    "placeholder_kind",
    "pointer_escape",
    "read_entries",
    "release_gate",
    "render_entry",
    "resolve_pointer",
    "resolve_spec",
    "revision_bytes",
    "set_client_version",
    "set_spec_version",
    "sha256_of",
    "summary",
    "tree_sha256",
    "with_definitions",
    "with_nullable_as_type",
    "write_entry",
]
