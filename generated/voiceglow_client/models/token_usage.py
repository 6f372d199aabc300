from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.token_usage_usage_per_model import TokenUsageUsagePerModel


T = TypeVar("T", bound="TokenUsage")


@_attrs_define
class TokenUsage:
    """Inferred: language-model token usage and its cost."""

    cumulative_input_tokens: int | Unset = UNSET
    """ Inferred: input tokens over the whole conversation. """
    cumulative_output_tokens: int | Unset = UNSET
    """ Inferred: output tokens over the whole conversation. """
    cumulative_total_tokens: int | Unset = UNSET
    """ Inferred: input plus output tokens over the whole conversation. """
    cumulative_usd: float | Unset = UNSET
    """ Inferred: cost over the whole conversation, US dollars. """
    last_turn_input_tokens: int | Unset = UNSET
    """ Inferred: input tokens of the last turn. """
    last_turn_output_tokens: int | Unset = UNSET
    """ Inferred: output tokens of the last turn. """
    last_turn_total_tokens: int | Unset = UNSET
    """ Inferred: input plus output tokens of the last turn. """
    last_turn_usd: float | Unset = UNSET
    """ Inferred: cost of the last turn, US dollars. """
    last_turn_model_id: str | Unset = UNSET
    """ Inferred: the model that answered the last turn. """
    last_turn_context_window: int | Unset = UNSET
    """ Inferred: context window of that model, in tokens. """
    last_turn_input_usd_per_1_k: float | Unset = UNSET
    """ Inferred: input price per 1,000 tokens, US dollars. """
    last_turn_output_usd_per_1_k: float | Unset = UNSET
    """ Inferred: output price per 1,000 tokens, US dollars. """
    last_turn_ts: int | Unset = UNSET
    """ Inferred: when the last turn happened, Unix epoch seconds. """
    usage_per_model: TokenUsageUsagePerModel | Unset = UNSET
    """ Inferred: usage broken down by model. `{}` on the page: any keys. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cumulative_input_tokens = self.cumulative_input_tokens

        cumulative_output_tokens = self.cumulative_output_tokens

        cumulative_total_tokens = self.cumulative_total_tokens

        cumulative_usd = self.cumulative_usd

        last_turn_input_tokens = self.last_turn_input_tokens

        last_turn_output_tokens = self.last_turn_output_tokens

        last_turn_total_tokens = self.last_turn_total_tokens

        last_turn_usd = self.last_turn_usd

        last_turn_model_id = self.last_turn_model_id

        last_turn_context_window = self.last_turn_context_window

        last_turn_input_usd_per_1_k = self.last_turn_input_usd_per_1_k

        last_turn_output_usd_per_1_k = self.last_turn_output_usd_per_1_k

        last_turn_ts = self.last_turn_ts

        usage_per_model: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage_per_model, Unset):
            usage_per_model = self.usage_per_model.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cumulative_input_tokens is not UNSET:
            field_dict["cumulativeInputTokens"] = cumulative_input_tokens
        if cumulative_output_tokens is not UNSET:
            field_dict["cumulativeOutputTokens"] = cumulative_output_tokens
        if cumulative_total_tokens is not UNSET:
            field_dict["cumulativeTotalTokens"] = cumulative_total_tokens
        if cumulative_usd is not UNSET:
            field_dict["cumulativeUsd"] = cumulative_usd
        if last_turn_input_tokens is not UNSET:
            field_dict["lastTurnInputTokens"] = last_turn_input_tokens
        if last_turn_output_tokens is not UNSET:
            field_dict["lastTurnOutputTokens"] = last_turn_output_tokens
        if last_turn_total_tokens is not UNSET:
            field_dict["lastTurnTotalTokens"] = last_turn_total_tokens
        if last_turn_usd is not UNSET:
            field_dict["lastTurnUsd"] = last_turn_usd
        if last_turn_model_id is not UNSET:
            field_dict["lastTurnModelId"] = last_turn_model_id
        if last_turn_context_window is not UNSET:
            field_dict["lastTurnContextWindow"] = last_turn_context_window
        if last_turn_input_usd_per_1_k is not UNSET:
            field_dict["lastTurnInputUsdPer1k"] = last_turn_input_usd_per_1_k
        if last_turn_output_usd_per_1_k is not UNSET:
            field_dict["lastTurnOutputUsdPer1k"] = last_turn_output_usd_per_1_k
        if last_turn_ts is not UNSET:
            field_dict["lastTurnTs"] = last_turn_ts
        if usage_per_model is not UNSET:
            field_dict["usagePerModel"] = usage_per_model

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.token_usage_usage_per_model import TokenUsageUsagePerModel  # noqa: PLC0415

        d = dict(src_dict)
        cumulative_input_tokens = d.pop("cumulativeInputTokens", UNSET)

        cumulative_output_tokens = d.pop("cumulativeOutputTokens", UNSET)

        cumulative_total_tokens = d.pop("cumulativeTotalTokens", UNSET)

        cumulative_usd = d.pop("cumulativeUsd", UNSET)

        last_turn_input_tokens = d.pop("lastTurnInputTokens", UNSET)

        last_turn_output_tokens = d.pop("lastTurnOutputTokens", UNSET)

        last_turn_total_tokens = d.pop("lastTurnTotalTokens", UNSET)

        last_turn_usd = d.pop("lastTurnUsd", UNSET)

        last_turn_model_id = d.pop("lastTurnModelId", UNSET)

        last_turn_context_window = d.pop("lastTurnContextWindow", UNSET)

        last_turn_input_usd_per_1_k = d.pop("lastTurnInputUsdPer1k", UNSET)

        last_turn_output_usd_per_1_k = d.pop("lastTurnOutputUsdPer1k", UNSET)

        last_turn_ts = d.pop("lastTurnTs", UNSET)

        _usage_per_model = d.pop("usagePerModel", UNSET)
        usage_per_model: TokenUsageUsagePerModel | Unset
        if isinstance(_usage_per_model, Unset):
            usage_per_model = UNSET
        else:
            usage_per_model = TokenUsageUsagePerModel.from_dict(_usage_per_model)

        token_usage = cls(
            cumulative_input_tokens=cumulative_input_tokens,
            cumulative_output_tokens=cumulative_output_tokens,
            cumulative_total_tokens=cumulative_total_tokens,
            cumulative_usd=cumulative_usd,
            last_turn_input_tokens=last_turn_input_tokens,
            last_turn_output_tokens=last_turn_output_tokens,
            last_turn_total_tokens=last_turn_total_tokens,
            last_turn_usd=last_turn_usd,
            last_turn_model_id=last_turn_model_id,
            last_turn_context_window=last_turn_context_window,
            last_turn_input_usd_per_1_k=last_turn_input_usd_per_1_k,
            last_turn_output_usd_per_1_k=last_turn_output_usd_per_1_k,
            last_turn_ts=last_turn_ts,
            usage_per_model=usage_per_model,
        )

        token_usage.additional_properties = d
        return token_usage

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
