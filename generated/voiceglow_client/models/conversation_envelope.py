from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conversation import Conversation


T = TypeVar("T", bound="ConversationEnvelope")


@_attrs_define
class ConversationEnvelope:
    """The response envelope of a successful call. (Page.)"""

    success: bool
    """ Whether the call succeeded; `true` on a 200. (Page.) """
    message: str
    """ Human-readable outcome, e.g. "Conversation retrieved successfully". (Page.) """
    data: Conversation
    """ Full conversation metadata, including lead information. (Page.) Every field is optional except `ID`: the
    page's example omits most of them, and a real API omits what it does not know. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        message = self.message

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "message": message,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation import Conversation  # noqa: PLC0415

        d = dict(src_dict)
        success = d.pop("success")

        message = d.pop("message")

        data = Conversation.from_dict(d.pop("data"))

        conversation_envelope = cls(
            success=success,
            message=message,
            data=data,
        )

        conversation_envelope.additional_properties = d
        return conversation_envelope

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
