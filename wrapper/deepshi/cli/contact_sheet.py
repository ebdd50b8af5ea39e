"""The demo's before/after contact sheet: one card per edit, input on the left, result on the right."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from .files import atomic_writer

THUMB = (360, 270)  # the box each picture is fitted into (aspect ratio kept)
MARGIN = 32
GAP = 72  # between the two pictures; the arrow sits here
CARD_PAD = 20
BACKGROUND = (243, 244, 247)
CARD = (255, 255, 255)
INK = (28, 30, 36)
MUTED = (104, 110, 124)
ACCENT = (86, 70, 220)
FRAME = (214, 217, 226)
HEADER_H = 96  # title and subtitle
FOOTER_H = 56  # the total line
LABEL_H = 24  # the BEFORE / AFTER line above the pictures
CARD_H = CARD_PAD + LABEL_H + THUMB[1] + 40 + 22 + CARD_PAD  # labels under the pictures, then the prompt

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class SheetRow:
    """One edit: the input, the result, and the words under them."""

    before: Path
    after: Path
    before_label: str  # e.g. "lighthouse.png · 512x384"
    after_label: str  # e.g. "nano-banana-2 · 1024x1024 · $0.039"
    prompt: str


def render(rows: Sequence[SheetRow], title: str, subtitle: str, footer: str) -> Image.Image:
    """Draw the sheet: a header, one card per row (before → after, labels, prompt), a footer."""
    fonts = _Fonts()
    width = 2 * MARGIN + 2 * CARD_PAD + 2 * THUMB[0] + GAP
    height = HEADER_H + len(rows) * (CARD_H + MARGIN // 2) + FOOTER_H
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    room = width - 2 * MARGIN
    draw.text((MARGIN, 26), _fit(draw, title, fonts.title, room), font=fonts.title, fill=INK)
    draw.text((MARGIN, 62), _fit(draw, subtitle, fonts.small, room), font=fonts.small, fill=MUTED)
    top = HEADER_H
    for row in rows:
        _card(sheet, draw, fonts, row, top, width)
        top += CARD_H + MARGIN // 2
    draw.text((MARGIN, top + 10), _fit(draw, footer, fonts.body_bold, room), font=fonts.body_bold, fill=INK)
    return sheet


def write(path: Path, rows: Sequence[SheetRow], title: str, subtitle: str, footer: str) -> Path:
    """Render the sheet and save it as PNG at `path`, atomically."""
    with atomic_writer(path) as stream:
        render(rows, title, subtitle, footer).save(stream, format="PNG", optimize=True)
    return path


class _Fonts:
    """Pillow's bundled scalable font (no system fonts needed); a bitmap fallback without FreeType."""

    def __init__(self) -> None:
        self.title = ImageFont.load_default(26)
        self.body = ImageFont.load_default(16)
        self.body_bold = ImageFont.load_default(18)
        self.small = ImageFont.load_default(14)


def _card(sheet: Image.Image, draw: ImageDraw.ImageDraw, fonts: _Fonts, row: SheetRow, top: int, width: int) -> None:
    draw.rounded_rectangle((MARGIN, top, width - MARGIN, top + CARD_H), radius=14, fill=CARD, outline=FRAME)
    left = MARGIN + CARD_PAD
    right = left + THUMB[0] + GAP
    y = top + CARD_PAD
    draw.text((left, y), "BEFORE", font=fonts.small, fill=MUTED)
    draw.text((right, y), "AFTER", font=fonts.small, fill=ACCENT)
    y += LABEL_H
    _picture(sheet, draw, row.before, (left, y))
    _picture(sheet, draw, row.after, (right, y))
    _arrow(draw, left + THUMB[0] + 14, right - 14, y + THUMB[1] // 2)
    y += THUMB[1] + 10
    draw.text((left, y), _fit(draw, row.before_label, fonts.body, THUMB[0]), font=fonts.body, fill=INK)
    draw.text((right, y), _fit(draw, row.after_label, fonts.body, THUMB[0]), font=fonts.body, fill=INK)
    y += 30
    prompt = _fit(draw, f'prompt: "{row.prompt}"', fonts.body, width - 2 * (MARGIN + CARD_PAD))
    draw.text((left, y), prompt, font=fonts.body, fill=MUTED)


def _picture(sheet: Image.Image, draw: ImageDraw.ImageDraw, path: Path, origin: tuple[int, int]) -> None:
    """Fit the image into the THUMB box, centred, on a light frame."""
    x, y = origin
    draw.rectangle((x - 1, y - 1, x + THUMB[0], y + THUMB[1]), fill=BACKGROUND, outline=FRAME)
    with Image.open(path) as image:
        thumb = ImageOps.contain(ImageOps.exif_transpose(image).convert("RGB"), THUMB, Image.Resampling.LANCZOS)
    sheet.paste(thumb, (x + (THUMB[0] - thumb.width) // 2, y + (THUMB[1] - thumb.height) // 2))


def _arrow(draw: ImageDraw.ImageDraw, x0: int, x1: int, y: int) -> None:
    draw.line((x0, y, x1 - 12, y), fill=ACCENT, width=5)
    draw.polygon([(x1, y), (x1 - 16, y - 11), (x1 - 16, y + 11)], fill=ACCENT)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Font, max_width: int) -> str:
    """`text`, shortened with an ellipsis until it fits in `max_width` pixels."""
    if draw.textlength(text, font=font) <= max_width:
        return text
    while text and draw.textlength(text + "...", font=font) > max_width:
        text = text[:-1]
    return text.rstrip() + "..."
