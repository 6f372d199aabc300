from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        name = self.name

        email = self.email

        photo_url = self.photo_url

        note = self.note

        assigned_at = self.assigned_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if photo_url is not UNSET:
            field_dict["photoUrl"] = photo_url
        if note is not UNSET:
            field_dict["note"] = note
        if assigned_at is not UNSET:
            field_dict["assignedAt"] = assigned_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = d.pop("userId", UNSET)

        name = d.pop("name", UNSET)

        email = d.pop("email", UNSET)

        photo_url = d.pop("photoUrl", UNSET)

        note = d.pop("note", UNSET)

        assigned_at = d.pop("assignedAt", UNSET)

        assignee = cls(
            user_id=user_id,
            name=name,
            email=email,
            photo_url=photo_url,
            note=note,
            assigned_at=assigned_at,
        )

        assignee.additional_properties = d
        return assignee

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
