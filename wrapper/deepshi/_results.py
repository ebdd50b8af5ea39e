"""From a checked ``ImagesResponse`` to the :class:`ImagesResult` a call returns.

The result classes themselves are rendered from the spec (``_views``: every property the response
schemas declare) with their behaviour from ``_view_behaviour``; this module adds what the answer
does not carry: each image decoded (from ``b64_json`` or an inline ``data:`` URL) and checked to be a
complete PNG, JPEG or WebP (``_image_data``), its MIME type (sniffed), its position, and the response
headers.
"""

from __future__ import annotations

import httpx

from deepshi_openapi.models import ImageData, ImagesResponse

from ._errors import APIResponseValidationError
from ._image_data import decode_image
from ._views import CompletionTokensDetails, Cost, GeneratedImage, ImagesResult, PromptTokensDetails, Usage

__all__ = [
    "CompletionTokensDetails",
    "Cost",
    "GeneratedImage",
    "ImagesResult",
    "PromptTokensDetails",
    "Usage",
    "images_result",
]


def _image(item: ImageData, position: int, response: httpx.Response) -> GeneratedImage:
    where = f"data[{position}]"
    try:
        data, mime_type = decode_image(item, where)
    except ValueError as exc:  # binascii.Error is a ValueError
        raise APIResponseValidationError(
            f"The API returned an undecodable image in {where}: {exc}", response=response
        ) from exc
    return GeneratedImage.from_raw(item, position=position, data=data, mime_type=mime_type)


def images_result(raw: ImagesResponse, response: httpx.Response) -> ImagesResult:
    """Build the result from a parsed (and schema-checked) answer; undecodable images are a validation error."""
    images = [_image(item, position, response) for position, item in enumerate(raw.data)]
    return ImagesResult.from_raw(raw, data=images, headers=response.headers)
