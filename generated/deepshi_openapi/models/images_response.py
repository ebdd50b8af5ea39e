from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_data import ImageData
    from ..models.usage import Usage


T = TypeVar("T", bound="ImagesResponse")


@_attrs_define
class ImagesResponse:
    """The edited or generated image(s), with usage and the billed cost.

    Example:
        {'created': 1782595538, 'model': 'deepshi-image-1', 'size': '1024x1024', 'data': [{'index': 0, 'b64_json':
            'iVBORw0KGgo='}], 'usage': {'cost': {'total_cost': 0.01}}}

    """

    created: int
    """ Unix timestamp when the request was created. """
    data: list[ImageData]
    """ The generated image(s). """
    model: str | Unset = UNSET
    """ The image model id you requested. """
    size: str | Unset = UNSET
    """ The actual output dimensions, as WIDTHxHEIGHT. """
    usage: Usage | Unset = UNSET
    """ Token usage and the billed cost for the request. Every token field is optional (a guide example carries only
    `cost`); absent is not zero. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        model = self.model

        size = self.size

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "data": data,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if size is not UNSET:
            field_dict["size"] = size
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.image_data import ImageData  # noqa: PLC0415
        from ..models.usage import Usage  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = ImageData.from_dict(data_item_data)

            data.append(data_item)

        model = d.pop("model", UNSET)

        size = d.pop("size", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: Usage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = Usage.from_dict(_usage)

        images_response = cls(
            created=created,
            data=data,
            model=model,
            size=size,
            usage=usage,
        )

        images_response.additional_properties = d
        return images_response

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
