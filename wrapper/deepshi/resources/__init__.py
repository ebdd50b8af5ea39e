"""One module per spec tag: ``images`` (edit, generate) and ``models`` (list)."""

from .images import AsyncImages, Images
from .models import AsyncModels, Models

__all__ = ["AsyncImages", "AsyncModels", "Images", "Models"]
