from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors as _vg_errors
from .. import types as _vg
from ..types import UNSET, Unset

T = TypeVar("T", bound="CrmAlerts")


@_attrs_define
class CrmAlerts:
    """Inferred: CRM alert flags raised on the lead."""

    overdue_ecd: bool | Unset = UNSET
    """ Inferred: the expected close date has passed. """
    overdue_activity: bool | Unset = UNSET
    """ Inferred: an activity is overdue. """
    stale_lead: bool | Unset = UNSET
    """ Inferred: the lead has gone stale. """
    responded: bool | Unset = UNSET
    """ Inferred: the lead responded. """
    new_handoff_assigned: bool | Unset = UNSET
    """ Inferred: a new hand-off was assigned. """
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
        CrmAlerts,
        fields=(
            _vg.Field("overdueECD", "overdue_ecd", _vg.BOOLEAN, required=False),
            _vg.Field("overdueActivity", "overdue_activity", _vg.BOOLEAN, required=False),
            _vg.Field("staleLead", "stale_lead", _vg.BOOLEAN, required=False),
            _vg.Field("responded", "responded", _vg.BOOLEAN, required=False),
            _vg.Field("newHandoffAssigned", "new_handoff_assigned", _vg.BOOLEAN, required=False),
        ),
        extra=_vg.ANY,
    )
