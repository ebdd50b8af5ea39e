"""The demo's contact sheet: one card per edit, pictures fitted into their boxes, saved atomically."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from deepshi.cli import contact_sheet as sheet
from tests.images import encoded


def _picture(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> Path:
    path.write_bytes(encoded("PNG", size[0], size[1], colour))
    return path


def _rows(tmp_path: Path) -> list[sheet.SheetRow]:
    wide = _picture(tmp_path / "wide.png", (800, 400), (200, 30, 30))
    tall = _picture(tmp_path / "tall.png", (300, 900), (30, 30, 200))
    return [
        sheet.SheetRow(wide, tall, "wide.png · 800x400", "model-a · 300x900 · $0.04", "make it tall"),
        sheet.SheetRow(tall, wide, "tall.png · 300x900", "model-b · 800x400 · $0.01", "a prompt " * 40),
    ]


def test_layout_fits_each_picture_in_its_box(tmp_path: Path) -> None:
    image = sheet.render(_rows(tmp_path), "title", "subtitle", "footer")
    card_top = sheet.HEADER_H
    width = 2 * sheet.MARGIN + 2 * sheet.CARD_PAD + 2 * sheet.THUMB[0] + sheet.GAP
    assert image.size == (width, card_top + 2 * (sheet.CARD_H + sheet.MARGIN // 2) + sheet.FOOTER_H)
    left = sheet.MARGIN + sheet.CARD_PAD
    right = left + sheet.THUMB[0] + sheet.GAP
    top = card_top + sheet.CARD_PAD + sheet.LABEL_H
    middle_y = top + sheet.THUMB[1] // 2
    # Row 1: the wide red picture fills the box's width (360x180, centred vertically) ...
    assert image.getpixel((left + 5, middle_y)) == (200, 30, 30)
    assert image.getpixel((left + 5, top + 20)) == sheet.BACKGROUND  # above the letterboxed picture
    # ... and the tall blue one fills its height (90x270, centred horizontally).
    assert image.getpixel((right + sheet.THUMB[0] // 2, top + 5)) == (30, 30, 200)
    assert image.getpixel((right + 10, top + 5)) == sheet.BACKGROUND
    # The arrow sits between them.
    assert image.getpixel((left + sheet.THUMB[0] + sheet.GAP // 2, middle_y)) == sheet.ACCENT


def test_write_saves_a_png_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = sheet.write(out / "sheet.png", _rows(tmp_path), "t", "s", "f")
    assert [p.name for p in out.iterdir()] == ["sheet.png"]
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        assert image.format == "PNG"


def test_long_labels_are_shortened_to_fit() -> None:
    from PIL import ImageDraw, ImageFont

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = ImageFont.load_default(16)
    text = sheet._fit(draw, "word " * 100, font, 200)
    assert text.endswith("...")
    assert draw.textlength(text, font=font) <= 200
    assert sheet._fit(draw, "short", font, 200) == "short"
