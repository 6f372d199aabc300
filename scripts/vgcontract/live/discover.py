"""`--discover N`: the conversation IDs to check, taken from the spec's list operation.

A nightly run then needs no pinned IDs that go stale. The list operation is the GET whose
path is the conversation path without its last segment; its rows and a row's ID are where
its 200 body's envelope says (`Envelope`: the one array of records, and a record's one
required string property), and it pages by its own paging parameters (`Paging`). All of
it is read from the spec, so a spec whose list has another shape says so, once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import orjson

from vgcontract.drift.model import Record
from vgcontract.errors import Inconclusive, UsageError
from vgcontract.live.http import LiveError, misconfiguration, unchecked_kind
from vgcontract.live.target import conversation_template
from vgcontract.live.urls import encode_segment
from vgcontract.redact import scrub_secrets
from vgcontract.spec import dereference, path_shape
from vgcontract.spec.envelope import Envelope
from vgcontract.spec.model import Spec, operations_of
from vgcontract.spec.paging import Paging

if TYPE_CHECKING:
    from collections.abc import Mapping

    import httpx

    from vgcontract.live.target import Target

__all__ = ["Discovery", "ListOperation", "discover_count", "discover_ids", "list_operation", "with_discovered"]

_MAX_PAGES = 50  # a server that pages forever stops here


@dataclass(frozen=True)
class ListOperation:
    """Where the conversations are listed and how to read a page of them."""

    template: str
    operation: str  # its operationId, else `GET /path`
    envelope: Envelope  # where the rows are, and a row's ID
    paging: Paging


@dataclass(frozen=True)
class Discovery:
    """The listed IDs to check, and how many listed IDs could not be one (not a string, or not one path segment)."""

    ids: tuple[str, ...]
    unusable: int = 0
    operation: str = ""  # the list operation read
    pages: tuple[Record, ...] = ()  # its answers, so the list rows are drift-checked too


def list_operation(spec: Mapping[str, Any], conversation_template: str) -> ListOperation:
    """The list operation beside `conversation_template` in `spec`; `UsageError` naming what is missing."""
    resolved = spec.inlined() if isinstance(spec, Spec) else dereference(spec)
    parent = path_shape(conversation_template.rsplit("/", 1)[0])
    for found in operations_of(resolved):  # the one operation walk
        if found.method != "get" or path_shape(found.path) != parent:
            continue
        template, item, operation = found.path, dict(found.item), dict(found.node)
        response = ((operation.get("responses") or {}).get("200") or {}).get("content") or {}
        envelope = Envelope.from_schema((response.get("application/json") or {}).get("schema") or {})
        if not envelope.is_list or len(envelope.record) != 2:
            raise UsageError(f"--discover: GET {template} must have one array of rows in its 200 body")
        if envelope.id_field is None:
            raise UsageError(f"--discover: the rows of GET {template} need one required string ID property")
        name = str(operation.get("operationId") or f"GET {template}")
        return ListOperation(template, name, envelope, Paging.of(item, operation))
    raise UsageError(f"--discover needs a GET {conversation_template.rsplit('/', 1)[0]} in the spec to list from")


def discover_ids(target: Target, spec: Mapping[str, Any], count: int, conversation_template: str) -> Discovery:
    """Up to `count` conversation IDs, most recent first as the server lists them.

    Raises `Inconclusive` when the list cannot be read (timeouts, rate limits, an error
    status, a body of another shape): that is not a contract failure, and no ID is guessed.
    """
    if count < 1:
        raise UsageError(f"--discover must be at least 1, got {count}")
    listing = list_operation(spec, conversation_template)
    path = target.path(listing.template, target.probe_parameters(listing.template))
    paging = listing.paging
    per_page = min(count, paging.size_max or count)
    found: dict[str, None] = {}  # ordered and each once
    pages: list[Record] = []
    unusable, seen = 0, set[str]()
    with target.client() as client:
        for page in range(1, _MAX_PAGES + 1):
            params: dict[str, int] = {}
            if paging.size:
                params[paging.size] = per_page
            if paging.number:
                params[paging.number] = page
            try:
                response = client.send("GET", path, headers=target.auth_headers, params=params)
            except LiveError as exc:
                problem = misconfiguration(exc, urlsplit(target.base_url).hostname, target.label, target.timeout)
                if problem is not None:
                    raise UsageError(problem) from None
                raise Inconclusive(f"discover: GET {listing.template}: {exc.kind}: {exc}") from None
            pages.append(Record(f"GET {path}?page={page}", response.content, response.status_code,
                                response.headers.get("content-type", "")))  # fmt: skip
            rows = _page(response, listing)
            ids, skipped = _ids(rows, str(listing.envelope.id_field))
            found.update(dict.fromkeys(ids))
            unusable += skipped
            # A page that lists nothing it had not listed before (a server ignoring `page`) ends the walk too.
            listed = {repr(row.get(listing.envelope.id_field) if isinstance(row, dict) else row) for row in rows}
            repeated = listed <= seen
            seen |= listed
            if len(found) >= count or repeated or paging.number is None or len(rows) < per_page:
                break
    if not found:
        raise Inconclusive(
            f"discover: GET {listing.template} listed no conversation with an ID to check "
            f"({unusable} listed ID(s) cannot be one path segment)"
        )
    return Discovery(tuple(found)[:count], unusable, listing.operation, tuple(pages))


def _page(response: httpx.Response, listing: ListOperation) -> list[Any]:
    status = response.status_code
    if unchecked_kind(status) is not None:
        raise Inconclusive(f"discover: GET {listing.template} answered HTTP {status} after the bounded retries")
    if status != 200:
        raise Inconclusive(f"discover: GET {listing.template} answered HTTP {status}, not 200")
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:  # not JSON, not UTF-8, or nested past orjson's limit
        raise Inconclusive(f"discover: GET {listing.template} answered a body that is not JSON") from None
    rows_key = listing.envelope.record[0]
    rows = body.get(rows_key) if isinstance(body, dict) else None
    if not isinstance(rows, list):
        raise Inconclusive(f"discover: GET {listing.template}: no `{rows_key}` array in the body")
    return rows


def _ids(rows: list[Any], id_field: str) -> tuple[list[str], int]:
    """The rows' IDs that can each be exactly one path segment, and how many rows had none such.

    An ID that carries the token (a server echoing it) is unusable too: it would end up in
    reports, and in the names of recorded files.
    """
    ids = []
    for row in rows:
        value = row.get(id_field) if isinstance(row, dict) else None
        try:
            encode_segment(value)
        except UsageError:
            continue
        if isinstance(value, str) and scrub_secrets(value) == value:
            ids.append(value)
    return ids, len(rows) - len(ids)


def discover_count(flag: int | None, env: Mapping[str, str]) -> int | None:
    """`--discover N`, else `$VOICEGLOW_DISCOVER`, else None (no discovery). `UsageError` if not >= 1."""
    raw: object = flag if flag is not None else env.get("VOICEGLOW_DISCOVER", "").strip() or None
    if raw is None:
        return None
    try:
        count = int(str(raw))
    except ValueError:
        raise UsageError(f"VOICEGLOW_DISCOVER must be a whole number, got {raw!r}") from None
    if count < 1:
        raise UsageError(f"--discover must be at least 1, got {count}")
    return count


def with_discovered(target: Target, count: int) -> tuple[Target, Discovery]:
    """`target` checking its pinned IDs first (known to exist), then `count` discovered ones, each once."""
    found = discover_ids(target, target.spec, count, conversation_template(target.spec))
    ids = tuple(dict.fromkeys((*target.convo_ids, *found.ids)))
    return replace(target, convo_ids=ids, sample_ids=ids), found
