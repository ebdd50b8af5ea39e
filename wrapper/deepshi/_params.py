# Rendered from the OpenAPI spec by scripts/regen.py (stage 2, openapi/surface/): do not edit.
"""The request parameter types of the facade's methods, and the spec's enums (rendered).

Each ``TypedDict`` holds the request fields of one method, by the keyword it takes
(``Required`` where the spec's schema requires the field), so a dict of arguments can be
type-checked and passed on: ``client.images.edit(**params)``.
"""

from __future__ import annotations

from typing import Required, TypedDict

from deepshi_openapi.models import OutputFormat, Quality, ResponseFormat

from ._types import ImageInputs

__all__ = [
    "ImageEditParams",
    "ImageGenerateParams",
    "OutputFormat",
    "Quality",
    "ResponseFormat",
]


class ImageEditParams(TypedDict, total=False):
    """The request fields of ``client.images.edit`` (`POST /v1/images/edits`)."""

    model: Required[str]
    """The image model id to use. See `GET /v1/models`."""
    prompt: Required[str]
    """Instruction describing the edit to perform. The maximum length is per model (`prompt_max_length` in `GET /v1/models`)."""
    image: Required[ImageInputs]
    """One or more input images to edit (PNG, JPEG or WebP), each sent as a separate `image[]` part with a filename and its content type. How many reference images a model accepts varies from 1 up to 14; see the `edit` block in `GET /v1/models`. The same files may be sent under `image`, the field name the OpenAI SDKs use when you pass a single file."""
    n: int
    """Number of images to generate (1–4). Deepshi's own image models support only 1."""
    response_format: ResponseFormat
    """How images are returned. `url` returns an inline base64 `data:` URI, not a hosted link."""
    output_format: OutputFormat
    """Encoding of the returned image. Not all models honor every format. No default is documented; the model's own default applies when omitted."""
    stream: bool
    """Stream the result as Server-Sent Events. Use it for slow, high-resolution generations that would otherwise time out."""
    seed: int
    """Seed for reproducible output. Omit for a random seed."""
    width: int
    """Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro)."""
    height: int
    """Model-specific. Output height in pixels, for pixel-dimension models."""
    aspect_ratio: str
    """Model-specific. Aspect ratio for aspect-ratio and resolution-tier models."""
    resolution: str
    """Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed price for those models."""
    quality: Quality
    """Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2). Higher tiers cost more, and the price depends on the image size and quality you pick. Omit to use the model's default tier."""
    image_size: str
    """Model-specific. Named output size for preset-size models (e.g. seedream-4.5), such as `auto_2K` or `1024x1024`."""


class ImageGenerateParams(TypedDict, total=False):
    """The request fields of ``client.images.generate`` (`POST /v1/images/generations`)."""

    model: Required[str]
    """The image model id to use. See `GET /v1/models`."""
    prompt: Required[str]
    """Text description of the image to generate. The maximum length is per model (`prompt_max_length` in `GET /v1/models`)."""
    n: int
    """Number of images to generate (1–4). Deepshi's own image models support only 1."""
    response_format: ResponseFormat
    """How images are returned. `url` returns an inline base64 `data:` URI, not a hosted link."""
    output_format: OutputFormat
    """Encoding of the returned image. Not all models honor every format. No default is documented; the model's own default applies when omitted."""
    stream: bool
    """Stream the result as Server-Sent Events. Use it for slow, high-resolution generations that would otherwise time out."""
    seed: int
    """Seed for reproducible output. Omit for a random seed."""
    width: int
    """Model-specific. Output width in pixels, for pixel-dimension models (e.g. flux-2-pro)."""
    height: int
    """Model-specific. Output height in pixels, for pixel-dimension models."""
    aspect_ratio: str
    """Model-specific. Aspect ratio for aspect-ratio and resolution-tier models."""
    resolution: str
    """Model-specific. Resolution tier for resolution-tier models (e.g. nano-banana-2, nano-banana-pro, grok-imagine-quality), such as `1K`, `2K` or `4K`. Determines the billed price for those models."""
    quality: Quality
    """Model-specific. Quality tier for the GPT Image models (gpt-image-1.5, gpt-image-2). Higher tiers cost more, and the price depends on the image size and quality you pick. Omit to use the model's default tier."""
    image_size: str
    """Model-specific. Named output size for preset-size models (e.g. seedream-4.5), such as `auto_2K` or `1024x1024`."""
