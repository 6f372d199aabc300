from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseShapeError, excerpt
from ..types import (
    ANY,
    STRING,
    UNSET,
    Field,
    ModelShape,
    Unset,
    decode,
)

T = TypeVar("T", bound="Assignee")


@_attrs_define
class Assignee:
    """Inferred: the team member the conversation is assigned to."""

    user_id: str | Unset = UNSET
    """ Inferred: ID of the team member. """
    name: str | Unset = UNSET
    """ Inferred: name of the team member. """
    email: str | Unset = UNSET
    """ Inferred: email of the team member; format email. """
    photo_url: str | Unset = UNSET
    """ Inferred: URL of the team member's photo. """
    note: str | Unset = UNSET
    """ Inferred: a note left with the assignment. """
    assigned_at: str | Unset = UNSET
    """ Inferred: when the assignment was made. A string on the page (unlike the epoch timestamps); format not
    stated. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    @classmethod
    def _shape_(cls) -> ModelShape:
        """The documented fields of this model, as the decoder walks them."""
        return _shape()

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON data: the documented fields, then any undocumented ones it keeps."""
        encoded: dict[str, Any] = _shape().encode(self)
        return encoded

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any], *, strict: bool = False) -> T:
        """Build the model from JSON data.

        Lenient (the default): values that depart from the spec are kept as they are.
        ``strict=True``: any departure raises ``ResponseShapeError`` naming every JSON path.
        Data that is not an object at all raises ``ResponseShapeError`` either way.
        """
        instance, problems = decode(cls, src_dict)
        if problems and (strict or not isinstance(instance, cls)):
            raise ResponseShapeError.from_problems(problems, body_excerpt=excerpt(repr(src_dict).encode()))
        return instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


@functools.cache
def _shape() -> ModelShape:
    return ModelShape(
        Assignee,
        fields=(
            Field("userId", "user_id", STRING, required=False),
            Field("name", "name", STRING, required=False),
            Field("email", "email", STRING, required=False),
            Field("photoUrl", "photo_url", STRING, required=False),
            Field("note", "note", STRING, required=False),
            Field("assignedAt", "assigned_at", STRING, required=False),
        ),
        extra=ANY,
    )
