from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_stream_error_event_type import ImageStreamErrorEventType, check_image_stream_error_event_type

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail


T = TypeVar("T", bound="ImageStreamErrorEvent")


@_attrs_define
class ImageStreamErrorEvent:
    """A failure after the stream started. Ends the stream.

    Example:
        {'type': 'error', 'error': {'message': 'The model failed to produce an image.', 'type': 'server_error', 'code':
            'generation_failed', 'param': None}}

    """

    type_: ImageStreamErrorEventType
    error: ErrorDetail
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415

        d = dict(src_dict)
        type_ = check_image_stream_error_event_type(d.pop("type"))

        error = ErrorDetail.from_dict(d.pop("error"))

        image_stream_error_event = cls(
            type_=type_,
            error=error,
        )

        image_stream_error_event.additional_properties = d
        return image_stream_error_event

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
