from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DetailedCost")


@_attrs_define
class DetailedCost:
    """Inferred: the cost of the conversation, broken down by service."""

    total_credits_consumed: float | Unset = UNSET
    """ Inferred: total credits consumed. A number because credits can be fractional. """
    speech_gen_cost: float | Unset = UNSET
    """ Inferred: cost of speech generation. """
    transcriber_cost: float | Unset = UNSET
    """ Inferred: cost of transcription. """
    twilio_cost: float | Unset = UNSET
    """ Inferred: cost of telephony (Twilio). """
    llm_cost: float | Unset = UNSET
    """ Inferred: cost of the language model. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_credits_consumed = self.total_credits_consumed

        speech_gen_cost = self.speech_gen_cost

        transcriber_cost = self.transcriber_cost

        twilio_cost = self.twilio_cost

        llm_cost = self.llm_cost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_credits_consumed is not UNSET:
            field_dict["totalCreditsConsumed"] = total_credits_consumed
        if speech_gen_cost is not UNSET:
            field_dict["speechGenCost"] = speech_gen_cost
        if transcriber_cost is not UNSET:
            field_dict["transcriberCost"] = transcriber_cost
        if twilio_cost is not UNSET:
            field_dict["twilioCost"] = twilio_cost
        if llm_cost is not UNSET:
            field_dict["llmCost"] = llm_cost

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_credits_consumed = d.pop("totalCreditsConsumed", UNSET)

        speech_gen_cost = d.pop("speechGenCost", UNSET)

        transcriber_cost = d.pop("transcriberCost", UNSET)

        twilio_cost = d.pop("twilioCost", UNSET)

        llm_cost = d.pop("llmCost", UNSET)

        detailed_cost = cls(
            total_credits_consumed=total_credits_consumed,
            speech_gen_cost=speech_gen_cost,
            transcriber_cost=transcriber_cost,
            twilio_cost=twilio_cost,
            llm_cost=llm_cost,
        )

        detailed_cost.additional_properties = d
        return detailed_cost

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
