from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageStreamMessage")


@_attrs_define
class ImageStreamMessage:
    """One parsed Server-Sent Event of an image stream (decision 2): the `event` line names the
    event type, the `data` line holds a JSON `ImageStreamEvent`. Keepalive comments carry no
    event and are not described here.

        Example:
            {'event': 'image_generation.completed', 'data':
                '{"type":"image_generation.completed","created":1782595538,"data":[{"index":0,"b64_json":"iVBORw0KGgo="}]}'}

    """

    data: str
    event: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        event = self.event

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if event is not UNSET:
            field_dict["event"] = event

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data = d.pop("data")

        event = d.pop("event", UNSET)

        image_stream_message = cls(
            data=data,
            event=event,
        )

        image_stream_message.additional_properties = d
        return image_stream_message

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
