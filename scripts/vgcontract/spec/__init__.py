"""The spec: loading it, where the project keeps it, its docs page, line-level edits, and releases.

Subpackages: `vgcontract.spec.lint` (the spectral:oas rules) and `vgcontract.spec.diff`
(classifying changes between two specs).
"""

from vgcontract.spec.load import JsonPointerError, dereference, iter_nodes, load_spec, pointer_escape, resolve_pointer
from vgcontract.spec.page import (
    DocumentedField,
    documented_fields,
    page_example,
    page_response_schema,
    placeholder_kind,
)
from vgcontract.spec.project import Project, find_project, resolve_spec
from vgcontract.spec.release import (
    ChangelogEntry,
    blob_id,
    bumped,
    client_version,
    insert_entry,
    load_revision,
    read_changelog,
    revision_bytes,
    version_gate,
)
from vgcontract.spec.yamledit import YamlText, dump_block

__all__ = [
    "ChangelogEntry",
    "DocumentedField",
    "JsonPointerError",
    "Project",
    "YamlText",
    "blob_id",
    "bumped",
    "client_version",
    "dereference",
    "documented_fields",
    "dump_block",
    "find_project",
    "insert_entry",
    "iter_nodes",
    "load_revision",
    "load_spec",
    "page_example",
    "page_response_schema",
    "placeholder_kind",
    "pointer_escape",
    "read_changelog",
    "resolve_pointer",
    "resolve_spec",
    "revision_bytes",
    "version_gate",
]
