"""The hand-written behaviour of the result views: what the rendered ``_views`` classes can *do*.

Each class here is a mixin with methods only; its rendered subclass in ``_views`` has the fields
(every property of its schema, plus the few fields this behaviour needs, named in
``openapi/surface/surface.yaml``). The annotations below declare the fields each method reads, so
mypy checks them against the rendered classes: a property the spec renames or drops is a type
error here, not a silent ``None``.
"""

from __future__ import annotations

import functools
import mimetypes
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import httpx

from ._atomic import write_atomic
from ._filenames import image_labels
from ._sniff import EXTENSIONS

if TYPE_CHECKING:
    from ._views import GeneratedImage, ModelEditSupport, ModelInfo, ParameterInfo, Usage

__all__ = [
    "GeneratedImageBehaviour",
    "ImagesResultBehaviour",
    "ModelCatalogBehaviour",
    "ModelInfoBehaviour",
    "ParameterInfoBehaviour",
    "StrPath",
]

StrPath = str | Path


def _extension(mime_type: str) -> str:
    known = EXTENSIONS.get(mime_type)
    if known is not None:
        return known
    guessed = mimetypes.guess_extension(mime_type)
    return guessed.lstrip(".") if guessed else "bin"


class GeneratedImageBehaviour:
    """One returned image, decoded: its bytes, type and file extension, and saving it."""

    index: int | None
    position: int
    data: bytes
    mime_type: str

    @property
    def extension(self) -> str:
        """The file extension for :attr:`mime_type`, without the dot (``png``, ``jpg``, ``webp``)."""
        return _extension(self.mime_type)

    @property
    def number(self) -> int:
        """What the image's file is named after: ``index`` as the API sent it, else its position."""
        return self.index if self.index is not None else self.position

    @property
    def file_name(self) -> str:
        """``{number}.{extension}``."""
        return f"{self.number}.{self.extension}"

    def save(self, path: StrPath) -> Path:
        """Write the image to ``path`` atomically and return the path written.

        If ``path`` is an existing directory the file is :attr:`file_name` inside it; missing
        parent directories are created.
        """
        target = Path(path)
        if target.is_dir():
            target = target / self.file_name
        target.parent.mkdir(parents=True, exist_ok=True)
        return write_atomic(target, self.data)

    def __repr__(self) -> str:
        return f"GeneratedImage(index={self.index}, mime_type={self.mime_type!r}, bytes={len(self.data)})"


class ImagesResultBehaviour:
    """The images of one edit or generation: the decoded images, cost, request id, saving them all."""

    data: list[GeneratedImage]
    usage: Usage | None
    headers: httpx.Headers

    @property
    def images(self) -> list[GeneratedImage]:
        """The returned images, decoded (the same objects as ``data``)."""
        return self.data

    @property
    def cost(self) -> float | None:
        """The billed cost, ``usage.cost.total_cost`` (its unit: see ``Cost.total_cost``), when reported."""
        if self.usage is None or self.usage.cost is None:
            return None
        return self.usage.cost.total_cost

    @property
    def request_id(self) -> str | None:
        """The ``x-request-id`` response header, to quote to support."""
        request_id: str | None = self.headers.get("x-request-id")
        return request_id

    def save_all(self, directory: StrPath) -> list[Path]:
        """Save every image as ``{index}.{extension}`` in ``directory`` (created if missing).

        Every image is kept: a repeated index gets ``-2``, ``-3``... (``0.png``, ``0-2.png``); an image
        without an index is named by its position.
        """
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        labels = image_labels(image.number for image in self.data)
        return [
            image.save(folder / f"{label}.{image.extension}") for image, label in zip(self.data, labels, strict=True)
        ]


class ModelEditBehaviour:
    """Shortcuts into a model's ``edit`` block."""

    edit: ModelEditSupport | None

    @property
    def edit_supported(self) -> bool | None:
        """Whether the model can edit images (``None`` when the catalog does not say)."""
        return self.edit.supported if self.edit is not None else None

    @property
    def max_images(self) -> int | None:
        """The most reference images one edit may carry (``None`` when not stated)."""
        return self.edit.max_images if self.edit is not None else None


class ModelInfoBehaviour(ModelEditBehaviour):
    """One model of the catalog: what it accepts, for the preflight and for you."""

    parameters: dict[str, ParameterInfo] | None

    @property
    def declares_parameters(self) -> bool:
        """Whether the entry has a ``parameters`` block (if not, nothing is known about them)."""
        return self.parameters is not None

    @property
    def accepted(self) -> Mapping[str, ParameterInfo]:
        """The request fields the model accepts, by name (empty when the catalog does not say)."""
        return self.parameters or {}


class ParameterInfoBehaviour:
    """One request field a model accepts, with its constraints."""

    type: str
    allowed_values: list[Any] | None
    minimum: float | None
    maximum: float | None

    def describe(self) -> str:
        """What the parameter accepts, in words (for error messages)."""
        if self.allowed_values is not None:
            if len(self.allowed_values) == 1:
                return f"only {self.allowed_values[0]!r}"
            return "one of " + ", ".join(repr(value) for value in self.allowed_values)
        bounds = []
        if self.minimum is not None:
            bounds.append(f">= {self.minimum:g}")
        if self.maximum is not None:
            bounds.append(f"<= {self.maximum:g}")
        article = "an" if self.type[:1] in "aeiou" else "a"
        return f"{article} {self.type}" + (" " + " and ".join(bounds) if bounds else "")


class ModelCatalogBehaviour:
    """The models your key can call, in the API's order; iterate it or look one up with :meth:`get`."""

    data: list[ModelInfo]

    @functools.cached_property
    def _by_id(self) -> dict[str, ModelInfo]:
        return {model.id: model for model in self.data}

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> Self:
        """A catalog from a ``GET /v1/models`` body (e.g. saved with ``deepshi models --json``).

        Pass it as ``Deepshi(catalog=...)`` and the preflight never fetches one. The document is
        checked against the spec's ``ModelList`` schema first (``ValueError`` saying what is wrong).
        """
        from deepshi_openapi.models import ModelList

        from . import _spec

        problems = [error.message for error in _spec.validator("ModelList").iter_errors(document)]
        if problems:
            raise ValueError("not a ModelList document: " + "; ".join(problems[:3]))
        from_raw = getattr(cls, "from_raw")  # rendered on the subclass  # noqa: B009
        catalog: Self = from_raw(ModelList.from_dict(dict(document)))
        return catalog

    def get(self, model_id: str) -> ModelInfo | None:
        """The model with this id, or ``None``."""
        return self._by_id.get(model_id)

    @property
    def ids(self) -> list[str]:
        return [model.id for model in self.data]

    def __iter__(self) -> Iterator[ModelInfo]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._by_id

    def __repr__(self) -> str:
        return f"ModelCatalog({self.ids!r})"
