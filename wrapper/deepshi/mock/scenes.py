"""The pictures of the shipped templates, drawn as vectors at the exact size an answer claims.

A generation's answer is a real image of the size it claims. Scaling a small bitmap up to
2048x1152 makes it blocky, and shipping big bitmaps makes the wheel heavy, so each shipped
template source (``cassettes/images/<name>.*``) is also a drawing here, made of gradients,
polygons and ellipses placed in coordinates relative to the canvas: crisp at any size, a few
kilobytes of code. The files themselves are small previews of the same drawings (written by
``scripts/draw_samples.py``), so a cassette referencing them still works anywhere.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PIL import Image, ImageDraw

Color = tuple[int, int, int]
Scene = Callable[[int, int], Image.Image]


def _gradient(width: int, height: int, top: Color, bottom: Color) -> Image.Image:
    """A vertical gradient from ``top`` to ``bottom`` (Pillow's 256-step ramp, stretched)."""
    from PIL import ImageOps

    ramp = Image.linear_gradient("L").resize((max(1, width), max(1, height)), Image.Resampling.BILINEAR)
    return ImageOps.colorize(ramp, top, bottom)


class _Canvas:
    """An RGB image with drawing in relative coordinates (0..1 of the width and of the height)."""

    def __init__(self, width: int, height: int) -> None:
        self.w, self.h = width, height
        self.image = Image.new("RGB", (width, height))
        self.draw = ImageDraw.Draw(self.image)

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.w, y * self.h

    def band(self, y0: float, y1: float, top: Color, bottom: Color) -> None:
        top_px, bottom_px = round(y0 * self.h), round(y1 * self.h)
        if bottom_px > top_px:
            self.image.paste(_gradient(self.w, bottom_px - top_px, top, bottom), (0, top_px))

    def polygon(self, points: list[tuple[float, float]], fill: Color) -> None:
        self.draw.polygon([self.xy(x, y) for x, y in points], fill=fill)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: Color) -> None:
        self.draw.rectangle([self.xy(x0, y0), self.xy(x1, y1)], fill=fill)

    def disc(self, x: float, y: float, radius: float, fill: Color) -> None:
        """A circle of ``radius`` (relative to the shorter side), round whatever the aspect ratio."""
        r = radius * min(self.w, self.h)
        cx, cy = self.xy(x, y)
        self.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill)

    def stars(self, seed: int, count: int, bottom: float) -> None:
        rnd = random.Random(seed)
        size = max(1.0, min(self.w, self.h) / 400)
        for _ in range(count):
            cx, cy = self.xy(rnd.random(), rnd.random() * bottom)
            r = size * rnd.choice((0.6, 1.0, 1.4))
            self.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 252, 230))


def lighthouse(width: int, height: int) -> Image.Image:
    """A striped lighthouse on a rock at dawn, its beam over the sea."""
    c = _Canvas(width, height)
    c.band(0, 0.64, (52, 70, 140), (250, 176, 120))
    c.band(0.64, 1, (44, 96, 150), (16, 44, 78))
    c.disc(0.72, 0.58, 0.09, (255, 214, 130))
    for i in range(12):  # the sun's reflection
        y = 0.66 + i * 0.025
        half = 0.07 - i * 0.004
        c.rect(0.72 - half, y, 0.72 + half, y + 0.006, (250, 190, 125))
    c.polygon([(0, 1), (0, 0.74), (0.14, 0.7), (0.3, 0.76), (0.44, 1)], (54, 48, 52))
    cx, base, top = 0.24, 0.76, 0.26
    for band in range(6):
        y0 = top + (base - top) * band / 6
        y1 = top + (base - top) * (band + 1) / 6
        w0, w1 = 0.035 + 0.025 * band / 6, 0.035 + 0.025 * (band + 1) / 6
        colour = (206, 42, 48) if band % 2 == 0 else (246, 243, 236)
        c.polygon([(cx - w0, y0), (cx + w0, y0), (cx + w1, y1), (cx - w1, y1)], colour)
    c.rect(cx - 0.05, top - 0.02, cx + 0.05, top, (40, 40, 48))
    c.rect(cx - 0.03, top - 0.1, cx + 0.03, top - 0.02, (255, 236, 150))
    c.polygon([(cx - 0.045, top - 0.1), (cx + 0.045, top - 0.1), (cx, top - 0.17)], (170, 30, 36))
    c.polygon([(cx + 0.03, top - 0.07), (1, top - 0.2), (1, top + 0.05)], (255, 238, 176))
    return c.image


