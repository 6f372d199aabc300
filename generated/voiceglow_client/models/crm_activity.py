from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        date = self.date

        due_date = self.due_date

        completed = self.completed

        responded = self.responded

        first_engaged = self.first_engaged

        second_engaged = self.second_engaged

        note = self.note

        notes_history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.notes_history, Unset):
            notes_history = []
            for notes_history_item_data in self.notes_history:
                notes_history_item = notes_history_item_data.to_dict()
                notes_history.append(notes_history_item)

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if title is not UNSET:
            field_dict["title"] = title
        if date is not UNSET:
            field_dict["date"] = date
        if due_date is not UNSET:
            field_dict["dueDate"] = due_date
        if completed is not UNSET:
            field_dict["completed"] = completed
        if responded is not UNSET:
            field_dict["responded"] = responded
        if first_engaged is not UNSET:
            field_dict["firstEngaged"] = first_engaged
        if second_engaged is not UNSET:
            field_dict["secondEngaged"] = second_engaged
        if note is not UNSET:
            field_dict["note"] = note
        if notes_history is not UNSET:
            field_dict["notesHistory"] = notes_history
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.crm_activity_metadata import CrmActivityMetadata  # noqa: PLC0415
        from ..models.crm_note import CrmNote  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        title = d.pop("title", UNSET)

        date = d.pop("date", UNSET)

        due_date = d.pop("dueDate", UNSET)

        completed = d.pop("completed", UNSET)

        responded = d.pop("responded", UNSET)

        first_engaged = d.pop("firstEngaged", UNSET)

        second_engaged = d.pop("secondEngaged", UNSET)

        note = d.pop("note", UNSET)

        _notes_history = d.pop("notesHistory", UNSET)
        notes_history: list[CrmNote] | Unset = UNSET
        if _notes_history is not UNSET:
            notes_history = []
            for notes_history_item_data in _notes_history:
                notes_history_item = CrmNote.from_dict(notes_history_item_data)

                notes_history.append(notes_history_item)

        _metadata = d.pop("metadata", UNSET)
        metadata: CrmActivityMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = CrmActivityMetadata.from_dict(_metadata)

        crm_activity = cls(
            id=id,
            title=title,
            date=date,
            due_date=due_date,
            completed=completed,
            responded=responded,
            first_engaged=first_engaged,
            second_engaged=second_engaged,
            note=note,
            notes_history=notes_history,
            metadata=metadata,
        )

        crm_activity.additional_properties = d
        return crm_activity

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
