from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoiceSession")


@_attrs_define
class VoiceSession:
    """Inferred: the live voice session of a call."""

    latest_session_id: str | Unset = UNSET
    """ Inferred: ID of the latest voice session. """
    listen_url: str | Unset = UNSET
    """ Inferred: URL to listen to the call live. """
    listen_url_unix: int | Unset = UNSET
    """ Inferred: when `listenUrl` was issued, Unix epoch seconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        latest_session_id = self.latest_session_id

        listen_url = self.listen_url

        listen_url_unix = self.listen_url_unix

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if latest_session_id is not UNSET:
            field_dict["latestSessionId"] = latest_session_id
        if listen_url is not UNSET:
            field_dict["listenUrl"] = listen_url
        if listen_url_unix is not UNSET:
            field_dict["listenUrlUNIX"] = listen_url_unix

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        latest_session_id = d.pop("latestSessionId", UNSET)

        listen_url = d.pop("listenUrl", UNSET)

        listen_url_unix = d.pop("listenUrlUNIX", UNSET)

        voice_session = cls(
            latest_session_id=latest_session_id,
            listen_url=listen_url,
            listen_url_unix=listen_url_unix,
        )

        voice_session.additional_properties = d
        return voice_session

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
