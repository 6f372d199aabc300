from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InboundEngagementState")


@_attrs_define
class InboundEngagementState:
    """Inferred: the AI's decisions on whether to reply to inbound messages."""

    first_decision_at: int | Unset = UNSET
    """ Inferred: when the first decision was made, Unix epoch seconds. """
    first_decision_should_reply: bool | Unset = UNSET
    """ Inferred: whether the first decision was to reply. """
    last_decision_at: int | Unset = UNSET
    """ Inferred: when the last decision was made, Unix epoch seconds. """
    last_decision_should_reply: bool | Unset = UNSET
    """ Inferred: whether the last decision was to reply. """
    last_decision_reason: str | Unset = UNSET
    """ Inferred: the reason given for the last decision. """
    ai_owned_thread: bool | Unset = UNSET
    """ Inferred: whether the AI owns the thread. """
    ignore_thread: bool | Unset = UNSET
    """ Inferred: whether the thread is to be ignored. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_decision_at = self.first_decision_at

        first_decision_should_reply = self.first_decision_should_reply

        last_decision_at = self.last_decision_at

        last_decision_should_reply = self.last_decision_should_reply

        last_decision_reason = self.last_decision_reason

        ai_owned_thread = self.ai_owned_thread

        ignore_thread = self.ignore_thread

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if first_decision_at is not UNSET:
            field_dict["firstDecisionAt"] = first_decision_at
        if first_decision_should_reply is not UNSET:
            field_dict["firstDecisionShouldReply"] = first_decision_should_reply
        if last_decision_at is not UNSET:
            field_dict["lastDecisionAt"] = last_decision_at
        if last_decision_should_reply is not UNSET:
            field_dict["lastDecisionShouldReply"] = last_decision_should_reply
        if last_decision_reason is not UNSET:
            field_dict["lastDecisionReason"] = last_decision_reason
        if ai_owned_thread is not UNSET:
            field_dict["aiOwnedThread"] = ai_owned_thread
        if ignore_thread is not UNSET:
            field_dict["ignoreThread"] = ignore_thread

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        first_decision_at = d.pop("firstDecisionAt", UNSET)

        first_decision_should_reply = d.pop("firstDecisionShouldReply", UNSET)

        last_decision_at = d.pop("lastDecisionAt", UNSET)

        last_decision_should_reply = d.pop("lastDecisionShouldReply", UNSET)

        last_decision_reason = d.pop("lastDecisionReason", UNSET)

        ai_owned_thread = d.pop("aiOwnedThread", UNSET)

        ignore_thread = d.pop("ignoreThread", UNSET)

        inbound_engagement_state = cls(
            first_decision_at=first_decision_at,
            first_decision_should_reply=first_decision_should_reply,
            last_decision_at=last_decision_at,
            last_decision_should_reply=last_decision_should_reply,
            last_decision_reason=last_decision_reason,
            ai_owned_thread=ai_owned_thread,
            ignore_thread=ignore_thread,
        )

        inbound_engagement_state.additional_properties = d
        return inbound_engagement_state

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
