from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors as _vg_errors
from .. import types as _vg
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
    return _vg.ModelShape(
        InboundEngagementState,
        fields=(
            _vg.Field("firstDecisionAt", "first_decision_at", _vg.INTEGER, required=False),
            _vg.Field("firstDecisionShouldReply", "first_decision_should_reply", _vg.BOOLEAN, required=False),
            _vg.Field("lastDecisionAt", "last_decision_at", _vg.INTEGER, required=False),
            _vg.Field("lastDecisionShouldReply", "last_decision_should_reply", _vg.BOOLEAN, required=False),
            _vg.Field("lastDecisionReason", "last_decision_reason", _vg.STRING, required=False),
            _vg.Field("aiOwnedThread", "ai_owned_thread", _vg.BOOLEAN, required=False),
            _vg.Field("ignoreThread", "ignore_thread", _vg.BOOLEAN, required=False),
        ),
        extra=_vg.ANY,
    )
