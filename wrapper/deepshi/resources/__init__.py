# Rendered from the OpenAPI spec by scripts/regen.py (stage 2, openapi/surface/): do not edit.
"""One module per resource of the spec (rendered): images, models."""

from .images import (
    AsyncImages,
    AsyncImagesWithRawResponse,
    Images,
    ImagesWithRawResponse,
)
from .models import (
    AsyncModels,
    AsyncModelsWithRawResponse,
    Models,
    ModelsWithRawResponse,
)

__all__ = [
    "AsyncImages",
    "AsyncImagesWithRawResponse",
    "AsyncModels",
    "AsyncModelsWithRawResponse",
    "Images",
    "ImagesWithRawResponse",
    "Models",
    "ModelsWithRawResponse",
]
