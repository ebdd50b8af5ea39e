"""The output size an answer claims, derived from the request and the model's sizing style.

| sizing style       | fields read                  | size                                                   |
|--------------------|------------------------------|--------------------------------------------------------|
| `pixel_dimensions` | `width`, `height`            | as asked (model defaults for an omitted one)           |
| `resolution_tier`  | `aspect_ratio`, `resolution` | long side 1K=1024, 2K=2048, 4K=4096; short side from the ratio, rounded to a multiple of 8 |
| `aspect_ratio`     | `aspect_ratio`               | as `resolution_tier` at 1K                             |
| `preset_size`      | `image_size`                 | `WxH` as asked; `auto` = 1024x1024; `auto_2K` = 2048x2048 (1K/4K likewise) |
| anything else      | —                            | 1024x1024                                              |

How a style turns fields into a size is the mock's simulation: the spec names the styles and
their fields only in prose (``Model.sizing_style``). The style and field names used here are
pinned in :mod:`.terms` (``SizingStyle``, ``Request``): a spec that no longer describes a style
or declares a field stops the mock from starting. The tier names (``1K``...) and ``auto`` are
example values of the spec's free-form ``resolution`` / ``image_size`` strings, read as the
catalog lists them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .catalog import ModelEntry
from .terms import Request, SizingStyle

DEFAULT_SIZE = (1024, 1024)
_TIERS = {"1K": 1024, "2K": 2048, "4K": 4096}
_WXH = re.compile(r"([0-9]{1,5})x([0-9]{1,5})")
_RATIO = re.compile(r"([0-9]+(?:\.[0-9]+)?):([0-9]+(?:\.[0-9]+)?)")


def output_size(entry: ModelEntry | None, fields: Mapping[str, Any]) -> tuple[int, int]:
    """(width, height) of the images answered for ``fields`` (request values over model defaults)."""
    if entry is None:
        return DEFAULT_SIZE
    values = {**entry.defaults(), **{k: v for k, v in fields.items() if k in entry.parameters}}
    style = entry.sizing_style
    if style == SizingStyle.PIXEL_DIMENSIONS:
        return _positive(values.get(Request.WIDTH), 1024), _positive(values.get(Request.HEIGHT), 1024)
    if style == SizingStyle.RESOLUTION_TIER:
        return ratio_size(values.get(Request.ASPECT_RATIO), values.get(Request.RESOLUTION))
    if style == SizingStyle.ASPECT_RATIO:
        return ratio_size(values.get(Request.ASPECT_RATIO), "1K")
    if style == SizingStyle.PRESET_SIZE:
        return preset_size(values.get(Request.IMAGE_SIZE))
    return DEFAULT_SIZE


def ratio_size(aspect_ratio: Any, resolution: Any) -> tuple[int, int]:
    """Size for an aspect ratio (``W:H``) at a resolution tier (``1K``/``2K``/``4K``)."""
    long_side = _TIERS.get(str(resolution).upper(), 1024)
    match = _RATIO.fullmatch(str(aspect_ratio or "1:1"))
    ratio_w, ratio_h = (float(match.group(1)), float(match.group(2))) if match else (1.0, 1.0)
    if ratio_w <= 0 or ratio_h <= 0:
        ratio_w = ratio_h = 1.0
    if ratio_w >= ratio_h:
        return long_side, _round8(long_side * ratio_h / ratio_w)
    return _round8(long_side * ratio_w / ratio_h), long_side


def preset_size(image_size: Any) -> tuple[int, int]:
    """Size for a named preset: ``WxH``, ``auto`` or ``auto_<tier>``."""
    text = str(image_size or "auto")
    match = _WXH.fullmatch(text)
    if match:
        return _positive(int(match.group(1)), 1024), _positive(int(match.group(2)), 1024)
    tier = text.split("_", 1)[1] if text.startswith("auto_") else "1K"
    side = _TIERS.get(tier.upper(), 1024)
    return side, side


MAX_SIDE = 8192
"""No side is rendered larger than this, whatever a catalog allows (the mock's own memory)."""


def _positive(value: Any, default: int) -> int:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 1
    return min(int(value), MAX_SIDE) if ok else default


def _round8(value: float) -> int:
    return max(8, round(value / 8) * 8)
