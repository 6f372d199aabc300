from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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

    def to_dict(self) -> dict[str, Any]:
        overdue_ecd = self.overdue_ecd

        overdue_activity = self.overdue_activity

        stale_lead = self.stale_lead

        responded = self.responded

        new_handoff_assigned = self.new_handoff_assigned

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if overdue_ecd is not UNSET:
            field_dict["overdueECD"] = overdue_ecd
        if overdue_activity is not UNSET:
            field_dict["overdueActivity"] = overdue_activity
        if stale_lead is not UNSET:
            field_dict["staleLead"] = stale_lead
        if responded is not UNSET:
            field_dict["responded"] = responded
        if new_handoff_assigned is not UNSET:
            field_dict["newHandoffAssigned"] = new_handoff_assigned

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        overdue_ecd = d.pop("overdueECD", UNSET)

        overdue_activity = d.pop("overdueActivity", UNSET)

        stale_lead = d.pop("staleLead", UNSET)

        responded = d.pop("responded", UNSET)

        new_handoff_assigned = d.pop("newHandoffAssigned", UNSET)

        crm_alerts = cls(
            overdue_ecd=overdue_ecd,
            overdue_activity=overdue_activity,
            stale_lead=stale_lead,
            responded=responded,
            new_handoff_assigned=new_handoff_assigned,
        )

        crm_alerts.additional_properties = d
        return crm_alerts

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
