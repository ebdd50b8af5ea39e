"""What a call returns: :class:`ImagesResult` with decoded :class:`GeneratedImage` objects.

These are thin views over the generated models (kept in ``.raw`` with every unknown field), adding
what the generated models cannot: decoded bytes (from ``b64_json`` or an inline ``data:`` URL), the
real MIME type (sniffed), atomic saving, ``None`` instead of ``UNSET`` for absent usage fields, and
the response headers.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from deepshi_openapi.models import ImageData, ImagesResponse
from deepshi_openapi.models import Usage as RawUsage
from deepshi_openapi.types import Unset

from ._atomic import write_atomic
from ._base64 import b64decode
from ._errors import APIResponseValidationError
from ._filenames import image_labels
from ._sniff import EXTENSIONS, SNIFF_BYTES, sniff

__all__ = ["CompletionTokensDetails", "GeneratedImage", "ImagesResult", "PromptTokensDetails", "Usage", "images_result"]

StrPath = str | os.PathLike[str]


def _opt_int(value: int | Unset) -> int | None:
    return None if isinstance(value, Unset) else value


@dataclass(frozen=True)
class PromptTokensDetails:
    """Breakdown of the prompt tokens (each field ``None`` when the API did not report it)."""

    cached_tokens: int | None = None
    cached_read_tokens: int | None = None
    image_tokens: int | None = None


@dataclass(frozen=True)
class CompletionTokensDetails:
    """Breakdown of the completion tokens (each field ``None`` when the API did not report it)."""

    reasoning_tokens: int | None = None
    image_tokens: int | None = None


@dataclass(frozen=True)
class Usage:
    """Token usage and the billed cost. Absent is ``None``, never 0: the API may report only ``cost``."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    prompt_tokens_details: PromptTokensDetails | None = None
    completion_tokens_details: CompletionTokensDetails | None = None
    cost: float | None = None
    """The exact amount charged, in USD."""
    raw: RawUsage | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_raw(cls, raw: RawUsage) -> Usage:
        prompt = raw.prompt_tokens_details
        completion = raw.completion_tokens_details
        return cls(
            prompt_tokens=_opt_int(raw.prompt_tokens),
            completion_tokens=_opt_int(raw.completion_tokens),
            total_tokens=_opt_int(raw.total_tokens),
            prompt_tokens_details=None
            if isinstance(prompt, Unset)
            else PromptTokensDetails(
                cached_tokens=_opt_int(prompt.cached_tokens),
                cached_read_tokens=_opt_int(prompt.cached_read_tokens),
                image_tokens=_opt_int(prompt.image_tokens),
            ),
            completion_tokens_details=None
            if isinstance(completion, Unset)
            else CompletionTokensDetails(
                reasoning_tokens=_opt_int(completion.reasoning_tokens),
                image_tokens=_opt_int(completion.image_tokens),
            ),
            cost=None if isinstance(raw.cost, Unset) else float(raw.cost.total_cost),
            raw=raw,
        )


def _extension(mime_type: str) -> str:
    known = EXTENSIONS.get(mime_type)
    if known is not None:
        return known
    guessed = mimetypes.guess_extension(mime_type)
    return guessed.lstrip(".") if guessed else "bin"


@dataclass(frozen=True, repr=False)
class GeneratedImage:
    """One returned image, decoded."""

    index: int
    """Position in the batch, starting at 0."""
    data: bytes
    """The image file's bytes."""
    mime_type: str
    """Sniffed from the bytes (``image/png``, ``image/jpeg``, ``image/webp``), else as declared."""
    revised_prompt: str | None
    """The prompt the model actually used, when it rewrote yours."""
    raw: ImageData = field(compare=False)

    @property
    def extension(self) -> str:
        """The file extension for :attr:`mime_type`, without the dot (``png``, ``jpg``, ``webp``)."""
        return _extension(self.mime_type)

    def save(self, path: StrPath) -> Path:
        """Write the image to ``path`` atomically and return the path written.

        If ``path`` is an existing directory the file is named ``{index}.{extension}`` inside it;
        missing parent directories are created.
        """
        target = Path(path)
        if target.is_dir():
            target = target / f"{self.index}.{self.extension}"
        target.parent.mkdir(parents=True, exist_ok=True)
        return write_atomic(target, self.data)

    def __repr__(self) -> str:
        return f"GeneratedImage(index={self.index}, mime_type={self.mime_type!r}, bytes={len(self.data)})"


