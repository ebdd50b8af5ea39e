# Rendered from the OpenAPI spec by scripts/regen.py (stage 2, openapi/surface/): do not edit.
"""The request fields of each command, from the request schemas (rendered).

The commands parse their flags with these, and the batch manifest checks its lines against them: a
line that names input files against the command that takes files, any other line against the
other command's. The keys are the facade's keyword arguments.
"""

from __future__ import annotations

from typing import Final

from .request_fields import Field

__all__ = ["EDIT_FIELDS", "FIELDS", "FILES", "GENERATE_FIELDS", "RESOURCES"]

EDIT_FIELDS: Final[dict[str, Field]] = {
    "model": Field("model", "--model", "string", required=True, min_length=1),
    "prompt": Field("prompt", "--prompt", "string", required=True, min_length=1),
    "n": Field("n", "--n", "integer", minimum=1, maximum=4),
    "response_format": Field("response_format", "--response-format", "string", choices=("b64_json", "url")),
    "output_format": Field("output_format", "--output-format", "string", choices=("png", "jpeg", "webp")),
    "stream": Field("stream", "--stream", "boolean"),
    "seed": Field("seed", "--seed", "integer"),
    "width": Field("width", "--width", "integer", minimum=1),
    "height": Field("height", "--height", "integer", minimum=1),
    "aspect_ratio": Field("aspect_ratio", "--aspect-ratio", "string", min_length=1),
    "resolution": Field("resolution", "--resolution", "string", min_length=1),
    "quality": Field("quality", "--quality", "string", choices=("low", "medium", "high")),
    "image_size": Field("image_size", "--image-size", "string", min_length=1),
}
"""The request fields of ``deepshi edit`` (POST /v1/images/edits)."""

GENERATE_FIELDS: Final[dict[str, Field]] = {
    "model": Field("model", "--model", "string", required=True, min_length=1),
    "prompt": Field("prompt", "--prompt", "string", required=True, min_length=1),
    "n": Field("n", "--n", "integer", minimum=1, maximum=4),
    "response_format": Field("response_format", "--response-format", "string", choices=("b64_json", "url")),
    "output_format": Field("output_format", "--output-format", "string", choices=("png", "jpeg", "webp")),
    "stream": Field("stream", "--stream", "boolean"),
    "seed": Field("seed", "--seed", "integer"),
    "width": Field("width", "--width", "integer", minimum=1),
    "height": Field("height", "--height", "integer", minimum=1),
    "aspect_ratio": Field("aspect_ratio", "--aspect-ratio", "string", min_length=1),
    "resolution": Field("resolution", "--resolution", "string", min_length=1),
    "quality": Field("quality", "--quality", "string", choices=("low", "medium", "high")),
    "image_size": Field("image_size", "--image-size", "string", min_length=1),
}
"""The request fields of ``deepshi generate`` (POST /v1/images/generations)."""

FIELDS: Final[dict[str, dict[str, Field]]] = {
    "edit": EDIT_FIELDS,
    "generate": GENERATE_FIELDS,
}
"""Each command's request fields, by the keyword of the facade method."""

FILES: Final[dict[str, str | None]] = {
    "edit": "image",
    "generate": None,
}
"""The keyword (and manifest key) that carries a command's input files; None for a command without."""

RESOURCES: Final[dict[str, str]] = {
    "edit": "images",
    "generate": "images",
}
"""The client attribute each command's facade method is on (``client.images.edit``)."""