def canal(width: int, height: int) -> Image.Image:
    """A canal between old houses at sunset, a gondola on the water."""
    c = _Canvas(width, height)
    c.band(0, 0.6, (90, 80, 170), (252, 170, 110))
    c.band(0.6, 1, (60, 110, 150), (24, 52, 80))
    c.disc(0.5, 0.5, 0.08, (255, 220, 140))
    houses = [(0.0, 0.18, 0.22, (184, 96, 70)), (0.18, 0.34, 0.3, (214, 150, 90)), (0.34, 0.42, 0.16, (150, 80, 70))]
    for x0, x1, roof, colour in houses:
        for left, right in ((x0, x1), (1 - x1, 1 - x0)):
            c.rect(left, roof, right, 0.62, colour)
            wy = roof + 0.05
            while wy + 0.05 < 0.6:
                for col in range(2):
                    wx = left + (right - left) * (0.2 + col * 0.45)
                    c.rect(wx, wy, wx + (right - left) * 0.2, wy + 0.045, (255, 224, 150))
                wy += 0.09
    for i in range(10):  # ripples
        y = 0.66 + i * 0.033
        c.rect(0.44 - i * 0.01, y, 0.56 + i * 0.01, y + 0.005, (250, 196, 130))
    c.polygon([(0.3, 0.8), (0.7, 0.8), (0.64, 0.85), (0.36, 0.85)], (24, 20, 24))
    c.rect(0.62, 0.66, 0.625, 0.8, (24, 20, 24))
    return c.image


def city(width: int, height: int) -> Image.Image:
    """A city skyline at night under a moon and stars, its windows lit."""
    c = _Canvas(width, height)
    c.band(0, 1, (14, 18, 52), (70, 50, 110))
    c.stars(seed=11, count=120, bottom=0.55)
    c.disc(0.78, 0.2, 0.07, (246, 240, 212))
    rnd = random.Random(5)
    x = 0.0
    while x < 1:
        w = 0.06 + rnd.random() * 0.07
        top = 0.3 + rnd.random() * 0.35
        shade = 36 + rnd.randint(0, 30)
        c.rect(x, top, x + w, 1, (shade, shade - 8, shade + 30))
        for row in range(int((1 - top) / 0.05)):
            for col in range(3):
                if rnd.random() < 0.55:
                    wx = x + w * (0.15 + col * 0.28)
                    wy = top + 0.02 + row * 0.05
                    c.rect(wx, wy, wx + w * 0.16, wy + 0.022, (255, 214, 120))
        x += w + 0.01
    return c.image


def forest(width: int, height: int) -> Image.Image:
    """Pine-covered hills in morning light."""
    c = _Canvas(width, height)
    c.band(0, 0.7, (150, 200, 236), (236, 236, 210))
    c.disc(0.25, 0.3, 0.07, (255, 242, 190))
    c.polygon([(0, 0.6), (0.3, 0.45), (0.6, 0.58), (0.85, 0.42), (1, 0.5), (1, 1), (0, 1)], (110, 150, 130))
    c.polygon([(0, 0.72), (0.4, 0.6), (0.7, 0.7), (1, 0.62), (1, 1), (0, 1)], (60, 110, 80))
    c.band(0.85, 1, (70, 120, 60), (44, 84, 40))
    rnd = random.Random(3)
    for i in range(14):
        px = (i + 0.5) / 14 + (rnd.random() - 0.5) * 0.03
        base = 0.86 + rnd.random() * 0.08
        size = 0.16 + rnd.random() * 0.1
        half = size * min(width, height) / width * 0.35
        for tier in range(3):
            top = base - size * (1 - tier * 0.28)
            c.polygon(
                [
                    (px - half * (1 - tier * 0.2), base - tier * size * 0.22),
                    (px + half * (1 - tier * 0.2), base - tier * size * 0.22),
                    (px, top),
                ],
                (22, 64, 44),
            )
        c.rect(px - half * 0.12, base, px + half * 0.12, base + 0.03, (76, 50, 34))
    return c.image


SCENES: dict[str, Scene] = {"lighthouse": lighthouse, "canal": canal, "city": city, "forest": forest}
"""Drawing by name: the stem of the shipped source image it stands for."""
