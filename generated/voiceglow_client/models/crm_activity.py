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
    from ..models.crm_activity_metadata import CrmActivityMetadata
    from ..models.crm_note import CrmNote


T = TypeVar("T", bound="CrmActivity")


@_attrs_define
class CrmActivity:
    """Inferred: one CRM activity (task or follow-up) on the lead."""

    id: str | Unset = UNSET
    """ Inferred: ID of the activity. """
    title: str | Unset = UNSET
    """ Inferred: title of the activity. """
    date: str | Unset = UNSET
    """ Inferred: date of the activity; format not stated. """
    due_date: str | Unset = UNSET
    """ Inferred: due date of the activity; format not stated. """
    completed: bool | Unset = UNSET
    """ Inferred: whether the activity is done. """
    responded: bool | Unset = UNSET
    """ Inferred: whether the lead responded. """
    first_engaged: bool | Unset = UNSET
    """ Inferred: whether the lead engaged at the first touch. """
    second_engaged: bool | Unset = UNSET
    """ Inferred: whether the lead engaged at the second touch. """
    note: str | Unset = UNSET
    """ Inferred: the current note on the activity. """
    notes_history: list[CrmNote] | Unset = UNSET
    """ Inferred: earlier notes on the activity. """
    metadata: CrmActivityMetadata | Unset = UNSET
    """ Inferred: free-form metadata. `{}` on the page: any keys. """
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
    from ..models.crm_activity_metadata import CrmActivityMetadata  # noqa: PLC0415
    from ..models.crm_note import CrmNote  # noqa: PLC0415

    return _vg.ModelShape(
        CrmActivity,
        fields=(
            _vg.Field("id", "id", _vg.STRING, required=False),
            _vg.Field("title", "title", _vg.STRING, required=False),
            _vg.Field("date", "date", _vg.STRING, required=False),
            _vg.Field("dueDate", "due_date", _vg.STRING, required=False),
            _vg.Field("completed", "completed", _vg.BOOLEAN, required=False),
            _vg.Field("responded", "responded", _vg.BOOLEAN, required=False),
            _vg.Field("firstEngaged", "first_engaged", _vg.BOOLEAN, required=False),
            _vg.Field("secondEngaged", "second_engaged", _vg.BOOLEAN, required=False),
            _vg.Field("note", "note", _vg.STRING, required=False),
            _vg.Field("notesHistory", "notes_history", _vg.ListOf(_vg.ModelRef(CrmNote)), required=False),
            _vg.Field("metadata", "metadata", _vg.ModelRef(CrmActivityMetadata), required=False),
        ),
        extra=_vg.ANY,
    )
