from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelModalities")


@_attrs_define
class ModelModalities:
    """What the model takes in and gives out.

    Example:
        {'input': ['text', 'image'], 'output': ['image']}

    """

    input_: list[str] | Unset = UNSET
    output: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_: list[str] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_

        output: list[str] | Unset = UNSET
        if not isinstance(self.output, Unset):
            output = self.output

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        input_ = cast(list[str], d.pop("input", UNSET))

        output = cast(list[str], d.pop("output", UNSET))

        model_modalities = cls(
            input_=input_,
            output=output,
        )

        model_modalities.additional_properties = d
        return model_modalities

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
