"""The spec as one model: read once per command, then passed to every engine as the same object.

`load_spec(path)` is the one way a command reads a spec: the file (and the files its
`$ref`s name inside its tree, `vgcontract.spec.bundle`) through the one reader
(`vgcontract.spec.read`: YAML 1.2, bounded, duplicate keys refused), path keys checked
(`ForeignPathKey`), and `$ref` fan-out bounded. The result, a `Spec`, is a read-only
mapping over the one bundled document plus what every engine asks of it:

- `operations`: every operation, in document order, found by the one walk (`Operation`:
  method, path template, operationId, its pointer, the operation and path item objects,
  its responses, whether the spec marks it as what the live commands fetch);
- `inlined()`: the document with `$ref`s inlined and cycles left as `$ref`s (cached);
- `source`, `path`, `files`: where it was read from, for messages and for tools that
  want a file (the generator and schemathesis get the bundled document instead).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vgcontract.errors import UsageError
from vgcontract.spec.bundle import SpecFiles, bundle
from vgcontract.spec.load import (
    HTTP_METHODS,
    ForeignPathKey,
    dereference,
    expanded_size,
    path_key_problems,
    pointer_escape,
)
from vgcontract.spec.project import display_path
from vgcontract.spec.read import MAX_NODES, SpecReadError, parse_text

__all__ = [
    "FETCH_MARK",
    "Operation",
    "Spec",
    "fetched_get",
    "iter_operations",
    "json_gets",
    "json_operations",
    "load_spec",
    "operations_of",
    "parse_spec",
    "security_alternatives",
    "single_file_text",
]


# The spec marks what the live commands fetch, one record at a time: the GET with this
# extension set to true. Its last path parameter is the record's ID; the others, its owner.
FETCH_MARK = "x-vgcontract-fetch"


@dataclass(frozen=True, eq=False)
class Operation:
    """One operation of the spec, as the one walk found it (`operations_of`)."""

    method: str  # lower case, as in the document
    path: str  # the path template, as written
    operation_id: str  # "" when the spec gives none
    pointer: str  # `#/paths/~1agents~1{agentId}/get`
    node: Mapping[str, Any]  # the operation object, as written
    item: Mapping[str, Any]  # its path item, as written

    @property
    def label(self) -> str:
        """`GET /path`: how messages name it."""
        return f"{self.method.upper()} {self.path}"

    @property
    def fetched(self) -> bool:
        """True for the GET the spec marks as what the live commands fetch (`FETCH_MARK`)."""
        return self.method == "get" and self.node.get(FETCH_MARK) is True

    @property
    def name(self) -> str:
        """The operationId, else the label: what `--operation` accepts."""
        return self.operation_id or self.label

    def responses(self) -> Mapping[str, Any]:
        """The responses object as written (status keys as strings)."""
        found = self.node.get("responses")
        return {str(k): v for k, v in found.items()} if isinstance(found, dict) else {}

    def response_schema_pointer(self, status: str = "200", media: str = "application/json") -> str | None:
        """Where the schema of the `status` answer's `media` body is, if the operation documents one."""
        response = self.responses().get(status)
        content = response.get("content") if isinstance(response, dict) else None
        body = content.get(media) if isinstance(content, dict) else None
        if not isinstance(body, dict) or "schema" not in body:
            return None
        return f"{self.pointer}/responses/{pointer_escape(status)}/content/{pointer_escape(media)}/schema"


def operations_of(doc: Mapping[str, Any]) -> tuple[Operation, ...]:
    """Every operation in `doc`, in document order: the one walk every command uses."""
    found = []
    paths = doc.get("paths")
    for template, item in paths.items() if isinstance(paths, dict) else ():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                op_id = operation.get("operationId")
                pointer = f"#/paths/{pointer_escape(str(template))}/{method}"
                found.append(Operation(method, str(template), str(op_id or ""), pointer, operation, item))
    return tuple(found)


def security_alternatives(requirements: Any) -> list[dict[str, Any]] | None:
    """The alternatives of a `security` list, each {scheme name: scopes}; None when anyone may call.

    No list, an empty one, or `{}` among the alternatives all mean anonymous calls are allowed.
    """
    if not isinstance(requirements, list) or not requirements:
        return None
    alternatives = [entry for entry in requirements if isinstance(entry, dict)]
    if any(not entry for entry in alternatives):
        return None
    return alternatives