@dataclass(frozen=True)
class ImagesResult:
    """The images of one edit or generation, with usage, cost and the response headers."""

    images: list[GeneratedImage]
    created: int
    """Unix timestamp when the request was created."""
    model: str | None
    size: str | None
    """The actual output dimensions, as ``WIDTHxHEIGHT``."""
    usage: Usage | None
    headers: httpx.Headers = field(repr=False, compare=False)
    raw: ImagesResponse = field(repr=False, compare=False)
    """The generated model, unknown fields kept in ``raw.additional_properties``."""

    @property
    def cost(self) -> float | None:
        """The billed cost in USD, when the API reported it."""
        return self.usage.cost if self.usage is not None else None

    @property
    def request_id(self) -> str | None:
        """The ``x-request-id`` response header, to quote to support."""
        request_id: str | None = self.headers.get("x-request-id")
        return request_id

    def save_all(self, directory: StrPath) -> list[Path]:
        """Save every image as ``{index}.{extension}`` in ``directory`` (created if missing).

        Every image is kept: a repeated index gets ``-2``, ``-3``... (``0.png``, ``0-2.png``).
        """
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        labels = image_labels(image.index for image in self.images)
        return [
            image.save(folder / f"{label}.{image.extension}") for image, label in zip(self.images, labels, strict=True)
        ]


def _decode(item: ImageData, where: str) -> tuple[bytes, str | None]:
    """The image bytes of one item, and the MIME type a ``data:`` URL declared."""
    if isinstance(item.b64_json, str):
        return b64decode(item.b64_json), None
    if isinstance(item.url, str):
        # An inline data URL (RFC 2397): "data:<mime>;base64,<payload>". Parsed by hand because
        # the stdlib only parses these inside urllib's opener machinery.
        scheme, _, rest = item.url.partition(":")
        header, comma, payload = rest.partition(",")
        params = header.split(";")
        if scheme.lower() != "data" or not comma or "base64" not in params[1:]:
            raise ValueError(f"{where}.url is not a base64 data: URL")
        return b64decode(payload), params[0] or None
    raise ValueError(f"{where} has neither b64_json nor url")


def images_result(raw: ImagesResponse, response: httpx.Response) -> ImagesResult:
    """Build the result from a parsed (and schema-checked) answer; undecodable images are a validation error."""
    images = []
    for position, item in enumerate(raw.data):
        where = f"data[{position}]"
        try:
            data, declared = _decode(item, where)
        except ValueError as exc:  # binascii.Error is a ValueError
            raise APIResponseValidationError(
                f"The API returned an undecodable image in {where}: {exc}", response=response
            ) from exc
        mime_type = sniff(data[:SNIFF_BYTES]) or declared or "application/octet-stream"
        index = item.index if isinstance(item.index, int) else position
        revised = item.revised_prompt if isinstance(item.revised_prompt, str) else None
        images.append(GeneratedImage(index=index, data=data, mime_type=mime_type, revised_prompt=revised, raw=item))
    return ImagesResult(
        images=images,
        created=raw.created,
        model=raw.model if isinstance(raw.model, str) else None,
        size=raw.size if isinstance(raw.size, str) else None,
        usage=None if isinstance(raw.usage, Unset) else Usage.from_raw(raw.usage),
        headers=response.headers,
        raw=raw,
    )
