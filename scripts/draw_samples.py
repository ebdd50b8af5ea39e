"""Draw the demo's sample images procedurally, and the previews of the mock's template pictures.

    python scripts/draw_samples.py wrapper/deepshi/samples [wrapper/deepshi/mock/cassettes/images]

Run once; the outputs are committed (CC0, see wrapper/deepshi/samples/README.md). The second
directory gets 256x256 previews of the drawings in ``deepshi.mock.scenes`` (which the mock draws at
the answered size itself), under the names the shipped cassettes reference."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H, S = 512, 384, 2  # final size, supersampling factor


def lerp(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=False))


def vgradient(img, box, top, bottom):
    d = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    for y in range(y0, y1):
        d.line([(x0, y), (x1, y)], fill=lerp(top, bottom, (y - y0) / max(1, y1 - y0 - 1)))


def lighthouse() -> Image.Image:
    w, h = W * S, H * S
    img = Image.new("RGB", (w, h))
    horizon = int(h * 0.62)
    vgradient(img, (0, 0, w, horizon), (38, 52, 120), (250, 170, 110))
    d = ImageDraw.Draw(img)
    # sun
    d.ellipse([w * 0.62, horizon - 150, w * 0.62 + 200, horizon + 50], fill=(255, 214, 120))
    vgradient(img, (0, horizon, w, h), (40, 90, 140), (14, 40, 70))
    d = ImageDraw.Draw(img)
    # sun reflection
    rnd = random.Random(7)
    for i in range(26):
        y = horizon + 8 + i * 12
        half = 90 - i * 3 + rnd.randint(-10, 10)
        d.line([(w * 0.62 + 100 - half, y), (w * 0.62 + 100 + half, y)], fill=(250, 190, 120), width=4)
    # waves
    for _ in range(70):
        x = rnd.randint(0, w)
        y = rnd.randint(horizon + 20, h)
        d.arc([x, y, x + 60, y + 20], 200, 340, fill=(120, 170, 210), width=3)
    # rocks
    d.polygon([(0, h), (0, h * 0.72), (120, h * 0.68), (260, h * 0.74), (420, h * 0.80), (520, h)], fill=(52, 46, 50))
    d.polygon([(60, h), (150, h * 0.80), (330, h * 0.84), (460, h)], fill=(72, 64, 66))
    # lighthouse tower (tapered, striped)
    base_y, top_y, cx = int(h * 0.74), int(h * 0.22), 230
    bw, tw = 70, 44
    bands = 6
    for b in range(bands):
        y0 = top_y + (base_y - top_y) * b / bands
        y1 = top_y + (base_y - top_y) * (b + 1) / bands
        w0 = tw + (bw - tw) * b / bands
        w1 = tw + (bw - tw) * (b + 1) / bands
        colour = (205, 40, 45) if b % 2 == 0 else (245, 242, 236)
        d.polygon([(cx - w0, y0), (cx + w0, y0), (cx + w1, y1), (cx - w1, y1)], fill=colour)
    # gallery, lantern, roof
    d.rectangle([cx - 62, top_y - 14, cx + 62, top_y], fill=(40, 40, 48))
    d.rectangle([cx - 36, top_y - 84, cx + 36, top_y - 14], fill=(255, 236, 150))
    for x in (cx - 36, cx - 12, cx + 12, cx + 36):
        d.line([(x, top_y - 84), (x, top_y - 14)], fill=(40, 40, 48), width=5)
    d.polygon([(cx - 50, top_y - 84), (cx + 50, top_y - 84), (cx, top_y - 140)], fill=(170, 30, 35))
    # beams
    beam = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    bd = ImageDraw.Draw(beam)
    bd.polygon([(cx + 30, top_y - 60), (w, top_y - 200), (w, top_y + 60)], fill=(255, 240, 170, 70))
    bd.polygon([(cx - 30, top_y - 60), (0, top_y - 150), (0, top_y + 20)], fill=(255, 240, 170, 45))
    img = Image.alpha_composite(img.convert("RGBA"), beam).convert("RGB")
    d = ImageDraw.Draw(img)
    # door and window
    d.rounded_rectangle([cx - 16, base_y - 60, cx + 16, base_y], radius=14, fill=(60, 40, 30))
    d.rectangle([cx - 10, top_y + 120, cx + 10, top_y + 150], fill=(60, 70, 90))
    # gulls
    for gx, gy in ((700, 180), (770, 140), (820, 210)):
        d.arc([gx - 22, gy, gx, gy + 20], 200, 340, fill=(30, 30, 40), width=4)
        d.arc([gx, gy, gx + 22, gy + 20], 200, 340, fill=(30, 30, 40), width=4)
    return img.resize((W, H), Image.LANCZOS)


def fruit_bowl() -> Image.Image:
    w, h = W * S, H * S
    img = Image.new("RGB", (w, h))
    table_y = int(h * 0.62)
    vgradient(img, (0, 0, w, table_y), (236, 226, 206), (214, 198, 172))
    vgradient(img, (0, table_y, w, h), (150, 96, 58), (104, 62, 36))
    d = ImageDraw.Draw(img)
    for i in range(9):  # wood grain
        y = table_y + 30 + i * 40
        d.line([(0, y), (w, y + 6)], fill=(128, 80, 46), width=3)
    # window light on wall
    d.rectangle([90, 70, 330, 330], fill=(244, 238, 222))
    d.line([(210, 70), (210, 330)], fill=(214, 198, 172), width=8)
    d.line([(90, 200), (330, 200)], fill=(214, 198, 172), width=8)
    # shadow
    shadow = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(shadow).ellipse([260, table_y + 70, 820, table_y + 150], fill=(40, 20, 10, 110))
    img = Image.alpha_composite(img.convert("RGBA"), shadow.filter(ImageFilter.GaussianBlur(14))).convert("RGB")
    d = ImageDraw.Draw(img)
    cx = w // 2
    fruits = [  # (x, y, r, colour, highlight)
        (cx - 150, table_y - 40, 78, (200, 36, 40), (240, 120, 110)),
        (cx - 40, table_y - 80, 84, (236, 140, 30), (250, 200, 120)),
        (cx + 90, table_y - 46, 80, (120, 176, 40), (190, 220, 120)),
        (cx + 10, table_y - 10, 70, (180, 30, 60), (230, 110, 130)),
        (cx - 90, table_y + 0, 62, (246, 170, 40), (252, 214, 140)),
    ]
    # banana
    d.arc([cx - 200, table_y - 210, cx + 160, table_y + 40], 200, 300, fill=(240, 206, 60), width=44)
    for x, y, r, c, hl in fruits:
        d.ellipse([x - r, y - r, x + r, y + r], fill=c, outline=tuple(v // 2 for v in c), width=3)
        d.ellipse([x - r * 0.55, y - r * 0.6, x - r * 0.15, y - r * 0.25], fill=hl)
        d.line([(x, y - r), (x + 8, y - r - 26)], fill=(90, 60, 30), width=6)
    d.ellipse([cx + 100, table_y - 140, cx + 150, table_y - 112], fill=(70, 140, 50))  # leaf
    # bowl
    d.chord(
        [cx - 250, table_y - 130, cx + 250, table_y + 130], 0, 180, fill=(60, 110, 170), outline=(30, 60, 100), width=4
    )
    d.rectangle([cx - 90, table_y + 126, cx + 90, table_y + 150], fill=(50, 92, 146))
    d.arc([cx - 210, table_y - 40, cx + 210, table_y + 90], 20, 160, fill=(240, 240, 250), width=6)
    return img.resize((W, H), Image.LANCZOS)


def cabin() -> Image.Image:
    w, h = W * S, H * S
    img = Image.new("RGB", (w, h))
    vgradient(img, (0, 0, w, h), (18, 30, 70), (110, 130, 190))
    d = ImageDraw.Draw(img)
    rnd = random.Random(3)
    for _ in range(90):  # stars
        x, y = rnd.randint(0, w), rnd.randint(0, int(h * 0.45))
        r = rnd.choice((1, 2, 2, 3))
        d.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 235))
    moon = Image.new("L", (w, h), 0)  # crescent: a disc minus an offset disc
    md = ImageDraw.Draw(moon)
    md.ellipse([120, 80, 230, 190], fill=255)
    md.ellipse([150, 70, 260, 180], fill=0)
    img.paste((248, 244, 220), mask=moon)
    d = ImageDraw.Draw(img)
    # mountains
    d.polygon(
        [
            (0, h * 0.62),
            (220, h * 0.30),
            (420, h * 0.58),
            (640, h * 0.22),
            (900, h * 0.55),
            (w, h * 0.35),
            (w, h),
            (0, h),
        ],
        fill=(70, 84, 120),
    )
    d.polygon(
        [(180, h * 0.37), (220, h * 0.30), (262, h * 0.38), (235, h * 0.36), (210, h * 0.40)], fill=(236, 240, 250)
    )
    d.polygon(
        [(590, h * 0.30), (640, h * 0.22), (694, h * 0.31), (660, h * 0.29), (630, h * 0.33)], fill=(236, 240, 250)
    )
    # snow ground
    d.polygon([(0, h * 0.70), (300, h * 0.64), (700, h * 0.68), (w, h * 0.63), (w, h), (0, h)], fill=(228, 234, 246))
    # pines
    for px, base, size in ((90, 0.80, 1.0), (170, 0.74, 0.8), (820, 0.78, 1.1), (920, 0.72, 0.75), (980, 0.82, 0.9)):
        bx, by = px, h * base
        for k in range(3):
            tw, th = 90 * size - k * 20 * size, 110 * size
            top = by - th - k * 60 * size
            d.polygon([(bx - tw, top + th), (bx + tw, top + th), (bx, top)], fill=(24, 70, 52))
            d.polygon(
                [(bx - tw * 0.5, top + th * 0.45), (bx + tw * 0.5, top + th * 0.45), (bx, top)], fill=(236, 240, 250)
            )
        d.rectangle([bx - 10, by, bx + 10, by + 24], fill=(70, 44, 30))
    # cabin
    x0, y0, x1, y1 = 380, int(h * 0.55), 700, int(h * 0.80)
    d.rectangle([x0, y0, x1, y1], fill=(120, 70, 40))
    for y in range(y0 + 18, y1, 26):
        d.line([(x0, y), (x1, y)], fill=(90, 50, 28), width=4)
    d.polygon([(x0 - 40, y0 + 6), (x1 + 40, y0 + 6), ((x0 + x1) / 2, y0 - 130)], fill=(70, 40, 30))
    d.polygon(
        [(x0 - 46, y0 + 8), (x1 + 46, y0 + 8), ((x0 + x1) / 2, y0 - 138), ((x0 + x1) / 2, y0 - 110)],
        fill=(240, 244, 252),
    )
    d.rectangle([620, y0 - 110, 652, y0 - 40], fill=(90, 60, 50))  # chimney
    for i, (sx, sy) in enumerate(((640, y0 - 140), (660, y0 - 180), (690, y0 - 215))):
        r = 18 + i * 6
        d.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(190, 196, 214))
    glow = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(glow).ellipse([400, y0 + 30, 550, y0 + 130], fill=(255, 200, 90, 90))
    img = Image.alpha_composite(img.convert("RGBA"), glow.filter(ImageFilter.GaussianBlur(20))).convert("RGB")
    d = ImageDraw.Draw(img)
    d.rectangle([430, y0 + 40, 520, y0 + 110], fill=(255, 206, 100), outline=(70, 40, 30), width=6)
    d.line([(475, y0 + 40), (475, y0 + 110)], fill=(70, 40, 30), width=5)
    d.line([(430, y0 + 75), (520, y0 + 75)], fill=(70, 40, 30), width=5)
    d.rectangle([580, y0 + 50, 640, y1], fill=(80, 46, 26))
    return img.resize((W, H), Image.LANCZOS)


PREVIEWS = {"canal": "canal.png", "city": "city.jpg", "forest": "forest.webp", "lighthouse": "lighthouse.png"}


def previews(out: Path) -> None:
    from deepshi.mock.scenes import SCENES

    for name, filename in PREVIEWS.items():
        image = SCENES[name](256, 256)
        options = {".png": {"optimize": True}, ".jpg": {"quality": 85}, ".webp": {"quality": 85}}
        image.save(out / filename, **options[Path(filename).suffix])


out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
lighthouse().save(out / "lighthouse.png", optimize=True)
fruit_bowl().save(out / "fruit-bowl.jpg", quality=85, optimize=True)
cabin().quantize(colors=160, dither=Image.Dither.NONE).convert("RGB").save(out / "cabin.png", optimize=True)
if len(sys.argv) > 2:
    previews(Path(sys.argv[2]))
