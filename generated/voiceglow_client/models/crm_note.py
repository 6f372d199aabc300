from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CrmNote")


@_attrs_define
class CrmNote:
    """Inferred: one entry of a CRM activity's notes history."""

    text: str | Unset = UNSET
    """ Inferred: text of the note. """
    agent_id: str | Unset = UNSET
    """ Inferred: ID of the team member who wrote it. """
    agent_name: str | Unset = UNSET
    """ Inferred: name of the team member who wrote it. """
    timestamp: str | Unset = UNSET
    """ Inferred: when it was written. A string on the page; format not stated. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        agent_id = self.agent_id

        agent_name = self.agent_name

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text
        if agent_id is not UNSET:
            field_dict["agentId"] = agent_id
        if agent_name is not UNSET:
            field_dict["agentName"] = agent_name
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text", UNSET)

        agent_id = d.pop("agentId", UNSET)

        agent_name = d.pop("agentName", UNSET)

        timestamp = d.pop("timestamp", UNSET)

        crm_note = cls(
            text=text,
            agent_id=agent_id,
            agent_name=agent_name,
            timestamp=timestamp,
        )

        crm_note.additional_properties = d
        return crm_note

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
