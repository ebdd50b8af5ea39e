"""Real image bytes for answers: sniffing, and rendering pictures at the answered size/format.

An answer that claims ``size: 2048x1152`` and ``output_format: webp`` gets a real 2048x1152
WebP, rendered with Pillow (and cached):

* a generation, from its template's source image: the shipped sources are drawn as vectors at
  that size (:mod:`.scenes`), crisp at any size; any other source is cropped and resized;
* an edit, from the first input image, changed by the prompt (:mod:`.retouch`).
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


SHIPPED_SOURCES = Path(__file__).resolve().parent / "cassettes" / "images"
"""Where the shipped template sources live; those with a drawing in :mod:`.scenes` are drawn."""

_Key = tuple[str, int, int, str, int]


class ImageRenderer:
    """Renders (and caches) the images of answers at a given pixel size and output format."""

    def __init__(self, max_entries: int = 64) -> None:
        self._cache: OrderedDict[_Key, bytes] = OrderedDict()
        self._max_entries = max_entries
        self._lock = threading.Lock()
        self._key_locks: dict[_Key, threading.Lock] = {}

    def render(self, source: Path, width: int, height: int, output_format: str, variant: int = 0) -> bytes:
        """The picture of ``source`` at ``width`` x ``height``, encoded as ``output_format``.

        A shipped source with a drawing is drawn at that size; another is cropped to the aspect
        ratio and resized. ``variant`` > 0 permutes the colour channels, so the images of one
        batch differ. Thread-safe; each distinct rendering is done once while it stays in the cache.
        """
        key = (str(source), width, height, output_format, variant % 3)
        return self._cached(key, lambda: _render(source, width, height, output_format, variant % 3))

    def render_edit(
        self, source: bytes, digest: str, width: int, height: int, output_format: str, prompt: str, variant: int = 0
    ) -> bytes | None:
        """The edit of the input image ``source`` (sha256 ``digest``) for ``prompt``, or None when
        Pillow cannot decode it (the caller then answers from the template's picture)."""
        prompt_digest = hashlib.sha256(prompt.encode()).hexdigest()
        key = (f"edit:{digest}:{prompt_digest}", width, height, output_format, variant)
        rendered = self._cached(key, lambda: _render_edit(source, width, height, output_format, prompt, variant))
        return rendered or None

    def _cached(self, key: _Key, make: Callable[[], bytes]) -> bytes:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._cache:
                    return self._cache[key]
            data = make()
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

    from .scenes import SCENES

    scene = SCENES.get(source.stem) if source.resolve().parent == SHIPPED_SOURCES else None
    if scene is not None:
        image = scene(width, height)
    else:
        with Image.open(source) as opened:
            image = opened.convert("RGB")
        image = ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS)
    if variant:
        channels = image.split()
        image = Image.merge("RGB", channels[variant:] + channels[:variant])
    return _encode(image, output_format)


def _render_edit(source: bytes, width: int, height: int, output_format: str, prompt: str, variant: int) -> bytes:
    from .retouch import decode, retouch  # needs Pillow: imported when first needed

    image = decode(source)
    return b"" if image is None else _encode(retouch(image, width, height, prompt, variant), output_format)


def _encode(image: Any, output_format: str) -> bytes:
    pil_format, _ = FORMATS[output_format]
    buffer = io.BytesIO()
    image.save(buffer, format=pil_format, **_ENCODER_OPTIONS[pil_format])
    return buffer.getvalue()
