from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelParameter")


@_attrs_define
class ModelParameter:
    """One request field a model accepts.

    Example:
        {'type': 'string', 'allowed_values': ['1K', '2K', '4K'], 'default': '1K'}

    """

    type_: str
    """ The JSON type of the field (`string`, `integer`, `number` or `boolean`). """
    description: str | Unset = UNSET
    allowed_values: list[Any] | Unset = UNSET
    """ The values the model accepts, when it accepts only some. """
    default: Any | Unset = UNSET
    """ The value used when the field is omitted. """
    minimum: float | Unset = UNSET
    """ The smallest accepted value, for numbers. """
    maximum: float | Unset = UNSET
    """ The largest accepted value, for numbers. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        description = self.description

        allowed_values: list[Any] | Unset = UNSET
        if not isinstance(self.allowed_values, Unset):
            allowed_values = self.allowed_values

        default = self.default

        minimum = self.minimum

        maximum = self.maximum

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if allowed_values is not UNSET:
            field_dict["allowed_values"] = allowed_values
        if default is not UNSET:
            field_dict["default"] = default
        if minimum is not UNSET:
            field_dict["minimum"] = minimum
        if maximum is not UNSET:
            field_dict["maximum"] = maximum

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        description = d.pop("description", UNSET)

        allowed_values = cast(list[Any], d.pop("allowed_values", UNSET))

        default = d.pop("default", UNSET)

        minimum = d.pop("minimum", UNSET)

        maximum = d.pop("maximum", UNSET)

        model_parameter = cls(
            type_=type_,
            description=description,
            allowed_values=allowed_values,
            default=default,
            minimum=minimum,
            maximum=maximum,
        )

        model_parameter.additional_properties = d
        return model_parameter

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
