from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VapiCall")


@_attrs_define
class VapiCall:
    """Inferred: details of the voice call, when the conversation is a Vapi call."""

    cost: float | Unset = UNSET
    """ Inferred: cost of the call. A number because money is fractional. """
    call_duration: float | Unset = UNSET
    """ Inferred: duration of the call, presumably seconds. A number because durations can be fractional. """
    recording_url: str | Unset = UNSET
    """ Inferred: URL of the call recording. """
    caller_phone_number: str | Unset = UNSET
    """ Inferred: the caller's phone number. Personal data. """
    callee_phone_number: str | Unset = UNSET
    """ Inferred: the called phone number. """
    call_status: str | Unset = UNSET
    """ Inferred: status of the call. """
    call_error: str | Unset = UNSET
    """ Inferred: the error that ended the call, if any. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        call_duration = self.call_duration

        recording_url = self.recording_url

        caller_phone_number = self.caller_phone_number

        callee_phone_number = self.callee_phone_number

        call_status = self.call_status

        call_error = self.call_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cost is not UNSET:
            field_dict["cost"] = cost
        if call_duration is not UNSET:
            field_dict["callDuration"] = call_duration
        if recording_url is not UNSET:
            field_dict["recordingUrl"] = recording_url
        if caller_phone_number is not UNSET:
            field_dict["callerPhoneNumber"] = caller_phone_number
        if callee_phone_number is not UNSET:
            field_dict["calleePhoneNumber"] = callee_phone_number
        if call_status is not UNSET:
            field_dict["callStatus"] = call_status
        if call_error is not UNSET:
            field_dict["callError"] = call_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cost = d.pop("cost", UNSET)

        call_duration = d.pop("callDuration", UNSET)

        recording_url = d.pop("recordingUrl", UNSET)

        caller_phone_number = d.pop("callerPhoneNumber", UNSET)

        callee_phone_number = d.pop("calleePhoneNumber", UNSET)

        call_status = d.pop("callStatus", UNSET)

        call_error = d.pop("callError", UNSET)

        vapi_call = cls(
            cost=cost,
            call_duration=call_duration,
            recording_url=recording_url,
            caller_phone_number=caller_phone_number,
            callee_phone_number=callee_phone_number,
            call_status=call_status,
            call_error=call_error,
        )

        vapi_call.additional_properties = d
        return vapi_call

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
