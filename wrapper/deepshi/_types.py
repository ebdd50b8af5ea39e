"""The "not given" sentinel and the type aliases used in signatures."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Literal, TypeAlias, Union

import httpx

# The spec's enums, as the generator wrote them (Literal aliases); re-exported for signatures.
from deepshi_openapi.models.output_format import OutputFormat
from deepshi_openapi.models.quality import Quality
from deepshi_openapi.models.response_format import ResponseFormat

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

__all__ = [
    "NOT_GIVEN",
    "FileContent",
    "ImageInput",
    "ImageInputs",
    "NotGiven",
    "OutputFormat",
    "Quality",
    "ResponseFormat",
    "TimeoutTypes",
]


class NotGiven:
    """The type of :data:`NOT_GIVEN`: "argument not given, use the default".

    Needed where ``None`` already means something: ``timeout=None`` means "no timeout", while
    ``timeout=NOT_GIVEN`` (the default) means "use the client's timeout".
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

TimeoutTypes: TypeAlias = float | httpx.Timeout | None
"""Seconds for every phase, an :class:`httpx.Timeout`, or ``None`` for no timeout."""

FileContent: TypeAlias = bytes | bytearray | memoryview | IO[bytes]
"""The content part of a ``(filename, content[, mime_type])`` tuple."""

# Union[...] rather than "|": the PIL member is a forward reference (Pillow is optional).
ImageInput: TypeAlias = Union[
    str,
    os.PathLike[str],
    bytes,
    bytearray,
    memoryview,
    IO[bytes],
    tuple[str | None, FileContent],
    tuple[str | None, FileContent, str | None],
    "PILImage",
]
"""One input image: a path, raw bytes, a binary file object, a tuple, or a ``PIL.Image.Image``."""

ImageInputs: TypeAlias = Union[ImageInput, Sequence[ImageInput]]  # noqa: UP007
"""One input image, or a list of 1 to 14 of them."""
