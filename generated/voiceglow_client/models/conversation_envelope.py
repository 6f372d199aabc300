from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors as _vg_errors
from .. import types as _vg

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
    from ..models.conversation import Conversation  # noqa: PLC0415

    return _vg.ModelShape(
        ConversationEnvelope,
        fields=(
            _vg.Field("success", "success", _vg.BOOLEAN, required=True),
            _vg.Field("message", "message", _vg.STRING, required=True),
            _vg.Field("data", "data", _vg.ModelRef(Conversation), required=True),
        ),
        extra=_vg.ANY,
    )
