"""Real PNG, JPEG and WebP bytes for tests, encoded with Pillow."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image


@cache
def encoded(fmt: str, width: int = 8, height: int = 6, color: tuple[int, int, int] = (200, 40, 90)) -> bytes:
    """A solid-colour image of the given size, encoded as ``fmt`` (PNG, JPEG or WEBP)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format=fmt)
    return buffer.getvalue()


def png_bytes() -> bytes:
    return encoded("PNG")


def jpeg_bytes() -> bytes:
    return encoded("JPEG")


def webp_bytes() -> bytes:
    return encoded("WEBP")
