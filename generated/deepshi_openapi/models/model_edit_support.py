from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelEditSupport")


@_attrs_define
class ModelEditSupport:
    """The `edit` block of an image model.

    Example:
        {'supported': True, 'max_images': 5}

    """

    supported: bool
    """ Whether the model can edit images (`POST /v1/images/edits`). """
    max_images: int | Unset = UNSET
    """ The most reference images one edit may carry. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supported = self.supported

        max_images = self.max_images

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "supported": supported,
            }
        )
        if max_images is not UNSET:
            field_dict["max_images"] = max_images

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        supported = d.pop("supported")

        max_images = d.pop("max_images", UNSET)

        model_edit_support = cls(
            supported=supported,
            max_images=max_images,
        )

        model_edit_support.additional_properties = d
        return model_edit_support

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
