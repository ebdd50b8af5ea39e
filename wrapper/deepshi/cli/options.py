"""Command-line options shared by ``edit``, ``generate`` and ``batch``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

_SIZE = "Sizing (the model decides which apply; see `deepshi models`)"


class OutputFormat(StrEnum):
    png = "png"
    jpeg = "jpeg"
    webp = "webp"


Prompt = Annotated[
    str, typer.Option("--prompt", "-p", help="What to do (edit) or draw (generate).", show_default=False)
]
Model = Annotated[str, typer.Option("--model", "-m", help="Model id; `deepshi models` lists them.", show_default=False)]
N = Annotated[int | None, typer.Option("--n", min=1, help="Number of images (default 1).", show_default=False)]
Format = Annotated[
    OutputFormat | None, typer.Option("--output-format", help="Encoding of the result.", show_default=False)
]
Width = Annotated[
    int | None, typer.Option(min=1, help="Output width in pixels.", rich_help_panel=_SIZE, show_default=False)
]
Height = Annotated[
    int | None, typer.Option(min=1, help="Output height in pixels.", rich_help_panel=_SIZE, show_default=False)
]
AspectRatio = Annotated[str | None, typer.Option(help="e.g. 16:9.", rich_help_panel=_SIZE, show_default=False)]
Resolution = Annotated[
    str | None, typer.Option(help="Resolution tier, e.g. 1K, 2K, 4K.", rich_help_panel=_SIZE, show_default=False)
]
Quality = Annotated[str | None, typer.Option(help="low, medium or high.", rich_help_panel=_SIZE, show_default=False)]
ImageSize = Annotated[
    str | None, typer.Option(help="Named preset size, e.g. auto_2K.", rich_help_panel=_SIZE, show_default=False)
]
Seed = Annotated[int | None, typer.Option(help="Seed for reproducible output.", show_default=False)]
Stream = Annotated[bool, typer.Option("--stream", help="Stream the answer (for slow, large images).")]
Out = Annotated[
    Path, typer.Option("--out", "-o", help="Directory for the results (created if missing).", file_okay=False)
]
Name = Annotated[
    str | None,
    typer.Option(help="File name stem: files are STEM-0.png, STEM-1.png…; never overwrites.", show_default=False),
]


def request_options(**values: Any) -> dict[str, Any]:
    """The request keyword arguments that were given (None means "not given": the API default)."""
    return {
        key: value.value if isinstance(value, StrEnum) else value for key, value in values.items() if value is not None
    }
