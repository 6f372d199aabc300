from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="HandoffEntry")


@_attrs_define
class HandoffEntry:
    """Inferred: one hand-off of the conversation from the AI to human agents."""

    requested_at: int | Unset = UNSET
    """ Inferred: when the hand-off was requested, Unix epoch seconds. """
    accepted_at: int | Unset = UNSET
    """ Inferred: when a human accepted the hand-off, Unix epoch seconds. """
    completed_at: int | Unset = UNSET
    """ Inferred: when the hand-off was completed, Unix epoch seconds. """
    accepted_by: str | Unset = UNSET
    """ Inferred: ID of the human agent who accepted. """
    organization_id: str | Unset = UNSET
    """ Inferred: ID of the organization the hand-off belongs to. """
    requested_team_key: str | Unset = UNSET
    """ Inferred: key of the team the hand-off was requested to. """
    team_ids: list[str] | Unset = UNSET
    """ Inferred: IDs of the teams the hand-off was offered to. """
    team_keys: list[str] | Unset = UNSET
    """ Inferred: keys of the teams the hand-off was offered to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        requested_at = self.requested_at

        accepted_at = self.accepted_at

        completed_at = self.completed_at

        accepted_by = self.accepted_by

        organization_id = self.organization_id

        requested_team_key = self.requested_team_key

        team_ids: list[str] | Unset = UNSET
        if not isinstance(self.team_ids, Unset):
            team_ids = self.team_ids

        team_keys: list[str] | Unset = UNSET
        if not isinstance(self.team_keys, Unset):
            team_keys = self.team_keys

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if requested_at is not UNSET:
            field_dict["requestedAt"] = requested_at
        if accepted_at is not UNSET:
            field_dict["acceptedAt"] = accepted_at
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at
        if accepted_by is not UNSET:
            field_dict["acceptedBy"] = accepted_by
        if organization_id is not UNSET:
            field_dict["organizationId"] = organization_id
        if requested_team_key is not UNSET:
            field_dict["requestedTeamKey"] = requested_team_key
        if team_ids is not UNSET:
            field_dict["teamIds"] = team_ids
        if team_keys is not UNSET:
            field_dict["teamKeys"] = team_keys

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        requested_at = d.pop("requestedAt", UNSET)

        accepted_at = d.pop("acceptedAt", UNSET)

        completed_at = d.pop("completedAt", UNSET)

        accepted_by = d.pop("acceptedBy", UNSET)

        organization_id = d.pop("organizationId", UNSET)

        requested_team_key = d.pop("requestedTeamKey", UNSET)

        team_ids = cast(list[str], d.pop("teamIds", UNSET))

        team_keys = cast(list[str], d.pop("teamKeys", UNSET))

        handoff_entry = cls(
            requested_at=requested_at,
            accepted_at=accepted_at,
            completed_at=completed_at,
            accepted_by=accepted_by,
            organization_id=organization_id,
            requested_team_key=requested_team_key,
            team_ids=team_ids,
            team_keys=team_keys,
        )

        handoff_entry.additional_properties = d
        return handoff_entry

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
