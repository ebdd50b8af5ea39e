from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.output_format import OutputFormat, check_output_format
from ..models.quality import Quality, check_quality
from ..models.response_format import ResponseFormat, check_response_format
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="ImageEditRequest")


@_attrs_define
class ImageEditRequest:
    """Image edit request, sent as `multipart/form-data`. `model`, `prompt` and at least one
    input image are required. Send the image files under `image[]` or under `image` (the field
    name the OpenAI SDKs use for a single file): both are declared, and both carry the same files
    (decision 1). Model parameters that are not listed are forwarded to the model (decision 5).

        Example:
            {'model': 'nano-banana-2', 'prompt': 'remove the person on the left', 'n': 1, 'response_format': 'b64_json',
                'aspect_ratio': '16:9', 'resolution': '2K'}

    """

    model: str
    """ The image model id to use. See `GET /v1/models`. """
    prompt: str
    """ Instruction describing the edit to perform. The maximum length is per model (`prompt_max_length` in `GET
    /v1/models`). """
    image: list[File]
    """ One or more input images to edit (PNG, JPEG or WebP), each sent as a separate
    `image[]` part with a filename and its content type. How many reference images a
    model accepts varies from 1 up to 14; see the `edit` block in `GET /v1/models`.
    The same files may be sent under `image`, the field name the OpenAI SDKs use when
    you pass a single file.
     """
    n: int | Unset = UNSET
    """ Number of images to generate (1–4). Deepshi's own image models support only 1. """
    response_format: ResponseFormat | Unset = UNSET
    """ How images are returned. `url` returns an inline base64 `data:` URI, not a hosted link. """
    output_format: OutputFormat | Unset = UNSET
    """ Encoding of the returned image. Not all models honor every format. No default is documented; the model's own
    default applies when omitted. """
    stream: bool | Unset = UNSET
    """ Stream the result as Server-Sent Events. Use it for slow, high-resolution generations that would otherwise
    time out. """
    seed: int | Unset = UNSET
    """ Seed for reproducible output. Omit for a random seed. """
    width: int | Unset = UNSET
    """ Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro). """
    height: int | Unset = UNSET
    """ Model-specific. Output height in pixels, for pixel-dimension models. """
    aspect_ratio: str | Unset = UNSET
    """ Model-specific. Aspect ratio for aspect-ratio and resolution-tier models. """
    resolution: str | Unset = UNSET
    """ Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2, nano-banana-pro, grok-
    imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed price for those models. """
    quality: Quality | Unset = UNSET
    """ Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2). Higher tiers cost more,
    and the price depends on the image size and quality you pick. Omit to use the model's default tier. """
    image_size: str | Unset = UNSET
    """ Model-specific. Named output size for preset-size models (e.g. seedream-4.5), such as `auto_2K` or
    `1024x1024`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        image = []
        for image_item_data in self.image:
            image_item = image_item_data.to_tuple()

            image.append(image_item)

        n = self.n

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format

        output_format: str | Unset = UNSET
        if not isinstance(self.output_format, Unset):
            output_format = self.output_format

        stream = self.stream

        seed = self.seed

        width = self.width

        height = self.height

        aspect_ratio = self.aspect_ratio

        resolution = self.resolution

        quality: str | Unset = UNSET
        if not isinstance(self.quality, Unset):
            quality = self.quality

        image_size = self.image_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "prompt": prompt,
                "image[]": image,
            }
        )
        if n is not UNSET:
            field_dict["n"] = n
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if stream is not UNSET:
            field_dict["stream"] = stream
        if seed is not UNSET:
            field_dict["seed"] = seed
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if quality is not UNSET:
            field_dict["quality"] = quality
        if image_size is not UNSET:
            field_dict["image_size"] = image_size

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("model", (None, str(self.model).encode(), "text/plain")))

        files.append(("prompt", (None, str(self.prompt).encode(), "text/plain")))

        for image_item_element in self.image:
            files.append(("image[]", image_item_element.to_tuple()))

        if not isinstance(self.n, Unset):
            files.append(("n", (None, str(self.n).encode(), "text/plain")))

        if not isinstance(self.response_format, Unset):
            files.append(("response_format", (None, str(self.response_format).encode(), "text/plain")))

        if not isinstance(self.output_format, Unset):
            files.append(("output_format", (None, str(self.output_format).encode(), "text/plain")))

        if not isinstance(self.stream, Unset):
            files.append(("stream", (None, b"true" if self.stream else b"false", "text/plain")))

        if not isinstance(self.seed, Unset):
            files.append(("seed", (None, str(self.seed).encode(), "text/plain")))

        if not isinstance(self.width, Unset):
            files.append(("width", (None, str(self.width).encode(), "text/plain")))

        if not isinstance(self.height, Unset):
            files.append(("height", (None, str(self.height).encode(), "text/plain")))

        if not isinstance(self.aspect_ratio, Unset):
            files.append(("aspect_ratio", (None, str(self.aspect_ratio).encode(), "text/plain")))

        if not isinstance(self.resolution, Unset):
            files.append(("resolution", (None, str(self.resolution).encode(), "text/plain")))

        if not isinstance(self.quality, Unset):
            files.append(("quality", (None, str(self.quality).encode(), "text/plain")))

        if not isinstance(self.image_size, Unset):
            files.append(("image_size", (None, str(self.image_size).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = d.pop("model")

        prompt = d.pop("prompt")

        image = []
        _image = d.pop("image[]")
        for image_item_data in _image:
            image_item = File(payload=BytesIO(image_item_data))

            image.append(image_item)

        n = d.pop("n", UNSET)

        _response_format = d.pop("response_format", UNSET)
        response_format: ResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = check_response_format(_response_format)

        _output_format = d.pop("output_format", UNSET)
        output_format: OutputFormat | Unset
        if isinstance(_output_format, Unset):
            output_format = UNSET
        else:
            output_format = check_output_format(_output_format)

        stream = d.pop("stream", UNSET)

        seed = d.pop("seed", UNSET)

        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        aspect_ratio = d.pop("aspect_ratio", UNSET)

        resolution = d.pop("resolution", UNSET)

        _quality = d.pop("quality", UNSET)
        quality: Quality | Unset
        if isinstance(_quality, Unset):
            quality = UNSET
        else:
            quality = check_quality(_quality)

        image_size = d.pop("image_size", UNSET)

        image_edit_request = cls(
            model=model,
            prompt=prompt,
            image=image,
            n=n,
            response_format=response_format,
            output_format=output_format,
            stream=stream,
            seed=seed,
            width=width,
            height=height,
            aspect_ratio=aspect_ratio,
            resolution=resolution,
            quality=quality,
            image_size=image_size,
        )

        image_edit_request.additional_properties = d
        return image_edit_request

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
