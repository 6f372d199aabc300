from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoiceflowV4Session")


@_attrs_define
class VoiceflowV4Session:
    """Inferred: the Voiceflow v4 session that backs the conversation."""

    session_key: str | Unset = UNSET
    """ Inferred: key of the Voiceflow session. """
    project_id: str | Unset = UNSET
    """ Inferred: ID of the Voiceflow project. """
    environment_alias: str | Unset = UNSET
    """ Inferred: alias of the Voiceflow environment (e.g. production). """
    updated_at: int | Unset = UNSET
    """ Inferred: when the session was last updated, Unix epoch seconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_key = self.session_key

        project_id = self.project_id

        environment_alias = self.environment_alias

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if session_key is not UNSET:
            field_dict["sessionKey"] = session_key
        if project_id is not UNSET:
            field_dict["projectId"] = project_id
        if environment_alias is not UNSET:
            field_dict["environmentAlias"] = environment_alias
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        session_key = d.pop("sessionKey", UNSET)

        project_id = d.pop("projectId", UNSET)

        environment_alias = d.pop("environmentAlias", UNSET)

        updated_at = d.pop("updatedAt", UNSET)

        voiceflow_v4_session = cls(
            session_key=session_key,
            project_id=project_id,
            environment_alias=environment_alias,
            updated_at=updated_at,
        )

        voiceflow_v4_session.additional_properties = d
        return voiceflow_v4_session

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
