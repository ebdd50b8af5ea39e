"""Real image bytes for answers: sniffing, and rendering sources at the answered size/format.

Cassettes ship small source images; an answer that claims ``size: 2048x1152`` and
``output_format: webp`` gets a real 2048x1152 WebP rendered from its source with Pillow
(cached), so the wheel stays small and every image matches the size it claims.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from pathlib import Path

_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
)

FORMATS = {"png": ("PNG", "image/png"), "jpeg": ("JPEG", "image/jpeg"), "webp": ("WEBP", "image/webp")}
"""``output_format`` value -> (Pillow format name, media type)."""


def sniff_media_type(head: bytes) -> str | None:
    """The media type of an image from its first bytes (PNG, JPEG, WebP, GIF), else None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    for magic, offset, media in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return media
    return None


class ImageRenderer:
    """Renders (and caches) a source image at a given pixel size and output format."""

    def __init__(self, max_entries: int = 64) -> None:
        self._cache: OrderedDict[tuple[str, int, int, str, int], bytes] = OrderedDict()
        self._max_entries = max_entries
        self._lock = threading.Lock()
        self._key_locks: dict[tuple[str, int, int, str, int], threading.Lock] = {}

    def render(self, source: Path, width: int, height: int, output_format: str, variant: int = 0) -> bytes:
        """``source`` fitted (cropped, then resized) to ``width`` x ``height``, encoded as ``output_format``.

        ``variant`` > 0 permutes the colour channels, so the images of one batch differ.
        Thread-safe; each distinct rendering is done once while it stays in the cache.
        """
        key = (str(source), width, height, output_format, variant % 3)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._cache:
                    return self._cache[key]
            data = _render(source, width, height, output_format, variant % 3)
            with self._lock:
                self._cache[key] = data
                self._key_locks.pop(key, None)
                while len(self._cache) > self._max_entries:
                    self._cache.popitem(last=False)
            return data


_ENCODER_OPTIONS: dict[str, dict[str, int]] = {
    "PNG": {"compress_level": 6},
    "JPEG": {"quality": 85},
    "WEBP": {"quality": 80, "method": 0},
}


def _render(source: Path, width: int, height: int, output_format: str, variant: int) -> bytes:
    from PIL import Image, ImageOps  # the mock extra requires Pillow; imported when first needed

    pil_format, _ = FORMATS[output_format]
    with Image.open(source) as opened:
        image = opened.convert("RGB")
    image = ImageOps.fit(image, (width, height), method=Image.Resampling.NEAREST)
    if variant:
        channels = image.split()
        image = Image.merge("RGB", channels[variant:] + channels[:variant])
    buffer = io.BytesIO()
    image.save(buffer, format=pil_format, **_ENCODER_OPTIONS[pil_format])
    return buffer.getvalue()
