"""The mock's "edit": the first input image, visibly changed by the prompt, deterministically.

No model runs here, but an edit's answer should be recognisably the picture that was sent: the
first input is cropped to the answer's aspect ratio and resized to its size, then given a look
chosen from the prompt's words (a night, a warm evening, a watercolour, snow, ...; a colour
derived from the prompt otherwise) and the prompt itself written across the bottom. The same
input, prompt, size and variant always give the same pixels.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

MAX_INPUT_PIXELS = 64 * 1024 * 1024
"""Inputs with more pixels than this are not decoded (the template's picture answers instead)."""


@dataclass(frozen=True)
class Look:
    """How the picture is changed: a colour wash, a tone, and an optional painterly filter."""

    name: str
    tint: tuple[int, int, int]
    strength: float
    brightness: float = 1.0
    contrast: float = 1.0
    saturation: float = 1.0
    painterly: bool = False
    mono: bool = False


# First match wins, in this order (so "a stormy night after the sunset" is a night).
_LOOKS: tuple[tuple[tuple[str, ...], Look], ...] = (
    (
        ("black and white", "monochrome", "grayscale", "greyscale", "noir"),
        Look("mono", (255, 255, 255), 0.0, mono=True),
    ),
    (("sepia", "vintage", "old photo"), Look("sepia", (170, 120, 70), 0.45, contrast=0.95, mono=True)),
    (
        ("night", "storm", "dark", "midnight", "moon", "lightning"),
        Look("night", (30, 50, 130), 0.45, brightness=0.62, contrast=1.25),
    ),
    (
        ("watercolour", "watercolor", "painting", "paint", "impressionist", "pastel"),
        Look("watercolour", (248, 238, 220), 0.22, brightness=1.08, saturation=0.85, painterly=True),
    ),
    (
        ("summer", "warm", "sunset", "evening", "golden", "autumn"),
        Look("warm", (255, 150, 50), 0.32, brightness=1.04, saturation=1.25),
    ),
    (("snow", "winter", "ice", "frost", "cold"), Look("winter", (200, 225, 255), 0.4, brightness=1.12, saturation=0.7)),
    (("green", "meadow", "forest", "spring", "jungle"), Look("green", (70, 190, 80), 0.3, saturation=1.15)),
)


def look_for(prompt: str) -> Look:
    """The look a prompt asks for: by its words, else a colour wash derived from its digest."""
    words = prompt.lower()
    for keywords, look in _LOOKS:
        if any(keyword in words for keyword in keywords):
            return look
    hue = hashlib.sha256(prompt.encode()).digest()[0] / 256
    red, green, blue = colorsys.hsv_to_rgb(hue, 0.65, 1.0)
    return Look("colour", (round(red * 255), round(green * 255), round(blue * 255)), 0.3)


def decode(data: bytes) -> Image.Image | None:
    """The input as an RGB image (alpha flattened onto white), or None when Pillow cannot read it."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_INPUT_PIXELS:
                return None
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    return image.convert("RGB")


def retouch(source: Image.Image, width: int, height: int, prompt: str, variant: int = 0) -> Image.Image:
    """``source`` fitted to ``width`` x ``height`` and changed as ``prompt`` asks (see the module docstring).

    ``variant`` > 0 (the later images of a batch) turns the wash's hue, so the images differ.
    """
    look = look_for(prompt)
    image = ImageOps.fit(source, (width, height), method=Image.Resampling.LANCZOS)
    if look.painterly:
        radius = max(1.0, min(width, height) / 220)
        image = ImageOps.posterize(image.filter(ImageFilter.GaussianBlur(radius)), 4)
        image = image.filter(ImageFilter.SMOOTH_MORE)
    if look.mono:
        image = ImageOps.grayscale(image).convert("RGB")
    image = ImageEnhance.Color(image).enhance(look.saturation)
    image = ImageEnhance.Brightness(image).enhance(look.brightness)
    image = ImageEnhance.Contrast(image).enhance(look.contrast)
    if look.strength:
        image = Image.blend(image, Image.new("RGB", image.size, _turned(look.tint, variant)), look.strength)
    elif variant:
        image = Image.blend(image, Image.new("RGB", image.size, _turned((255, 120, 60), variant)), 0.2)
    _caption(image, prompt)
    return image


def _turned(colour: tuple[int, int, int], variant: int) -> tuple[int, int, int]:
    if not variant:
        return colour
    hue, saturation, value = colorsys.rgb_to_hsv(*(channel / 255 for channel in colour))
    red, green, blue = colorsys.hsv_to_rgb((hue + 0.13 * variant) % 1.0, max(saturation, 0.4), value)
    return round(red * 255), round(green * 255), round(blue * 255)


def _caption(image: Image.Image, prompt: str) -> None:
    """Write the prompt on a translucent band across the bottom, shortened to fit."""
    band = max(14, image.height // 12)
    overlay = Image.new("RGBA", (image.width, band), (12, 14, 20, 150))
    image.paste(overlay, (0, image.height - band), overlay)
    draw = ImageDraw.Draw(image)
    font = _font(max(8, band * 11 // 20))
    room = image.width - band
    text = prompt.replace("\n", " ").strip() or "(empty prompt)"
    if draw.textlength(text, font=font) > room:
        while text and draw.textlength(text + "...", font=font) > room:
            text = text[:-1]
        text = text.rstrip() + "..."
    top = image.height - band + (band - font.size if isinstance(font, ImageFont.FreeTypeFont) else band - 11) // 2
    draw.text((band // 2, top), text, font=font, fill=(255, 255, 255))


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled scalable font; its bitmap font when Pillow has no FreeType."""
    try:
        return ImageFont.load_default(size)
    except (OSError, ValueError):  # pragma: no cover - Pillow built without FreeType
        return ImageFont.load_default()
