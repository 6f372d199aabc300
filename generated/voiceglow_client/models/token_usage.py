from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors as _vg_errors
from .. import types as _vg
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

    @classmethod
    def _shape_(cls) -> _vg.ModelShape:
        """The documented fields of this model, as the decoder walks them."""
        return _shape()

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON data: the documented fields, then any undocumented ones it keeps."""
        encoded: dict[str, Any] = _shape().encode(self)
        return encoded

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any], *, strict: bool = False) -> T:
        """Build the model from JSON data.

        Lenient (the default): values that depart from the spec are kept as they are.
        ``strict=True``: any departure raises ``ResponseShapeError`` naming every JSON path.
        Data that is not an object at all raises ``ResponseShapeError`` either way.
        """
        instance, problems = _vg.decode(cls, src_dict)
        if problems and (strict or not isinstance(instance, cls)):
            raise _vg_errors.ResponseShapeError.from_problems(
                problems, body_excerpt=_vg_errors.excerpt(repr(src_dict).encode())
            )
        return instance

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


@functools.cache
def _shape() -> _vg.ModelShape:
    from ..models.token_usage_usage_per_model import TokenUsageUsagePerModel  # noqa: PLC0415

    return _vg.ModelShape(
        TokenUsage,
        fields=(
            _vg.Field("cumulativeInputTokens", "cumulative_input_tokens", _vg.INTEGER, required=False),
            _vg.Field("cumulativeOutputTokens", "cumulative_output_tokens", _vg.INTEGER, required=False),
            _vg.Field("cumulativeTotalTokens", "cumulative_total_tokens", _vg.INTEGER, required=False),
            _vg.Field("cumulativeUsd", "cumulative_usd", _vg.NUMBER, required=False),
            _vg.Field("lastTurnInputTokens", "last_turn_input_tokens", _vg.INTEGER, required=False),
            _vg.Field("lastTurnOutputTokens", "last_turn_output_tokens", _vg.INTEGER, required=False),
            _vg.Field("lastTurnTotalTokens", "last_turn_total_tokens", _vg.INTEGER, required=False),
            _vg.Field("lastTurnUsd", "last_turn_usd", _vg.NUMBER, required=False),
            _vg.Field("lastTurnModelId", "last_turn_model_id", _vg.STRING, required=False),
            _vg.Field("lastTurnContextWindow", "last_turn_context_window", _vg.INTEGER, required=False),
            _vg.Field("lastTurnInputUsdPer1k", "last_turn_input_usd_per_1_k", _vg.NUMBER, required=False),
            _vg.Field("lastTurnOutputUsdPer1k", "last_turn_output_usd_per_1_k", _vg.NUMBER, required=False),
            _vg.Field("lastTurnTs", "last_turn_ts", _vg.INTEGER, required=False),
            _vg.Field("usagePerModel", "usage_per_model", _vg.ModelRef(TokenUsageUsagePerModel), required=False),
        ),
        extra=_vg.ANY,
    )
