from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageData")


@_attrs_define
class ImageData:
    """One generated image. With `response_format=b64_json` it carries `b64_json`; with `url`, an inline base64 `data:` URI
    in `url`.

        Example:
            {'index': 0, 'b64_json': 'iVBORw0KGgo='}

    """

    index: int | Unset = UNSET
    """ Position in the batch, starting at 0. """
    b64_json: str | Unset = UNSET
    """ The image, base64-encoded. """
    url: str | Unset = UNSET
    """ With `response_format=url`, an inline base64 `data:` URI (not a hosted link). """
    revised_prompt: str | Unset = UNSET
    """ The prompt the model actually used, when it rewrote yours. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        b64_json = self.b64_json

        url = self.url

        revised_prompt = self.revised_prompt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if index is not UNSET:
            field_dict["index"] = index
        if b64_json is not UNSET:
            field_dict["b64_json"] = b64_json
        if url is not UNSET:
            field_dict["url"] = url
        if revised_prompt is not UNSET:
            field_dict["revised_prompt"] = revised_prompt

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        index = d.pop("index", UNSET)

        b64_json = d.pop("b64_json", UNSET)

        url = d.pop("url", UNSET)

        revised_prompt = d.pop("revised_prompt", UNSET)

        image_data = cls(
            index=index,
            b64_json=b64_json,
            url=url,
            revised_prompt=revised_prompt,
        )

        image_data.additional_properties = d
        return image_data

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