def iter_operations(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(path template, method, path item, operation) of every operation in `spec`, in document order."""
    operations = spec.operations if isinstance(spec, Spec) else operations_of(spec)
    for operation in operations:
        yield operation.path, operation.method, dict(operation.item), dict(operation.node)


def json_operations(spec: Mapping[str, Any], methods: tuple[str, ...] = HTTP_METHODS) -> tuple[Operation, ...]:
    """The operations (of `methods`) that document a 200 `application/json` body schema, in document order."""
    operations = spec.operations if isinstance(spec, Spec) else operations_of(spec)
    return tuple(op for op in operations if op.method in methods and op.response_schema_pointer() is not None)


def json_gets(spec: Mapping[str, Any]) -> tuple[Operation, ...]:
    """`json_operations` of the GETs only: what a drift check may read without being told which."""
    return json_operations(spec, ("get",))


def fetched_get(spec: Mapping[str, Any]) -> Operation | None:
    """The GET with a JSON 200 body that the spec marks `x-vgcontract-fetch: true`: what live runs fetch."""
    return next((operation for operation in json_gets(spec) if operation.fetched), None)


class Spec(Mapping[str, Any]):
    """A spec read once: a read-only mapping over its document, with its operations. See the module docstring."""

    def __init__(
        self,
        document: dict[str, Any],
        *,
        source: str,
        path: Path | None = None,
        files: tuple[Path, ...] = (),
        moved: Mapping[str, str] | None = None,
    ) -> None:
        self._document = document
        self.source = source
        self.path = path
        self.files = files
        self.moved: Mapping[str, str] = dict(moved or {})  # local pointer -> "file#pointer" it came from
        self.operations: tuple[Operation, ...] = operations_of(document)
        self._inlined: Any = None

    def __getitem__(self, key: str) -> Any:
        return self._document[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._document)

    def __len__(self) -> int:
        return len(self._document)

    def __repr__(self) -> str:
        return f"Spec({self.source!r}, {len(self.operations)} operations)"

    @property
    def shown(self) -> str:
        """The spec's file as reports name it (relative to the working directory when below it)."""
        return display_path(self.path) if self.path is not None else self.source

    @property
    def document(self) -> dict[str, Any]:
        """The one (bundled) document. Read it; never change it."""
        return self._document

    def inlined(self) -> dict[str, Any]:
        """The whole document with `$ref`s inlined and cycles kept as `$ref`s; computed once, read-only."""
        if self._inlined is None:
            self._inlined = dereference(self._document)
        return dict(self._inlined)


def _model(document: Any, source: str, *, check_paths: bool, path: Path | None = None,
           files: tuple[Path, ...] = (), moved: Mapping[str, str] | None = None) -> Spec:  # fmt: skip
    if not isinstance(document, dict):
        raise SpecReadError(f"{source}: the top level is not a mapping")
    if check_paths:
        problems = path_key_problems(document)
        if problems:
            key, why = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ForeignPathKey(f"{source}: path key {key!r} {why}{more}; refused before any request")
    if expanded_size(document, MAX_NODES) > MAX_NODES:
        raise SpecReadError(f"{source}: its $refs expand past {MAX_NODES:,} nodes (a fan-out bomb?); refused")
    return Spec(document, source=source, path=path, files=files, moved=moved)


def load_spec(path: Path, *, check_paths: bool = True, files: SpecFiles | None = None) -> Spec:
    """Read the spec at `path` (and the files it names inside its tree) into one `Spec`.

    Raises `InputError` (`SpecReadError`) with a one-line message naming the file and line,
    and `ForeignPathKey` when a path key is not a path below the base URL (unless
    `check_paths` is off: the lint reports those instead). `files` is where the spec's files
    are (default: the file system; a git revision's tree for `spec-diff REV:path`).
    """
    files = files or SpecFiles()
    document = files.read(path)
    bundled = bundle(path, document, files)
    if not files.local:  # a git revision: no file on disk to patch or copy
        return _model(bundled.document, files.shown(path), check_paths=check_paths, moved=bundled.moved)
    return _model(bundled.document, files.shown(path), check_paths=check_paths, path=path, files=bundled.files,
                  moved=bundled.moved)  # fmt: skip


def parse_spec(text: str, source: str, *, check_paths: bool = True) -> Spec:
    """A spec from its text alone (a git revision, a test): the same reader, no other file read."""
    return _model(parse_text(text, source), source, check_paths=check_paths)


def single_file_text(spec: Spec) -> str:
    """The text of the one file `spec` was read from, for a patch; `UsageError` for a split or unsaved spec."""
    if spec.path is None or len(spec.files) > 1:
        where = f"split into {len(spec.files)} files" if len(spec.files) > 1 else "not read from a file"
        raise UsageError(f"{spec.source}: a spec patch edits one file, and this spec is {where}; edit it by hand")
    try:
        return spec.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecReadError(f"{spec.source}: cannot read: {exc}") from None
