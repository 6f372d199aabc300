from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors as _vg_errors
from .. import types as _vg
from ..types import UNSET, Unset

T = TypeVar("T", bound="HandoffEntry")


@_attrs_define
class HandoffEntry:
    """Inferred: one hand-off of the conversation from the AI to human agents."""

    requested_at: int | Unset = UNSET
    """ Inferred: when the hand-off was requested, Unix epoch seconds. """
    accepted_at: int | Unset = UNSET
    """ Inferred: when a human accepted the hand-off, Unix epoch seconds. """
    completed_at: int | Unset = UNSET
    """ Inferred: when the hand-off was completed, Unix epoch seconds. """
    accepted_by: str | Unset = UNSET
    """ Inferred: ID of the human agent who accepted. """
    organization_id: str | Unset = UNSET
    """ Inferred: ID of the organization the hand-off belongs to. """
    requested_team_key: str | Unset = UNSET
    """ Inferred: key of the team the hand-off was requested to. """
    team_ids: list[str] | Unset = UNSET
    """ Inferred: IDs of the teams the hand-off was offered to. """
    team_keys: list[str] | Unset = UNSET
    """ Inferred: keys of the teams the hand-off was offered to. """
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
        HandoffEntry,
        fields=(
            _vg.Field("requestedAt", "requested_at", _vg.INTEGER, required=False),
            _vg.Field("acceptedAt", "accepted_at", _vg.INTEGER, required=False),
            _vg.Field("completedAt", "completed_at", _vg.INTEGER, required=False),
            _vg.Field("acceptedBy", "accepted_by", _vg.STRING, required=False),
            _vg.Field("organizationId", "organization_id", _vg.STRING, required=False),
            _vg.Field("requestedTeamKey", "requested_team_key", _vg.STRING, required=False),
            _vg.Field("teamIds", "team_ids", _vg.ListOf(_vg.STRING), required=False),
            _vg.Field("teamKeys", "team_keys", _vg.ListOf(_vg.STRING), required=False),
        ),
        extra=_vg.ANY,
    )
