from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_generation_completed_event_type import (
    ImageGenerationCompletedEventType,
    check_image_generation_completed_event_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_data import ImageData
    from ..models.usage import Usage


T = TypeVar("T", bound="ImageGenerationCompletedEvent")


@_attrs_define
class ImageGenerationCompletedEvent:
    """The terminal success event. Carries the same fields as `ImagesResponse`, plus the
    top-level fields of OpenAI's completed image stream events (decision 2).

        Example:
            {'type': 'image_generation.completed', 'created': 1782595538, 'model': 'deepshi-image-1', 'size': '1024x1024',
                'data': [{'index': 0, 'b64_json': 'iVBORw0KGgo='}], 'usage': {'cost': {'total_cost': 0.01}}, 'b64_json':
                'iVBORw0KGgo=', 'created_at': 1782595538, 'output_format': 'png'}

    """

    type_: ImageGenerationCompletedEventType
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
    b64_json: str | Unset = UNSET
    """ OpenAI's field. The first image (`data[0]`), base64-encoded, whatever `response_format`. """
    created_at: int | Unset = UNSET
    """ OpenAI's field. Unix timestamp of the event; the same value as `created`. """
    output_format: str | Unset = UNSET
    """ OpenAI's field. The encoding of the images (`png`, `jpeg` or `webp`). """
    quality: str | Unset = UNSET
    """ OpenAI's field. The quality tier the images were made at, when the model has one. """
    background: str | Unset = UNSET
    """ OpenAI's field. The background setting the images were made with, when the request gave one. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

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

        b64_json = self.b64_json

        created_at = self.created_at

        output_format = self.output_format

        quality = self.quality

        background = self.background

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
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
        if b64_json is not UNSET:
            field_dict["b64_json"] = b64_json
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if quality is not UNSET:
            field_dict["quality"] = quality
        if background is not UNSET:
            field_dict["background"] = background

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.image_data import ImageData  # noqa: PLC0415
        from ..models.usage import Usage  # noqa: PLC0415

        d = dict(src_dict)
        type_ = check_image_generation_completed_event_type(d.pop("type"))

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

        b64_json = d.pop("b64_json", UNSET)

        created_at = d.pop("created_at", UNSET)

        output_format = d.pop("output_format", UNSET)

        quality = d.pop("quality", UNSET)

        background = d.pop("background", UNSET)

        image_generation_completed_event = cls(
            type_=type_,
            created=created,
            data=data,
            model=model,
            size=size,
            usage=usage,
            b64_json=b64_json,
            created_at=created_at,
            output_format=output_format,
            quality=quality,
            background=background,
        )

        image_generation_completed_event.additional_properties = d
        return image_generation_completed_event

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
