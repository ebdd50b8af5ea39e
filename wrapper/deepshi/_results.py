"""From a checked ``ImagesResponse`` to the :class:`ImagesResult` a call returns.

The result classes themselves are rendered from the spec (``_views``: every property the response
schemas declare) with their behaviour from ``_view_behaviour``; this module adds what the answer
does not carry: each image decoded (from ``b64_json`` or an inline ``data:`` URL), its real MIME
type (sniffed), its position, and the response headers.
"""

from __future__ import annotations

import httpx

from deepshi_openapi.models import ImageData, ImagesResponse

from ._base64 import b64decode
from ._errors import APIResponseValidationError
from ._sniff import SNIFF_BYTES, sniff
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


def _decode(item: ImageData, where: str) -> tuple[bytes, str | None]:
    """The image bytes of one item, and the MIME type a ``data:`` URL declared."""
    if isinstance(item.b64_json, str):
        return b64decode(item.b64_json), None
    if isinstance(item.url, str):
        # An inline data URL (RFC 2397): "data:<mime>;base64,<payload>". Parsed by hand because
        # the stdlib only parses these inside urllib's opener machinery.
        scheme, _, rest = item.url.partition(":")
        header, comma, payload = rest.partition(",")
        params = header.split(";")
        if scheme.lower() != "data" or not comma or "base64" not in params[1:]:
            raise ValueError(f"{where}.url is not a base64 data: URL")
        return b64decode(payload), params[0] or None
    raise ValueError(f"{where} has neither b64_json nor url")


def _image(item: ImageData, position: int, response: httpx.Response) -> GeneratedImage:
    where = f"data[{position}]"
    try:
        data, declared = _decode(item, where)
    except ValueError as exc:  # binascii.Error is a ValueError
        raise APIResponseValidationError(
            f"The API returned an undecodable image in {where}: {exc}", response=response
        ) from exc
    mime_type = sniff(data[:SNIFF_BYTES]) or declared or "application/octet-stream"
    return GeneratedImage.from_raw(item, position=position, data=data, mime_type=mime_type)


def images_result(raw: ImagesResponse, response: httpx.Response) -> ImagesResult:
    """Build the result from a parsed (and schema-checked) answer; undecodable images are a validation error."""
    images = [_image(item, position, response) for position, item in enumerate(raw.data)]
    return ImagesResult.from_raw(raw, data=images, headers=response.headers)
