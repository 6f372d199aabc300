"""What every endpoint returns and takes besides models: ``Response``, ``File``, ``UNSET``.

Copied into the client unchanged; the generated ``types`` module re-exports these names
(through ``shapes``) for the generator's own templates, which import them from there.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define, field

from .errors import ShapeProblem

__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]


class Unset:
    """The type of ``UNSET``: a value the body or the caller left out (false, unlike None)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A documented success: the status, the raw body and headers, and the parsed model.

    ``status_code`` is an ``HTTPStatus`` for registered codes and a plain ``int`` otherwise.
    ``shape_problems`` lists where the body departed from the spec; it is empty unless the
    client is lenient (strict clients raise ``ResponseShapeError`` instead). The repr
    shows neither the body nor the headers.
    """

    status_code: int
    content: bytes = field(repr=False)
    headers: MutableMapping[str, str] = field(repr=False)
    parsed: T
    shape_problems: tuple[ShapeProblem, ...] = ()
