"""Real PNG, JPEG and WebP bytes of varied pixel sizes and byte sizes, as hypothesis strategies.

Every image is encoded by Pillow from drawn pixels (a noisy field over a drawn colour), so sizes
and bytes differ from example to example and every decoder accepts them.
"""

from __future__ import annotations

import base64
import io
import random
from dataclasses import dataclass

from hypothesis import strategies as st
from PIL import Image

PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
"""The media types the API accepts and returns, and Pillow's name for each."""
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


@dataclass(frozen=True)
class EncodedImage:
    """Encoded image bytes and what they are."""

    data: bytes
    media_type: str
    width: int
    height: int

    @property
    def b64(self) -> str:
        return base64.b64encode(self.data).decode("ascii")

    @property
    def data_url(self) -> str:
        return f"data:{self.media_type};base64,{self.b64}"


def render(media_type: str, width: int, height: int, seed: int, noise: int) -> EncodedImage:
    """Encode a ``width`` x ``height`` image: a colour from ``seed`` plus ``noise`` (0..255) of grain."""
    rng = random.Random(seed)
    base = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
    image = Image.new("RGB", (width, height), base)
    if noise:
        grain = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
        image = Image.blend(image, grain, noise / 255)
    buffer = io.BytesIO()
    image.save(buffer, format=PILLOW_FORMATS[media_type])
    return EncodedImage(buffer.getvalue(), media_type, width, height)


@st.composite
def images(draw: st.DrawFn, media_types: tuple[str, ...] = tuple(PILLOW_FORMATS), max_side: int = 96) -> EncodedImage:
    """One real image of a drawn format, pixel size and grain."""
    return render(
        draw(st.sampled_from(media_types)),
        draw(st.integers(1, max_side)),
        draw(st.integers(1, max_side)),
        draw(st.integers(0, 2**32)),
        draw(st.sampled_from((0, 0, 8, 64))),
    )


def pixel_size(data: bytes, *, decode: bool = True) -> tuple[int, int]:
    """(width, height) of encoded image bytes; raises if they are not an image.

    ``decode=False`` reads the header and verifies the file's structure (checksums) without
    decoding every pixel, which costs ~10 ms for a 4K PNG.
    """
    with Image.open(io.BytesIO(data)) as image:
        size = image.size
        if decode:
            image.load()
        else:
            image.verify()
        return size


def sniffed_type(data: bytes) -> str | None:
    """``image/png``/``image/jpeg``/``image/webp`` when Pillow recognises the bytes as such, else None."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            name = image.format
    except Exception:  # Pillow raises several unrelated types for non-images
        return None
    return {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}.get(name or "")
